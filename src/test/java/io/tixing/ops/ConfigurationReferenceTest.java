package io.tixing.ops;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigurationReferenceTest {

    @Test
    void every_tixing_setting_the_code_reads_is_listed_in_docs_configuration_md() throws Exception {
        Set<String> properties = KnownSettings.tixingProperties();
        assertThat(properties).contains("tixing.dispatch.lease", "tixing.metrics.refresh-interval", "tixing.bench.noop-enabled",
                "tixing.waves.plan-batch", "tixing.cadence.advance-interval", "tixing.policy.overrides.*");
        String doc = Files.readString(Path.of("docs/CONFIGURATION.md"));
        List<String> missing = properties.stream().filter(p -> !doc.contains("| `" + p + "` |")).toList();
        assertThat(missing).as("settings read by the code but not in docs/CONFIGURATION.md (add a row: | `name` | default | meaning |)").isEmpty();
    }

    @Test
    void every_row_of_docs_configuration_md_names_a_setting_the_code_reads() throws Exception {
        Set<String> properties = KnownSettings.tixingProperties();
        List<String> documented = Files.readAllLines(Path.of("docs/CONFIGURATION.md")).stream()
                .filter(l -> l.startsWith("| `tixing.")).map(l -> l.substring(3, l.indexOf('`', 3))).toList();
        assertThat(documented).isNotEmpty();
        assertThat(documented.stream().filter(d -> !properties.contains(d)).toList()).as("rows for settings nothing reads").isEmpty();
    }
}
