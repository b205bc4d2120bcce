package io.tixing.policy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Test fixtures that read like the rules: {@code aBorrower().inZone("Asia/Taipei").sms()}. */
final class Fixtures {

    static final RulePacks PACKS = RulePacks.load(Map.of());
    static final PolicyEngine ENGINE = new PolicyEngine(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

    private Fixtures() {}

    static RulePack pack(String name) { return PACKS.get(name); }

    /** A local wall-clock time in a zone, as an instant: {@code local("Asia/Taipei", "2026-11-20T22:30")}. */
    static Instant local(String zone, String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(ZoneId.of(zone)).toInstant();
    }

    static BorrowerFixture aBorrower() { return new BorrowerFixture(); }

    static final class BorrowerFixture {
        private final List<ZoneId> zones = new ArrayList<>();
        private boolean assumed;
        private final Set<BorrowerFlag> flags = EnumSet.noneOf(BorrowerFlag.class);
        private final Set<HoldType> holds = EnumSet.noneOf(HoldType.class);
        private final Set<ChannelType> optedOut = EnumSet.noneOf(ChannelType.class);
        private final List<PastContact> history = new ArrayList<>();
        private ChannelType channel = ChannelType.SMS;
        private String loanId = "L1";
        private String templateKey = "overdue-reminder";
        private String contactPoint = "+8613800138000";
        private boolean invalid;
        private boolean thirdParty;
        private Instant notAfter;

        BorrowerFixture inZone(String... ids) {
            for (String id : ids) zones.add(ZoneId.of(id));
            return this;
        }

        BorrowerFixture withAssumedZone(String id) {
            assumed = true;
            return inZone(id);
        }

        BorrowerFixture flagged(BorrowerFlag flag) { flags.add(flag); return this; }

        BorrowerFixture onHold(HoldType hold) { holds.add(hold); return this; }

        BorrowerFixture optedOutOf(ChannelType c) { optedOut.add(c); return this; }

        BorrowerFixture reached(ChannelType c, ContactKind kind, Instant at) { return reached(c, kind, at, loanId, templateKey, contactPoint); }

        BorrowerFixture reached(ChannelType c, ContactKind kind, Instant at, String loan, String template, String point) {
            history.add(new PastContact(at, c, kind, loan, template, point));
            return this;
        }

        BorrowerFixture sentSms(Instant... ats) { for (Instant at : ats) reached(ChannelType.SMS, ContactKind.SENT, at, loanId, "t-" + history.size(), contactPoint); return this; }

        BorrowerFixture sentEmail(Instant... ats) { for (Instant at : ats) reached(ChannelType.EMAIL, ContactKind.SENT, at, loanId, "t-" + history.size(), "w@example.com"); return this; }

        BorrowerFixture dialled(Instant... ats) { for (Instant at : ats) reached(ChannelType.VOICE, ContactKind.DIAL_ATTEMPT, at); return this; }

        /** A call that connected: logged as the dial attempt and as the conversation. */
        BorrowerFixture talkedTo(Instant... ats) {
            for (Instant at : ats) {
                String template = "call-" + history.size(); // an earlier reminder, not this one (that would be a duplicate)
                reached(ChannelType.VOICE, ContactKind.DIAL_ATTEMPT, at, loanId, template, contactPoint);
                reached(ChannelType.VOICE, ContactKind.CONVERSATION, at, loanId, template, contactPoint);
            }
            return this;
        }

        BorrowerFixture forLoan(String id) { loanId = id; return this; }

        BorrowerFixture template(String key) { templateKey = key; return this; }

        BorrowerFixture at(String point) { contactPoint = point; return this; }

        BorrowerFixture invalidContactPoint() { invalid = true; return this; }

        BorrowerFixture thirdParty() { thirdParty = true; return this; }

        BorrowerFixture notAfter(Instant instant) { notAfter = instant; return this; }

        BorrowerFixture by(ChannelType c) { channel = c; return this; }

        ContactFacts sms() { return by(ChannelType.SMS).facts(); }

        ContactFacts email() { return by(ChannelType.EMAIL).facts(); }

        ContactFacts call() { return by(ChannelType.VOICE).facts(); }

        ContactFacts facts() {
            if (zones.isEmpty()) zones.add(ZoneId.of("Asia/Shanghai"));
            var borrower = new BorrowerProfile("B1", flags, holds, optedOut, zones, assumed);
            return new ContactFacts(borrower, new ContactTarget(channel, loanId, templateKey, contactPoint, invalid, thirdParty), history, notAfter);
        }
    }
}
