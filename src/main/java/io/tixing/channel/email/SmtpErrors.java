package io.tixing.channel.email;

import io.tixing.channel.SendResult;
import io.tixing.channel.SendResult.Failure;
import io.tixing.channel.twilio.Backoff;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

import java.io.IOException;
import java.util.Set;

/**
 * Maps Jakarta Mail failures to a {@link SendResult}:
 * <ul>
 *   <li>recipient refused with 550/551/553/501 (and malformed addresses) → {@code Rejected(INVALID_CONTACT_POINT)}</li>
 *   <li>any SMTP 4xx, connection refused / timeout / dropped connection → {@code RetryLater}</li>
 *   <li>authentication failure and every other 5xx → {@code Rejected(PERMANENT)}</li>
 *   <li>a timeout or dropped connection after the server accepted DATA (354) → {@code Unknown}: the server may have
 *       queued the message before its final reply was lost, so it is never resent</li>
 * </ul>
 */
public final class SmtpErrors {

    static final Set<Integer> INVALID_RECIPIENT_CODES = Set.of(550, 551, 553, 501);

    private SmtpErrors() {
    }

    public static SendResult map(MessagingException e, Backoff backoff) {
        return map(e, backoff, false);
    }

    /** @param afterData the server had answered DATA with 354 when this failure happened */
    public static SendResult map(MessagingException e, Backoff backoff, boolean afterData) {
        if (afterData && returnCodeOf(e) < 0 && hasIoCause(e)) {
            return new SendResult.Unknown("SMTP_TIMEOUT_AFTER_DATA", "no final reply after the message was sent: " + detail(e));
        }
        if (e instanceof AddressException) {
            return new SendResult.Rejected(Failure.INVALID_CONTACT_POINT, "ADDRESS", detail(e));
        }
        if (e instanceof AuthenticationFailedException) {
            return new SendResult.Rejected(Failure.PERMANENT, "SMTP_AUTH", detail(e));
        }
        for (Exception x = e; x != null; x = next(x)) {
            int rc = returnCode(x);
            if (rc >= 400 && rc < 500) {
                return new SendResult.RetryLater("SMTP_" + rc, backoff.delay(1), detail(x));
            }
            if (x instanceof SMTPAddressFailedException && INVALID_RECIPIENT_CODES.contains(rc)) {
                return new SendResult.Rejected(Failure.INVALID_CONTACT_POINT, "SMTP_" + rc, detail(x));
            }
        }
        if (e instanceof SendFailedException sfe && sfe.getInvalidAddresses() != null && sfe.getInvalidAddresses().length > 0) {
            int rc = firstReturnCode(e);
            return new SendResult.Rejected(Failure.INVALID_CONTACT_POINT, rc > 0 ? "SMTP_" + rc : "INVALID_ADDRESS", detail(e));
        }
        if (e instanceof MailConnectException || hasIoCause(e)) {
            return new SendResult.RetryLater("SMTP_CONNECTION", backoff.delay(1), detail(e));
        }
        int rc = firstReturnCode(e);
        return new SendResult.Rejected(Failure.PERMANENT, rc > 0 ? "SMTP_" + rc : "SMTP", detail(e));
    }

    private static int returnCodeOf(Exception e) {
        return firstReturnCode(e);
    }

    private static int firstReturnCode(Exception e) {
        for (Exception x = e; x != null; x = next(x)) {
            if (returnCode(x) > 0) {
                return returnCode(x);
            }
        }
        return -1;
    }

    private static int returnCode(Exception x) {
        if (x instanceof SMTPAddressFailedException a) {
            return a.getReturnCode();
        }
        if (x instanceof SMTPSenderFailedException s) {
            return s.getReturnCode();
        }
        if (x instanceof SMTPSendFailedException s) {
            return s.getReturnCode();
        }
        return -1;
    }

    private static Exception next(Exception x) {
        return x instanceof MessagingException m ? m.getNextException() : null;
    }

    private static boolean hasIoCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() != null ? c.getCause()
                : c instanceof MessagingException m ? m.getNextException() : null) {
            if (c instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static String detail(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
    }
}
