package com.supportpin.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.support.FakeTwilio;
import com.supportpin.support.TestServer;
import com.supportpin.support.TwilioSigner;
import com.twilio.security.RequestValidator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every /voice request must carry Twilio's signature for the configured public URL; anything else gets 403. */
class TwilioSignatureTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static final FakeTwilio twilio = new FakeTwilio(server);

    private static Map<String, String> params() {
        var params = new LinkedHashMap<String, String>();
        params.put("CallSid", FakeTwilio.newCallSid());
        params.put("From", "+14155550100");
        params.put("To", "+18005550100");
        params.put("AccountSid", "AC0123456789abcdef0123456789abcdef");
        return params;
    }

    @Test
    void theTestSignerMatchesTwiliosPublishedTestVector() {
        var params = Map.of(
                "CallSid",
                "CA1234567890ABCDE",
                "Caller",
                "+14158675309",
                "Digits",
                "1234",
                "From",
                "+14158675309",
                "To",
                "+18005551212");
        String url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        assertThat(new TwilioSigner("12345").sign(url, params)).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
        assertThat(new RequestValidator("12345").validate(url, params, "RSOYDt4T1cUTdK1PDd93/VVr8B8="))
                .isTrue();
    }

    @Test
    void aCorrectlySignedRequestIsAnswered() {
        var reply = twilio.signedPost(VoicePaths.VOICE_INCOMING, params());
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("<Gather");
    }

    @Test
    void anUnsignedRequestGets403AndNoTwiml() {
        var reply = twilio.postWithSignature(VoicePaths.VOICE_INCOMING, params(), null);
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body()).doesNotContain("<Response");
    }

    @Test
    void aRequestSignedWithAnotherTokenGets403() {
        var params = params();
        String forged = new TwilioSigner("not-the-auth-token")
                .sign(TestServer.PUBLIC_BASE_URL + VoicePaths.VOICE_INCOMING, params);
        assertThat(twilio.postWithSignature(VoicePaths.VOICE_INCOMING, params, forged)
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aTamperedBodyGets403() {
        var params = params();
        params.put("Digits", "1234");
        String signature = twilio.sign(VoicePaths.VOICE_PIN, params);
        params.put("Digits", "9999");
        assertThat(twilio.postWithSignature(VoicePaths.VOICE_PIN, params, signature)
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aSignatureForAnotherPathGets403() {
        var params = params();
        String signature = twilio.sign(VoicePaths.VOICE_STATUS, params);
        assertThat(twilio.postWithSignature(VoicePaths.VOICE_INCOMING, params, signature)
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aSignatureOverTheLocalUrlInsteadOfThePublicOneGets403() {
        var params = params();
        String signature =
                new TwilioSigner(TestServer.AUTH_TOKEN).sign(server.localUrl(VoicePaths.VOICE_INCOMING), params);
        assertThat(twilio.postWithSignature(VoicePaths.VOICE_INCOMING, params, signature)
                        .status())
                .isEqualTo(403);
    }

    @Test
    void theQueryStringIsPartOfTheSignedUrlButNotOfTheParameters() {
        var params = params();
        String path = VoicePaths.VOICE_INCOMING + "?campaign=1";
        var reply = twilio.signedPost(path, params);
        assertThat(reply.status()).isEqualTo(200);
        // A signature that pretends the query parameter was a form parameter does not pass.
        var merged = new LinkedHashMap<>(params);
        merged.put("campaign", "1");
        String wrong = new TwilioSigner(TestServer.AUTH_TOKEN).sign(TestServer.PUBLIC_BASE_URL + path, merged);
        assertThat(twilio.postWithSignature(path, params, wrong).status()).isEqualTo(403);
    }

    @Test
    void everyVoiceRouteChecksTheSignature() {
        assertThat(server.voicePaths()).hasSizeGreaterThanOrEqualTo(14);
        for (String path : server.voicePaths()) {
            assertThat(twilio.postWithSignature(path, params(), "bogus").status())
                    .as(path)
                    .isEqualTo(403);
        }
    }
}
