package io.tixing.policy;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.tixing.policy.Fixtures.ENGINE;
import static io.tixing.policy.Fixtures.local;
import static io.tixing.policy.Fixtures.pack;
import static org.assertj.core.api.Assertions.assertThat;

/** Caps the pack holds per contact point count every borrower id's contacts with that destination. */
class ContactPointCapsTest {

    static final String PHONE = "+8613800138000";
    static final String ZONE = "Asia/Shanghai";

    /** Facts for borrower {@code me} with the given history (contacts of any borrower id). */
    static ContactFacts facts(String me, ChannelType channel, String loan, String point, List<PastContact> history, BorrowerFlag... flags) {
        var profile = new BorrowerProfile(me, flags.length == 0 ? Set.of() : Set.of(flags), Set.of(), Set.of(), List.of(ZoneId.of(ZONE)), false);
        return new ContactFacts(profile, new ContactTarget(channel, loan, "overdue-reminder", point, false, false), history, null);
    }

    static List<PastContact> callsBy(int borrowers, String point, String day) {
        List<PastContact> out = new ArrayList<>();
        for (int i = 0; i < borrowers; i++) {
            out.add(new PastContact(local(ZONE, day + "T09:0" + i), ChannelType.VOICE, ContactKind.DIAL_ATTEMPT, "L-" + i, "t-" + i, point, "B-" + i));
        }
        return out;
    }

    @Test
    void six_calls_to_one_number_under_six_other_borrower_ids_leave_no_seventh_call_that_day_under_the_cn_pack() {
        var decision = ENGINE.decideAt(pack("CN"), facts("B-new", ChannelType.VOICE, "L-new", PHONE, callsBy(6, PHONE, "2026-11-18")),
                local(ZONE, "2026-11-18T15:00"));

        assertThat(decision).isInstanceOfSatisfying(Decision.Defer.class, d -> {
            assertThat(d.reasons()).contains(ReasonCode.CAP_VOICE_ATTEMPTS);
            assertThat(d.until()).isEqualTo(local(ZONE, "2026-11-19T08:00"));
        });
    }

    @Test
    void calls_to_another_number_of_other_borrowers_do_not_count_against_this_number() {
        var decision = ENGINE.decideAt(pack("CN"), facts("B-new", ChannelType.VOICE, "L-new", PHONE, callsBy(6, "+8613900139000", "2026-11-18")),
                local(ZONE, "2026-11-18T15:00"));

        assertThat(decision).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void three_sms_to_one_handset_under_three_borrower_ids_defer_a_fourth_under_a_fourth_id() {
        List<PastContact> history = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            history.add(new PastContact(local(ZONE, "2026-11-18T09:0" + i), ChannelType.SMS, ContactKind.SENT, "L-" + i, "t", PHONE, "B-" + i));
        }
        var explanation = ENGINE.explain(pack("CN"), facts("B-4", ChannelType.SMS, "L-4", PHONE, history), local(ZONE, "2026-11-18T15:00"));

        assertThat(explanation.decision().reasons()).contains(ReasonCode.CAP_SMS_DAILY);
        assertThat(explanation.counters()).containsEntry("sms.today.contact-point", 3).containsEntry("sms.today.borrower", 0)
                .containsEntry("sms.today", 3);
    }

    @Test
    void the_borrower_cap_still_counts_sms_the_borrower_got_on_another_number() {
        List<PastContact> history = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            history.add(new PastContact(local(ZONE, "2026-11-18T09:0" + i), ChannelType.SMS, ContactKind.SENT, "L-" + i, "t", "+861390013900" + i, "B-me"));
        }
        var decision = ENGINE.decideAt(pack("CN"), facts("B-me", ChannelType.SMS, "L-9", PHONE, history), local(ZONE, "2026-11-18T15:00"));

        assertThat(decision.reasons()).contains(ReasonCode.CAP_SMS_DAILY);
    }

    @Test
    void an_elderly_borrower_gets_half_the_per_handset_sms_cap_too() {
        var history = List.of(new PastContact(local(ZONE, "2026-11-18T09:00"), ChannelType.SMS, ContactKind.SENT, "L-0", "t", PHONE, "B-other"));
        var decision = ENGINE.decideAt(pack("CN"), facts("B-old", ChannelType.SMS, "L-1", PHONE, history, BorrowerFlag.ELDERLY),
                local(ZONE, "2026-11-18T15:00"));

        assertThat(decision.reasons()).contains(ReasonCode.CAP_SMS_DAILY);
    }

    @Test
    void a_duplicate_stamped_a_moment_after_the_decision_instant_is_still_a_duplicate() {
        Instant at = local(ZONE, "2026-11-18T15:00");
        // Allowed by another decision that read its clock 3 ms later while this one waited for the lock.
        var history = List.of(new PastContact(at.plusMillis(3), ChannelType.SMS, ContactKind.SENT, "L-1", "overdue-reminder", PHONE, "B-1"));

        var decision = ENGINE.decideAt(pack("CN"), facts("B-1", ChannelType.SMS, "L-1", PHONE, history), at);

        assertThat(decision).isInstanceOf(Decision.Suppress.class);
        assertThat(decision.reasons()).containsExactly(ReasonCode.DUPLICATE);
    }

    @Test
    void the_cn_pack_says_which_caps_are_per_contact_point() {
        RulePack cn = pack("CN");
        assertThat(cn.caps().scopes()).containsExactlyInAnyOrder(AttemptScope.BORROWER, AttemptScope.CONTACT_POINT);
        assertThat(cn.voice().attemptCaps()).containsExactly(new DialAttemptCap(6, CapPeriod.LOCAL_DAY, AttemptScope.CONTACT_POINT));
        assertThat(cn.voice().conversationCaps().getFirst().scopes()).contains(AttemptScope.CONTACT_POINT, AttemptScope.BORROWER);
        assertThat(Fixtures.PACKS.strictest().caps().scopes()).contains(AttemptScope.CONTACT_POINT);
    }

    @Test
    void a_pack_file_that_does_not_say_what_its_caps_are_counted_against_is_refused() throws Exception {
        String cn;
        try (var in = getClass().getClassLoader().getResourceAsStream("rulepacks/CN.yaml")) {
            cn = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String withoutScope = cn.replaceFirst("(?m)^  scope: .*$", "");
        assertThat(withoutScope).isNotEqualTo(cn);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RulePackYaml.read(
                        new java.io.ByteArrayInputStream(withoutScope.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "CN-test.yaml"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing 'scope'");
    }

    @Test
    void one_handset_spelled_two_ways_and_one_mailbox_in_two_cases_are_one_contact_point_each() {
        assertThat(ContactPoint.of(ChannelType.SMS, "+86 138 0013 8000").address()).isEqualTo(PHONE);
        assertThat(ContactPoint.of(ChannelType.VOICE, " +86-138-0013-8000 ").address()).isEqualTo(PHONE);
        assertThat(ContactPoint.of(ChannelType.EMAIL, " Wang@Example.COM ").address()).isEqualTo("wang@example.com");
        assertThat(ContactPoint.of(ChannelType.SMS, null)).isNull();
    }
}
