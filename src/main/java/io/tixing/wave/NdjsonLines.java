package io.tixing.wave;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.tixing.api.FieldError;
import io.tixing.api.Problem;
import io.tixing.api.ProblemException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;

/**
 * Reads an NDJSON wave upload one line at a time: line 1 is the header, each further non-blank line one recipient.
 * Only the current line is in memory; a line that is not valid JSON becomes that line's error, not the upload's.
 */
final class NdjsonLines implements Iterator<WaveIntake.Line> {

    private final BufferedReader reader;
    private final ObjectMapper json;
    private long number = 1;
    private String pending;

    private NdjsonLines(BufferedReader reader, ObjectMapper json) {
        this.reader = reader;
        this.json = json;
    }

    /** Reads the header line; the returned iterator yields the recipients. */
    static NdjsonLines open(InputStream body, ObjectMapper json, java.util.function.Consumer<WaveHeader> header) {
        var reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16);
        var lines = new NdjsonLines(reader, json);
        String first = lines.readLine();
        if (first == null || first.isBlank()) {
            throw ProblemException.badRequest("line 1", "the first line must be the wave header JSON");
        }
        try {
            header.accept(json.readValue(first, WaveHeader.class));
        } catch (JsonProcessingException e) {
            throw new ProblemException(Problem.validation(List.of(new FieldError("line 1" + path(e), message(e)))));
        }
        return lines;
    }

    @Override
    public boolean hasNext() {
        while (pending == null) {
            String line = readLine();
            if (line == null) return false;
            number++;
            if (!line.isBlank()) pending = line;
        }
        return true;
    }

    @Override
    public WaveIntake.Line next() {
        if (!hasNext()) throw new NoSuchElementException();
        String line = pending;
        pending = null;
        try {
            return new WaveIntake.Line(number, json.readValue(line, WaveHeader.Recipient.class), List.of());
        } catch (JsonProcessingException e) {
            return new WaveIntake.Line(number, null, List.of(new FieldError(path(e).isEmpty() ? "" : path(e).substring(1), message(e))));
        }
    }

    private String readLine() {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String path(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException m) || m.getPath().isEmpty()) return "";
        return m.getPath().stream().map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining());
    }

    private static String message(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) return "unknown field '" + u.getPropertyName() + "'";
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) return "wrong type or format";
        return "not valid JSON: " + e.getOriginalMessage();
    }
}
