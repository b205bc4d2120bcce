package io.tixing.template;

import io.tixing.policy.BorrowerFlag;
import io.tixing.policy.ChannelType;

import java.util.List;
import java.util.Map;

/**
 * One catalog entry as the console and the preview endpoint list it.
 *
 * @param locales  per declared channel, the locales that have a file (sorted)
 * @param findings load-time lint warnings (hard blocks never load, so there are none here)
 * @param status   OK, or WARN when there is at least one finding
 */
public record TemplateInfo(String key, String version, String stage, List<ChannelType> channels,
                           Map<ChannelType, List<String>> locales, List<LintFinding> findings, LintStatus status,
                           String tone, String variantOf, BorrowerFlag serves, String owner, String approvedBy,
                           String approvedAt) {

    public enum LintStatus { OK, WARN }
}
