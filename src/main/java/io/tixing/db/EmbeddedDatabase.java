package io.tixing.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real PostgreSQL server started from Maven Central binaries (zonky), for a fresh machine and for tests.
 * Production may point at an external PostgreSQL instead; then this class is never used.
 *
 * <p>Two roles are created: {@code tixing_owner} owns the schema (Flyway migrates as it) and
 * {@code tixing_app} is what the service connects as, without the right to UPDATE or DELETE the contact log.
 * Every role, the {@code postgres} superuser included, logs in with a scram-sha-256 password generated on first
 * start ({@link EmbeddedCredentials}); nothing is trusted, so the app role's missing grants mean something.
 *
 * <p>Durable: zonky starts PostgreSQL with {@code -F} (fsync off) and {@code synchronous_commit=off}, which lose
 * acknowledged commits when the server is killed and can corrupt the cluster when the machine crashes. Later
 * {@code -c} options win over {@code -F}, so {@link #SERVER_CONFIG} switches both back on; a start whose running
 * server does not report them on refuses to continue.
 *
 * <p>The port is kept next to the data ({@code <data-dir>.port}) so a restart finds the server where it was; a
 * postmaster left running by a JVM that was killed is stopped before a new one starts ({@link Postmaster}); and
 * {@link #ensureRunning()} starts the server again on the same data and port when it has died under the service.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String DATABASE = "tixing";
    public static final String OWNER = "tixing_owner";
    public static final String APP = "tixing_app";

    /** What every commit the service acknowledges depends on; checked with SHOW on the running server. */
    public static final Map<String, String> DURABILITY = orderedMap(
            "fsync", "on", "synchronous_commit", "on", "full_page_writes", "on");

    static final Map<String, String> SERVER_CONFIG = serverConfig();

    private static volatile EmbeddedDatabase serviceDatabase;

    private final Path dataDir;
    private final int port;
    private final EmbeddedCredentials credentials;
    private final Duration startupWait;
    /** The first start: holds the folder's JVM lock for as long as this object lives and stops the server on close. */
    private final EmbeddedPostgres first;
    private volatile Path binDir;
    private volatile long pid;
    private volatile boolean closed;
    private volatile boolean restarting;
    private volatile int restarts;
    private volatile int failedRestarts;
    private volatile String lastFailure;

    private EmbeddedDatabase(Path dataDir, int port, EmbeddedCredentials credentials, Duration startupWait, EmbeddedPostgres first) {
        this.dataDir = dataDir;
        this.port = port;
        this.credentials = credentials;
        this.startupWait = startupWait;
        this.first = first;
    }

    /** Starts (or restarts on existing data in) {@code dataDir}, waiting up to 60 s for it (crash recovery included). */
    public static EmbeddedDatabase start(Path dataDir, int port) { return start(dataDir, port, Duration.ofSeconds(60)); }

    /**
     * Starts (or restarts on existing data in) {@code dataDir}.
     *
     * @param port 0 for the port kept from the last start, or any free one on the first
     */
    public static EmbeddedDatabase start(Path dataDir, int port, Duration startupWait) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Path pwfile = null;
        try {
            Files.createDirectories(dir);
            Postmaster.clearLeftover(dir, Duration.ofSeconds(30));
            boolean fresh = !Files.exists(dir.resolve("postgresql.conf"));
            boolean trusting = !fresh && Hba.trustsAnyone(dir);
            if (!fresh && !trusting && !EmbeddedCredentials.exist(dir)) {
                throw new IllegalStateException("the embedded PostgreSQL in " + dir + " requires passwords, but "
                        + EmbeddedCredentials.file(dir) + " is missing; restore it from a backup");
            }
            EmbeddedCredentials credentials = EmbeddedCredentials.readOrCreate(dir);
            int chosen = choosePort(dir, port);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setPort(chosen)
                    // Our own hook stops the server once, whichever process instance is running by then.
                    .setRegisterShutdownHook(false)
                    .setConnectConfig("password", credentials.superuser())
                    .setPGStartupWait(startupWait);
            SERVER_CONFIG.forEach(builder::setServerConfig);
            if (fresh) {
                // zonky runs initdb with "-A trust"; a later --auth wins, and --pwfile gives the superuser its
                // password, so the new cluster never accepts anyone without one.
                pwfile = Files.createTempFile("tixing-pw", ".txt", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(pwfile, credentials.superuser() + "\n", StandardCharsets.UTF_8);
                builder.setLocaleConfig("auth", "scram-sha-256").setLocaleConfig("pwfile", pwfile.toString());
            }
            // A folder from before passwords keeps its trusting pg_hba.conf until every role has one (upgradeFromTrust).
            if (!trusting) builder.setDataDirectoryCustomizer(d -> Hba.writePasswordsOnly(d.toPath()));
            EmbeddedPostgres postgres;
            try {
                postgres = builder.start();
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("could not start embedded PostgreSQL in " + dir + " on port " + chosen
                        + ": " + e.getMessage(), e);
            }
            keepPort(dir, chosen);
            EmbeddedDatabase db = new EmbeddedDatabase(dir, chosen, credentials, startupWait, postgres);
            try {
                if (trusting) db.upgradeFromTrust();
                db.ensureDatabaseAndRoles();
                db.checkPasswordsRequired();
                db.checkDurable();
                db.notePostmaster();
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(db::close, "tixing-embedded-postgres-stop"));
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL in " + dir, e);
        } finally {
            if (pwfile != null) {
                try {
                    Files.deleteIfExists(pwfile);
                } catch (IOException ignored) {
                    // a temp file; the password is also in the credentials file
                }
            }
        }
    }

    /** Marks {@code db} as the service's own database, which {@link EmbeddedDatabaseWatchdog} keeps running. */
    public static void serveWith(EmbeddedDatabase db) { serviceDatabase = db; }

    /** The embedded database the service runs on, if it runs on one (not with an external PostgreSQL, nor in tests). */
    public static Optional<EmbeddedDatabase> ofService() { return Optional.ofNullable(serviceDatabase); }

    /** Where the port of the server in {@code dataDir} is kept between starts. */
    public static Path portFile(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        return dir.resolveSibling(dir.getFileName() + ".port");
    }

    /** The port kept for {@code dataDir}, if it was ever started. */
    public static Optional<Integer> keptPort(Path dataDir) {
        try {
            Path f = portFile(dataDir);
            return Files.exists(f) ? Optional.of(Integer.parseInt(Files.readString(f).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public int port() { return port; }

    public Path dataDir() { return dataDir; }

    public EmbeddedCredentials credentials() { return credentials; }

    public String jdbcUrl() { return jdbcUrl(port, DATABASE); }

    public static String jdbcUrl(int port, String database) { return "jdbc:postgresql://127.0.0.1:" + port + "/" + database; }

    /** A superuser connection URL (password included), for tests that must act outside the app's rights (e.g. tampering). */
    public String superuserJdbcUrl() {
        return jdbcUrl() + "?user=" + EmbeddedCredentials.SUPERUSER + "&password=" + credentials.superuser();
    }

    /** The durability settings as the running server reports them ({@code SHOW}). */
    public Map<String, String> durability() {
        Map<String, String> shown = new LinkedHashMap<>();
        try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
            for (String setting : DURABILITY.keySet()) {
                try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
                    rs.next();
                    shown.put(setting, rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the embedded database's settings", e);
        }
        return shown;
    }

    /** One line for the start-up log: where it runs and the durability it runs with. */
    public String describe() {
        return "embedded PostgreSQL on 127.0.0.1:" + port + " (pid " + pid + "), data in " + dataDir + ", "
                + durability().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))
                + "; scram-sha-256 passwords in " + EmbeddedCredentials.file(dataDir);
    }

    /** What the watchdog and the health checks see. */
    public record State(boolean running, boolean restarting, long pid, int restarts, int failedRestarts, String lastFailure) {}

    /** Stopped for good ({@link #close()}): nothing to restart, e.g. while the service shuts down. */
    public boolean closed() { return closed; }

    public State state() {
        return new State(!closed && postmasterAlive(), restarting, pid, restarts, failedRestarts, lastFailure);
    }

    /**
     * Starts the server again on the same data and port if its postmaster has died (killed, crashed, OOM): PostgreSQL
     * replays its write-ahead log, so everything committed is there. Returns whether it runs afterwards; a failure
     * is counted and the next call tries again.
     */
    public synchronized boolean ensureRunning() {
        if (closed) return false;
        if (postmasterAlive()) return true;
        restarting = true;
        try {
            Postmaster.of(dataDir).ifPresent(pm -> {
                pm.awaitBackendsGone(Duration.ofSeconds(30));
                pm.forgetIfDead(dataDir);
            });
            startAgain();
            notePostmaster();
            checkDurable();
            restarts++;
            failedRestarts = 0;
            lastFailure = null;
            return true;
        } catch (RuntimeException e) {
            failedRestarts++;
            lastFailure = e.getMessage();
            return false;
        } finally {
            restarting = false;
        }
    }

    /** Stops the server (fast shutdown) and releases the folder. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        if (serviceDatabase == this) serviceDatabase = null;
        try {
            first.close(); // pg_ctl stop -m fast on the folder, whichever postmaster runs there now
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- starting again -------------------------------------------------------------------------------------

    private void startAgain() {
        if (binDir == null) throw new IllegalStateException("the PostgreSQL binaries of " + dataDir + " are unknown");
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) command.addAll(List.of("unshare", "-U")); // as zonky does: postgres refuses root
        command.addAll(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-o", serverOptions(port),
                "-w", "-t", Long.toString(Math.max(1, startupWait.toSeconds())), "start"));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            forwardOutput(p);
            if (!p.waitFor(startupWait.toSeconds() + 10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("pg_ctl start did not return in " + startupWait);
            }
            if (p.exitValue() != 0) throw new IllegalStateException("pg_ctl start failed with exit code " + p.exitValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting PostgreSQL", e);
        }
    }

    /** The server's log goes where zonky sends it for the first start: to this process's output, line by line. */
    private static void forwardOutput(Process p) {
        Thread t = new Thread(() -> {
            try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) System.out.println("postgres: " + line);
            } catch (IOException e) {
                // the server closed its output
            }
        }, "embedded-postgres-log");
        t.setDaemon(true);
        t.start();
    }

    /** The same options zonky passes to postgres, less its {@code -F}. */
    static String serverOptions(int port) {
        StringBuilder o = new StringBuilder("-p ").append(port);
        SERVER_CONFIG.forEach((k, v) -> o.append(" -c ").append(k).append('=').append(v));
        return o.toString();
    }

    private boolean postmasterAlive() {
        long p = pid;
        return p > 0 && ProcessHandle.of(p).map(Postmaster::alive).orElse(false);
    }

    private void notePostmaster() {
        Postmaster pm = Postmaster.of(dataDir).orElseThrow(() -> new IllegalStateException("no postmaster.pid in " + dataDir));
        pid = pm.pid();
        ProcessHandle.of(pm.pid()).flatMap(h -> h.info().command()).map(Path::of).map(Path::getParent).ifPresent(b -> binDir = b);
    }

    // --- preparing the server -------------------------------------------------------------------------------

    /** A folder from before passwords (trust for every local connection): give every role its password, then require them. */
    private void upgradeFromTrust() {
        try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
            s.execute(setPassword(EmbeddedCredentials.SUPERUSER));
            for (String role : List.of(OWNER, APP)) {
                try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'")) {
                    if (!rs.next()) continue;
                }
                s.execute(setPassword(role));
            }
            Hba.writePasswordsOnly(dataDir);
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IllegalStateException("could not give the embedded database's roles their passwords", e);
        }
        System.out.println("Tixing: the embedded PostgreSQL in " + dataDir + " trusted local connections; every role now has a "
                + "generated scram-sha-256 password (kept in " + EmbeddedCredentials.file(dataDir) + ")");
    }

    private String setPassword(String role) {
        return "ALTER ROLE " + role + " WITH LOGIN PASSWORD '" + EmbeddedCredentials.password(credentials, role) + "'";
    }

    private void ensureDatabaseAndRoles() {
        try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
            for (String role : List.of(OWNER, APP)) {
                boolean exists;
                try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'")) {
                    exists = rs.next();
                }
                if (!exists) s.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + EmbeddedCredentials.password(credentials, role) + "'");
            }
            boolean exists;
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                exists = rs.next();
            }
            if (!exists) s.execute("CREATE DATABASE " + DATABASE + " OWNER " + OWNER + " ENCODING 'UTF8' TEMPLATE template0");
        } catch (SQLException e) {
            throw new IllegalStateException("could not prepare the embedded database (do the passwords in "
                    + EmbeddedCredentials.file(dataDir) + " belong to " + dataDir + "?)", e);
        }
    }

    /** A wrong password must be refused (after a reload the new pg_hba.conf may take a moment). */
    private void checkPasswordsRequired() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Connection ignored = DriverManager.getConnection(jdbcUrl(), APP, "not-" + EmbeddedCredentials.generate())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the embedded PostgreSQL in " + dataDir + " accepts a wrong password; check its pg_hba.conf");
                }
            } catch (SQLException e) {
                if ("28P01".equals(e.getSQLState())) return; // invalid_password: passwords are required
                throw new IllegalStateException("unexpected answer to a wrong password: " + e.getMessage(), e);
            }
            Postmaster.sleep(100);
        }
    }

    private void checkDurable() {
        Map<String, String> shown = durability();
        if (!shown.equals(DURABILITY)) {
            throw new IllegalStateException("the embedded PostgreSQL runs with " + shown + "; Tixing needs " + DURABILITY);
        }
    }

    private Connection superuser(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(port, database), EmbeddedCredentials.SUPERUSER, credentials.superuser());
    }

    private static int choosePort(Path dir, int requested) throws IOException {
        if (requested > 0) return requested;
        Optional<Integer> kept = keptPort(dir);
        if (kept.isPresent()) {
            if (free(kept.get())) return kept.get();
            System.out.println("Tixing: port " + kept.get() + " of the embedded PostgreSQL is taken by another program; using a new one");
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean free(int port) {
        try (ServerSocket ignored = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void keepPort(Path dir, int port) throws IOException {
        Path f = portFile(dir);
        Path tmp = f.resolveSibling(f.getFileName() + ".new");
        Files.writeString(tmp, port + "\n");
        Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static Map<String, String> serverConfig() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("listen_addresses", "127.0.0.1");
        c.put("unix_socket_directories", "");
        c.put("max_connections", "200");
        c.put("timezone", "UTC");
        c.put("password_encryption", "scram-sha-256");
        c.putAll(DURABILITY);
        return java.util.Collections.unmodifiableMap(c);
    }

    private static Map<String, String> orderedMap(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** pg_hba.conf: who may log in how. */
    static final class Hba {
        private Hba() {}

        static boolean trustsAnyone(Path dataDir) {
            try {
                return Files.readAllLines(dataDir.resolve("pg_hba.conf")).stream()
                        .map(l -> l.replaceAll("#.*", "").trim())
                        .filter(l -> !l.isEmpty())
                        .anyMatch(l -> List.of(l.split("\\s+")).contains("trust"));
            } catch (IOException e) {
                return false;
            }
        }

        /** Loopback only (the server listens nowhere else), a scram-sha-256 password for every role. */
        static void writePasswordsOnly(Path dataDir) {
            try {
                Files.writeString(dataDir.resolve("pg_hba.conf"), """
                        # Written by Tixing on every start of its embedded PostgreSQL: every role logs in with its
                        # scram-sha-256 password (see the credentials file next to this data directory); no trust.
                        # TYPE  DATABASE  USER  ADDRESS       METHOD
                        local   all       all                 scram-sha-256
                        host    all       all   127.0.0.1/32  scram-sha-256
                        host    all       all   ::1/128       scram-sha-256
                        """);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
