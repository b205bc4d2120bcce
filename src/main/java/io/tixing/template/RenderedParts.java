package io.tixing.template;

/** The parts of one rendered message before lint: text always, subject and html for email only. */
record RenderedParts(String text, String subject, String html) {

    /** SHA-256 (hex) of subject + "\n" + text + "\n" + html, nulls as empty: what was actually sent. */
    String contentHash() {
        return Hashing.sha256Hex(nz(subject) + "\n" + nz(text) + "\n" + nz(html));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
