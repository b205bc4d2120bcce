package io.tixing.dispatch;

import io.tixing.borrower.BorrowerRecord;
import io.tixing.dispatch.ContactDecider.Decided;
import io.tixing.dispatch.DispatchFacts.BorrowerFacts;
import io.tixing.dispatch.DispatchFacts.Restriction;
import io.tixing.dispatch.DispatchFacts.TaskFacts;
import io.tixing.policy.ChannelType;
import io.tixing.policy.KnownLocations;
import io.tixing.policy.PastContact;
import io.tixing.policy.PolicyEngine;
import io.tixing.policy.RulePack;
import io.tixing.policy.RulePacks;
import io.tixing.reminder.ReminderRepository.Dispatchable;
import io.tixing.reminder.ReminderRequest;
import io.tixing.reminder.ReminderStatus;
import io.tixing.template.RenderResult;
import io.tixing.template.RenderedMessage;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The decide stage alone: plain Java, no Quarkus, no database. */
class ContactDeciderTest {

    private static final RulePack CN = RulePacks.load(Map.of()).get("CN");
    private static final PolicyEngine ENGINE = new PolicyEngine(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    /** 10:00 on a Monday in Shanghai: every CN rule allows contact then. */
    private static final Instant MORNING = Instant.parse("2026-11-23T02:00:00Z");
    private static final String PHONE = "+8613800138000";

    private final AtomicLong taskIds = new AtomicLong();
    private final List<String> rendered = new ArrayList<>();
    private ContactDecider.Renderer renderer = request -> {
        rendered.add(request.templateKey() + "/" + request.channel());
        return new RenderResult.Rendered(new RenderedMessage(request.templateKey(), "1", request.channel(), request.locale(),
                request.locale(), false, "您好", null, null, null, 1, List.of(), "hash-" + request.templateKey()));
    };

    private ContactDecider decider() { return new ContactDecider(ENGINE, r -> renderer.render(r)); }

    @Test
    void a_second_identical_reminder_in_the_same_batch_is_suppressed_as_a_duplicate_of_the_first() {
        var b = borrower("B1", List.of());
        var first = task("B1", "L1", "SMS");
        var second = task("B1", "L1", "SMS");

        var decided = decider().decide(new DispatchFacts(List.of(first, second), Map.of("B1", b), List.of()), MORNING);

        assertThat(decided.get(0)).isInstanceOf(Decided.Send.class);
        assertThat(decided.get(1)).isInstanceOf(Decided.Finish.class);
        assertThat(((Decided.Finish) decided.get(1)).outcome()).isEqualTo(ReminderStatus.SUPPRESSED);
        assertThat(decided.get(1).entries().getFirst().reasons()).contains("DUPLICATE");
    }

    @Test
    void a_batch_allow_of_another_borrower_id_on_the_same_handset_counts_against_that_handsets_cap() {
        // The CN pack allows 3 SMS a day per contact point: five borrower ids sharing one handset get three.
        List<TaskFacts> tasks = new ArrayList<>();
        Map<String, BorrowerFacts> borrowers = new java.util.HashMap<>();
        for (int i = 0; i < 5; i++) {
            borrowers.put("B" + i, borrower("B" + i, List.of()));
            tasks.add(task("B" + i, "L" + i, "SMS"));
        }

        var decided = decider().decide(new DispatchFacts(tasks, borrowers, List.of()), MORNING);

        assertThat(decided.stream().filter(d -> d instanceof Decided.Send).count()).isEqualTo(3);
        assertThat(decided.subList(3, 5)).allMatch(d -> d instanceof Decided.Defer);
    }

    @Test
    void first_allowed_goes_on_to_email_when_the_borrower_opted_out_of_sms() {
        var b = borrower("B1", List.of(new Restriction("OPT_OUT", "SMS", null)));

        var d = decider().decide(new DispatchFacts(List.of(task("B1", "L1", "SMS", "EMAIL")), Map.of("B1", b), List.of()), MORNING).getFirst();

        assertThat(d).isInstanceOf(Decided.Send.class);
        assertThat(((Decided.Send) d).message().channel()).isEqualTo(ChannelType.EMAIL);
        assertThat(d.entries()).extracting(e -> e.decision()).containsExactly("SUPPRESS", "ALLOW");
    }

    @Test
    void an_opt_out_scoped_to_another_loan_does_not_stop_this_loans_reminder() {
        var b = borrower("B1", List.of(new Restriction("OPT_OUT", "SMS", "L-other")));

        var d = decider().decide(new DispatchFacts(List.of(task("B1", "L1", "SMS")), Map.of("B1", b), List.of()), MORNING).getFirst();

        assertThat(d).isInstanceOf(Decided.Send.class);
    }

    @Test
    void a_failed_render_suppresses_with_the_reason_the_renderer_gives_and_fails_over_to_the_next_channel() {
        renderer = request -> request.channel() == ChannelType.SMS
                ? new RenderResult.Missing(request.templateKey(), "no SMS variant")
                : new RenderResult.Rendered(new RenderedMessage(request.templateKey(), "1", request.channel(), request.locale(),
                        request.locale(), false, "您好", "主题", null, null, 1, List.of(), "h"));
        var b = borrower("B1", List.of());

        var d = decider().decide(new DispatchFacts(List.of(task("B1", "L1", "SMS", "EMAIL")), Map.of("B1", b), List.of()), MORNING).getFirst();

        assertThat(d.entries().getFirst().decision()).isEqualTo("SUPPRESS");
        assertThat(d.entries().getFirst().reasons()).containsExactly("TEMPLATE_MISSING");
        assertThat(d.entries().getFirst().detail()).isEqualTo("no SMS variant");
        assertThat(((Decided.Send) d).message().channel()).isEqualTo(ChannelType.EMAIL);
    }

    @Test
    void a_borrower_in_shanghai_at_23_00_is_deferred_to_08_00_the_next_morning_exactly() {
        var b = borrower("B1", List.of());
        Instant night = Instant.parse("2026-11-23T15:00:00Z"); // 23:00 in Shanghai

        var d = decider().decide(new DispatchFacts(List.of(task("B1", "L1", "SMS")), Map.of("B1", b), List.of()), night).getFirst();

        assertThat(d).isInstanceOf(Decided.Defer.class);
        assertThat(((Decided.Defer) d).until()).isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
        assertThat(rendered).isEmpty(); // nothing is rendered for a contact that is not allowed
    }

    @Test
    void a_robot_call_carries_the_neutral_voicemail_script() {
        var b = borrower("B1", List.of());

        var d = (Decided.Send) decider().decide(new DispatchFacts(List.of(task("B1", "L1", "VOICE")), Map.of("B1", b), List.of()),
                MORNING).getFirst();

        assertThat(d.message().voicemail().templateKey()).isEqualTo(ContactDecider.VOICEMAIL_TEMPLATE);
    }

    @Test
    void the_recheck_of_an_allowed_send_blocks_it_once_quiet_hours_have_begun() {
        var b = borrower("B1", List.of());
        var d = (Decided.Send) decider().decide(new DispatchFacts(List.of(task("B1", "L1", "SMS")), Map.of("B1", b), List.of()),
                MORNING).getFirst();
        var decider = decider();

        assertThat(decider.blockedAt(d, MORNING.plusSeconds(30))).isNull();
        assertThat(decider.blockedAt(d, Instant.parse("2026-11-23T15:00:00Z"))).isEqualTo("QUIET_HOURS");
    }

    @Test
    void history_loaded_for_another_borrower_on_another_number_is_not_counted() {
        var b = borrower("B1", List.of());
        var elsewhere = new PastContact(MORNING.minusSeconds(60), ChannelType.SMS, io.tixing.policy.ContactKind.SENT, "L1",
                "overdue-reminder", "+8613900139000", "B2");
        var t = task("B1", "L1", "SMS");

        assertThat(ContactDecider.historyOf(t, List.of(elsewhere), List.of())).isEmpty();
    }

    @Test
    void a_reminder_cancelled_while_queued_ends_without_a_decision() {
        var b = borrower("B1", List.of());
        var t = task("B1", "L1", ReminderStatus.CANCELLED, "SMS");

        var d = decider().decide(new DispatchFacts(List.of(t), Map.of("B1", b), List.of()), MORNING).getFirst();

        assertThat(d).isInstanceOf(Decided.Cancelled.class);
        assertThat(d.entries()).isEmpty();
    }

    private static BorrowerFacts borrower(String id, List<Restriction> restrictions) {
        var record = new BorrowerRecord(id, "王小明", "zh-CN", "Asia/Shanghai", "CN", PHONE, "w@example.com", List.of());
        return new BorrowerFacts(record, restrictions, Set.of(), Set.of(), CN,
                KnownLocations.of("Asia/Shanghai", PHONE, List.of(), CN));
    }

    private TaskFacts task(String borrowerId, String loanId, String... channels) {
        return task(borrowerId, loanId, ReminderStatus.QUEUED, channels);
    }

    private TaskFacts task(String borrowerId, String loanId, ReminderStatus status, String... channels) {
        var request = new ReminderRequest("r-" + taskIds.get(), new ReminderRequest.Borrower(borrowerId, "王小明", "zh-CN", "Asia/Shanghai",
                "CN", PHONE, "w@example.com", List.of()),
                new ReminderRequest.Loan(loanId, "示例银行", "个人消费贷", "1234.50", "CNY", "2026-11-20", 3, null, "95555"),
                "overdue-reminder", List.of(channels), "FIRST_ALLOWED", null);
        UUID reminder = UUID.randomUUID();
        var task = new DispatchTask(taskIds.incrementAndGet(), reminder, borrowerId, List.of(channels), 0, 0, MORNING);
        return new TaskFacts(task, new Dispatchable(reminder, "client", status, request, null, "FIRST_ALLOWED"));
    }
}
