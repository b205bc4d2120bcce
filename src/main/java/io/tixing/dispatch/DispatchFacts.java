package io.tixing.dispatch;

import io.tixing.borrower.BorrowerRecord;
import io.tixing.policy.BorrowerFlag;
import io.tixing.policy.ChannelType;
import io.tixing.policy.ContactPoint;
import io.tixing.policy.HoldType;
import io.tixing.policy.KnownLocations;
import io.tixing.policy.PastContact;
import io.tixing.policy.RulePack;
import io.tixing.reminder.ReminderRepository.Dispatchable;
import io.tixing.reminder.ReminderRequest;

import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a claimed batch needs to be decided, read under the batch's locks by {@link FactsLoader}: the tasks with
 * their reminders, each borrower's standing facts, and the contact history of those borrowers and of every contact
 * point the tasks may use. Plain values: {@link ContactDecider} decides from them without touching the database.
 */
record DispatchFacts(List<TaskFacts> tasks, Map<String, BorrowerFacts> borrowers, List<PastContact> history) {

    /** One task as claimed, with its reminder (still readable: a reminder is never deleted while a task is open). */
    record TaskFacts(DispatchTask task, Dispatchable reminder, List<ContactPoint> points) {
        TaskFacts(DispatchTask task, Dispatchable reminder) { this(task, reminder, pointsOf(task, reminder)); }

        ReminderRequest request() { return reminder.request(); }

        /** Every contact point the task may use (FIRST_ALLOWED walks them all): all are locked and counted. */
        private static List<ContactPoint> pointsOf(DispatchTask task, Dispatchable reminder) {
            return task.channels().stream().map(ChannelType::valueOf)
                    .map(ch -> ContactPoint.of(ch, destination(reminder.request(), ch))).filter(Objects::nonNull).toList();
        }
    }

    /** A restriction in force: an opt-out (value = channel or ALL) or a hold, for all loans or one. */
    record Restriction(String kind, String value, String scopeLoan) {}

    /**
     * A borrower's standing facts: the row (locked), restrictions in force, the contact points providers rejected, the
     * sticky protective flags, and the rule pack and known locations as {@code BorrowerRules} resolves them.
     */
    record BorrowerFacts(BorrowerRecord record, List<Restriction> restrictions, Set<String> invalidDestinations,
                         Set<BorrowerFlag> flags, RulePack pack, KnownLocations zones) {

        ZoneId displayZone() { return zones.displayZone(); }

        /** Opt-outs in force for {@code loanId}: the borrower-wide ones plus those scoped to that loan. */
        Set<ChannelType> optedOut(String loanId) {
            Set<ChannelType> out = EnumSet.noneOf(ChannelType.class);
            for (Restriction r : restrictions) {
                if (r.kind().equals("HOLD") || !applies(r, loanId)) continue;
                if (r.value().equals("ALL")) out.addAll(EnumSet.allOf(ChannelType.class));
                else out.add(ChannelType.valueOf(r.value()));
            }
            return out;
        }

        Set<HoldType> holds(String loanId) {
            Set<HoldType> out = EnumSet.noneOf(HoldType.class);
            for (Restriction r : restrictions) if (r.kind().equals("HOLD") && applies(r, loanId)) out.add(HoldType.valueOf(r.value()));
            return out;
        }

        private static boolean applies(Restriction r, String loanId) { return r.scopeLoan() == null || r.scopeLoan().equals(loanId); }
    }

    static String destination(ReminderRequest request, ChannelType channel) {
        return channel == ChannelType.EMAIL ? request.borrower().email() : request.borrower().phone();
    }
}
