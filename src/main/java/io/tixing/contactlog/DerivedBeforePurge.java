package io.tixing.contactlog;

import java.util.Map;

/**
 * Tables derived from the contact log (the stats rollup) must forget entries before retention deletes them, or they
 * would count what the log no longer holds. The purge calls this port after its checkpoints and before it deletes;
 * io.tixing.stats implements it (a port here, so the log does not depend on stats).
 */
public interface DerivedBeforePurge {

    /** Positions 1..upTo of each chain (chain id to position) are about to be deleted. */
    void beforePurge(Map<Integer, Long> upToPerChain);
}
