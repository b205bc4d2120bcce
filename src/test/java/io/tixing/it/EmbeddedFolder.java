package io.tixing.it;

import io.tixing.db.EmbeddedCredentials;
import io.tixing.db.EmbeddedDatabase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The data folder of a packaged service's own embedded PostgreSQL, read from outside as an operator would. */
record EmbeddedFolder(Path dataDir) {

    Connection app() throws SQLException {
        int port = EmbeddedDatabase.keptPort(dataDir).orElseThrow(() -> new IllegalStateException("no port kept for " + dataDir));
        return DriverManager.getConnection(EmbeddedDatabase.jdbcUrl(port, EmbeddedDatabase.DATABASE), EmbeddedDatabase.APP,
                EmbeddedCredentials.read(dataDir).app());
    }

    long count(String sql, Object... args) throws SQLException {
        try (var c = app(); var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            var rs = ps.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    /** fsync, synchronous_commit and full_page_writes as the running server reports them. */
    java.util.Map<String, String> durability() throws SQLException {
        var out = new java.util.LinkedHashMap<String, String>();
        try (var c = app(); var s = c.createStatement()) {
            for (String setting : java.util.List.of("fsync", "synchronous_commit", "full_page_writes")) {
                try (var rs = s.executeQuery("SHOW " + setting)) {
                    rs.next();
                    out.put(setting, rs.getString(1));
                }
            }
        }
        return out;
    }

    /** The postmaster's pid as PostgreSQL wrote it (first line of postmaster.pid), or -1. */
    long postmasterPid() {
        try {
            Path pid = dataDir.resolve("postmaster.pid");
            return Files.exists(pid) ? Long.parseLong(Files.readAllLines(pid).getFirst().trim()) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Alive and not a zombie (nothing on this kind of machine may reap an orphaned postmaster). */
    static boolean alive(long pid) {
        if (pid <= 0 || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE) return false;
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** Removes the whole temp folder (data, passwords, port) of a passed test; a failed one keeps it for a look. */
    void deleteAll() throws IOException {
        try (var files = Files.walk(dataDir.getParent())) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    static void kill9(long pid) throws IOException, InterruptedException {
        if (new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start().waitFor() != 0) {
            throw new IllegalStateException("kill -9 " + pid + " failed");
        }
    }
}
