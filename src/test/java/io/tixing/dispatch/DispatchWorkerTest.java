package io.tixing.dispatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** How ticks start pipeline loops: no loop waits for another, and never more run than there are pipelines. */
@Timeout(20)
class DispatchWorkerTest {

    static DispatchConfig twoPipelines() {
        return new DispatchConfig() {
            public String pollInterval() { return "off"; }
            public int batchSize() { return 10; }
            public Duration lease() { return Duration.ofSeconds(60); }
            public int maxRetries() { return 5; }
            public Duration retryBaseDelay() { return Duration.ofSeconds(30); }
            public Duration retryMaxDelay() { return Duration.ofMinutes(15); }
            public int senders() { return 4; }
            public int pipelines() { return 2; }
        };
    }

    /** Rounds the worker started, in order; each is held until the test lets it finish with the number of tasks it claimed. */
    final LinkedBlockingQueue<LinkedBlockingQueue<Integer>> rounds = new LinkedBlockingQueue<>();
    final AtomicInteger atOnce = new AtomicInteger(), mostAtOnce = new AtomicInteger();
    final DispatchWorker worker = new DispatchWorker(twoPipelines(), id -> {
        var claimed = new LinkedBlockingQueue<Integer>();
        mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
        rounds.add(claimed);
        try {
            return claimed.take();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        } finally {
            atOnce.decrementAndGet();
        }
    });

    @AfterEach
    void stop() { worker.stop(); }

    LinkedBlockingQueue<Integer> nextRound() throws InterruptedException {
        var r = rounds.poll(5, TimeUnit.SECONDS);
        assertThat(r).as("a round was started").isNotNull();
        return r;
    }

    /** Ticks until one starts a round (a loop frees its pipeline just after its round returns). */
    LinkedBlockingQueue<Integer> nextTickedRound() throws InterruptedException {
        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5); System.nanoTime() < end; ) {
            worker.poll();
            var r = rounds.poll(10, TimeUnit.MILLISECONDS);
            if (r != null) return r;
        }
        throw new AssertionError("no tick started a round");
    }

    @Test
    void a_batch_held_by_a_slow_provider_does_not_stop_the_other_pipeline_claiming_at_the_next_tick() throws Exception {
        worker.poll();
        var heldAtProvider = nextRound(); // three tasks, their answers not yet back
        var other = nextRound();
        other.add(0); // nothing else was due yet

        var again = nextTickedRound(); // the next tick, the first batch still held
        again.add(10); // the rest of the intake had come in: a full batch, so the loop goes on at once
        nextRound().add(0);

        heldAtProvider.add(3);
        assertThat(mostAtOnce.get()).as("rounds at once").isEqualTo(2);
    }

    @Test
    void a_tick_starts_no_more_loops_than_there_are_pipelines() throws Exception {
        worker.poll();
        var first = nextRound();
        var second = nextRound();
        worker.poll();
        worker.poll();
        assertThat(rounds.poll(300, TimeUnit.MILLISECONDS)).as("a third round while two run").isNull();

        first.add(0);
        nextTickedRound().add(0); // a pipeline is free again: the next tick uses it
        second.add(0);
        assertThat(mostAtOnce.get()).isEqualTo(2);
    }
}
