package io.tixing.channel.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import io.tixing.channel.SendResult;
import io.tixing.channel.SendResult.Failure;

import java.io.IOException;
import java.util.Set;

/**
 * Maps what the Twilio SDK throws to a {@link SendResult}. Shared by SMS and voice.
 *
 * <ul>
 *   <li>21610 (recipient replied STOP) → {@code Rejected(OPTED_OUT)}</li>
 *   <li>invalid / unreachable / landline number codes → {@code Rejected(INVALID_CONTACT_POINT)}</li>
 *   <li>HTTP 429 or code 20429, any 5xx (after the SDK's own 3 tries), connection and read timeouts →
 *       {@code RetryLater}</li>
 *   <li>any other 4xx (auth 20003, bad parameter 21604...) → {@code Rejected(PERMANENT)}</li>
 * </ul>
 */
public final class TwilioErrors {

    /** Messaging: 21211 invalid To, 21612 cannot route to To, 21614 To is not a mobile number, 21408 region not reachable
     * (geo permission), 21265 To is a short code, 21606/21659 sender can't reach this To. */
    public static final Set<Integer> SMS_INVALID_CONTACT_POINT = Set.of(21211, 21612, 21614, 21408, 21265);
    /** Voice: 21211 invalid To, 21214 To cannot be reached, 21217 To does not appear valid, 21215/21216 geo
     * permission / blocked destination, 13223/13224 invalid number. */
    public static final Set<Integer> VOICE_INVALID_CONTACT_POINT = Set.of(21211, 21214, 21217, 21215, 21216, 13223, 13224);
    public static final int OPTED_OUT = 21610;
    public static final int TOO_MANY_REQUESTS = 20429;

    private TwilioErrors() {
    }

    public static SendResult map(RuntimeException e, Set<Integer> invalidContactPointCodes, Backoff backoff) {
        if (e instanceof AmbiguousOutcomeException) {
            return new SendResult.Unknown("TIMEOUT", detail(e));
        }
        if (e instanceof ApiConnectionException) {
            return new SendResult.RetryLater("CONNECTION", backoff.delay(1), detail(e));
        }
        if (e instanceof ApiException api) {
            Integer code = api.getCode();
            Integer status = api.getStatusCode();
            String errorCode = code != null ? String.valueOf(code) : status != null ? "HTTP_" + status : "UNKNOWN";
            if (code == null && status == null && hasIoCause(api)) {
                // the stock NetworkHttpClient reports I/O failures this way
                return new SendResult.RetryLater("CONNECTION", backoff.delay(1), detail(e));
            }
            if (code != null && code == OPTED_OUT) {
                return new SendResult.Rejected(Failure.OPTED_OUT, errorCode, detail(e));
            }
            if (code != null && invalidContactPointCodes.contains(code)) {
                return new SendResult.Rejected(Failure.INVALID_CONTACT_POINT, errorCode, detail(e));
            }
            if ((status != null && status == 429) || (code != null && code == TOO_MANY_REQUESTS)) {
                return new SendResult.RetryLater(errorCode, backoff.delay(1), detail(e));
            }
            if (status != null && status >= 500) {
                return new SendResult.RetryLater(errorCode, backoff.delay(1), detail(e));
            }
            return new SendResult.Rejected(Failure.PERMANENT, errorCode, detail(e));
        }
        return new SendResult.Rejected(Failure.PERMANENT, e.getClass().getSimpleName(), detail(e));
    }

    /**
     * True when Twilio certainly did not take the request and is failing (unreachable, 5xx after the SDK's tries):
     * another provider may send the message. Never for a read timeout ({@link AmbiguousOutcomeException}).
     */
    public static boolean unavailable(RuntimeException e) {
        if (e instanceof AmbiguousOutcomeException) return false;
        if (e instanceof ApiConnectionException) return true;
        if (e instanceof ApiException api) {
            Integer status = api.getStatusCode();
            if (api.getCode() == null && status == null && hasIoCause(api)) return true;
            return status != null && status >= 500;
        }
        return false;
    }

    private static boolean hasIoCause(Throwable t) {
        for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
            if (c instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static String detail(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
