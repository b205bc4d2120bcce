package io.tixing.bench;

import io.tixing.policy.BorrowerProfile;
import io.tixing.policy.ChannelType;
import io.tixing.policy.ContactFacts;
import io.tixing.policy.ContactKind;
import io.tixing.policy.ContactTarget;
import io.tixing.policy.Decision;
import io.tixing.policy.PastContact;
import io.tixing.policy.PolicyEngine;
import io.tixing.policy.RulePack;
import io.tixing.policy.RulePacks;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One policy decision (CN pack, SMS, Monday 10:00 Shanghai) with {@code history} earlier contacts on record in the
 * last weeks — the history is what the caps count.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx512m"})
@Threads(1)
public class PolicyBenchmark {

    static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");

    @Param({"0", "20"})
    int history;

    PolicyEngine engine;
    RulePack pack;
    ContactFacts facts;

    @Setup
    public void prepare() {
        pack = RulePacks.load(java.util.Map.of()).get("CN");
        engine = new PolicyEngine(Clock.fixed(NOW, ZoneOffset.UTC));
        List<PastContact> past = new ArrayList<>();
        for (int i = 0; i < history; i++) {
            past.add(new PastContact(NOW.minus(Duration.ofHours(26L * (i + 1))), i % 3 == 0 ? ChannelType.EMAIL : ChannelType.SMS,
                    ContactKind.SENT, "L1", "t-" + i, "+8613800138000"));
        }
        var borrower = new BorrowerProfile("B1", Set.of(), Set.of(), EnumSet.noneOf(ChannelType.class), List.of(ZoneId.of("Asia/Shanghai")), false);
        facts = new ContactFacts(borrower, new ContactTarget(ChannelType.SMS, "L1", "overdue-reminder", "+8613800138000", false, false), past, null);
        Decision d = engine.decideAt(pack, facts, NOW);
        if (!(d instanceof Decision.Allow)) throw new IllegalStateException("expected an allowed contact, got " + d);
    }

    @Benchmark
    public Decision decide() {
        return engine.decideAt(pack, facts, NOW);
    }
}
