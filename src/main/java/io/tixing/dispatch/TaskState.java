package io.tixing.dispatch;

/** The outbox row's state ({@code dispatch_task.state}, mirrored by a CHECK constraint). */
public enum TaskState {
    /** Waiting for its due instant. */
    PENDING,
    /** Claimed by one worker until its lease ends. */
    LEASED,
    /** Finished; {@code outcome} says how. */
    DONE
}
