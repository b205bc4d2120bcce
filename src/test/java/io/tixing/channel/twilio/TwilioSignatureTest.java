package io.tixing.channel.twilio;

import com.twilio.security.RequestValidator;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TwilioSignatureTest {

    private static final String TOKEN = "12345";
    private final TwilioSignature signature = new TwilioSignature(TOKEN, "https://gw.example.com/");

    private static Map<String, List<String>> statusCallback() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("MessageSid", List.of("SM0123456789abcdef0123456789abcdef"));
        params.put("MessageStatus", List.of("delivered"));
        params.put("To", List.of("+8613800138000"));
        params.put("AccountSid", List.of("AC00000000000000000000000000000000"));
        return params;
    }

    @Test
    void matches_the_example_in_twilios_security_documentation() {
        Map<String, List<String>> params = Map.of("CallSid", List.of("CA1234567890ABCDE"), "Caller", List.of("+12349013030"),
                "Digits", List.of("1234"), "From", List.of("+12349013030"), "To", List.of("+18005551212"));

        assertThat(signature.sign("https://mycompany.com/myapp.php?foo=1&bar=2", params)).isEqualTo("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
    }

    @Test
    void a_request_signed_as_twilio_does_is_valid_and_the_sdk_validator_agrees() {
        String path = "/webhooks/twilio/status?attemptId=5f0c9a52-4a43-4c39-9a43-6f3d4c1f0a11";
        String url = "https://gw.example.com" + path;
        String sig = signature.sign(url, statusCallback());

        assertThat(signature.isValid(path, statusCallback(), sig)).isTrue();
        Map<String, String> single = new LinkedHashMap<>();
        statusCallback().forEach((k, v) -> single.put(k, v.get(0)));
        assertThat(new RequestValidator(TOKEN).validate(url, single, sig)).isTrue();
    }

    @Test
    void a_tampered_parameter_fails() {
        String path = "/webhooks/twilio/status";
        String sig = signature.sign(signature.publicUrl(path), statusCallback());
        Map<String, List<String>> tampered = statusCallback();
        tampered.put("MessageStatus", List.of("failed"));

        assertThat(signature.isValid(path, tampered, sig)).isFalse();
    }

    @Test
    void an_added_parameter_fails() {
        String path = "/webhooks/twilio/status";
        String sig = signature.sign(signature.publicUrl(path), statusCallback());
        Map<String, List<String>> more = statusCallback();
        more.put("ErrorCode", List.of("30003"));

        assertThat(signature.isValid(path, more, sig)).isFalse();
    }

    @Test
    void a_signature_for_another_url_fails() {
        String sig = signature.sign("https://gw.example.com/webhooks/twilio/inbound", statusCallback());

        assertThat(signature.isValid("/webhooks/twilio/status", statusCallback(), sig)).isFalse();
        assertThat(signature.isValid("/webhooks/twilio/voice/x?step=menu", statusCallback(), sig)).isFalse();
    }

    @Test
    void a_signature_made_with_another_token_fails() {
        String sig = new TwilioSignature("other-token", "https://gw.example.com").sign(
                "https://gw.example.com/webhooks/twilio/status", statusCallback());

        assertThat(signature.isValid("/webhooks/twilio/status", statusCallback(), sig)).isFalse();
    }

    @Test
    void a_missing_or_empty_signature_fails() {
        assertThat(signature.isValid("/webhooks/twilio/status", statusCallback(), null)).isFalse();
        assertThat(signature.isValid("/webhooks/twilio/status", statusCallback(), "")).isFalse();
    }

    @Test
    void twilio_may_sign_with_or_without_the_default_port() {
        String sig = signature.sign("https://gw.example.com:443/webhooks/twilio/status", statusCallback());

        assertThat(signature.isValid("/webhooks/twilio/status", statusCallback(), sig)).isTrue();
    }

    @Test
    void repeated_parameters_are_all_signed() {
        Map<String, List<String>> params = new LinkedHashMap<>(statusCallback());
        params.put("StatusCallbackEvent", List.of("ringing", "answered"));
        String sig = signature.sign("https://gw.example.com/webhooks/twilio/status", params);

        params.put("StatusCallbackEvent", List.of("ringing"));
        assertThat(signature.isValid("/webhooks/twilio/status", params, sig)).isFalse();
    }
}
