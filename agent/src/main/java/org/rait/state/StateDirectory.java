package org.rait.state;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * The agent's memory across restarts, in agent.state_dir:
 * <ul>
 *   <li>{@code snapshot} - the last applied snapshot, body and signature in one file so that they are
 *       replaced together (a crash never pairs a body with another snapshot's signature);</li>
 *   <li>{@code serial} - the highest serial ever verified, the rollback floor (it can be higher than the
 *       cached snapshot's serial when the removal guard held a newer one back);</li>
 *   <li>{@code last-pass} - how the latest pass ended, for `rait status` (a held plan, an unreachable registry).</li>
 * </ul>
 * Each is replaced atomically ({@link AtomicFile}).
 */
public final class StateDirectory {
    static final String SNAPSHOT_FILE = "snapshot";
    static final String SERIAL_FILE = "serial";
    static final String LAST_PASS_FILE = "last-pass";
    static final String SOURCES_FILE = "sources";
    static final String NEXT_FETCH_FILE = "next-fetch";
    static final String CONFLICTS_FILE = "send-port-conflicts";

    private final Path dir;

    public StateDirectory(Path dir) {
        this.dir = dir;
    }

    public Path path() {
        return dir;
    }

    /** Empty when there is none yet; a damaged file is an error that names it. */
    public Optional<CachedSnapshot> snapshot() {
        Path file = dir.resolve(SNAPSHOT_FILE);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
            return Optional.of(new CachedSnapshot(
                    required(p, "url", file),
                    Base64.getDecoder().decode(required(p, "body", file)),
                    Optional.ofNullable(p.getProperty("signature")).map(s -> new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8)),
                    Optional.ofNullable(p.getProperty("etag")),
                    Instant.parse(required(p, "accepted_at", file))));
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            throw new StateException(file + " is damaged: " + e.getMessage(), e);
        }
    }

    public void storeSnapshot(CachedSnapshot snapshot) {
        Properties p = new Properties();
        p.setProperty("url", snapshot.url());
        p.setProperty("accepted_at", snapshot.acceptedAt().toString());
        p.setProperty("body", Base64.getEncoder().encodeToString(snapshot.body()));
        snapshot.signature().ifPresent(s -> p.setProperty("signature",
                Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8))));
        snapshot.etag().ifPresent(e -> p.setProperty("etag", e));
        replace(SNAPSHOT_FILE, p, "rait agent: last applied peer-list snapshot (written atomically; do not edit)");
    }

    /** The rollback floor: the highest serial ever verified; empty before the first one. */
    public OptionalLong highestSerial() {
        Path file = dir.resolve(SERIAL_FILE);
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).strip()));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException e) {
            throw new StateException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NumberFormatException e) {
            throw new StateException(file + " is damaged: not a serial number", e);
        }
    }

    /** Raises the floor; never lowers it. */
    public void recordSerial(long serial) {
        OptionalLong current = highestSerial();
        if (current.isPresent() && current.getAsLong() >= serial) return;
        replace(SERIAL_FILE, (serial + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** How a pass ended, as `rait status` shows it. */
    public record PassRecord(Instant at, String news, String action, String detail) {
    }

    public void recordPass(PassRecord pass) {
        Properties p = new Properties();
        p.setProperty("at", pass.at().toString());
        p.setProperty("news", pass.news());
        p.setProperty("action", pass.action());
        p.setProperty("detail", pass.detail());
        replace(LAST_PASS_FILE, p, "rait agent: how the latest pass ended");
    }

    /** When the agent will fetch the peer list next, and why then ("interval", "retry_after ..."). */
    public record NextFetch(Instant at, String reason) {
    }

    public void recordNextFetch(NextFetch next) {
        Properties p = new Properties();
        p.setProperty("at", next.at().toString());
        p.setProperty("reason", next.reason());
        replace(NEXT_FETCH_FILE, p, "rait agent: when the peer list is fetched next");
    }

    /** Empty when no agent ran here yet, or the file is unreadable (it is only informative). */
    public Optional<NextFetch> nextFetch() {
        Properties p = new Properties();
        try {
            p.load(new StringReader(Files.readString(dir.resolve(NEXT_FETCH_FILE), StandardCharsets.UTF_8)));
            return Optional.of(new NextFetch(Instant.parse(p.getProperty("at")), p.getProperty("reason", "")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The send_port conflicts of the last plan, one line each (empty list: none). */
    public void recordConflicts(List<String> conflicts) {
        replace(CONFLICTS_FILE, conflicts.stream().map(c -> c + "\n").collect(java.util.stream.Collectors.joining())
                .getBytes(StandardCharsets.UTF_8));
    }

    public List<String> conflicts() {
        try {
            return Files.readAllLines(dir.resolve(CONFLICTS_FILE), StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** Empty when no agent ran here yet, or the file is unreadable (it is only informative). */
    public Optional<PassRecord> lastPass() {
        Properties p = new Properties();
        try {
            p.load(new StringReader(Files.readString(dir.resolve(LAST_PASS_FILE), StandardCharsets.UTF_8)));
            return Optional.of(new PassRecord(Instant.parse(p.getProperty("at")), p.getProperty("news", ""),
                    p.getProperty("action", ""), p.getProperty("detail", "")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** What one URL of a `peers` list answered last. */
    public record SourceResult(String url, String result, Instant at) {
    }

    /** One line per URL: URL, result, time; rewritten after every pass of an agent with several URLs. */
    public void recordSources(List<SourceResult> results) {
        StringBuilder out = new StringBuilder();
        for (SourceResult r : results) out.append(r.url()).append(' ').append(r.result()).append(' ').append(r.at()).append('\n');
        replace(SOURCES_FILE, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Empty when the agent follows one URL (or none ran yet); unreadable lines are left out (the file is informative). */
    public List<SourceResult> sources() {
        List<SourceResult> results = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(dir.resolve(SOURCES_FILE), StandardCharsets.UTF_8)) {
                String[] parts = line.split(" ");
                if (parts.length == 3) results.add(new SourceResult(parts[0], parts[1], Instant.parse(parts[2])));
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return results;
    }

    private void replace(String fileName, Properties p, String comment) {
        StringWriter out = new StringWriter();
        try {
            p.store(out, comment);
        } catch (IOException e) {
            throw new IllegalStateException("a StringWriter does not fail", e);
        }
        replace(fileName, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void replace(String fileName, byte[] content) {
        Path file = dir.resolve(fileName);
        try {
            AtomicFile.write(file, content);
        } catch (IOException e) {
            throw new StateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String required(Properties p, String key, Path file) {
        String value = p.getProperty(key);
        if (value == null) throw new IllegalArgumentException("key '" + key + "' is missing in " + file);
        return value;
    }
}
