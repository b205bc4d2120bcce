package io.tixing.reminder;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.tixing.api.FieldError;
import io.tixing.api.StrictJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The lines of a batch body as they arrive, one at a time (only the current one is in memory): NDJSON (one reminder
 * per line; blank lines are skipped but counted, so line numbers are the client's own) or a JSON array read with
 * Jackson's streaming parser (its elements numbered from 1). A line that is not a reminder becomes that line's
 * errors; a body that breaks off (connection lost, array never closed, JSON that cannot be resynchronised) ends the
 * reading with {@link Stop}, saying why.
 */
abstract sealed class BatchLines {

    /** One reminder as read: its line number, the parsed request, or why it could not be parsed. */
    record Line(long number, ReminderRequest request, List<FieldError> parseErrors) {}

    /** Why reading ended early; thrown by {@link #next()}. */
    static final class Stop extends Exception {
        Stop(String reason) { super(reason, null, false, false); }
    }

    protected final ObjectMapper json;

    BatchLines(ObjectMapper json) { this.json = json; }

    /** The next line, or null at the (complete) end of the body. */
    abstract Line next() throws Stop;

    /** Whether more input is already here (so a partly filled chunk may wait for it rather than be written now). */
    abstract boolean moreArrived();

    /** Reads what is left without parsing it (lines over the limit); returns the number of the last line seen. */
    abstract long skipRest() throws Stop;

    static BatchLines ndjson(InputStream body, ObjectMapper json) { return new Ndjson(body, json); }

    static BatchLines array(InputStream body, ObjectMapper json) throws Stop {
        try {
            return new Array(json.createParser(body), json);
        } catch (IOException e) {
            throw new Stop("the body could not be read: " + e.getMessage());
        }
    }

    Line parsed(long number, String text) {
        try {
            return new Line(number, json.readValue(text, ReminderRequest.class), List.of());
        } catch (JsonProcessingException e) {
            return new Line(number, null, List.of(fieldError(e)));
        }
    }

    /** The same field and message a single POST's 400 names (see io.tixing.api.ProblemMappers). */
    static FieldError fieldError(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) return new FieldError(path(u), "unknown field '" + u.getPropertyName() + "'");
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String why = StrictJson.NUL_MESSAGE.equals(e.getOriginalMessage()) ? StrictJson.NUL_MESSAGE : "wrong type or format";
            return new FieldError(path(m), why);
        }
        return new FieldError("", "not valid JSON: " + e.getOriginalMessage());
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** A line (or array element) may be as long as a single POST's body may be; a longer one is refused, not buffered. */
    static final int MAX_LINE_CHARS = io.tixing.api.BodyLimit.MAX_BYTES > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) io.tixing.api.BodyLimit.MAX_BYTES;

    private static final class Ndjson extends BatchLines {
        private final InputStreamReader reader;
        private final char[] buffer = new char[1 << 16];
        private int pos, end;
        private boolean eof;
        private final StringBuilder line = new StringBuilder(1024);
        private boolean overlong;
        private long number;

        Ndjson(InputStream body, ObjectMapper json) {
            super(json);
            this.reader = new InputStreamReader(body, StandardCharsets.UTF_8);
        }

        @Override
        Line next() throws Stop {
            while (true) {
                String text = read();
                if (text == null) return null;
                number++;
                if (overlong) {
                    return new Line(number, null, List.of(new FieldError("", "the line is longer than " + MAX_LINE_CHARS
                            + " characters, the limit of a single reminder request")));
                }
                if (!text.isBlank()) return parsed(number, text);
            }
        }

        @Override
        long skipRest() throws Stop {
            long last = number;
            while (read() != null) {
                number++;
                last = number;
            }
            return last;
        }

        /**
         * The next line without its terminator (a final line without one too), or null at the end. Only the first
         * {@link #MAX_LINE_CHARS} characters of a line are kept; {@link #overlong} says the rest was dropped.
         */
        private String read() throws Stop {
            line.setLength(0);
            overlong = false;
            boolean any = false;
            while (true) {
                if (pos == end) {
                    if (eof || !fill()) return any ? finish() : null;
                }
                any = true;
                int start = pos;
                while (pos < end && buffer[pos] != '\n') pos++;
                append(start, pos);
                if (pos < end) {
                    pos++; // the newline
                    return finish();
                }
            }
        }

        private void append(int from, int to) {
            if (overlong) return;
            if (line.length() + (to - from) > MAX_LINE_CHARS) {
                overlong = true;
                line.setLength(0);
                return;
            }
            line.append(buffer, from, to - from);
        }

        private String finish() {
            int n = line.length();
            if (n > 0 && line.charAt(n - 1) == '\r') line.setLength(n - 1);
            return line.toString();
        }

        private boolean fill() throws Stop {
            try {
                int n = reader.read(buffer, 0, buffer.length);
                if (n < 0) {
                    eof = true;
                    return false;
                }
                pos = 0;
                end = n;
                return true;
            } catch (IOException e) {
                throw new Stop("the body was cut off after line " + number + " (" + e.getMessage() + ")");
            }
        }

        @Override
        boolean moreArrived() {
            if (pos < end) return true;
            try {
                return reader.ready();
            } catch (IOException e) {
                return false;
            }
        }
    }

    private static final class Bounded extends java.io.ByteArrayOutputStream {
        static final class TooLong extends IOException {
            TooLong() { super("too long", null); }
        }

        Bounded() { super(1024); }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            if (count + len > MAX_LINE_CHARS) throw new java.io.UncheckedIOException(new TooLong());
            super.write(b, off, len);
        }

        @Override
        public synchronized void write(int b) {
            if (count + 1 > MAX_LINE_CHARS) throw new java.io.UncheckedIOException(new TooLong());
            super.write(b);
        }
    }

    private static final class Array extends BatchLines {
        private final JsonParser parser;
        private long number;
        private boolean started;

        Array(JsonParser parser, ObjectMapper json) {
            super(json);
            this.parser = parser;
        }

        @Override
        Line next() throws Stop {
            try {
                if (!started) {
                    started = true;
                    JsonToken first = parser.nextToken();
                    if (first != JsonToken.START_ARRAY) {
                        throw new Stop("a application/json batch must be a JSON array of reminders (or send application/x-ndjson)");
                    }
                }
                JsonToken t = parser.nextToken();
                if (t == null) throw new Stop("the body ended after element " + number + " before the array was closed");
                if (t == JsonToken.END_ARRAY) return null;
                number++;
                // Copied token by token into a bounded buffer, so one huge element cannot fill the heap.
                var copy = new Bounded();
                try (var generator = json.getFactory().createGenerator(copy)) {
                    generator.copyCurrentStructure(parser);
                } catch (java.io.UncheckedIOException e) {
                    if (!(e.getCause() instanceof Bounded.TooLong)) throw e;
                    throw new Stop("element " + number + " is longer than " + MAX_LINE_CHARS + " bytes, the limit of a single reminder request");
                }
                try {
                    return new Line(number, json.readValue(copy.toByteArray(), ReminderRequest.class), List.of());
                } catch (JsonProcessingException e) {
                    return new Line(number, null, List.of(fieldError(e)));
                }
            } catch (JsonEOFException e) {
                throw new Stop("the body ended inside element " + number + " before the array was closed");
            } catch (JsonProcessingException e) {
                throw new Stop("the body is not valid JSON in element " + number + ": " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new Stop("the body was cut off in element " + number + " (" + e.getMessage() + ")");
            }
        }

        @Override
        long skipRest() throws Stop {
            long last = number;
            try {
                for (JsonToken t = parser.nextToken(); t != null && t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    parser.skipChildren();
                    last = ++number;
                }
            } catch (IOException e) {
                throw new Stop("the body was cut off in element " + number + " (" + e.getMessage() + ")");
            }
            return last;
        }

        @Override
        boolean moreArrived() { return true; }
    }
}
