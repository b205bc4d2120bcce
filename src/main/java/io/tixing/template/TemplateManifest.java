package io.tixing.template;

import io.tixing.policy.BorrowerFlag;
import io.tixing.policy.ChannelType;

import java.util.List;

/**
 * A template folder's {@code template.yaml}. Unknown fields fail the load, so a typo cannot
 * silently drop an approval or a channel.
 *
 * @param stage             pre-due, due-today, overdue-early, overdue-mid, overdue-late, overdue, hardship,
 *                          promise-to-pay or voicemail
 * @param tone              gentle, neutral or firm (documentation for reviewers)
 * @param channels          channels this template serves; a render for any other channel is Missing
 * @param requiredVariables model variables that must have a value, else the render is Blocked
 * @param owner             team that maintains the wording
 * @param approvedBy        compliance reviewer
 * @param approvedAt        ISO date of approval
 * @param variantOf         for a gentle variant: the key it replaces
 * @param serves            for a gentle variant: the borrower flag it serves (ELDERLY)
 * @param disclosesDebt     false for neutral messages (voicemail): lint then forbids amount and due date
 */
public record TemplateManifest(String stage, String tone, List<ChannelType> channels, List<String> requiredVariables,
                               String owner, String approvedBy, String approvedAt, String variantOf,
                               BorrowerFlag serves, Boolean disclosesDebt) {

    public TemplateManifest {
        channels = channels == null ? List.of() : List.copyOf(channels);
        requiredVariables = requiredVariables == null ? List.of() : List.copyOf(requiredVariables);
    }

    public boolean disclosesDebtDetails() {
        return disclosesDebt == null || disclosesDebt;
    }
}
