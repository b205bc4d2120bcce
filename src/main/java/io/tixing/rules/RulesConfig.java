package io.tixing.rules;

import io.smallrye.config.ConfigMapping;

import java.util.Map;

@ConfigMapping(prefix = "tixing.policy")
public interface RulesConfig {

    /**
     * Operator tightenings of the shipped rule packs, e.g. {@code tixing.policy.overrides."CN.caps.sms-daily"=2}.
     * A value looser than the pack's legal floor stops start-up with a message naming the key.
     */
    Map<String, String> overrides();
}
