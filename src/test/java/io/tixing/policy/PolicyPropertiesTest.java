package io.tixing.policy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import static io.tixing.policy.Fixtures.ENGINE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the instant, zones, pack and history: an ALLOW is inside the window in every candidate zone and keeps every
 * cap (checked here by an independent, simple count); a DEFER instant replayed with the same history is ALLOW, and
 * asked from an earlier instant between the two the engine names the same DEFER instant (it is the first one).
 */
class PolicyPropertiesTest {

    private static final List<String> ZONES = List.of("Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "America/New_York",
            "America/Los_Angeles", "America/Boise", "Europe/London", "Australia/Lord_Howe", "Asia/Kathmandu");
    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2027-12-31T00:00:00Z");

    record Scenario(RulePack pack, ContactFacts facts, Instant at) {}

    @Property(tries = 500)
    void anAllowKeepsTheWindowAndEveryCapAndADeferIsAllowedWhenReplayed(@ForAll("scenarios") Scenario s) {
        Decision decision = ENGINE.decideAt(s.pack(), s.facts(), s.at());
        Statistics.collect(decision.kind());
        switch (decision) {
            case Decision.Allow a -> assertLawfulAt(s, s.at());
            case Decision.Defer d -> {
                assertThat(d.until()).isAfter(s.at());
                assertThat(ENGINE.decideAt(s.pack(), s.facts(), d.until())).isInstanceOf(Decision.Allow.class);
                assertLawfulAt(s, d.until());
                // It is the FIRST such instant: asked again from any earlier point, the answer is the same instant.
                Instant oneSecondBefore = d.until().minusSeconds(1);
                Instant midway = s.at().plus(Duration.between(s.at(), d.until()).dividedBy(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
                for (Instant earlier : List.of(oneSecondBefore, midway)) {
                    if (earlier.isBefore(s.at())) continue;
                    assertThat(ENGINE.decideAt(s.pack(), s.facts(), earlier)).isInstanceOfSatisfying(Decision.Defer.class,
                            again -> assertThat(again.until()).isEqualTo(d.until()));
                }
            }
            case Decision.Suppress x -> assertThat(x.reasons()).isNotEmpty();
            case Decision.Expired e -> throw new AssertionError("no notAfter was given: " + e);
        }
    }

    private static void assertLawfulAt(Scenario s, Instant t) {
        ContactFacts f = s.facts();
        ChannelType channel = f.target().channel();
        boolean elderly = f.borrower().flags().contains(BorrowerFlag.ELDERLY);
        var window = s.pack().window(channel);
        for (ZoneId zone : f.borrower().zones()) {
            var local = t.atZone(zone).toLocalTime();
            assertThat(local).as("local time in %s", zone).isBetween(window.start(), window.end().minusNanos(1));
            if (elderly && channel == ChannelType.VOICE) assertThat(local.getHour()).isBetween(9, 19);
            LocalDate day = t.atZone(zone).toLocalDate();
            Predicate<PastContact> today = c -> c.at().atZone(zone).toLocalDate().equals(day);
            int total = count(f, today.and(c -> c.kind() == ContactKind.SENT || c.kind() == ContactKind.DIAL_ATTEMPT));
            assertThat(total + 1).isLessThanOrEqualTo(halvedIf(elderly, s.pack().caps().totalDaily()));
            if (channel == ChannelType.SMS) assertThat(count(f, today.and(sent(ChannelType.SMS))) + 1).isLessThanOrEqualTo(halvedIf(elderly, s.pack().caps().smsDaily()));
            if (channel == ChannelType.EMAIL) assertThat(count(f, today.and(sent(ChannelType.EMAIL))) + 1).isLessThanOrEqualTo(halvedIf(elderly, s.pack().caps().emailDaily()));
            if (channel == ChannelType.VOICE) {
                for (var cap : s.pack().voice().conversationCaps()) {
                    if (cap.period() == CapPeriod.LOCAL_DAY)
                        assertThat(count(f, today.and(kind(ContactKind.CONVERSATION))) + 1).isLessThanOrEqualTo(halvedIf(elderly, cap.max()));
                }
                for (var cap : s.pack().voice().attemptCaps()) {
                    if (cap.period() == CapPeriod.LOCAL_DAY) for (var scope : cap.scopes())
                        assertThat(count(f, today.and(kind(ContactKind.DIAL_ATTEMPT)).and(sameScope(f, scope)))).isLessThan(halvedIf(elderly, cap.max()));
                }
            }
        }
        if (channel == ChannelType.VOICE) {
            Predicate<PastContact> lastWeek = c -> c.at().isAfter(t.minus(Duration.ofDays(7))) && !c.at().isAfter(t);
            for (var cap : s.pack().voice().conversationCaps()) {
                if (cap.period() == CapPeriod.ROLLING_7_DAYS) assertThat(count(f, lastWeek.and(kind(ContactKind.CONVERSATION)))).isLessThan(cap.max());
            }
            for (var cap : s.pack().voice().attemptCaps()) {
                if (cap.period() == CapPeriod.ROLLING_7_DAYS) for (var scope : cap.scopes())
                    assertThat(count(f, lastWeek.and(kind(ContactKind.DIAL_ATTEMPT)).and(sameScope(f, scope)))).isLessThan(cap.max());
            }
            Duration cooldown = s.pack().voice().cooldownAfterConversation();
            if (!cooldown.isZero()) {
                assertThat(count(f, kind(ContactKind.CONVERSATION).and(c -> Objects.equals(c.loanId(), f.target().loanId()))
                        .and(c -> !c.at().isAfter(t) && c.at().plus(cooldown).isAfter(t)))).isZero();
            }
        }
    }

    private static int halvedIf(boolean elderly, int cap) { return elderly ? Math.max(1, cap / 2) : cap; }

    private static Predicate<PastContact> kind(ContactKind kind) { return c -> c.kind() == kind; }

    private static Predicate<PastContact> sent(ChannelType channel) { return c -> c.kind() == ContactKind.SENT && c.channel() == channel; }

    /** History holds only the borrower's own contacts here, so per borrower counts them all. */
    private static Predicate<PastContact> sameScope(ContactFacts f, AttemptScope scope) {
        return c -> switch (scope) {
            case LOAN -> Objects.equals(c.loanId(), f.target().loanId());
            case CONTACT_POINT -> Objects.equals(c.contactPoint(), f.target().contactPoint());
            case BORROWER -> true;
        };
    }

    private static int count(ContactFacts f, Predicate<PastContact> p) { return (int) f.history().stream().filter(p).count(); }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<RulePack> packs = Arbitraries.of(List.copyOf(Fixtures.PACKS.all()));
        Arbitrary<List<ZoneId>> zones = Arbitraries.of(ZONES).map(ZoneId::of).list().ofMinSize(1).ofMaxSize(3).uniqueElements();
        Arbitrary<Instant> instants = Arbitraries.longs().between(FROM.getEpochSecond(), TO.getEpochSecond()).map(Instant::ofEpochSecond);
        Arbitrary<ChannelType> channels = Arbitraries.of(ChannelType.class);
        Arbitrary<Set<BorrowerFlag>> flags = Arbitraries.of(BorrowerFlag.ELDERLY, BorrowerFlag.HARDSHIP).set().ofMaxSize(2);
        Arbitrary<List<PastContact>> pasts = pastContact().list().ofMaxSize(30);
        return Combinators.combine(packs, zones, instants, channels, flags, pasts, Arbitraries.of("L1", "L2"), Arbitraries.of("+1", "+2"))
                .as((pack, zs, at, channel, fl, relative, loan, point) -> {
                    // History lies in the 8 days before the decision instant.
                    List<PastContact> history = relative.stream()
                            .map(c -> new PastContact(at.minusSeconds(c.at().getEpochSecond()), c.channel(), c.kind(), c.loanId(), c.templateKey(), c.contactPoint()))
                            .toList();
                    var borrower = new BorrowerProfile("B", fl.isEmpty() ? EnumSet.noneOf(BorrowerFlag.class) : EnumSet.copyOf(fl),
                            Set.of(), Set.of(), zs, false);
                    return new Scenario(pack, new ContactFacts(borrower, new ContactTarget(channel, loan, "target", point, false, false), history, null), at);
                });
    }

    /** A past contact whose {@code at} holds seconds BEFORE the decision instant (resolved in {@link #scenarios()}). */
    private Arbitrary<PastContact> pastContact() {
        Arbitrary<Instant> ago = Arbitraries.longs().between(0, Duration.ofDays(8).toSeconds()).map(Instant::ofEpochSecond);
        Arbitrary<ChannelType> channel = Arbitraries.of(ChannelType.class);
        Arbitrary<String> template = Arbitraries.of("target", "other-1", "other-2", "other-3", "other-4", "other-5");
        return Combinators.combine(ago, channel, Arbitraries.of("L1", "L2"), template, Arbitraries.of("+1", "+2"))
                .as((at, ch, loan, tpl, point) -> new PastContact(at, ch, ch == ChannelType.VOICE ? ContactKind.DIAL_ATTEMPT : ContactKind.SENT, loan, tpl, point))
                .flatMap(c -> c.channel() == ChannelType.VOICE
                        ? Arbitraries.of(ContactKind.DIAL_ATTEMPT, ContactKind.CONVERSATION).map(k -> new PastContact(c.at(), c.channel(), k, c.loanId(), c.templateKey(), c.contactPoint()))
                        : Arbitraries.just(c));
    }
}
