package io.tixing.template;

/**
 * A rendered voice script split the way the voice channel plays it. Convention of every
 * {@code voice.<locale>.ftl}: the first paragraph is the identity prompt (no debt details — lint
 * checks it), a blank line, then the disclosure and DTMF menu, played only after the callee pressed 1.
 * A neutral message (voicemail) is a single paragraph and has no disclosure.
 */
public record VoiceScript(String identityPrompt, String disclosure) {

    public static VoiceScript of(String text) {
        String[] parts = (text == null ? "" : text.strip()).split("\\n\\s*\\n", 2);
        return new VoiceScript(parts[0].strip(), parts.length > 1 ? parts[1].strip() : "");
    }

    public boolean hasDisclosure() {
        return !disclosure.isEmpty();
    }
}
