package org.distreboot.worker.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.distreboot.db.Names;

/** Turns the properties (file plus --set-property overrides) into {@link Settings}, naming any bad key. */
public final class SettingsParser {
    /** Every key the file may hold; anything else is a typo worth stopping for. */
    public static final Set<String> KEYS = Set.of(
            "cluster", "node", "temporal.target", "temporal.namespace", "temporal.ui",
            "temporal.tls.enabled", "temporal.tls.cert", "temporal.tls.key", "temporal.tls.ca",
            "temporal.tls.servername", "db.url", "db.user", "db.password", "db.passwordfile",
            "rebootcmd", "draincmd", "healthcmd", "mastercmd", "bootidfile",
            "heartbeat.interval", "heartbeat.ttl", "heartbeat.purge", "reboot.timeout", "rundir", "require-root");

    private SettingsParser() {
    }

    public static Settings parse(Path source, Map<String, String> properties, PasswordFiles passwords) {
        Set<String> unknown = new TreeSet<>(properties.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new ConfigException("unknown key '" + unknown.iterator().next() + "' in " + where(source)
                    + " (known keys: " + String.join(", ", new TreeSet<>(KEYS)) + ")");
        }
        Reader in = new Reader(source, properties);
        Duration interval = in.duration("heartbeat.interval", "5s");
        Duration ttl = in.duration("heartbeat.ttl", "20s");
        if (ttl.compareTo(interval) <= 0) {
            throw new ConfigException("heartbeat.ttl (" + Durations.format(ttl) + ") must be longer than"
                    + " heartbeat.interval (" + Durations.format(interval) + ") in " + where(source));
        }
        if (in.optional("db.password").isPresent() && in.optional("db.passwordfile").isPresent()) {
            throw new ConfigException("db.password and db.passwordfile are both set in " + where(source)
                    + "; keep one");
        }
        Optional<String> password = in.optional("db.password")
                .or(() -> in.optional("db.passwordfile").map(file -> passwords.read("db.passwordfile", Path.of(file))));
        Settings.TemporalTls tls = new Settings.TemporalTls(in.bool("temporal.tls.enabled", false),
                in.optional("temporal.tls.cert").map(Path::of), in.optional("temporal.tls.key").map(Path::of),
                in.optional("temporal.tls.ca").map(Path::of), in.optional("temporal.tls.servername"));
        if (tls.cert().isPresent() != tls.key().isPresent()) {
            throw new ConfigException("temporal.tls.cert and temporal.tls.key go together in " + where(source));
        }
        return new Settings(source,
                in.name("cluster", "default"),
                in.name("node", hostName()),
                in.text("temporal.target", "127.0.0.1:7233"),
                in.text("temporal.namespace", "default"),
                tls,
                in.optional("temporal.ui"),
                in.jdbcUrl("db.url", "jdbc:postgresql://127.0.0.1:5432/distreboot"),
                in.optional("db.user"),
                password,
                in.text("rebootcmd", "reboot"),
                in.optional("draincmd"),
                in.optional("healthcmd"),
                in.optional("mastercmd"),
                Path.of(in.text("bootidfile", "/proc/sys/kernel/random/boot_id")),
                interval,
                ttl,
                in.duration("heartbeat.purge", "24h"),
                in.duration("reboot.timeout", "30m"),
                Path.of(in.text("rundir", "/run/distreboot")),
                in.bool("require-root", true));
    }

    static String where(Path source) {
        return source == null ? "the defaults" : source.toString();
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            int dot = name.indexOf('.');
            return dot > 0 ? name.substring(0, dot) : name;
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** Reads one key at a time, with the key's name in every error. */
    private record Reader(Path source, Map<String, String> properties) {

        Optional<String> optional(String key) {
            String value = properties.get(key);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
        }

        String text(String key, String fallback) {
            return optional(key).orElse(fallback);
        }

        String name(String key, String fallback) {
            try {
                return Names.require(key, text(key, fallback));
            } catch (IllegalArgumentException e) {
                throw bad(key, e.getMessage());
            }
        }

        Duration duration(String key, String fallback) {
            String value = text(key, fallback);
            try {
                Duration duration = Durations.parse(value);
                if (duration.isNegative() || duration.isZero()) {
                    throw bad(key, "must be positive, not '" + value + "'");
                }
                return duration;
            } catch (DateTimeParseException e) {
                throw bad(key, "'" + value + "' is not a duration (examples: 500ms, 5s, 30m, 24h)");
            }
        }

        boolean bool(String key, boolean fallback) {
            String value = text(key, Boolean.toString(fallback));
            return switch (value.toLowerCase()) {
                case "true", "yes", "on" -> true;
                case "false", "no", "off" -> false;
                default -> throw bad(key, "'" + value + "' is not true or false");
            };
        }

        String jdbcUrl(String key, String fallback) {
            String value = text(key, fallback);
            if (!value.startsWith("jdbc:postgresql://")) {
                throw bad(key, "'" + value + "' is not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
            }
            return value;
        }

        private ConfigException bad(String key, String problem) {
            String message = problem.startsWith(key) ? problem : key + ": " + problem;
            return new ConfigException("bad value for " + message + " in " + where(source));
        }
    }
}
