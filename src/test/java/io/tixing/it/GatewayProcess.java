package io.tixing.it;

import io.tixing.db.EmbeddedDatabase;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The packaged service as a separate OS process against a shared PostgreSQL: what production runs. */
final class GatewayProcess implements AutoCloseable {

    static final String ADMIN_KEY = "it-admin-key-for-packaged-jar-tests-only";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    final int port;
    final Path log;

    private GatewayProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static GatewayProcess start(EmbeddedDatabase db, String name, String... extraProperties) throws IOException {
        List<String> settings = new ArrayList<>(List.of(
                "-Dquarkus.datasource.jdbc.url=" + db.jdbcUrl(),
                "-Dquarkus.datasource.username=" + EmbeddedDatabase.APP,
                "-Dquarkus.datasource.password=" + db.credentials().app(),
                "-Dquarkus.flyway.username=" + EmbeddedDatabase.OWNER,
                "-Dquarkus.flyway.password=" + db.credentials().owner(),
                // Anchors belong to this database (gateways sharing it share them), never to ./data of the checkout.
                "-Dtixing.contact-log.anchor-dir=target/it-anchors/" + db.port() + "/anchors",
                "-Dtixing.contact-log.anchor-key-file=target/it-anchors/" + db.port() + "/anchor-key"));
        settings.addAll(List.of(extraProperties));
        return launch(freePort(), name, settings, Duration.ofSeconds(90));
    }

    /**
     * The packaged service with its default database: no datasource URL, so it starts its own embedded PostgreSQL
     * in {@code dataDir} (the only setting that differs from {@code ./tixing run} is where the data lives).
     */
    static GatewayProcess startEmbedded(Path dataDir, int httpPort, String name, Duration readyWithin, String... extraProperties) throws IOException {
        List<String> settings = new ArrayList<>(List.of("-Dtixing.embedded-db.data-dir=" + dataDir,
                "-Dtixing.contact-log.anchor-dir=" + dataDir.resolveSibling(dataDir.getFileName() + "-anchors"),
                "-Dtixing.contact-log.anchor-key-file=" + dataDir.resolveSibling(dataDir.getFileName() + "-anchor-key")));
        settings.addAll(List.of(extraProperties));
        return launch(httpPort, name, settings, readyWithin);
    }

    /**
     * The packaged service configured only through its environment, as an operator would (docs/OPERATIONS.md, "An
     * external PostgreSQL"): no datasource system properties, nothing embedded.
     */
    static GatewayProcess startWithEnvironment(java.util.Map<String, String> environment, String name, String... extraProperties) throws IOException {
        return launch(freePort(), name, List.of(extraProperties), Duration.ofSeconds(90), environment);
    }

    private static GatewayProcess launch(int port, String name, List<String> settings, Duration readyWithin) throws IOException {
        return launch(port, name, settings, readyWithin, java.util.Map.of());
    }

    private static GatewayProcess launch(int port, String name, List<String> settings, Duration readyWithin,
                                         java.util.Map<String, String> environment) throws IOException {
        Path log = Files.createTempFile("tixing-" + name + "-", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Dquarkus.http.port=" + port,
                "-Dtixing.security.bootstrap-admin-key=" + ADMIN_KEY));
        command.addAll(settings);
        command.addAll(List.of("-jar", System.getProperty("tixing.app.jar", "target/quarkus-app/quarkus-run.jar")));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process p = builder.start();
        GatewayProcess gateway = new GatewayProcess(p, port, log);
        gateway.awaitReady(readyWithin);
        return gateway;
    }

    long pid() { return process.pid(); }

    boolean alive() { return process.isAlive(); }

    static int freeHttpPort() throws IOException { return freePort(); }

    String url(String path) { return "http://127.0.0.1:" + port + path; }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Bearer " + ADMIN_KEY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Bearer " + ADMIN_KEY).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code kill -9}: no shutdown hooks, no chance to record anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) kill();
    }

    private void awaitReady(Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) throw new IllegalStateException("gateway exited; see " + log + "\n" + tail());
            try {
                var r = HTTP.send(HttpRequest.newBuilder(URI.create(url("/q/health/ready"))).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
            } catch (IOException | InterruptedException e) {
                // not up yet
            }
            sleep(250);
        }
        throw new IllegalStateException("gateway not ready in " + timeout + "; see " + log + "\n" + tail());
    }

    String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A fresh data directory for an embedded server, inside its own temp folder (passwords and port go beside it). */
    static Path tempDir(String prefix) throws IOException {
        File dir = Files.createTempDirectory(prefix).toFile();
        dir.deleteOnExit();
        return dir.toPath().resolve("postgres");
    }
}
