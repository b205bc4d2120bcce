package io.tixing.channel.twilio;

import com.twilio.exception.ApiConnectionException;

/** The request was sent but no answer came back in time: Twilio may or may not have acted on it. */
public class AmbiguousOutcomeException extends ApiConnectionException {
    public AmbiguousOutcomeException(String message, Throwable cause) { super(message, cause); }
}
