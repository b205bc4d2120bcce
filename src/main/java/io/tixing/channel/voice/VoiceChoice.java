package io.tixing.channel.voice;

import java.time.LocalDate;

/**
 * What a step of the call learned, for the contact log and events. {@link #code()} is a stable name.
 * Only {@link IdentityConfirmed} and the menu outcomes come after a confirmed identity.
 */
public sealed interface VoiceChoice {

    String code();

    /** Answered by a machine (AnsweredBy machine_* or fax): only the neutral call-back message was played. */
    record Machine(String answeredBy) implements VoiceChoice {
        public String code() { return "MACHINE"; }
    }

    /** The identity question is being asked; nothing learned yet. */
    record AwaitingIdentity() implements VoiceChoice {
        public String code() { return "AWAITING_IDENTITY"; }
    }

    record IdentityConfirmed() implements VoiceChoice {
        public String code() { return "IDENTITY_CONFIRMED"; }
    }

    /** Pressed something other than 1: not the borrower, or unwilling; no debt details were given. */
    record IdentityRefused(String digits) implements VoiceChoice {
        public String code() { return "IDENTITY_REFUSED"; }
    }

    /** Menu 1 pressed; the date is being asked. */
    record PromiseDateRequested() implements VoiceChoice {
        public String code() { return "PROMISE_DATE_REQUESTED"; }
    }

    record PromiseToPay(LocalDate date) implements VoiceChoice {
        public String code() { return "PROMISE_TO_PAY"; }
    }

    /** The promise date could not be understood (asked again). */
    record PromiseDateInvalid(String digits) implements VoiceChoice {
        public String code() { return "PROMISE_DATE_INVALID"; }
    }

    /** Menu 2: instalment / hardship help requested. */
    record Hardship() implements VoiceChoice {
        public String code() { return "HARDSHIP"; }
    }

    /** Menu 0: transfer to an agent; {@code transferred} is false when no agent number is configured. */
    record Agent(boolean transferred) implements VoiceChoice {
        public String code() { return "AGENT"; }
    }

    /** Menu 9: stop voice calls (record an opt-out of VOICE with source VOICE_DTMF). */
    record OptOut() implements VoiceChoice {
        public String code() { return "OPT_OUT"; }
    }

    /** Menu key not on the menu, or no key: the menu is played again. */
    record InvalidChoice(String digits) implements VoiceChoice {
        public String code() { return "INVALID_CHOICE"; }
    }
}
