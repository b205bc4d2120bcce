package io.tixing.channel.twilio;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code X-Twilio-Signature} for form-encoded webhooks, computed as Twilio does: the full public URL (scheme, host,
 * path and query exactly as Twilio requested it), then every POST parameter name followed by its value, names in
 * case-sensitive order (repeated names: values in order too), HMAC-SHA1 keyed with the auth token, Base64.
 *
 * <p>The SDK's {@code com.twilio.security.RequestValidator} does the same for single-valued parameters and also tries
 * the URL with and without the default port; we do both too, but take multi-valued parameters (Twilio sends e.g.
 * repeated {@code StatusCallbackEvent}) and compare bytes with {@link MessageDigest#isEqual} (constant time).
 * The public URL must be the configured webhook base + path + query, never the Host header of the request
 * (a proxy in front of the gateway changes that).
 */
public final class TwilioSignature {

    private final SecretKeySpec key;
    private final String publicBaseUrl;

    /**
     * @param authToken     the Twilio auth token
     * @param publicBaseUrl the webhook base Twilio was given (e.g. https://gw.example.com)
     */
    public TwilioSignature(String authToken, String publicBaseUrl) {
        if (authToken == null || authToken.isEmpty()) {
            throw new IllegalArgumentException("auth token required");
        }
        this.key = new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1");
        this.publicBaseUrl = publicBaseUrl == null ? "" : TwilioSettings.stripSlash(publicBaseUrl);
    }

    /** The URL Twilio signed for a request to {@code pathAndQuery} ("/webhooks/twilio/voice/x?step=menu"). */
    public String publicUrl(String pathAndQuery) {
        return publicBaseUrl + (pathAndQuery.startsWith("/") ? pathAndQuery : "/" + pathAndQuery);
    }

    /** True when {@code signature} is what Twilio would send for a POST to {@code publicBaseUrl + pathAndQuery}. */
    public boolean isValid(String pathAndQuery, Map<String, List<String>> params, String signature) {
        return isValidForUrl(publicUrl(pathAndQuery), params, signature);
    }

    /** Same as {@link #isValid} for an absolute URL. */
    public boolean isValidForUrl(String url, Map<String, List<String>> params, String signature) {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        byte[] given = signature.trim().getBytes(StandardCharsets.US_ASCII);
        boolean ok = false;
        for (String candidate : portVariants(url)) {
            // evaluate every variant: no early exit on a match
            ok |= MessageDigest.isEqual(given, sign(candidate, params).getBytes(StandardCharsets.US_ASCII));
        }
        return ok;
    }

    /** The signature Twilio would put in {@code X-Twilio-Signature} (also for tests that play Twilio). */
    public String sign(String url, Map<String, List<String>> params) {
        StringBuilder data = new StringBuilder(url);
        if (params != null) {
            new TreeMap<>(params).forEach((name, values) -> {
                List<String> sorted = new ArrayList<>(values == null ? List.of() : values);
                sorted.replaceAll(v -> v == null ? "" : v);
                sorted.sort(null);
                for (String v : sorted) {
                    data.append(name).append(v);
                }
            });
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    /** The URL as given, plus the same URL with the default port added or removed (Twilio may sign either). */
    static List<String> portVariants(String url) {
        List<String> out = new ArrayList<>(List.of(url));
        try {
            URI u = new URI(url);
            int defaultPort = "https".equalsIgnoreCase(u.getScheme()) ? 443 : "http".equalsIgnoreCase(u.getScheme()) ? 80 : -1;
            if (defaultPort < 0 || u.getHost() == null) {
                return out;
            }
            int port = u.getPort() == -1 ? defaultPort : u.getPort() == defaultPort ? -1 : Integer.MIN_VALUE;
            if (port != Integer.MIN_VALUE) {
                String auth = u.getRawUserInfo() == null ? "" : u.getRawUserInfo() + "@";
                out.add(u.getScheme() + "://" + auth + u.getHost() + (port == -1 ? "" : ":" + port)
                        + (u.getRawPath() == null ? "" : u.getRawPath())
                        + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()));
            }
        } catch (URISyntaxException e) {
            // keep the URL as given
        }
        return out;
    }
}
