package io.tixing.policy;

/** What a past contact was, for counting caps. */
public enum ContactKind {
    /** An SMS or email handed to the provider (or about to be: counted from the moment it is allowed). */
    SENT,
    /** A voice call dialled, answered or not. */
    DIAL_ATTEMPT,
    /** A voice call in which the borrower was reached and spoke (identity confirmed). */
    CONVERSATION
}
