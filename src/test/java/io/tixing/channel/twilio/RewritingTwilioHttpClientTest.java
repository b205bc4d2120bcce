package io.tixing.channel.twilio;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RewritingTwilioHttpClientTest {

    private static RewritingTwilioHttpClient client(String base) {
        return new RewritingTwilioHttpClient(base, Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void api_twilio_com_is_sent_to_the_configured_base_keeping_path_and_query() {
        assertThat(client("http://127.0.0.1:8089").rewrite("https://api.twilio.com/2010-04-01/Accounts/AC1/Calls.json?PageSize=5"))
                .isEqualTo(URI.create("http://127.0.0.1:8089/2010-04-01/Accounts/AC1/Calls.json?PageSize=5"));
    }

    @Test
    void other_twilio_subdomains_and_regional_edges_are_rewritten_too() {
        RewritingTwilioHttpClient c = client("http://127.0.0.1:8089/fake/");
        assertThat(c.rewrite("https://messaging.twilio.com/v1/Services")).isEqualTo(URI.create("http://127.0.0.1:8089/fake/v1/Services"));
        assertThat(c.rewrite("https://api.dublin.ie1.twilio.com/2010-04-01/x")).isEqualTo(URI.create("http://127.0.0.1:8089/fake/2010-04-01/x"));
    }

    @Test
    void hosts_that_are_not_twilio_are_left_alone() {
        RewritingTwilioHttpClient c = client("http://127.0.0.1:8089");
        assertThat(c.rewrite("https://eviltwilio.com/x")).isEqualTo(URI.create("https://eviltwilio.com/x"));
        assertThat(c.rewrite("https://example.com/x")).isEqualTo(URI.create("https://example.com/x"));
    }

    @Test
    void the_default_base_changes_nothing() {
        assertThat(client(TwilioSettings.DEFAULT_API_BASE_URL).rewrite("https://api.twilio.com/2010-04-01/Accounts.json"))
                .isEqualTo(URI.create("https://api.twilio.com/2010-04-01/Accounts.json"));
    }
}
