package io.tixing.channel.twilio;

import com.twilio.http.TwilioRestClient;

/** Builds the SDK client used by the SMS and voice channels. One per application is enough (it is thread-safe). */
public final class TwilioClients {

    private TwilioClients() {
    }

    public static TwilioRestClient create(TwilioSettings settings) {
        return create(settings, new RewritingTwilioHttpClient(settings.apiBaseUrl(), settings.connectTimeout(),
                settings.readTimeout()));
    }

    public static TwilioRestClient create(TwilioSettings settings, com.twilio.http.HttpClient httpClient) {
        if (TwilioSettings.blank(settings.accountSid()) || TwilioSettings.blank(settings.authToken())) {
            throw new IllegalArgumentException("Twilio account SID and auth token are required for live mode");
        }
        return new TwilioRestClient.Builder(settings.accountSid(), settings.authToken())
                .httpClient(httpClient)
                .build();
    }
}
