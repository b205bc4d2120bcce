package io.tixing.support;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A provider fake's answers held back until the test lets them go: the fake has taken the request (recorded the
 * message, as the real provider has once it got it) and the caller waits for the answer, so a crash test knows
 * exactly which sends are in flight when it kills the caller, with no timing involved.
 */
public final class HeldAnswers {

    private final Set<String> waiting = new LinkedHashSet<>();
    private boolean holding;
    private long round;

    /** From now on every answer waits for {@link #letGo()}. */
    public synchronized void hold() { holding = true; }

    /** The answers waiting now go out; later requests are held again. */
    public synchronized void letGo() {
        round++;
        waiting.clear(); // at once: a released caller may not have woken yet, and is no longer waiting for the test
        notifyAll();
    }

    /** Every answer goes out, now and later. */
    public synchronized void stop() {
        holding = false;
        letGo();
    }

    /** What the requests whose answers wait are about (the attempt id each carries). */
    public synchronized Set<String> waiting() { return Set.copyOf(waiting); }

    /** Called by the fake after it took the request {@code about}, before it answers. */
    public synchronized void await(String about) {
        if (!holding) return;
        long mine = round;
        waiting.add(about);
        try {
            while (holding && round == mine) wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            waiting.remove(about);
        }
    }
}
