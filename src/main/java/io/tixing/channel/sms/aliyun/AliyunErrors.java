package io.tixing.channel.sms.aliyun;

import com.aliyun.tea.TeaException;
import io.tixing.channel.SendResult;
import io.tixing.channel.SendResult.Failure;
import io.tixing.channel.sms.SmsProvider.Answer;
import io.tixing.channel.twilio.Backoff;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Set;

/**
 * Maps Alibaba Cloud SMS answers (the {@code Code} of a SendSms response, or what the Tea SDK throws) to a
 * {@link SendResult}, the way {@link io.tixing.channel.twilio.TwilioErrors} does for Twilio:
 * <ul>
 *   <li>{@code isv.MOBILE_NUMBER_ILLEGAL} → {@code Rejected(INVALID_CONTACT_POINT)}</li>
 *   <li>{@code isv.BUSINESS_LIMIT_CONTROL} (per-number flow control), {@code isv.DAY_LIMIT_CONTROL}, {@code Throttling*}
 *       → {@code RetryLater} (the provider is healthy: no failover)</li>
 *   <li>{@code isv.BLACK_KEY_CONTROL_LIMIT} (blocked keyword), other blocked / blacklisted codes → {@code Rejected(PERMANENT)}</li>
 *   <li>account or configuration problems of this provider (credit, key, signature, template) → {@code Rejected(PERMANENT)},
 *       but another provider may carry the message</li>
 *   <li>{@code isp.SYSTEM_ERROR}, HTTP 5xx, refused connections and connect timeouts → {@code RetryLater}, failover</li>
 *   <li>a read timeout after the request was sent → {@code Unknown} (it may have been sent: never failed over)</li>
 * </ul>
 */
public final class AliyunErrors {

    static final Set<String> INVALID_CONTACT_POINT = Set.of("isv.MOBILE_NUMBER_ILLEGAL");
    static final Set<String> RATE_LIMITED = Set.of("isv.BUSINESS_LIMIT_CONTROL", "isv.DAY_LIMIT_CONTROL", "isv.MINUTE_LIMIT_CONTROL",
            "Throttling", "Throttling.User", "Throttling.Api", "ServiceUnavailable.Throttling");
    static final Set<String> PROVIDER_DOWN = Set.of("isp.SYSTEM_ERROR", "isp.GATEWAY_ERROR", "ServiceUnavailable", "InternalError");
    /** This account cannot send anything right now, or not this message: the secondary provider may. */
    static final Set<String> CANNOT_CARRY = Set.of("isv.AMOUNT_NOT_ENOUGH", "isv.OUT_OF_SERVICE", "isv.ACCOUNT_ABNORMAL",
            "isv.ACCOUNT_NOT_EXISTS", "isv.SMS_SIGNATURE_ILLEGAL", "isv.SMS_TEMPLATE_ILLEGAL", "isv.TEMPLATE_MISSING_PARAMETERS",
            "isv.SMS_SIGN_ILLEGAL", "isv.PRODUCT_UN_SUBSCRIPT", "isv.PRODUCT_UNSUBSCRIBE", "isv.INVALID_JSON_PARAM",
            "InvalidAccessKeyId.NotFound", "SignatureDoesNotMatch", "isv.RAM_PERMISSION_DENY", "isp.RAM_PERMISSION_DENY",
            "Forbidden.RAM", "NoPermission");

    private AliyunErrors() {
    }

    /** A SendSms response whose Code is not OK. */
    public static Answer code(String code, String message, Integer httpStatus, Backoff backoff) {
        String c = code == null ? (httpStatus == null ? "UNKNOWN" : "HTTP_" + httpStatus) : code;
        String detail = message == null ? c : message;
        if (INVALID_CONTACT_POINT.contains(c)) {
            return Answer.of(new SendResult.Rejected(Failure.INVALID_CONTACT_POINT, c, detail));
        }
        if (RATE_LIMITED.contains(c) || c.startsWith("Throttling") || (httpStatus != null && httpStatus == 429)) {
            return Answer.of(new SendResult.RetryLater(c, backoff.delay(1), detail));
        }
        if (PROVIDER_DOWN.contains(c) || (httpStatus != null && httpStatus >= 500)) {
            return Answer.outage(new SendResult.RetryLater(c, backoff.delay(1), detail));
        }
        if (c.contains("BLACK") || c.contains("BLOCK")) {
            return Answer.of(new SendResult.Rejected(Failure.PERMANENT, c, detail));
        }
        if (CANNOT_CARRY.contains(c)) {
            return Answer.cannotCarry(new SendResult.Rejected(Failure.PERMANENT, c, detail));
        }
        return Answer.of(new SendResult.Rejected(Failure.PERMANENT, c, detail));
    }

    /** What the SDK threw. */
    public static Answer exception(Throwable e, Backoff backoff) {
        if (e instanceof TeaException tea && (tea.getCode() != null || status(tea) != null)) {
            return code(tea.getCode(), tea.getMessage(), status(tea), backoff);
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof ConnectException || c instanceof NoRouteToHostException || c instanceof UnknownHostException) {
                return Answer.outage(new SendResult.RetryLater("CONNECTION", backoff.delay(1), detail(c)));
            }
            if (c instanceof SocketTimeoutException t) {
                if (String.valueOf(t.getMessage()).toLowerCase().contains("connect")) {
                    return Answer.outage(new SendResult.RetryLater("CONNECTION", backoff.delay(1), detail(c)));
                }
                // Connected and sent, but the answer is late: the provider may have sent it. Never "not sent".
                return Answer.maybeReceived(new SendResult.Unknown("TIMEOUT", "no answer from Alibaba Cloud SMS in time: " + detail(c)));
            }
        }
        return Answer.of(new SendResult.Rejected(Failure.PERMANENT, e.getClass().getSimpleName(), detail(e)));
    }

    static Integer status(TeaException e) {
        if (e.getStatusCode() != null) return e.getStatusCode();
        Map<String, Object> data = e.getData();
        Object s = data == null ? null : data.get("statusCode");
        if (s instanceof Number n) return n.intValue();
        try {
            return s == null ? null : Integer.valueOf(s.toString());
        } catch (NumberFormatException x) {
            return null;
        }
    }

    private static String detail(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
