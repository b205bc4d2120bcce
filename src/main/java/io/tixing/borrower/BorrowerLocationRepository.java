package io.tixing.borrower;

import io.tixing.db.Sql;
import io.tixing.policy.KnownLocations;
import io.tixing.policy.KnownLocations.Location;
import io.tixing.policy.KnownLocations.Source;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The one writer of {@code borrower_location}: every zone a borrower has stated and every zone of every phone number
 * the borrower has had. Rows only accumulate ({@code last_seen} moves on); nothing a later request says removes one.
 * Called in the transaction that upserts the borrower, so the borrower row lock orders concurrent writers.
 */
@ApplicationScoped
public class BorrowerLocationRepository {

    /** Records what each borrower's facts say about where they are. Many borrowers go in one statement (waves). */
    public void record(Connection c, Collection<BorrowerRecord> borrowers, Instant now) throws SQLException {
        // Sorted and distinct: one statement may not touch a row twice, and concurrent batches lock rows in one order.
        TreeSet<String> keys = new TreeSet<>();
        for (BorrowerRecord b : borrowers) {
            for (ZoneId z : statedZones(b.timezone())) keys.add(b.id() + "\u0000" + z.getId() + "\u0000" + Source.STATED);
            for (ZoneId z : KnownLocations.phoneZones(b.phone())) keys.add(b.id() + "\u0000" + z.getId() + "\u0000" + Source.PHONE);
        }
        if (keys.isEmpty()) return;
        List<String> ids = new ArrayList<>(keys.size()), zones = new ArrayList<>(keys.size()), sources = new ArrayList<>(keys.size());
        for (String k : keys) {
            String[] parts = k.split("\u0000", 3);
            ids.add(parts[0]);
            zones.add(parts[1]);
            sources.add(parts[2]);
        }
        Sql.update(c, """
                INSERT INTO borrower_location (borrower_id, zone, source, first_seen, last_seen)
                SELECT id, zone, source, ?, ? FROM unnest(?::text[], ?::text[], ?::text[]) AS t(id, zone, source)
                ON CONFLICT (borrower_id, zone, source)
                  DO UPDATE SET last_seen = GREATEST(borrower_location.last_seen, EXCLUDED.last_seen)""",
                now, now, ids.toArray(String[]::new), zones.toArray(String[]::new), sources.toArray(String[]::new)); // binary arrays
    }

    /** {@link #record(Connection, Collection, Instant)} for one borrower. */
    public void record(Connection c, BorrowerRecord borrower, Instant now) throws SQLException {
        record(c, List.of(borrower), now);
    }

    /** What has been stored for the borrower, oldest first. */
    public List<Location> find(Connection c, String borrowerId) throws SQLException {
        List<Location> out = new ArrayList<>();
        try (var ps = Sql.prepare(c, """
                SELECT zone, source, first_seen, last_seen FROM borrower_location WHERE borrower_id = ?
                ORDER BY first_seen, source, zone""", borrowerId); var rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Location(ZoneId.of(rs.getString("zone")), Source.valueOf(rs.getString("source")),
                        Sql.instant(rs, "first_seen"), Sql.instant(rs, "last_seen")));
            }
        }
        return out;
    }

    /**
     * Intake validated the zone; one that still does not parse is not recorded here (explain and dispatch reject it
     * when they resolve the borrower's current facts, so it never silently widens the window).
     */
    private static List<ZoneId> statedZones(String zone) {
        try {
            return KnownLocations.statedZones(zone);
        } catch (IllegalArgumentException | DateTimeException e) {
            return List.of();
        }
    }
}
