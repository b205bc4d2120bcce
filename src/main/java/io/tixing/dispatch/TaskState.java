package io.tixing.dispatch;

/** The outbox row's state ({@code dispatch_task.state}, mirrored by a CHECK constraint). */
public enum TaskState {
    /** Waiting for its due instant. */
    PENDING,
    /** Waiting, but its wave is paused: the claim skips it until the wave resumes (written by wave pause/planning). */
    HELD,
    /** Claimed by one worker until its lease ends. */
    LEASED,
    /** Finished; {@code outcome} says how. */
    DONE
}
