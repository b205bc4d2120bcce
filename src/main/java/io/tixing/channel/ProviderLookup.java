package io.tixing.channel;

/** What a provider knows about an attempt whose outcome was not recorded (the process died in between). */
public sealed interface ProviderLookup {

    /** The provider has it: record it as sent, do not send again. */
    record Found(String providerId, String status) implements ProviderLookup {}

    /** The provider certainly never received it: sending it now is the first send. */
    record NotFound() implements ProviderLookup {}

    /** Cannot tell: do not resend; the attempt is closed as UNKNOWN for a person to check. */
    record Unknown(String why) implements ProviderLookup {}
}
