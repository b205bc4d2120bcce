package io.tixing.borrower;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "tixing.unreachable")
public interface ReachabilityConfig {

    /** Consecutive attempts failed, undelivered or unanswered after which the lender is told the borrower is unreachable. */
    @WithDefault("5")
    int afterConsecutiveFailures();
}
