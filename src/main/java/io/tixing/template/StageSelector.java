package io.tixing.template;

import io.tixing.policy.BorrowerFlag;
import io.tixing.policy.ChannelType;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Picks the template key for a request: the stage by days overdue when no key is given, the
 * hardship offer for HARDSHIP borrowers, then the gentle variant for ELDERLY borrowers.
 */
final class StageSelector {

    static final String HARDSHIP_OFFER = "hardship-offer";
    static final String GUARANTOR_REMINDER = "guarantor-reminder";

    /** Stages that are collection reminders; transactional keys (confirmation, voicemail) are never swapped. */
    private static final Set<String> REMINDER_STAGES =
            Set.of("pre-due", "due-today", "overdue-early", "overdue-mid", "overdue-late", "overdue");

    private StageSelector() {}

    static String stageKey(int daysOverdue) {
        if (daysOverdue < 0) return "pre-due";
        if (daysOverdue == 0) return "due-today";
        if (daysOverdue <= 7) return "overdue-early";
        if (daysOverdue <= 30) return "overdue-mid";
        return "overdue-late";
    }

    /**
     * A replacement (hardship offer, gentle variant) is used only when it declares the requested
     * channel; otherwise the base key serves that channel.
     */
    static String select(String requestedKey, int daysOverdue, Set<BorrowerFlag> flags, ChannelType channel,
                         Map<String, TemplateFolder> folders) {
        return select(requestedKey, daysOverdue, flags, channel, folders, false);
    }

    /**
     * To a guarantor, every collection reminder is the guarantor's wording, whatever the channel: when that key does
     * not declare the channel the render is Missing, never the borrower's own text sent to someone else.
     */
    static String select(String requestedKey, int daysOverdue, Set<BorrowerFlag> flags, ChannelType channel,
                         Map<String, TemplateFolder> folders, boolean toGuarantor) {
        String key = requestedKey != null && !requestedKey.isBlank() ? requestedKey.strip() : stageKey(daysOverdue);
        Set<BorrowerFlag> f = flags == null ? Set.of() : flags;
        TemplateFolder chosen = folders.get(key);
        if (toGuarantor && chosen != null && (REMINDER_STAGES.contains(chosen.manifest().stage())
                || "hardship".equals(chosen.manifest().stage()))) {
            return GUARANTOR_REMINDER;
        }
        if (f.contains(BorrowerFlag.HARDSHIP) && chosen != null && REMINDER_STAGES.contains(chosen.manifest().stage())
                && folders.containsKey(HARDSHIP_OFFER) && folders.get(HARDSHIP_OFFER).declares(channel)) {
            key = HARDSHIP_OFFER; // the offer comes first; it carries no consequences block before D+30
        }
        if (f.contains(BorrowerFlag.ELDERLY)) {
            key = gentleVariant(key, BorrowerFlag.ELDERLY, channel, folders).orElse(key);
        }
        return key;
    }

    private static Optional<String> gentleVariant(String key, BorrowerFlag flag, ChannelType channel,
                                                  Map<String, TemplateFolder> folders) {
        return folders.values().stream()
                .filter(t -> key.equals(t.manifest().variantOf()) && t.manifest().serves() == flag && t.declares(channel))
                .map(TemplateFolder::key)
                .sorted()
                .findFirst();
    }

    /**
     * Why a template of {@code stage} cannot be used for a loan {@code daysOverdue} days late, or null when it can: a
     * pre-due text says "due in N days", a due-today text "due today", an overdue text "N days late".
     */
    static String contradiction(String stage, int daysOverdue) {
        if (stage == null) return null;
        if (stage.equals("pre-due") && daysOverdue >= 0) return "a pre-due template for a loan " + daysOverdue + " day(s) overdue";
        if (stage.equals("due-today") && daysOverdue != 0) return "a due-today template for daysOverdue " + daysOverdue;
        if (stage.startsWith("overdue") && daysOverdue <= 0) return "an overdue template for a loan not yet overdue (daysOverdue " + daysOverdue + ")";
        return null;
    }

    /** HARDSHIP borrowers see no consequences block before D+30; everyone else may. */
    static boolean showConsequences(int daysOverdue, Set<BorrowerFlag> flags) {
        return flags == null || !flags.contains(BorrowerFlag.HARDSHIP) || daysOverdue >= 30;
    }
}
