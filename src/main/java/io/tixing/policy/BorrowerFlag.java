package io.tixing.policy;

/** Vulnerability flags a lender sets on a borrower; they change the contact plan, not only the words. */
public enum BorrowerFlag { ELDERLY, HARDSHIP, HEARING_IMPAIRED, VISION_IMPAIRED }
