package org.rait.registry.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One PostgreSQL server per test JVM, made from Debian's postgresql package: initdb into its own directory
 * under /tmp/rait-test-postgres, listening on a free loopback port (password auth, the way a registry
 * connects), stopped and removed when the JVM exits. A JVM that was killed leaves its directory behind: the
 * next one stops that server (pg_ctl on that data directory, so only a server this harness started) and
 * removes it. PostgreSQL refuses to run as root, so under root it runs as the postgres (or nobody) account.
 * Each {@link #freshDatabase()} is a new schema, so tests never see each other's rows.
 */
public final class ThrowawayPostgres {
    private static final Path ROOT = Path.of(System.getProperty("java.io.tmpdir"), "rait-test-postgres");
    private static final String USER = "rait";
    private static final String DATABASE = "rait";
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static ThrowawayPostgres shared;
    private static String unavailable;

    private final Path bin;
    private final Path dir;
    private final List<String> runAs;
    private final int port;
    private final String password;

    private ThrowawayPostgres(Path bin, Path dir, List<String> runAs, int port, String password) {
        this.bin = bin;
        this.dir = dir;
        this.runAs = runAs;
        this.port = port;
        this.password = password;
    }

    /** The JVM's server, started on first use; empty (with {@link #unavailableReason()}) when it cannot run here. */
    public static synchronized Optional<ThrowawayPostgres> shared() {
        if (shared == null && unavailable == null) {
            try {
                shared = start();
            } catch (IOException | RuntimeException e) {
                unavailable = e.getMessage();
            }
            if (unavailable != null) {
                System.err.println("PostgreSQL store tests skipped: " + unavailable);
            }
        }
        return Optional.ofNullable(shared);
    }

    public static synchronized String unavailableReason() {
        return unavailable;
    }

    /** A database no other test has touched: a new schema, which the address selects. */
    public Database freshDatabase() {
        return Database.postgresql(address("&currentSchema=" + freshSchema()), Optional.of(password));
    }

    /** A new, empty schema. */
    public String freshSchema() {
        String schema = "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        try (Connection c = Database.postgresql(address(""), Optional.of(password)).connect(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema + " on the test PostgreSQL: " + e.getMessage(), e);
        }
        return schema;
    }

    /** The directory of the server's unix socket (local connections need no password). */
    public Path socketDirectory() {
        return dir;
    }

    public int port() {
        return port;
    }

    public String password() {
        return password;
    }

    /** postgresql://127.0.0.1:PORT/rait?user=rait followed by {@code more} (starting with "&"). */
    public String address(String more) {
        return "postgresql://127.0.0.1:" + port + "/" + DATABASE + "?user=" + USER + more;
    }

    /**
     * The tests' database sorts text as English does (ICU en-US, no OS locale needed), as a production database
     * made with a distribution's default locale would: an order that only holds under "C" fails here.
     */
    private void createDatabase() throws SQLException {
        try (Connection c = Database.postgresql("postgresql://127.0.0.1:" + port + "/postgres?user=" + USER, Optional.of(password)).connect();
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + DATABASE + " LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C' TEMPLATE template0");
        }
    }

    private static ThrowawayPostgres start() throws IOException {
        Path bin = binaries();
        List<String> runAs = runAs();
        Files.createDirectories(ROOT);
        Files.setPosixFilePermissions(ROOT, PosixFilePermissions.fromString("rwxr-xr-x"));
        sweep(bin, runAs);
        Path dir = ROOT.resolve("jvm-" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(random(4)));
        Files.createDirectory(dir);
        String password = HexFormat.of().formatHex(random(16));
        Runtime.getRuntime().addShutdownHook(new Thread(new ThrowawayPostgres(bin, dir, runAs, 0, password)::remove, "throwaway-postgres-stop"));
        // postgres itself writes here (log, socket); it must own the directory.
        chown(dir, runAs);
        Path passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, password + "\n");
        chown(passwordFile, runAs);
        run(bin, runAs, dir, "initdb", "--no-sync", "--no-instructions", "-D", dir.resolve("data").toString(), "-U", USER,
                "--pwfile=" + passwordFile, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-locale");
        Files.delete(passwordFile);
        IOException lastFailure = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            try {
                // fsync off: a throwaway server's durability is not under test, its speed is the unit tier's.
                run(bin, runAs, dir, "pg_ctl", "start", "-w", "-t", "60", "-D", dir.resolve("data").toString(),
                        "-l", dir.resolve("log").toString(), "-o", "-p " + port + " -c listen_addresses=127.0.0.1"
                                + " -c unix_socket_directories=" + dir + " -c fsync=off -c synchronous_commit=off"
                                + " -c full_page_writes=off -c max_connections=40 -c shared_buffers=16MB");
                ThrowawayPostgres server = new ThrowawayPostgres(bin, dir, runAs, port, password);
                server.createDatabase();
                return server;
            } catch (SQLException e) {
                throw new IOException("cannot create the test database: " + e.getMessage(), e);
            } catch (IOException e) {
                // Most likely another process took the port between the probe and the bind.
                lastFailure = e;
            }
        }
        throw lastFailure;
    }

    /** Stops the server (when it is the one in this directory) and removes the directory. */
    private void remove() {
        try {
            if (serverRunsHere()) {
                run(bin, runAs, dir, "pg_ctl", "stop", "-w", "-m", "immediate", "-D", dir.resolve("data").toString());
            }
            deleteTree(dir);
        } catch (IOException | RuntimeException e) {
            System.err.println("could not remove the test PostgreSQL in " + dir + ": " + e.getMessage());
        }
    }

    /**
     * The postmaster.pid's process is a postgres working in this data directory: a pid that was reused by
     * another program since is left alone.
     */
    private boolean serverRunsHere() throws IOException {
        Path data = dir.resolve("data");
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) return false;
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) return false;
        Path proc = Path.of("/proc", lines.get(0).strip());
        try {
            return Files.readSymbolicLink(proc.resolve("cwd")).equals(data.toRealPath())
                    && Files.readString(proc.resolve("comm")).strip().equals("postgres");
        } catch (IOException e) {
            return false;
        }
    }

    /** Directories of test JVMs that are gone: their server (if any) is stopped and the directory removed. */
    private static void sweep(Path bin, List<String> runAs) throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            for (Path stale : dirs.filter(ThrowawayPostgres::ownerGone).toList()) {
                ThrowawayPostgres left = new ThrowawayPostgres(bin, stale, runAs, 0, "");
                left.remove();
            }
        }
    }

    private static boolean ownerGone(Path dir) {
        String[] parts = dir.getFileName().toString().split("-");
        if (parts.length != 3 || !parts[0].equals("jvm")) return false;
        try {
            return ProcessHandle.of(Long.parseLong(parts[1])).isEmpty();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** RAIT_TEST_POSTGRES_BIN, or the newest /usr/lib/postgresql/N/bin with initdb, pg_ctl and postgres. */
    private static Path binaries() throws IOException {
        String configured = System.getenv("RAIT_TEST_POSTGRES_BIN");
        List<Path> candidates = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        } else if (Files.isDirectory(Path.of("/usr/lib/postgresql"))) {
            try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
                versions.map(v -> v.resolve("bin"))
                        .sorted(Comparator.comparing((Path p) -> versionOf(p)).reversed())
                        .forEach(candidates::add);
            }
        }
        for (Path bin : candidates) {
            if (Stream.of("initdb", "pg_ctl", "postgres").allMatch(b -> Files.isExecutable(bin.resolve(b)))) {
                return bin;
            }
        }
        throw new IOException("no PostgreSQL server binaries (initdb, pg_ctl, postgres) in "
                + (configured != null ? configured : "/usr/lib/postgresql/*/bin") + "; testing/install-packages.sh installs them");
    }

    private static int versionOf(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Under root: setpriv to postgres (or nobody), since PostgreSQL will not run as root. */
    private static List<String> runAs() throws IOException {
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (uid != 0) return List.of();
        String account = Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(l -> l.startsWith("postgres:")) ? "postgres" : "nobody";
        return List.of("setpriv", "--reuid=" + account, "--regid=" + primaryGroup(account), "--clear-groups", "--");
    }

    private static String primaryGroup(String account) throws IOException {
        for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
            String[] fields = line.split(":");
            if (fields[0].equals(account)) return fields[3];
        }
        throw new IOException("no account " + account + " in /etc/passwd");
    }

    private static void chown(Path path, List<String> runAs) throws IOException {
        if (runAs.isEmpty()) return;
        String uid = runAs.get(1).substring("--reuid=".length());
        String gid = runAs.get(2).substring("--regid=".length());
        exec(List.of("chown", uid + ":" + gid, path.toString()), path.getParent());
    }

    private static void run(Path bin, List<String> runAs, Path dir, String program, String... args) throws IOException {
        List<String> command = new ArrayList<>(runAs);
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        exec(command, dir);
    }

    private static void exec(List<String> command, Path dir) throws IOException {
        Path output = Files.createTempFile("rait-test-postgres", ".out");
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in 120 s");
            }
            if (process.exitValue() != 0) {
                String log = Files.readString(output, StandardCharsets.UTF_8);
                Path serverLog = dir.resolve("log");
                if (Files.isReadable(serverLog)) log += Files.readString(serverLog, StandardCharsets.UTF_8);
                throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ": " + log.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static byte[] random(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
