package com.supportpin.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs a request as Twilio does: Base64 HMAC-SHA1 with the Auth Token over the URL and the sorted parameters. */
public final class RequestSigner {

    private final SecretKeySpec key;

    public RequestSigner(String authToken) {
        this.key = new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1");
    }

    /** The signature of a request to {@code url} (query string included) with these form parameters. */
    public String sign(String url, Map<String, String> formParams) {
        var data = new StringBuilder(url);
        new TreeMap<>(formParams).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(key);
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }
}
