package org.rait.registry.config;

import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the registry's TOML config. Unknown keys and wrong types are errors naming the line and
 * column; a key that is absent keeps its default.
 * <pre>
 * listen = "127.0.0.1:8443"
 * data_dir = "/var/lib/rait-registry"
 * [tls]            certificate, private_key (PEM paths), names (extra names for the self-signed one)
 * [snapshot]       validity_seconds, renew_before_seconds, publish_window_ms, mirror_dir
 * [registration]   clock_window_seconds
 * [http]           max_body_bytes, threads, idle_timeout_seconds, header_timeout_seconds
 * </pre>
 */
public final class RegistryConfigFile {
    private static final Set<String> KEYS = Set.of("listen", "data_dir", "tls", "tls.certificate", "tls.private_key",
            "tls.names", "snapshot", "snapshot.validity_seconds", "snapshot.renew_before_seconds", "snapshot.publish_window_ms",
            "snapshot.mirror_dir", "registration",
            "registration.clock_window_seconds", "http", "http.max_body_bytes", "http.threads",
            "http.idle_timeout_seconds", "http.header_timeout_seconds");

    private RegistryConfigFile() {
    }

    public static RegistryConfig read(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    public static RegistryConfig parse(String text, String source) throws ConfigException {
        TomlParseResult toml = Toml.parse(text);
        if (toml.hasErrors()) {
            TomlParseError error = toml.errors().get(0);
            throw new ConfigException(at(source, error.position(), "") + error.getMessage());
        }
        for (String key : toml.dottedKeySet(true)) {
            if (!KEYS.contains(key)) {
                throw new ConfigException(at(source, toml.inputPositionOf(key), key) + "unknown key (known: listen, data_dir, "
                        + "[tls] certificate/private_key/names, [snapshot] validity_seconds/renew_before_seconds/publish_window_ms/mirror_dir, "
                        + "[registration] clock_window_seconds, [http] max_body_bytes/threads/idle_timeout_seconds/header_timeout_seconds)");
            }
        }
        Reader r = new Reader(toml, source);
        RegistryConfig d = RegistryConfig.defaults();
        try {
            ListenAddress listen = r.string("listen").map(ListenAddress::parse).orElse(d.listen());
            return new RegistryConfig(listen,
                    r.string("data_dir").map(Path::of).orElse(d.dataDir()),
                    r.string("tls.certificate").map(Path::of),
                    r.string("tls.private_key").map(Path::of),
                    r.strings("tls.names"),
                    r.seconds("snapshot.validity_seconds", 60, 365 * 86400L).orElse(d.snapshotValidity()),
                    r.seconds("snapshot.renew_before_seconds", 1, 365 * 86400L).orElse(d.snapshotRenewBefore()),
                    r.seconds("registration.clock_window_seconds", 1, 3600).orElse(d.clockWindow()),
                    (int) r.number("http.max_body_bytes", 1024, 16 * 1024 * 1024).orElse((long) d.maxBodyBytes()).longValue(),
                    (int) r.number("http.threads", 1, 512).orElse((long) d.threads()).longValue(),
                    new HttpTimeouts(r.seconds("http.idle_timeout_seconds", 1, 3600).orElse(d.httpTimeouts().idle()),
                            r.seconds("http.header_timeout_seconds", 1, 3600).orElse(d.httpTimeouts().header())),
                    r.number("snapshot.publish_window_ms", 0, 5000).map(Duration::ofMillis).orElse(d.publishWindow()),
                    r.string("snapshot.mirror_dir").map(Path::of));
        } catch (LocatedProblem e) {
            throw new ConfigException(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": " + e.getMessage());
        }
    }

    /** A problem whose message already starts with file:line:column. */
    private static final class LocatedProblem extends RuntimeException {
        LocatedProblem(String message) {
            super(message);
        }
    }

    private static String at(String source, TomlPosition position, String key) {
        String where = position == null ? source : source + ":" + position.line() + ":" + position.column();
        return where + ": " + (key.isEmpty() ? "" : key + ": ");
    }

    private record Reader(TomlParseResult toml, String source) {
        Optional<String> string(String key) {
            if (!toml.contains(key)) return Optional.empty();
            if (!toml.isString(key)) throw wrongType(key, "a string");
            return Optional.of(toml.getString(key));
        }

        List<String> strings(String key) {
            if (!toml.contains(key)) return List.of();
            if (!toml.isArray(key)) throw wrongType(key, "an array of strings");
            TomlArray array = toml.getArray(key);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                if (!(array.get(i) instanceof String s)) throw wrongType(key, "an array of strings");
                out.add(s);
            }
            return out;
        }

        Optional<Long> number(String key, long min, long max) {
            if (!toml.contains(key)) return Optional.empty();
            if (!toml.isLong(key)) throw wrongType(key, "an integer");
            long value = toml.getLong(key);
            if (value < min || value > max) {
                throw new LocatedProblem(at(source, toml.inputPositionOf(key), key) + "must be " + min + "-" + max + ", got " + value);
            }
            return Optional.of(value);
        }

        Optional<Duration> seconds(String key, long min, long max) {
            return number(key, min, max).map(Duration::ofSeconds);
        }

        private LocatedProblem wrongType(String key, String expected) {
            return new LocatedProblem(at(source, toml.inputPositionOf(key), key) + "must be " + expected);
        }
    }
}
