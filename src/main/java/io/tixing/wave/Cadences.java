package io.tixing.wave;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Cadence files from {@code src/main/resources/cadences/}; {@code default} is loaded (and checked) at start-up. */
@ApplicationScoped
@Startup
public class Cadences {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final Map<String, Optional<Cadence>> loaded = new ConcurrentHashMap<>();

    public Cadences() {
        if (find("default").isEmpty()) throw new IllegalStateException("cadences/default.yaml is missing");
    }

    public Optional<Cadence> find(String name) {
        if (name == null || !NAME.matcher(name).matches()) return Optional.empty();
        return loaded.computeIfAbsent(name, this::load);
    }

    private Optional<Cadence> load(String name) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("cadences/" + name + ".yaml")) {
            if (in == null) return Optional.empty();
            Cadence c = yaml.readValue(in, Cadence.class);
            if (!name.equals(c.name())) throw new IllegalStateException("cadences/" + name + ".yaml names itself '" + c.name() + "'");
            return Optional.of(c);
        } catch (IOException e) {
            throw new UncheckedIOException("cadences/" + name + ".yaml is unreadable: " + e.getMessage(), e);
        }
    }
}
