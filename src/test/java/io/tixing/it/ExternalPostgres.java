package io.tixing.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster made with the machine's own server binaries (Debian's {@code postgresql} package,
 * {@code /usr/lib/postgresql/<version>/bin}), in its own folder under target/ on a free port: the "external
 * PostgreSQL" an operator gives the service. {@code initdb} and {@code pg_ctl} refuse to run as root, so as root
 * they run as the {@code postgres} account the package creates ({@code runuser -u postgres}), which then owns the folder.
 */
final class ExternalPostgres implements AutoCloseable {

    static final String SUPERUSER = "postgres";

    final Path binDir;
    final Path base;
    final Path data;
    final int port;
    final String superuserPassword;
    private final boolean asPostgresUser;

    private ExternalPostgres(Path binDir, Path base, int port, String superuserPassword, boolean asPostgresUser) {
        this.binDir = binDir;
        this.base = base;
        this.data = base.resolve("data");
        this.port = port;
        this.superuserPassword = superuserPassword;
        this.asPostgresUser = asPostgresUser;
    }

    /** The newest installed server's bin folder (with initdb and pg_ctl), if any. */
    static Optional<Path> serverBinaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) return Optional.empty();
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(b -> version(b.getParent().getFileName().toString())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int version(String name) {
        try {
            return Integer.parseInt(name.replaceAll("[^0-9].*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static final String MISSING = "Debian's PostgreSQL server is not installed (no /usr/lib/postgresql/*/bin/initdb): "
            + "`apt-get install postgresql` (.ci/run does) to run the external-PostgreSQL test";

    static ExternalPostgres start(Path under) throws IOException, InterruptedException {
        Path bin = serverBinaries().orElseThrow(() -> new IllegalStateException(MISSING));
        boolean root = "root".equals(System.getProperty("user.name"));
        Files.createDirectories(under);
        Path base = Files.createTempDirectory(under.toAbsolutePath(), "cluster-");
        String password = password();
        Path pwfile = base.resolve("superuser-password");
        Files.writeString(pwfile, password + "\n");
        Files.setPosixFilePermissions(pwfile, PosixFilePermissions.fromString("rw-------"));
        if (root) {
            UserPrincipalLookupService users = base.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(base, users.lookupPrincipalByName(SUPERUSER));
            Files.setOwner(pwfile, users.lookupPrincipalByName(SUPERUSER));
        }
        int port = GatewayProcess.freeHttpPort();
        ExternalPostgres pg = new ExternalPostgres(bin, base, port, password, root);
        pg.run(bin.resolve("initdb").toString(), "-D", pg.data.toString(), "-U", SUPERUSER, "--pwfile=" + pwfile,
                "--auth=scram-sha-256", "-E", "UTF8", "--locale=C");
        Files.delete(pwfile);
        pg.run(bin.resolve("pg_ctl").toString(), "-D", pg.data.toString(), "-l", base.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + base, "start");
        return pg;
    }

    String jdbcUrl(String database) { return "jdbc:postgresql://127.0.0.1:" + port + "/" + database; }

    Connection superuser(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), SUPERUSER, superuserPassword);
    }

    /**
     * Runs an operator's psql script as the superuser: statements end with {@code ;} at the end of a line, and
     * {@code \c <database>} switches database as psql's does. Placeholders are replaced first.
     */
    void runScript(String script) throws SQLException {
        Connection c = superuser("postgres");
        try {
            StringBuilder statement = new StringBuilder();
            for (String line : script.split("\n")) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("--")) continue;
                if (t.startsWith("\\c ") || t.startsWith("\\connect ")) {
                    c.close();
                    c = superuser(t.split("\\s+")[1]);
                    continue;
                }
                statement.append(line).append('\n');
                if (t.endsWith(";")) {
                    try (Statement s = c.createStatement()) {
                        s.execute(statement.toString());
                    }
                    statement.setLength(0);
                }
            }
        } finally {
            c.close();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(binDir.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop");
    }

    String serverLog() throws IOException {
        Path log = base.resolve("server.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private void run(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) full.addAll(List.of("runuser", "-u", SUPERUSER, "--"));
        full.addAll(List.of(command));
        Path out = Files.createTempFile("tixing-pg-", ".out");
        Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", full) + " did not finish in 120 s");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", full) + " failed (" + p.exitValue() + "):\n" + Files.readString(out) + "\n" + serverLog());
        }
    }

    static String password() {
        String letters = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 32; i++) b.append(letters.charAt(random.nextInt(letters.length())));
        return b.toString();
    }
}
