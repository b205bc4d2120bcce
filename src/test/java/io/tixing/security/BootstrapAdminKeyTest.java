package io.tixing.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bootstrap admin key is chosen (and checked) before anything is stored: a short one stops the start-up. */
class BootstrapAdminKeyTest {

    @TempDir Path dir;

    record Config(Optional<String> bootstrapAdminKey, String bootstrapKeyFile) implements SecurityConfig {
        @Override public Duration keyCacheTtl() { return Duration.ofSeconds(5); }
    }

    @Test
    void a_configured_bootstrap_key_shorter_than_32_characters_refuses_start_up_naming_the_setting() {
        assertThatThrownBy(() -> BootstrapAdminKey.choose(new Config(Optional.of("test-admin-key"), dir.resolve("k").toString())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tixing.security.bootstrap-admin-key")
                .hasMessageContaining("TIXING_SECURITY_BOOTSTRAP_ADMIN_KEY")
                .hasMessageContaining("is 14 characters long")
                .hasMessageContaining("at least 32 characters");
        String thirtyOne = "k".repeat(31);
        assertThatThrownBy(() -> BootstrapAdminKey.choose(new Config(Optional.of(thirtyOne), dir.resolve("k").toString())))
                .hasMessageContaining("is 31 characters long");
        // Padding does not count.
        assertThatThrownBy(() -> BootstrapAdminKey.choose(new Config(Optional.of("  " + thirtyOne + "  "), dir.resolve("k").toString())))
                .hasMessageContaining("is 31 characters long");
        assertThat(Files.exists(dir.resolve("k"))).as("a refused configured key falls back to no file").isFalse();
    }

    @Test
    void a_bootstrap_key_of_32_characters_or_more_is_used_as_configured() {
        String key = "0123456789abcdef0123456789abcdef";
        assertThat(BootstrapAdminKey.choose(new Config(Optional.of(key), dir.resolve("k").toString()))).isEqualTo(key);
    }

    @Test
    void a_short_key_left_in_the_key_file_refuses_start_up_naming_the_file() throws Exception {
        Path file = dir.resolve("bootstrap-admin-key");
        Files.writeString(file, "short-key\n");
        assertThatThrownBy(() -> BootstrapAdminKey.choose(new Config(Optional.empty(), file.toString())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toAbsolutePath().toString())
                .hasMessageContaining("is 9 characters long")
                .hasMessageContaining("Delete the file");
    }

    @Test
    void without_a_configured_key_one_long_enough_is_generated_into_the_file_and_reused() throws Exception {
        Path file = dir.resolve("data").resolve("bootstrap-admin-key");
        String generated = BootstrapAdminKey.choose(new Config(Optional.empty(), file.toString()));
        assertThat(generated.length()).isGreaterThanOrEqualTo(BootstrapAdminKey.MIN_LENGTH);
        assertThat(Files.readString(file).strip()).isEqualTo(generated);
        assertThat(BootstrapAdminKey.choose(new Config(Optional.of(" "), file.toString()))).isEqualTo(generated);
    }

    @Test
    void the_key_list_shows_at_most_8_characters_and_nothing_of_a_short_key_stored_before_the_minimum() {
        assertThat(ApiKeys.shownPrefix("tx_abcde")).isEqualTo("tx_abcde");
        assertThat(ApiKeys.shownPrefix("admin")).as("a whole key of 5 characters, stored whole by an older version").isEmpty();
        assertThat(ApiKeys.storedPrefix("0123456789abcdef0123456789abcdef")).isEqualTo("01234567");
        assertThat(ApiKeys.storedPrefix("short")).isEqualTo("s");
    }
}
