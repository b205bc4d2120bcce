package io.tixing.policy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The policy package stays plain Java: no framework types, so it is unit-testable and portable. */
class PlainJavaTest {

    @Test
    void thePolicyPackageImportsNoFrameworkTypes() throws IOException {
        Path folder = Path.of("src/main/java/io/tixing/policy");
        List<String> imports;
        try (Stream<Path> files = Files.list(folder)) {
            imports = files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
                try {
                    return Files.readAllLines(f).stream().filter(l -> l.startsWith("import ")).map(l -> f.getFileName() + ": " + l);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertThat(imports).isNotEmpty();
        assertThat(imports).noneMatch(l -> l.contains("io.quarkus") || l.contains("jakarta.") || l.contains("javax.") || l.contains("io.smallrye"));
    }
}
