package io.tixing.wave;

import io.tixing.api.Problem;
import io.tixing.api.ProblemException;
import io.tixing.db.Database;
import io.tixing.dispatch.TaskRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Operator controls of a running wave. Pause holds the wave's waiting tasks (state HELD, and the claim query skips
 * tasks of a paused wave in case one slips back to PENDING); resume releases them; cancel ends everything not yet sent.
 */
@ApplicationScoped
public class WaveControl {

    static final int CANCEL_BATCH = 1_000;

    private final Database db;
    private final Clock clock;
    private final WaveRepository waves;
    private final ReminderCancellation cancellation;
    private final WaveStagePlanner stagePlanner;
    private final TaskRepository tasks;

    public WaveControl(Database db, Clock clock, WaveRepository waves, ReminderCancellation cancellation, WaveStagePlanner stagePlanner,
                       TaskRepository tasks) {
        this.stagePlanner = stagePlanner;
        this.tasks = tasks;
        this.db = db;
        this.clock = clock;
        this.waves = waves;
        this.cancellation = cancellation;
    }

    public void pause(UUID id, String actor) {
        db.inTransaction(c -> {
            var wave = locked(c, id);
            if (wave.state() == WaveRepository.State.PAUSED) return null;
            Instant now = clock.instant();
            waves.setState(c, id, WaveRepository.State.PAUSED, actor, now);
            tasks.holdWave(c, id, now);
            return null;
        });
    }

    public void resume(UUID id, String actor) {
        db.inTransaction(c -> {
            var wave = locked(c, id);
            if (wave.state() != WaveRepository.State.PAUSED) return null;
            Instant now = clock.instant();
            waves.setState(c, id, WaveRepository.State.ACTIVE, actor, now);
            tasks.releaseWave(c, id, now);
            return null;
        });
    }

    /**
     * Marks the wave cancelled, then cancels its waiting reminders in batches; returns how many ended CANCELLED. Recipients
     * still staged (accepted, not planned yet) are planned and cancelled batch by batch (REQUEST then LIFECYCLE entry), here
     * or by a background planner that got to them first; no batch can plan them as live once the state is CANCELLED.
     */
    public long cancel(UUID id, String actor) {
        String name = db.inTransaction(c -> {
            var wave = locked(c, id);
            waves.setState(c, id, WaveRepository.State.CANCELLED, actor, clock.instant());
            return wave.name();
        });
        String why = "wave '" + name + "' (" + id + ") cancelled by " + actor;
        long total = stagePlanner.drain(id);
        for (int n; (n = db.inTransaction(c -> cancellation.cancel(c, "r.wave_id = ?", List.of(id), CANCEL_BATCH, actor, why,
                clock.instant()))) >= 0; ) {
            total += n;
        }
        return total;
    }

    private WaveRepository.Wave locked(java.sql.Connection c, UUID id) throws java.sql.SQLException {
        var wave = waves.find(c, id, true).orElseThrow(() -> ProblemException.notFound("wave " + id));
        if (wave.state() == WaveRepository.State.CANCELLED) {
            throw new ProblemException(Problem.of(409, "wave-cancelled", "Wave cancelled", "wave " + id + " is already cancelled"));
        }
        return wave;
    }
}
