package io.tixing.policy;

/** Holds stop every contact with a borrower until lifted. */
public enum HoldType {
    CEASE(ReasonCode.HOLD_CEASE),
    DISPUTE(ReasonCode.HOLD_DISPUTE),
    BANKRUPTCY(ReasonCode.HOLD_BANKRUPTCY),
    DECEASED(ReasonCode.HOLD_DECEASED);

    private final ReasonCode reason;

    HoldType(ReasonCode reason) { this.reason = reason; }

    public ReasonCode reason() { return reason; }
}
