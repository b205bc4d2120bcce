package io.tixing.template;

import io.tixing.policy.BorrowerFlag;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The formatted values a template sees (the FreeMarker model), computed once in Java. Templates
 * never see the raw name, the raw amount or a LocalDate.
 */
record MessageFacts(String name, String nameInitials, String creditor, String product, String amount, String dueDate,
                    int daysOverdue, String hotline, String loanId, boolean showConsequences) {

    /** Names a template may use; {@code requiredVariables} in template.yaml must come from this set. */
    static final Set<String> VARIABLES = Set.of("name", "nameInitials", "creditor", "product", "amount", "dueDate",
            "daysOverdue", "daysToDue", "hotline", "loanId", "showConsequences");

    static MessageFacts of(MessageData data, String templateLocale, Set<BorrowerFlag> flags) {
        return new MessageFacts(
                MessageFormatting.maskName(clean(data.borrowerName())),
                MessageFormatting.initials(clean(data.borrowerName())),
                clean(data.creditor()),
                clean(data.product()),
                MessageFormatting.money(data.amountDue(), data.currency()),
                MessageFormatting.date(data.dueDate(), templateLocale),
                data.daysOverdue(),
                clean(data.hotline()),
                clean(data.loanId()),
                StageSelector.showConsequences(data.daysOverdue(), flags));
    }

    Map<String, Object> model() {
        Map<String, Object> m = new HashMap<>();
        m.put("name", name);
        m.put("nameInitials", nameInitials);
        m.put("creditor", creditor);
        m.put("product", product);
        m.put("amount", amount);
        m.put("dueDate", dueDate);
        m.put("daysOverdue", daysOverdue);
        m.put("daysToDue", Math.max(0, -daysOverdue));
        m.put("hotline", hotline);
        m.put("loanId", loanId);
        m.put("showConsequences", showConsequences);
        return m;
    }

    /** The model as text, as a template shows it (for providers that fill their own approved template). */
    Map<String, String> values() {
        Map<String, String> out = new HashMap<>();
        model().forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    /** True when the named variable has something to show. */
    boolean has(String variable) {
        return switch (variable) {
            case "name" -> !name.isEmpty();
            case "nameInitials" -> !nameInitials.isEmpty();
            case "creditor" -> !creditor.isEmpty();
            case "product" -> !product.isEmpty();
            case "amount" -> !amount.isEmpty();
            case "dueDate" -> !dueDate.isEmpty();
            case "hotline" -> !hotline.isEmpty();
            case "loanId" -> !loanId.isEmpty();
            default -> true; // numbers and booleans always have a value
        };
    }

    /** Control characters never belong in a message; CR/LF in a name must not break a subject line either. */
    private static final java.util.regex.Pattern CONTROL = java.util.regex.Pattern.compile("\\p{Cntrl}");

    private static String clean(String value) {
        return value == null ? "" : CONTROL.matcher(value).replaceAll(" ").strip();
    }
}
