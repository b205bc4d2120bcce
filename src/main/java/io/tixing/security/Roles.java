package io.tixing.security;

import java.util.Set;

/** The roles an API key can carry (PRODUCT.md). {@code pii} is an extra right: see unmasked contact points. */
public final class Roles {
    public static final String SUBMITTER = "submitter";
    public static final String OPERATOR = "operator";
    public static final String COMPLIANCE = "compliance";
    public static final String ADMIN = "admin";
    public static final String PII = "pii";
    /** Collection staff: work the cases the robot hands over (docs/CONVERSATIONS.md, "Worklist"). */
    public static final String AGENT = "agent";

    public static final Set<String> ALL = Set.of(SUBMITTER, OPERATOR, COMPLIANCE, ADMIN, PII, AGENT);

    private Roles() {}
}
