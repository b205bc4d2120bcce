package io.tixing.template;

import io.tixing.policy.ChannelType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * COMPLIANCE.md's required elements, checked on the rendered text (the plain-text part for email):
 * creditor (a 【creditor】 signature at the very start of a CN SMS), amount with currency, due date
 * or days overdue, the official hotline, and an opt-out line on every SMS and on US email.
 * Neutral messages (voicemail) are checked the other way round: hotline yes, debt details no.
 * Voice scripts must keep the first paragraph (the identity prompt) free of debt details.
 */
final class RequiredElements {

    /** Any of these counts as the opt-out line: the inbound handler honours TD, 退订, 取消 and STOP alike. */
    private static final List<String> SMS_OPT_OUT = List.of("回复TD退订", "回覆TD取消", "回覆TD退訂", "reply stop");
    /** US email: English wording, or the Chinese templates' unsubscribe line for Chinese-reading US borrowers. */
    private static final List<String> EMAIL_OPT_OUT = List.of("unsubscribe", "opt out", "reply stop", "退订", "退訂", "取消");

    private RequiredElements() {}

    static List<LintFinding> check(TemplateManifest manifest, ChannelType channel, String pack, RenderedParts parts,
                                   MessageFacts facts, String file) {
        List<LintFinding> missing = new ArrayList<>();
        String text = parts.text();
        if (!manifest.disclosesDebtDetails()) {
            require(missing, contains(text, facts.hotline()), "hotline", file);
            forbid(missing, contains(text, facts.amount()), "amount in a neutral message", file);
            forbid(missing, contains(text, facts.dueDate()), "due date in a neutral message", file);
            return missing;
        }
        if (channel == ChannelType.SMS && "CN".equals(pack)) {
            require(missing, text.startsWith("【" + facts.creditor() + "】"), "【creditor】 signature at the start", file);
        } else {
            require(missing, contains(text, facts.creditor()), "creditor name", file);
        }
        require(missing, contains(text, facts.amount()), "amount with currency", file);
        require(missing, contains(text, facts.dueDate()) || contains(text, String.valueOf(Math.abs(facts.daysOverdue()))),
                "due date or days overdue", file);
        require(missing, contains(text, facts.hotline()), "official hotline", file);
        if (channel == ChannelType.SMS) {
            require(missing, containsAny(text, SMS_OPT_OUT), "SMS opt-out line (回复TD退订 / 回覆TD取消 / Reply STOP)", file);
        }
        if (channel == ChannelType.EMAIL && "US".equals(pack)) {
            require(missing, containsAny(text, EMAIL_OPT_OUT), "email opt-out line (unsubscribe)", file);
        }
        if (channel == ChannelType.VOICE) {
            String identityPrompt = VoiceScript.of(text).identityPrompt();
            forbid(missing, contains(identityPrompt, facts.amount()) || contains(identityPrompt, facts.dueDate()),
                    "debt details before the identity prompt is answered (first paragraph)", file);
        }
        return missing;
    }

    private static boolean contains(String text, String part) {
        return part != null && !part.isEmpty() && text != null && text.contains(part);
    }

    private static boolean containsAny(String text, List<String> options) {
        String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
        return options.stream().anyMatch(o -> lower.contains(o.toLowerCase(Locale.ROOT)));
    }

    private static void require(List<LintFinding> into, boolean present, String element, String file) {
        if (!present) {
            into.add(new LintFinding(LintFinding.Severity.BLOCK, "REQUIRED_ELEMENT", null, file, null, "missing: " + element));
        }
    }

    private static void forbid(List<LintFinding> into, boolean present, String element, String file) {
        if (present) {
            into.add(new LintFinding(LintFinding.Severity.BLOCK, "FORBIDDEN_ELEMENT", null, file, null, "not allowed: " + element));
        }
    }
}
