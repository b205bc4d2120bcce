package io.tixing.channel.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import io.tixing.channel.SendResult;
import io.tixing.channel.SendResult.Failure;
import org.junit.jupiter.api.Test;

import java.net.SocketTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class TwilioErrorsTest {

    private static SendResult map(RuntimeException e) {
        return TwilioErrors.map(e, TwilioErrors.SMS_INVALID_CONTACT_POINT, Fixtures.backoff());
    }

    private static ApiException api(int code, int status) {
        return new ApiException("x", code == 0 ? null : code, null, status, status, null, null, null);
    }

    @Test
    void a_timeout_wrapped_the_way_the_stock_network_client_does_is_retried_later() {
        assertThat(map(new ApiException("Read timed out", new SocketTimeoutException("Read timed out"))))
                .isInstanceOfSatisfying(SendResult.RetryLater.class, r -> assertThat(r.errorCode()).isEqualTo("CONNECTION"));
    }

    @Test
    void a_connection_exception_is_retried_later() {
        assertThat(map(new ApiConnectionException("refused"))).isInstanceOf(SendResult.RetryLater.class);
    }

    @Test
    void unreachable_codes_mark_the_contact_point_invalid() {
        for (int code : new int[]{21211, 21612, 21614, 21408}) {
            assertThat(map(api(code, 400))).isInstanceOfSatisfying(SendResult.Rejected.class,
                    r -> assertThat(r.failure()).isEqualTo(Failure.INVALID_CONTACT_POINT));
        }
    }

    @Test
    void rate_limit_is_recognised_by_status_or_by_code() {
        assertThat(map(api(20429, 429))).isInstanceOf(SendResult.RetryLater.class);
        assertThat(map(api(20429, 400))).isInstanceOf(SendResult.RetryLater.class);
        assertThat(map(api(0, 429))).isInstanceOf(SendResult.RetryLater.class);
    }

    @Test
    void server_errors_are_retried_later_and_other_client_errors_are_permanent() {
        assertThat(map(api(20500, 503))).isInstanceOf(SendResult.RetryLater.class);
        assertThat(map(api(21604, 400))).isInstanceOfSatisfying(SendResult.Rejected.class,
                r -> assertThat(r.failure()).isEqualTo(Failure.PERMANENT));
    }

    @Test
    void anything_else_is_permanent_and_never_thrown() {
        assertThat(map(new IllegalStateException("boom"))).isInstanceOfSatisfying(SendResult.Rejected.class,
                r -> assertThat(r.failure()).isEqualTo(Failure.PERMANENT));
    }
}
