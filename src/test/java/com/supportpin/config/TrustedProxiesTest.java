package com.supportpin.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which address is the client, given the TCP peer, TRUSTED_PROXIES and the forwarded headers. */
class TrustedProxiesTest {

    private static final TrustedProxies PROXIES = proxies("10.0.0.0/8, 192.0.2.7, 2001:db8:aa::/48");

    @Test
    void anUntrustedPeerIsTheClientWhateverItsHeadersSay() {
        assertThat(client("198.51.100.9", List.of("203.0.113.1"), List.of("for=203.0.113.2")))
                .isEqualTo("198.51.100.9");
        assertThat(client(TrustedProxies.NONE, "10.0.0.1", List.of("203.0.113.1"), List.of()))
                .isEqualTo("10.0.0.1");
    }

    @Test
    void behindATrustedProxyTheRightMostUntrustedHopIsTheClient() {
        assertThat(client("10.0.0.1", List.of("203.0.113.50"), List.of())).isEqualTo("203.0.113.50");
        assertThat(client("10.0.0.1", List.of("1.2.3.4, 5.6.7.8, 203.0.113.50"), List.of()))
                .as("entries the client wrote itself, left of the proxy's, are never read")
                .isEqualTo("203.0.113.50");
        assertThat(client("10.0.0.1", List.of("1.2.3.4, 203.0.113.50, 10.9.9.9, 192.0.2.7"), List.of()))
                .as("a chain of trusted proxies is walked from the right")
                .isEqualTo("203.0.113.50");
        assertThat(client("10.0.0.1", List.of("1.2.3.4", "203.0.113.50"), List.of()))
                .as("several header lines are one list, in order")
                .isEqualTo("203.0.113.50");
    }

    @Test
    void whenEveryHopIsTrustedTheFarthestIsTheClient() {
        assertThat(client("10.0.0.1", List.of("10.1.1.1, 10.2.2.2"), List.of())).isEqualTo("10.1.1.1");
        assertThat(client("10.0.0.1", List.of(), List.of()))
                .as("no header: the proxy itself")
                .isEqualTo("10.0.0.1");
    }

    @Test
    void anUnknownOrMalformedHopStopsTheWalkAtTheProxyThatReportedIt() {
        assertThat(client("10.0.0.1", List.of("203.0.113.5, unknown"), List.of()))
                .isEqualTo("10.0.0.1");
        assertThat(client("10.0.0.1", List.of("203.0.113.5, evil.example.com, 10.3.3.3"), List.of()))
                .isEqualTo("10.3.3.3");
        assertThat(client("10.0.0.1", List.of("999.1.1.1"), List.of())).isEqualTo("10.0.0.1");
    }

    @Test
    void portsAndBracketsAreTakenOff() {
        assertThat(client("10.0.0.1", List.of("203.0.113.50:41234"), List.of())).isEqualTo("203.0.113.50");
        assertThat(client("10.0.0.1", List.of("[2001:db8:ff::1]:443"), List.of()))
                .isEqualTo("2001:db8:ff:0:0:0:0:1");
        assertThat(client("10.0.0.1", List.of("2001:db8:ff::1"), List.of())).isEqualTo("2001:db8:ff:0:0:0:0:1");
    }

    @Test
    void rfc7239ForwardedIsReadWhenThereIsNoXForwardedFor() {
        assertThat(client(
                        "10.0.0.1",
                        List.of(),
                        List.of("for=1.2.3.4;proto=https, for=\"[2001:db8:ff::17]:4711\";by=10.0.0.1")))
                .isEqualTo("2001:db8:ff:0:0:0:0:17");
        assertThat(client("10.0.0.1", List.of(), List.of("for=1.2.3.4", "For=203.0.113.60")))
                .isEqualTo("203.0.113.60");
        assertThat(client("10.0.0.1", List.of(), List.of("for=203.0.113.5, proto=https")))
                .as("an element without for= is an unknown hop, never skipped")
                .isEqualTo("10.0.0.1");
        assertThat(client("10.0.0.1", List.of("203.0.113.70"), List.of("for=1.2.3.4")))
                .as("X-Forwarded-For, which proxies overwrite or append to, comes first")
                .isEqualTo("203.0.113.70");
    }

    @Test
    void ipv6ProxiesAreMatchedByTheirBlock() {
        assertThat(client("2001:db8:aa:1::5", List.of("203.0.113.80"), List.of()))
                .isEqualTo("203.0.113.80");
        assertThat(client("2001:db8:ab::5", List.of("203.0.113.80"), List.of())).isEqualTo("2001:db8:ab:0:0:0:0:5");
    }

    @Test
    void literalsNeverBecomeHostNames() {
        assertThat(TrustedProxies.literal("localhost")).isEmpty();
        assertThat(TrustedProxies.literal("abc")).isEmpty();
        assertThat(TrustedProxies.literal("1.2.3")).isEmpty();
        assertThat(TrustedProxies.literal("::1")).isPresent();
    }

    private static String client(String peer, List<String> xForwardedFor, List<String> forwarded) {
        return client(PROXIES, peer, xForwardedFor, forwarded);
    }

    private static String client(
            TrustedProxies proxies, String peer, List<String> xForwardedFor, List<String> forwarded) {
        InetAddress address = TrustedProxies.literal(peer).orElseThrow();
        return proxies.clientAddress(address, xForwardedFor, forwarded).getHostAddress();
    }

    private static TrustedProxies proxies(String list) {
        var problems = new ArrayList<String>();
        TrustedProxies proxies = TrustedProxies.parse(list, problems);
        assertThat(problems).isEmpty();
        return proxies;
    }
}
