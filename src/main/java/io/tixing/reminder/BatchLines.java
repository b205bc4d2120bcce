package io.tixing.reminder;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.tixing.api.FieldError;
import io.tixing.api.StrictJson;

import java.io.BufferedReader;
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

    private static final class Ndjson extends BatchLines {
        private final BufferedReader reader;
        private long number;

        Ndjson(InputStream body, ObjectMapper json) {
            super(json);
            this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16);
        }

        @Override
        Line next() throws Stop {
            while (true) {
                String text = read();
                if (text == null) return null;
                number++;
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

        private String read() throws Stop {
            try {
                return reader.readLine();
            } catch (IOException e) {
                throw new Stop("the body was cut off after line " + number + " (" + e.getMessage() + ")");
            }
        }

        @Override
        boolean moreArrived() {
            try {
                return reader.ready();
            } catch (IOException e) {
                return false;
            }
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
                JsonNode node = parser.readValueAsTree();
                try {
                    return new Line(number, json.treeToValue(node, ReminderRequest.class), List.of());
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
