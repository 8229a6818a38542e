package com.supportpin.ops;

import com.supportpin.config.TrustedProxies;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/** Sets each request's remote address to its client address by {@link TrustedProxies}, replacing Spark's customizer. */
final class ClientAddressCustomizer implements HttpConfiguration.Customizer {

    private final TrustedProxies proxies;

    private ClientAddressCustomizer(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    /** Takes Jetty's own forwarded-header handling off {@code configuration} and puts this one in its place. */
    static void replaceForwardedHandling(HttpConfiguration configuration, TrustedProxies proxies) {
        var customizers = new ArrayList<HttpConfiguration.Customizer>();
        for (HttpConfiguration.Customizer customizer : configuration.getCustomizers()) {
            if (!(customizer instanceof ForwardedRequestCustomizer)
                    && !(customizer instanceof ClientAddressCustomizer)) {
                customizers.add(customizer);
            }
        }
        customizers.add(0, new ClientAddressCustomizer(proxies));
        configuration.setCustomizers(customizers);
    }

    @Override
    public void customize(Connector connector, HttpConfiguration configuration, Request request) {
        InetSocketAddress peer = request.getRemoteInetSocketAddress();
        if (peer == null || peer.getAddress() == null || !proxies.trusts(peer.getAddress())) {
            return;
        }
        HttpFields headers = request.getHttpFields();
        List<String> xForwardedFor = headers.getValuesList("X-Forwarded-For");
        List<String> forwarded = headers.getValuesList("Forwarded");
        InetAddress client = proxies.clientAddress(peer.getAddress(), xForwardedFor, forwarded);
        if (!client.equals(peer.getAddress())) {
            request.setRemoteAddr(new InetSocketAddress(client, 0));
        }
    }
}
