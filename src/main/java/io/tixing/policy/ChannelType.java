package io.tixing.policy;

/** The ways the gateway can reach a borrower. */
public enum ChannelType { SMS, EMAIL, VOICE }
