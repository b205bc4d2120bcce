package io.tixing.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What {@code postmaster.pid} says about the PostgreSQL server that last ran on a data directory, and how to get a
 * server left behind out of the way. After {@code kill -9} of the service its postmaster lives on (adopted by init)
 * and keeps the data directory locked; a start on the same folder then has to stop it first.
 *
 * @param pid     the postmaster's process id (line 1)
 * @param dataDir the data directory it serves (line 2)
 * @param port    its port (line 4)
 * @param shmId   the id of its System V shared-memory interlock segment (line 7), -1 if unknown
 */
record Postmaster(long pid, Path dataDir, int port, long shmId) {

    /** zonky's lock file in the data directory, held by the JVM that started the server for as long as it runs. */
    static final String JVM_LOCK = "epg-lock";

    static Optional<Postmaster> of(Path dataDir) {
        Path file = dataDir.resolve("postmaster.pid");
        try {
            if (!Files.exists(file)) return Optional.empty();
            List<String> lines = Files.readAllLines(file);
            if (lines.size() < 2) return Optional.empty();
            long pid = Long.parseLong(lines.get(0).trim());
            int port = lines.size() > 3 && !lines.get(3).isBlank() ? Integer.parseInt(lines.get(3).trim()) : -1;
            long shmId = -1;
            if (lines.size() > 6) {
                String[] key = lines.get(6).trim().split("\\s+");
                if (key.length == 2) shmId = Long.parseLong(key[1]);
            }
            return Optional.of(new Postmaster(pid, Path.of(lines.get(1).trim()), port, shmId));
        } catch (IOException | RuntimeException e) {
            // Half-written or foreign: PostgreSQL itself decides what to do with it on start.
            return Optional.empty();
        }
    }

    /** The live process behind the pid, if it is a PostgreSQL server (pids are reused after a reboot). */
    Optional<ProcessHandle> process() {
        return ProcessHandle.of(pid).filter(Postmaster::alive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres") || c.endsWith("\\postgres.exe")).orElse(true));
    }

    boolean serves(Path dir) {
        try {
            return Files.isSameFile(dataDir, dir);
        } catch (IOException e) {
            return dataDir.toAbsolutePath().normalize().equals(dir.toAbsolutePath().normalize());
        }
    }

    /** Alive and not a zombie: a killed postmaster nobody has reaped yet is gone for our purposes. */
    static boolean alive(ProcessHandle p) {
        if (!p.isAlive()) return false;
        Path stat = Path.of("/proc", Long.toString(p.pid()), "stat");
        try {
            String s = Files.readString(stat);
            int close = s.lastIndexOf(')');
            return close < 0 || close + 2 >= s.length() || s.charAt(close + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return p.isAlive(); // no /proc (macOS): trust the JDK
        }
    }

    /**
     * Makes {@code dataDir} ready for a new server: a live postmaster on it left by a JVM that is gone is shut down
     * (fast: open transactions roll back, everything committed stays), and the backends of a postmaster that was
     * killed are given time to exit (PostgreSQL refuses to start while they still hold its shared memory).
     *
     * @throws IllegalStateException when another running process still holds the folder
     */
    static void clearLeftover(Path dataDir, Duration wait) {
        Optional<Postmaster> last = of(dataDir);
        if (last.isEmpty()) return;
        Postmaster pm = last.get();
        Optional<ProcessHandle> live = pm.process();
        if (live.isPresent() && pm.serves(dataDir)) {
            if (heldByAnotherProcess(dataDir)) {
                throw new IllegalStateException("the embedded PostgreSQL in " + dataDir + " (pid " + pm.pid
                        + ") belongs to another running process; stop it, or give this instance its own tixing.embedded-db.data-dir");
            }
            System.out.println("Tixing: stopping the embedded PostgreSQL (pid " + pm.pid + ") left running on " + dataDir
                    + " by a service that did not shut down");
            pm.stop(live.get(), wait);
        }
        pm.awaitBackendsGone(wait);
        pm.forgetIfDead(dataDir);
    }

    /**
     * Removes the pid file of a postmaster that is dead but not reaped. Where nothing reaps orphans (a container
     * whose first process is not an init), a killed postmaster stays a zombie; PostgreSQL sees its pid as taken
     * ("Is another postmaster running?") and would never start again. Called only after its backends are gone,
     * since the file also names the shared memory PostgreSQL checks for them.
     */
    void forgetIfDead(Path dir) {
        if (ProcessHandle.of(pid).map(Postmaster::alive).orElse(false)) return;
        try {
            Files.deleteIfExists(dir.resolve("postmaster.pid"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fast shutdown (SIGINT), then immediate (SIGQUIT) if it has not finished in time. */
    private void stop(ProcessHandle process, Duration wait) {
        signal("INT", process);
        if (waitForExit(process, wait)) return;
        System.out.println("Tixing: PostgreSQL pid " + pid + " did not stop in " + wait + "; asking for an immediate shutdown");
        signal("QUIT", process);
        if (!waitForExit(process, Duration.ofSeconds(10))) {
            throw new IllegalStateException("could not stop the PostgreSQL server (pid " + pid + ") left on " + dataDir);
        }
    }

    private static void signal(String signal, ProcessHandle process) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).redirectErrorStream(true).start();
            if (kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0) return;
        } catch (IOException e) {
            // no kill(1): fall back to what the JDK can send
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroy(); // SIGTERM: a "smart" shutdown, which the dead JVM's closed connections do not hold up
    }

    private static boolean waitForExit(ProcessHandle process, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            if (!alive(process)) return true;
            sleep(100);
        }
        return !alive(process);
    }

    /**
     * Waits until no process is attached to the old server's shared-memory interlock any more (Linux shows it in
     * {@code /proc/sysvipc/shm}); elsewhere it waits a moment, which is what the backends of a killed postmaster
     * need to notice and exit.
     */
    void awaitBackendsGone(Duration wait) {
        Path shm = Path.of("/proc/sysvipc/shm");
        if (shmId < 0 || !Files.isReadable(shm)) {
            sleep(1000);
            return;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline && attached(shm) > 0) sleep(100);
    }

    private long attached(Path shm) {
        try {
            // key shmid perms size cpid lpid nattch ...
            for (String line : Files.readAllLines(shm)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 6 && f[1].equals(Long.toString(shmId))) return Long.parseLong(f[6]);
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Whether another process holds zonky's lock on the folder, i.e. a JVM that is still running owns the server. */
    private static boolean heldByAnotherProcess(Path dataDir) {
        Path lock = dataDir.resolve(JVM_LOCK);
        if (!Files.exists(lock)) return false;
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l == null) return true;
            l.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // this JVM already runs a server on the folder
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
