package io.tixing.channel.twilio;

import com.twilio.constant.EnumConstants;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.http.HttpUtility;
import com.twilio.http.Request;
import com.twilio.http.Response;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The transport under the real twilio-java SDK: it sends every request whose host is {@code twilio.com} or a
 * {@code *.twilio.com} subdomain to the configured API base instead (scheme, host, port and an optional path prefix
 * are replaced; path and query are kept). With the default base it changes nothing.
 *
 * <p>Why not a {@code NetworkHttpClient} subclass: in 13.0.1 its {@code makeRequest} sets
 * {@code HttpClient.DEFAULT_REQUEST_CONFIG} on every request (connect timeout 30.5 s), overriding whatever timeouts
 * one passes to its constructor, and it wraps I/O errors (timeouts, refused connections) in a plain
 * {@link ApiException} that looks like an API error. This class uses the JDK client with our timeouts and throws
 * {@link ApiConnectionException} for I/O failures. Retries stay the SDK's: {@code HttpClient.reliableRequest} calls
 * {@link #makeRequest} up to 3 times, 100 ms apart, while the status is 5xx; never for 429 or an exception.
 */
public class RewritingTwilioHttpClient extends com.twilio.http.HttpClient implements AutoCloseable {

    /** Set by this class or by the JDK client; SDK header params with these names are ignored. */
    private static final Set<String> MANAGED_HEADERS = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "accept", "user-agent", "content-type", "authorization");

    private final URI apiBase;
    private final String basePath;
    private final Duration readTimeout;
    private final HttpClient http;

    public RewritingTwilioHttpClient(String apiBaseUrl, Duration connectTimeout, Duration readTimeout) {
        this.apiBase = URI.create(TwilioSettings.stripSlash(apiBaseUrl));
        if (apiBase.getScheme() == null || apiBase.getRawAuthority() == null) {
            throw new IllegalArgumentException("API base URL must be absolute, e.g. https://api.twilio.com: " + apiBaseUrl);
        }
        this.basePath = apiBase.getRawPath() == null ? "" : apiBase.getRawPath();
        this.readTimeout = readTimeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The URL a Twilio SDK URL is actually sent to. */
    public URI rewrite(String url) {
        URI original = URI.create(url);
        String host = original.getHost() == null ? "" : original.getHost().toLowerCase(Locale.ROOT);
        if (!(host.equals("twilio.com") || host.endsWith(".twilio.com"))) {
            return original;
        }
        String path = original.getRawPath() == null ? "" : original.getRawPath();
        String query = original.getRawQuery() == null ? "" : "?" + original.getRawQuery();
        return URI.create(apiBase.getScheme() + "://" + apiBase.getRawAuthority() + basePath + path + query);
    }

    @Override
    public Response makeRequest(Request request) {
        URI target = rewrite(request.constructURL().toString());
        HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(readTimeout);
        if (request.requiresAuthentication()) {
            builder.header("Authorization", request.getAuthString());
        }
        request.getHeaderParams().forEach((name, values) -> {
            if (!MANAGED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        builder.setHeader("Accept", "application/json");
        builder.setHeader("User-Agent", HttpUtility.getUserAgentString(request.getUserAgentExtensions(), true));
        builder.method(request.getMethod().toString(), body(request, builder));
        try {
            HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(new ByteArrayInputStream(response.body()), response.statusCode(), headers(response));
        } catch (java.net.http.HttpTimeoutException e) {
            if (e instanceof java.net.http.HttpConnectTimeoutException) {
                throw new ApiConnectionException("Twilio API unreachable at " + target.getRawAuthority() + ": " + e, e);
            }
            // Connected and sent, but the answer is late: Twilio may have accepted it. Never treat this as "not sent".
            throw new AmbiguousOutcomeException("no answer from the Twilio API in time at " + target.getRawAuthority() + ": " + e, e);
        } catch (IOException e) {
            throw new ApiConnectionException("Twilio API unreachable at " + target.getScheme() + "://"
                    + target.getRawAuthority() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiConnectionException("interrupted while calling the Twilio API", e);
        }
    }

    private static HttpRequest.BodyPublisher body(Request request, HttpRequest.Builder builder) {
        HttpMethod method = request.getMethod();
        if (method == HttpMethod.GET || method == HttpMethod.DELETE) {
            return HttpRequest.BodyPublishers.noBody();
        }
        EnumConstants.ContentType type = request.getContentType();
        if (type == EnumConstants.ContentType.JSON) {
            builder.setHeader("Content-Type", "application/json");
            String json = request.getBody() == null ? "" : request.getBody();
            return HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8);
        }
        if (type == EnumConstants.ContentType.MULTIPART_FORM_DATA) {
            throw new ApiException("multipart requests are not supported by " + RewritingTwilioHttpClient.class.getSimpleName());
        }
        builder.setHeader("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8");
        return HttpRequest.BodyPublishers.ofString(request.encodeFormBody(), StandardCharsets.UTF_8);
    }

    private static Header[] headers(HttpResponse<?> response) {
        List<Header> out = new ArrayList<>();
        response.headers().map().forEach((name, values) -> values.forEach(v -> out.add(new BasicHeader(name, v))));
        return out.toArray(Header[]::new);
    }

    @Override
    public void close() {
        http.close();
    }
}
