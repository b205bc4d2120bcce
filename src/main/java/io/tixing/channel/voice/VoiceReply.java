package io.tixing.channel.voice;

/** The TwiML to answer Twilio with, and what the step learned. */
public record VoiceReply(String twiml, VoiceChoice choice) {}
