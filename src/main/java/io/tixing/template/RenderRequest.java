package io.tixing.template;

import io.tixing.policy.BorrowerFlag;
import io.tixing.policy.ChannelType;

import java.util.Set;

/**
 * What to render. {@code templateKey} may be null: the catalog then picks the stage's key from
 * {@code data.daysOverdue()} and the flags. {@code pack} is the rule pack name (CN, HK, TW, US) whose
 * required elements apply.
 */
public record RenderRequest(String templateKey, ChannelType channel, String locale, String pack,
                            Set<BorrowerFlag> flags, MessageData data) {}
