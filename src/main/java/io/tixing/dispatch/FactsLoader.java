package io.tixing.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tixing.borrower.BorrowerRecord;
import io.tixing.borrower.BorrowerRepository;
import io.tixing.borrower.ContactPointExclusions;
import io.tixing.db.Sql;
import io.tixing.dispatch.DispatchFacts.BorrowerFacts;
import io.tixing.dispatch.DispatchFacts.Restriction;
import io.tixing.dispatch.DispatchFacts.TaskFacts;
import io.tixing.policy.BorrowerFlag;
import io.tixing.policy.ContactPoint;
import io.tixing.policy.KnownLocations;
import io.tixing.policy.PastContact;
import io.tixing.reminder.ReminderRepository;
import io.tixing.rules.BorrowerRules;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The load stage: everything a batch needs, with a fixed handful of set-based statements whatever the batch size.
 * {@link #lock} takes the batch's locks in one fixed order (its task rows, then every borrower row in id order, then
 * every contact point in key order: docs/POLICY.md "Contact points"); {@link #load} then reads the facts. Explain
 * calls {@link #load} too, without locks, so it sees what the dispatcher would.
 */
@ApplicationScoped
class FactsLoader {

    private final TaskRepository tasks;
    private final ReminderRepository reminders;
    private final BorrowerRepository borrowers;
    private final AttemptRepository attempts;
    private final BorrowerRules rules;
    private final ObjectMapper json;

    FactsLoader(TaskRepository tasks, ReminderRepository reminders, BorrowerRepository borrowers, AttemptRepository attempts,
                BorrowerRules rules, ObjectMapper json) {
        this.tasks = tasks;
        this.reminders = reminders;
        this.borrowers = borrowers;
        this.attempts = attempts;
        this.rules = rules;
        this.json = json;
    }

    /** A batch's tasks with their borrower rows, all locked. */
    record Locked(List<TaskFacts> tasks, Map<String, BorrowerRecord> borrowers) {}

    /** The claimed tasks still leased to {@code worker}, locked, with their reminders; then the batch's other locks. */
    Locked lock(Connection c, List<DispatchTask> claimed, String worker) throws SQLException {
        var leased = tasks.lockIfLeased(c, claimed.stream().map(DispatchTask::id).toList(), worker);
        var byId = reminders.forDispatch(c, leased.stream().map(DispatchTask::reminderId).toList(), json);
        List<TaskFacts> out = new ArrayList<>(leased.size());
        for (DispatchTask t : leased) out.add(new TaskFacts(t, byId.get(t.reminderId())));
        var rows = borrowers.lockAll(c, out.stream().map(t -> t.task().borrowerId()).toList());
        List<ContactPoint> points = new ArrayList<>();
        for (TaskFacts t : out) points.addAll(t.points());
        borrowers.lockContactPoints(c, points);
        return new Locked(out, rows);
    }

    /** The facts of {@code batch}'s borrowers and contact history as of {@code now} (call once the locks are held). */
    DispatchFacts load(Connection c, List<TaskFacts> batch, Map<String, BorrowerRecord> rows, Instant now) throws SQLException {
        Set<String> ids = new TreeSet<>();
        Set<String> points = new TreeSet<>();
        for (TaskFacts t : batch) {
            ids.add(t.task().borrowerId());
            for (ContactPoint p : t.points()) points.add(p.address());
        }
        var facts = borrowers(c, rows);
        Duration horizon = Duration.ZERO;
        for (BorrowerFacts b : facts.values()) if (b.pack().historyHorizon().compareTo(horizon) > 0) horizon = b.pack().historyHorizon();
        List<PastContact> history = ids.isEmpty() ? List.of() : attempts.history(c, ids, points, now.minus(horizon));
        return new DispatchFacts(batch, facts, history);
    }

    /** Explain's load: one borrower's facts and the history of it and of {@code points}, as {@link #load} reads them. */
    DispatchFacts load(Connection c, BorrowerRecord record, Collection<String> points, Instant at) throws SQLException {
        var facts = borrowers(c, Map.of(record.id(), record));
        var history = attempts.history(c, List.of(record.id()), points, at.minus(facts.get(record.id()).pack().historyHorizon()));
        return new DispatchFacts(List.of(), facts, history);
    }

    /** Each borrower's standing facts: four statements for the whole set. */
    Map<String, BorrowerFacts> borrowers(Connection c, Map<String, BorrowerRecord> records) throws SQLException {
        var idArray = Sql.textArray(c, records.keySet());
        Map<String, List<Restriction>> restrictions = new HashMap<>();
        try (var ps = Sql.prepare(c, """
                SELECT borrower_id, kind, value, scope_loan FROM borrower_restriction WHERE borrower_id = ANY (?) AND lifted_at IS NULL""",
                idArray); var rs = ps.executeQuery()) {
            while (rs.next()) {
                restrictions.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new Restriction(rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
        Map<String, Set<String>> invalid = new HashMap<>();
        try (var ps = Sql.prepare(c, "SELECT borrower_id, destination FROM invalid_contact_point WHERE borrower_id = ANY (?)", idArray);
             var rs = ps.executeQuery()) {
            while (rs.next()) invalid.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
        }
        // Wrong-number exclusions join the rejected destinations: the policy sees both as "this contact point is unusable".
        Map<String, Set<String>> excluded = ContactPointExclusions.hashesOf(c, idArray);
        Map<String, Set<BorrowerFlag>> flags = new HashMap<>();
        try (var ps = Sql.prepare(c, "SELECT borrower_id, flag FROM borrower_flag WHERE borrower_id = ANY (?) AND removed_at IS NULL", idArray);
             var rs = ps.executeQuery()) {
            while (rs.next()) flags.computeIfAbsent(rs.getString(1), k -> EnumSet.noneOf(BorrowerFlag.class)).add(BorrowerFlag.valueOf(rs.getString(2)));
        }
        Map<String, List<KnownLocations.Location>> locations = new HashMap<>();
        try (var ps = Sql.prepare(c, """
                SELECT borrower_id, zone, source, first_seen, last_seen FROM borrower_location WHERE borrower_id = ANY (?)
                ORDER BY borrower_id, first_seen, source, zone""", idArray); var rs = ps.executeQuery()) {
            while (rs.next()) {
                locations.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new KnownLocations.Location(
                        ZoneId.of(rs.getString("zone")), KnownLocations.Source.valueOf(rs.getString("source")),
                        Sql.instant(rs, "first_seen"), Sql.instant(rs, "last_seen")));
            }
        }
        Map<String, BorrowerFacts> out = new LinkedHashMap<>();
        for (BorrowerRecord b : records.values()) {
            var resolved = rules.resolve(b, locations.getOrDefault(b.id(), List.of())); // as explain and every decision resolve it
            out.put(b.id(), new BorrowerFacts(b, restrictions.getOrDefault(b.id(), List.of()),
                    ContactPointExclusions.unusable(invalid.getOrDefault(b.id(), Set.of()), excluded.getOrDefault(b.id(), Set.of())),
                    flags.getOrDefault(b.id(), Set.of()), resolved.pack(), resolved.zones()));
        }
        return out;
    }
}
