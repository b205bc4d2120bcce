package io.tixing.reply;

import java.util.Locale;

/**
 * The line format every reply phrase list shares (opt-out/opt-in keywords, intents): UTF-8, an optional byte-order
 * mark, blank lines and {@code #} comments, {@code [section]} headers, then one phrase a line. Each list decides what
 * its sections and phrases mean; errors name the file and line.
 */
final class PhraseFile {

    interface Reader {
        /** A {@code [header]} (lower-cased); throw {@link MalformedKeywordFile} naming {@code origin} if it is unknown. */
        void section(String header, String origin);

        /** One phrase line (stripped) under {@code header}. */
        void phrase(String header, String line, String origin);
    }

    private PhraseFile() {}

    static void read(String list, String text, Reader reader) {
        String section = null;
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String origin = list + ".txt line " + (i + 1);
            String line = lines[i].strip();
            if (i == 0 && line.startsWith("\ufeff")) line = line.substring(1).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (line.startsWith("[")) {
                if (!line.endsWith("]")) throw new MalformedKeywordFile(origin + ": section header \"" + line + "\" has no closing ]");
                section = line.substring(1, line.length() - 1).strip().toLowerCase(Locale.ROOT);
                reader.section(section, origin);
                continue;
            }
            if (section == null) throw new MalformedKeywordFile(origin + ": \"" + line + "\" comes before any [section]");
            reader.phrase(section, line, origin);
        }
    }
}
