package io.tixing.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.tixing.policy.Fixtures.ENGINE;
import static io.tixing.policy.Fixtures.aBorrower;
import static io.tixing.policy.Fixtures.local;
import static io.tixing.policy.Fixtures.pack;
import static org.assertj.core.api.Assertions.assertThat;

class SuppressionTest {

    private static final java.time.Instant MORNING = local("Asia/Shanghai", "2026-11-18T10:00");

    @ParameterizedTest(name = "a borrower on {0} hold is never contacted")
    @EnumSource(HoldType.class)
    void everyHoldSuppressesWithItsOwnReason(HoldType hold) {
        var decision = ENGINE.decideAt(pack("CN"), aBorrower().onHold(hold).sms(), MORNING);

        assertThat(decision).isEqualTo(Decision.suppress("CN@2026.1", List.of(hold.reason())));
    }

    @Test
    void everySuppressReasonIsListedAndSuppressWinsOverQuietHours() {
        var facts = aBorrower().onHold(HoldType.DISPUTE).onHold(HoldType.BANKRUPTCY).optedOutOf(ChannelType.SMS).thirdParty().sms();

        var decision = ENGINE.decideAt(pack("CN"), facts, local("Asia/Shanghai", "2026-11-18T23:00"));

        assertThat(decision).isInstanceOf(Decision.Suppress.class);
        assertThat(decision.reasons()).containsExactlyInAnyOrder(ReasonCode.HOLD_DISPUTE, ReasonCode.HOLD_BANKRUPTCY, ReasonCode.THIRD_PARTY, ReasonCode.OPTED_OUT);
    }

    @Test
    void anOptOutOfSmsStopsSmsButNotEmail() {
        var borrower = aBorrower().optedOutOf(ChannelType.SMS);

        assertThat(ENGINE.decideAt(pack("CN"), borrower.sms(), MORNING)).isEqualTo(Decision.suppress("CN@2026.1", List.of(ReasonCode.OPTED_OUT)));
        assertThat(ENGINE.decideAt(pack("CN"), borrower.email(), MORNING)).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void aRelativeOrEmployerIsNeverTheRecipient() {
        assertThat(ENGINE.decideAt(pack("HK"), aBorrower().thirdParty().call(), MORNING).reasons()).containsExactly(ReasonCode.THIRD_PARTY);
    }

    @Test
    void aContactPointReportedInvalidIsNotTriedAgain() {
        assertThat(ENGINE.decideAt(pack("TW"), aBorrower().invalidContactPoint().sms(), MORNING).reasons()).containsExactly(ReasonCode.CONTACT_POINT_INVALID);
    }

    @Test
    void aHearingImpairedBorrowerGetsNoCallsButSms() {
        var borrower = aBorrower().flagged(BorrowerFlag.HEARING_IMPAIRED);

        assertThat(ENGINE.decideAt(pack("CN"), borrower.call(), MORNING)).isEqualTo(Decision.suppress("CN@2026.1", List.of(ReasonCode.CHANNEL_NOT_ACCESSIBLE)));
        assertThat(ENGINE.decideAt(pack("CN"), borrower.sms(), MORNING)).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void theSameTemplateForTheSameLoanWithin20HoursIsADuplicate() {
        var borrower = aBorrower().template("overdue-reminder").forLoan("L1")
                .reached(ChannelType.SMS, ContactKind.SENT, MORNING.minus(Duration.ofHours(19)), "L1", "overdue-reminder", "+8613800138000");

        assertThat(ENGINE.decideAt(pack("CN"), borrower.sms(), MORNING)).isEqualTo(Decision.suppress("CN@2026.1", List.of(ReasonCode.DUPLICATE)));
        assertThat(ENGINE.decideAt(pack("CN"), borrower.email(), MORNING)).as("same template by email").isInstanceOf(Decision.Allow.class);
        assertThat(ENGINE.decideAt(pack("CN"), borrower.forLoan("L2").sms(), MORNING)).as("another loan").isInstanceOf(Decision.Allow.class);
        assertThat(ENGINE.decideAt(pack("CN"), aBorrower()
                .reached(ChannelType.SMS, ContactKind.SENT, MORNING.minus(Duration.ofHours(20)), "L1", "overdue-reminder", "+8613800138000").sms(), MORNING))
                .as("exactly 20 hours later: a daily reminder is not its own duplicate").isInstanceOf(Decision.Allow.class);
    }

    @Test
    void theDuplicateWindowCanBeLengthened() {
        var packs = RulePacks.load(Map.of("CN.duplicate-window", "PT72H"));
        var borrower = aBorrower().reached(ChannelType.SMS, ContactKind.SENT, MORNING.minus(Duration.ofHours(48)), "L1", "overdue-reminder", "+8613800138000");

        assertThat(ENGINE.decideAt(packs.get("CN"), borrower.sms(), MORNING).reasons()).containsExactly(ReasonCode.DUPLICATE);
    }
}
