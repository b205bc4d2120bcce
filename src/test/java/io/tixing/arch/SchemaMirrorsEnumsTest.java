package io.tixing.arch;

import io.quarkus.test.junit.QuarkusTest;
import io.tixing.borrower.BorrowerFlags;
import io.tixing.borrower.ConsentLedger;
import io.tixing.contactlog.LogEntry;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.dispatch.DispatchWorker;
import io.tixing.dispatch.TaskState;
import io.tixing.policy.AttemptStatus;
import io.tixing.policy.BorrowerFlag;
import io.tixing.reminder.ReminderStatus;
import io.tixing.support.Api;
import io.tixing.support.Fixtures;
import io.tixing.wave.WaveRepository;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The database accepts exactly the states the code can name: each enum-backed column has a CHECK constraint listing
 * the enum's values (V15 and earlier). A new enum value without a migration that widens its constraint fails here,
 * before production would fail on the first row written with it. The missing foreign keys are real and enforced.
 */
@QuarkusTest
class SchemaMirrorsEnumsTest {

    private static final String CHECK_VIOLATION = "23514";
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final Pattern LITERAL = Pattern.compile("'([^']*)'");

    @Inject Database db;
    @Inject DispatchWorker worker;

    static String key;

    @BeforeEach
    void setUp() {
        if (key == null) key = Api.keyWith("schema-mirror-test", "submitter");
    }

    record Mirror(String table, String constraint, Class<? extends Enum<?>> values) {}

    static List<Mirror> mirrors() throws ClassNotFoundException {
        @SuppressWarnings("unchecked")
        var receiptKind = (Class<? extends Enum<?>>) Class.forName("io.tixing.webhook.WebhookReceipts$Kind"); // package-private
        return List.of(
                new Mirror("attempt", "attempt_status_check", AttemptStatus.class),
                new Mirror("dispatch_task", "dispatch_task_state_check", TaskState.class),
                new Mirror("dispatch_task", "dispatch_task_outcome_check", ReminderStatus.class),
                new Mirror("reminder", "reminder_status_check", ReminderStatus.class),
                new Mirror("contact_log", "contact_log_kind_check", LogEntry.Kind.class),
                new Mirror("wave", "wave_state_check", WaveRepository.State.class),
                new Mirror("borrower_restriction", "borrower_restriction_source_check", ConsentLedger.Source.class),
                new Mirror("webhook_receipt", "webhook_receipt_kind_check", receiptKind),
                new Mirror("borrower_flag", "borrower_flag_flag_check", BorrowerFlag.class),
                new Mirror("borrower_flag", "borrower_flag_source_check", BorrowerFlags.Source.class));
    }

    @Test
    void every_state_enum_lists_exactly_the_values_its_check_constraint_accepts() throws Exception {
        for (Mirror m : mirrors()) {
            String definition = db.read(c -> {
                try (var ps = Sql.prepare(c, """
                        SELECT pg_get_constraintdef(oid) FROM pg_constraint
                        WHERE conrelid = ?::regclass AND conname = ? AND contype = 'c' AND convalidated""", m.table(), m.constraint());
                     var rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            });
            assertThat(definition).as("validated CHECK %s on %s", m.constraint(), m.table()).isNotNull();
            List<String> accepted = new ArrayList<>();
            LITERAL.matcher(definition).results().forEach(r -> accepted.add(r.group(1)));
            List<String> named = Arrays.stream(m.values().getEnumConstants()).map(Enum::name).toList();
            assertThat(accepted).as("%s (%s) against %s", m.constraint(), definition, m.values().getName()).containsExactlyElementsOf(named);
        }
    }

    @Test
    void the_status_a_voice_call_never_gets_is_refused_in_every_state_column() {
        UUID reminder = sentReminder();
        refused(CHECK_VIOLATION, "UPDATE attempt SET status = 'NO_ANSWER' WHERE reminder_id = ?", reminder);
        refused(CHECK_VIOLATION, "UPDATE reminder SET status = 'NO_ANSWER' WHERE id = ?", reminder);
        refused(CHECK_VIOLATION, "UPDATE dispatch_task SET state = 'PAUSED' WHERE reminder_id = ?", reminder);
        refused(CHECK_VIOLATION, "UPDATE dispatch_task SET outcome = 'NO_ANSWER' WHERE reminder_id = ?", reminder);
        refused(CHECK_VIOLATION, """
                INSERT INTO contact_log (chain_id, chain_pos, at, kind, reminder_id, prev_hash, hash)
                VALUES (-1, 1, now(), 'NO_ANSWER', ?, '', '')""", reminder);
    }

    @Test
    void an_attempt_a_task_or_a_wave_member_must_belong_to_a_known_borrower_and_wave() {
        UUID reminder = sentReminder();
        refused(FOREIGN_KEY_VIOLATION, """
                INSERT INTO attempt (id, task_id, reminder_id, borrower_id, loan_id, channel, destination, status, created_at, updated_at)
                SELECT gen_random_uuid(), task_id, reminder_id, 'no-such-borrower', loan_id, channel, destination, status, created_at, updated_at
                FROM attempt WHERE reminder_id = ?""", reminder);
        refused(FOREIGN_KEY_VIOLATION, """
                INSERT INTO dispatch_task (reminder_id, borrower_id, channels, state, due_at, updated_at)
                SELECT reminder_id, 'no-such-borrower', channels, 'DONE', due_at, updated_at FROM dispatch_task WHERE reminder_id = ?""", reminder);
        refused(FOREIGN_KEY_VIOLATION, "UPDATE reminder SET wave_id = ? WHERE id = ?", UUID.randomUUID(), reminder);
        for (String fk : List.of("reminder_wave_id_fkey", "attempt_borrower_id_fkey", "dispatch_task_borrower_id_fkey")) {
            String deleteRule = db.read(c -> {
                try (var ps = Sql.prepare(c, "SELECT confdeltype::text FROM pg_constraint WHERE conname = ? AND contype = 'f' AND convalidated", fk);
                     var rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            });
            assertThat(deleteRule).as("%s validated, ON DELETE RESTRICT", fk).isEqualTo("r");
        }
    }

    /** A reminder driven through the API to SENT (sandbox): real rows in reminder, dispatch_task and attempt. */
    private UUID sentReminder() {
        String id = Api.submit(key, Fixtures.aReminder()).statusCode(202).extract().path("id");
        worker.drain();
        Api.as(key).get("/api/v1/reminders/" + id).then().body("status", org.hamcrest.Matchers.equalTo("SENT"));
        return UUID.fromString(id);
    }

    private void refused(String sqlState, String sql, Object... params) {
        assertThatThrownBy(() -> db.inTransaction(c -> Sql.update(c, sql, params)))
                .as(sql).isInstanceOfSatisfying(Database.DataAccessException.class, e -> assertThat(e.sqlState()).isEqualTo(sqlState));
    }
}
