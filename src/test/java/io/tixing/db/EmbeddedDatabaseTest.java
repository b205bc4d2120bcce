package io.tixing.db;

import io.tixing.support.EmbeddedPostgresResource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded PostgreSQL as the service starts it (EmbeddedDatabase.start), without Quarkus. */
class EmbeddedDatabaseTest {

    @TempDir
    Path tmp;

    @Test
    void the_running_embedded_server_has_fsync_synchronous_commit_and_full_page_writes_on() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(tmp.resolve("postgres"), 0)) {
            assertThat(show(db, "fsync", "synchronous_commit", "full_page_writes"))
                    .containsExactly(Map.entry("fsync", "on"), Map.entry("synchronous_commit", "on"), Map.entry("full_page_writes", "on"));
            assertThat(db.describe()).contains("fsync=on", "synchronous_commit=on", "full_page_writes=on");
        }
    }

    @Test
    void the_tests_own_embedded_server_is_as_durable_as_production() throws Exception {
        new EmbeddedPostgresResource().start(); // what every @QuarkusTest runs on (one server per test JVM)
        assertThat(show(EmbeddedPostgresResource.database(), "fsync", "synchronous_commit", "full_page_writes").values()).containsOnly("on");
    }

    @Test
    void every_role_the_superuser_included_logs_in_only_with_its_generated_password() throws Exception {
        Path data = tmp.resolve("postgres");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data, 0)) {
            Path file = EmbeddedCredentials.file(data);
            assertThat(file).isEqualTo(tmp.resolve("postgres-credentials.properties"));
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            EmbeddedCredentials kept = EmbeddedCredentials.read(data);
            for (String role : List.of("postgres", EmbeddedDatabase.OWNER, EmbeddedDatabase.APP)) {
                assertThat(sqlStateLoggingIn(db, role, "wrong")).as(role + " with a wrong password").isEqualTo("28P01");
                assertThat(sqlStateLoggingIn(db, role, EmbeddedCredentials.password(kept, role))).as(role + " with its password").isNull();
            }
            assertThat(sqlStateLoggingIn(db, EmbeddedDatabase.APP, "tixing_app")).as("the old fixed password").isEqualTo("28P01");
            assertThat(Files.readString(data.resolve("pg_hba.conf")).lines().filter(l -> !l.startsWith("#")))
                    .noneMatch(l -> l.contains("trust")).anyMatch(l -> l.contains("scram-sha-256"));
            try (Connection c = DriverManager.getConnection(db.superuserJdbcUrl()); var s = c.createStatement();
                 var rs = s.executeQuery("SELECT rolname, rolpassword FROM pg_authid WHERE rolcanlogin ORDER BY rolname")) {
                Map<String, String> hashes = new LinkedHashMap<>();
                while (rs.next()) hashes.put(rs.getString(1), rs.getString(2));
                assertThat(hashes).containsOnlyKeys("postgres", EmbeddedDatabase.OWNER, EmbeddedDatabase.APP);
                assertThat(hashes.values()).allMatch(h -> h != null && h.startsWith("SCRAM-SHA-256$"));
            }
        }
        // Passwords are generated once: a restart uses the same ones.
        EmbeddedCredentials before = EmbeddedCredentials.read(data);
        try (EmbeddedDatabase again = EmbeddedDatabase.start(data, 0)) {
            assertThat(again.credentials()).isEqualTo(before);
            assertThat(sqlStateLoggingIn(again, EmbeddedDatabase.APP, before.app())).isNull();
        }
    }

    @Test
    void the_first_start_picks_a_free_port_and_every_later_start_reuses_it() {
        Path data = tmp.resolve("postgres");
        int first;
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data, 0)) {
            first = db.port();
        }
        assertThat(EmbeddedDatabase.keptPort(data)).contains(first);
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data, 0)) {
            assertThat(db.port()).isEqualTo(first);
        }
    }

    @Test
    void a_kept_port_another_program_has_taken_meanwhile_is_replaced_by_a_free_one_and_kept() throws Exception {
        Path data = tmp.resolve("postgres");
        int first;
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data, 0)) {
            first = db.port();
        }
        try (var squatter = new java.net.ServerSocket(first, 1, java.net.InetAddress.getLoopbackAddress());
             EmbeddedDatabase db = EmbeddedDatabase.start(data, 0)) {
            assertThat(db.port()).isNotEqualTo(first);
            assertThat(EmbeddedDatabase.keptPort(data)).contains(db.port());
            assertThat(sqlStateLoggingIn(db, EmbeddedDatabase.APP, db.credentials().app())).isNull();
        }
    }

    @Test
    void a_server_killed_under_the_service_is_started_again_on_the_same_port_with_every_commit() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(tmp.resolve("postgres"), 0, Duration.ofSeconds(60))) {
            int port = db.port();
            try (Connection c = owner(db); var s = c.createStatement()) {
                s.execute("CREATE TABLE t (n int)");
                s.execute("INSERT INTO t SELECT generate_series(1, 1000)");
            }
            long pid = db.state().pid();
            kill9(pid);
            for (int i = 0; i < 50 && db.state().running(); i++) Thread.sleep(100);
            assertThat(db.state().running()).isFalse();
            assertThatThrownBy(() -> owner(db).close()).isInstanceOf(SQLException.class);

            assertThat(db.ensureRunning()).as(() -> "restarted; " + db.state().lastFailure()).isTrue();
            assertThat(db.state().running()).isTrue();
            assertThat(db.state().pid()).isNotEqualTo(pid);
            assertThat(db.state().restarts()).isEqualTo(1);
            assertThat(db.port()).isEqualTo(port);
            try (Connection c = owner(db); var s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM t")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1000);
            }
            assertThat(show(db, "fsync", "synchronous_commit", "full_page_writes").values()).containsOnly("on");
        }
    }

    @Test
    void a_server_left_running_by_a_killed_jvm_is_stopped_and_the_same_start_succeeds_on_the_same_port() throws Exception {
        Path data = tmp.resolve("postgres");
        Process service = startHolder(data);
        int port = EmbeddedDatabase.keptPort(data).orElseThrow();
        service.destroyForcibly(); // kill -9: no shutdown hook stops its PostgreSQL
        service.waitFor(10, TimeUnit.SECONDS);
        long orphan = Postmaster.of(data).orElseThrow().pid();
        assertThat(ProcessHandle.of(orphan).map(Postmaster::alive)).as("its postmaster outlives it").contains(true);

        long started = System.nanoTime();
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data, 0)) {
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
            assertThat(db.port()).isEqualTo(port);
            assertThat(ProcessHandle.of(orphan).map(Postmaster::alive).orElse(false)).as("the leftover server was stopped").isFalse();
            try (Connection c = owner(db); var s = c.createStatement(); var rs = s.executeQuery("SELECT n FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }

    @Test
    void a_folder_whose_service_is_still_running_is_refused_and_its_server_left_alone() throws Exception {
        Path data = tmp.resolve("postgres");
        Process service = startHolder(data);
        try {
            long pid = Postmaster.of(data).orElseThrow().pid();
            assertThatThrownBy(() -> EmbeddedDatabase.start(data, 0).close())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("belongs to another running process");
            assertThat(ProcessHandle.of(pid).map(Postmaster::alive)).as("the other service's server still runs").contains(true);
        } finally {
            service.destroy(); // SIGTERM: its shutdown hook stops its server
            service.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_folder_from_the_build_that_trusted_local_connections_gets_passwords_and_keeps_its_data() throws Exception {
        Path data = tmp.resolve("postgres");
        // What the previous build left: zonky's initdb (-A trust) and roles with fixed passwords.
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1").setServerConfig("unix_socket_directories", "").start();
             Connection c = old.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
            s.execute("CREATE ROLE tixing_owner LOGIN PASSWORD 'tixing_owner'");
            s.execute("CREATE ROLE tixing_app LOGIN PASSWORD 'tixing_app'");
            s.execute("CREATE DATABASE tixing OWNER tixing_owner");
        }
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1").setServerConfig("unix_socket_directories", "").start();
             Connection c = DriverManager.getConnection(old.getJdbcUrl("tixing_owner", "tixing")); var s = c.createStatement()) {
            s.execute("CREATE TABLE kept (n int)");
            s.execute("INSERT INTO kept VALUES (7)");
        }
        assertThat(EmbeddedCredentials.exist(data)).isFalse();

        try (EmbeddedDatabase db = EmbeddedDatabase.start(data, 0)) {
            assertThat(sqlStateLoggingIn(db, EmbeddedDatabase.APP, "tixing_app")).isEqualTo("28P01");
            assertThat(sqlStateLoggingIn(db, EmbeddedDatabase.OWNER, "tixing_owner")).isEqualTo("28P01");
            assertThat(sqlStateLoggingIn(db, "postgres", "")).isNotNull();
            assertThat(Files.readString(data.resolve("pg_hba.conf"))).doesNotContainPattern("(?m)^[^#]*trust");
            try (Connection c = owner(db); var s = c.createStatement(); var rs = s.executeQuery("SELECT n FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(7);
            }
            assertThat(sqlStateLoggingIn(db, EmbeddedDatabase.APP, db.credentials().app())).isNull();
        }
    }

    /** Another JVM that starts the embedded server on {@code data}, returned once its server is ready. */
    private static Process startHolder(Path data) throws Exception {
        Process service = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldsEmbeddedDatabase.class.getName(), data.toString())
                .redirectErrorStream(true).start();
        var out = new BufferedReader(new InputStreamReader(service.getInputStream()));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("READY ")) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
                drain.setDaemon(true);
                drain.start();
                return service;
            }
        }
        throw new IllegalStateException("the other JVM did not start its server");
    }

    private static Connection owner(EmbeddedDatabase db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.OWNER, db.credentials().owner());
    }

    /** null when the login works, else the SQL state of the refusal. */
    private static String sqlStateLoggingIn(EmbeddedDatabase db, String role, String password) {
        try (Connection ignored = DriverManager.getConnection(db.jdbcUrl(), role, password)) {
            return null;
        } catch (SQLException e) {
            return e.getSQLState() == null ? "refused" : e.getSQLState();
        }
    }

    private static Map<String, String> show(EmbeddedDatabase db, String... settings) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(db.superuserJdbcUrl()); var s = c.createStatement()) {
            for (String setting : settings) {
                try (var rs = s.executeQuery("SHOW " + setting)) {
                    rs.next();
                    out.put(setting, rs.getString(1));
                }
            }
        }
        return out;
    }

    static void kill9(long pid) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("kill", "-9", Long.toString(pid)));
        assertThat(new ProcessBuilder(cmd).inheritIO().start().waitFor()).isZero();
    }
}
