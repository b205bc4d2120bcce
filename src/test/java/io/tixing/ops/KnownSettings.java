package io.tixing.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappings;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every setting the service reads: the {@code tixing.*} ones found in its compiled classes (each {@code @ConfigMapping}
 * interface's properties as SmallRye maps them, each {@code @ConfigProperty} name, each {@code ${tixing...}} in a
 * {@code @Scheduled} expression), and Quarkus' own from the config model every extension jar ships.
 */
final class KnownSettings {

    private KnownSettings() {}

    static final Path CLASSES = Path.of("target/classes");
    private static final Pattern EXPRESSION = Pattern.compile("\\$?\\{(tixing\\.[a-z0-9.-]+)(?::[^}]*)?}");

    /** Every {@code tixing.*} property name the code reads; map keys appear as {@code .*}, list items are left out. */
    static Set<String> tixingProperties() throws IOException {
        Set<String> names = new TreeSet<>();
        for (Class<?> c : classes()) {
            ConfigMapping mapping = c.getAnnotation(ConfigMapping.class);
            if (mapping != null) {
                for (String name : ConfigMappings.getProperties(new ConfigMappings.ConfigClass(c, mapping.prefix())).keySet()) {
                    if (!name.endsWith("[*]")) names.add(name);
                }
            }
            List<AnnotatedElement> elements = new ArrayList<>();
            Collections.addAll(elements, c.getDeclaredFields());
            Collections.addAll(elements, c.getDeclaredMethods());
            List<Executable> executables = new ArrayList<>();
            Collections.addAll(executables, c.getDeclaredConstructors());
            Collections.addAll(executables, c.getDeclaredMethods());
            for (Executable e : executables) {
                for (Annotation[] parameter : e.getParameterAnnotations()) {
                    for (Annotation a : parameter) if (a instanceof ConfigProperty p && p.name().startsWith("tixing.")) names.add(p.name());
                }
            }
            for (AnnotatedElement e : elements) {
                ConfigProperty p = e.getAnnotation(ConfigProperty.class);
                if (p != null && p.name().startsWith("tixing.")) names.add(p.name());
                Scheduled s = e.getAnnotation(Scheduled.class);
                if (s != null) {
                    for (String expression : List.of(s.every(), s.cron(), s.delayed())) {
                        Matcher m = EXPRESSION.matcher(expression);
                        while (m.find()) names.add(m.group(1));
                    }
                }
            }
        }
        return names;
    }

    /** The environment variable names that set a known setting (Quarkus' from its model, ours by the usual mapping). */
    static Set<String> environmentNames() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String property : tixingProperties()) names.add(env(property));
        ObjectMapper json = new ObjectMapper();
        var resources = KnownSettings.class.getClassLoader().getResources("META-INF/quarkus-config-doc/quarkus-config-model.json");
        while (resources.hasMoreElements()) {
            URL url = resources.nextElement();
            try (InputStream in = url.openStream()) {
                collect(json.readTree(in), names);
            }
        }
        return names;
    }

    static String env(String property) { return property.toUpperCase().replaceAll("[^A-Z0-9]", "_"); }

    private static void collect(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            JsonNode env = node.path("path").path("environmentVariable");
            if (env.isTextual()) names.add(env.asText());
            node.forEach(child -> collect(child, names));
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, names));
        }
    }

    private static List<Class<?>> classes() throws IOException {
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = CLASSES.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (!name.startsWith("io.tixing.")) continue;
                try {
                    out.add(Class.forName(name, false, KnownSettings.class.getClassLoader()));
                } catch (ClassNotFoundException | LinkageError e) {
                    // generated or unloadable helper classes hold no settings
                }
            }
        }
        return out;
    }
}
