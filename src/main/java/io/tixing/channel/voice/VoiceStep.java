package io.tixing.channel.voice;

import java.util.Arrays;
import java.util.Optional;

/** The steps of the robot call; {@link #param()} is the {@code step} query parameter of the voice webhook. */
public enum VoiceStep {
    START("start"),
    IDENTITY("identity"),
    MENU("menu"),
    PROMISE_DATE("promise-date");

    private final String param;

    VoiceStep(String param) {
        this.param = param;
    }

    public String param() {
        return param;
    }

    public static Optional<VoiceStep> fromParam(String value) {
        return Arrays.stream(values()).filter(s -> s.param.equals(value)).findFirst();
    }
}
