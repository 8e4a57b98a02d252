package org.distreboot.client.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distreboot.db.Names;
import org.distreboot.workflow.Durations;
import org.distreboot.workflow.values.RebootWindow;

/** Turns the properties (file plus --set-property overrides) into {@link Settings}, naming any bad key. */
public final class SettingsParser {
    /** Every key the file may hold; anything else is a typo worth stopping for. */
    public static final Set<String> KEYS = PropertyKey.names();
    /** metrics.listen: a host name or IPv4 address, or an IPv6 one in brackets, then a port. */
    private static final Pattern LISTEN_ADDRESS = Pattern.compile("(?:\\[([0-9A-Fa-f:.]+)]|([^\\s:\\[\\]/]+)):(\\d{1,5})");

    private SettingsParser() {
    }

    public static Settings parse(Path source, Map<String, String> properties, PasswordFiles passwords) {
        Set<String> unknown = new TreeSet<>(properties.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            String key = unknown.iterator().next();
            throw new ConfigException("unknown key '" + key + "' in " + where(source) + closest(key)
                    .map(known -> " (did you mean " + known + "?)").orElse(" (the keys are listed in man distreboot)"));
        }
        properties.entrySet().stream().filter(entry -> entry.getValue().isBlank()).map(Map.Entry::getKey).sorted()
                .findFirst().ifPresent(key -> {
                    throw new ConfigException("'" + key + "' is empty in " + where(source) + ": give it a value, or"
                            + " remove the line for " + PropertyKey.of(key).map(k -> k.fallback)
                            .map(fallback -> "the default (" + fallback + ")").orElse("no " + key));
                });
        Reader in = new Reader(source, properties);
        Duration interval = in.duration(PropertyKey.HEARTBEAT_INTERVAL);
        Duration ttl = in.duration(PropertyKey.HEARTBEAT_TTL);
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
        if (in.optional("sentinel").isPresent() && in.optional("sentinelcmd").isPresent()) {
            throw new ConfigException("sentinel and sentinelcmd are both set in " + where(source) + "; keep one");
        }
        if (in.optional("topology").isPresent() && in.optional("topologycmd").isPresent()) {
            throw new ConfigException("topology and topologycmd are both set in " + where(source) + "; keep one");
        }
        Settings.TemporalTls tls = new Settings.TemporalTls(in.bool(PropertyKey.TEMPORAL_TLS_ENABLED),
                in.optional("temporal.tls.cert").map(Path::of), in.optional("temporal.tls.key").map(Path::of),
                in.optional("temporal.tls.ca").map(Path::of), in.optional("temporal.tls.servername"));
        if (tls.cert().isPresent() != tls.key().isPresent()) {
            throw new ConfigException("temporal.tls.cert and temporal.tls.key go together in " + where(source));
        }
        return new Settings(source,
                in.name(PropertyKey.CLUSTER, PropertyKey.CLUSTER.fallback),
                in.name(PropertyKey.NODE, hostName()),
                in.text(PropertyKey.TEMPORAL_TARGET),
                in.text(PropertyKey.TEMPORAL_NAMESPACE),
                tls,
                in.optional("temporal.ui"),
                in.jdbcUrl(PropertyKey.DB_URL),
                in.optional("db.user"),
                password,
                in.optional("db.passwordfile").map(Path::of),
                in.text(PropertyKey.REBOOTCMD),
                in.optional("draincmd"),
                in.optional("healthcmd"),
                in.optional("mastercmd"),
                Path.of(in.text(PropertyKey.BOOTIDFILE)),
                Path.of(in.text(PropertyKey.MACHINEIDFILE)),
                interval,
                ttl,
                in.duration(PropertyKey.HEARTBEAT_PURGE),
                in.duration(PropertyKey.REBOOT_TIMEOUT),
                Path.of(in.text(PropertyKey.RUNDIR)),
                in.bool(PropertyKey.REQUIRE_ROOT),
                in.count(PropertyKey.REBOOT_PARALLEL, 1),
                in.optional("topology").map(group -> in.name(PropertyKey.TOPOLOGY, group)),
                in.optional("topologycmd"),
                in.waitOrNone(PropertyKey.REBOOT_GRACE),
                in.waitOrNone(PropertyKey.REBOOT_SETTLE),
                window(in, source),
                in.optional("blockcmd"),
                in.absolutePath(PropertyKey.SENTINEL),
                in.optional("sentinelcmd"),
                in.count(PropertyKey.REBOOT_MAX_FAILED, 0),
                in.optional(PropertyKey.NOTIFY_URL.key).map(url -> in.webhook(PropertyKey.NOTIFY_URL, url)),
                in.optional(PropertyKey.METRICS_LISTEN.key).map(at -> in.listenAddress(PropertyKey.METRICS_LISTEN, at)));
    }

    /** window.*: none unless window.start and window.end are set (both, or neither). */
    private static Optional<RebootWindow> window(Reader in, Path source) {
        Optional<String> start = in.optional(PropertyKey.WINDOW_START.key);
        Optional<String> end = in.optional(PropertyKey.WINDOW_END.key);
        if (start.isPresent() != end.isPresent()) {
            throw new ConfigException("window.start and window.end go together: " + (start.isPresent() ? "window.end"
                    : "window.start") + " is not set in " + where(source));
        }
        if (start.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RebootWindow(in.text(PropertyKey.WINDOW_DAYS), start.get(), end.get(),
                    in.text(PropertyKey.WINDOW_TZ)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("bad value for " + e.getMessage() + " in " + where(source));
        }
    }

    /** The known key a typo most likely meant: the nearest at most two edits away. */
    static Optional<String> closest(String typo) {
        return KEYS.stream().filter(key -> distance(key, typo) <= 2).min(Comparator.comparingInt(key -> distance(key, typo)));
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            previous = current;
        }
        return previous[b.length()];
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

        String text(PropertyKey key) {
            return optional(key.key).orElse(key.fallback);
        }

        String name(PropertyKey key, String fallback) {
            try {
                return Names.require(key.key, optional(key.key).orElse(fallback));
            } catch (IllegalArgumentException e) {
                throw bad(key.key, e.getMessage());
            }
        }

        /** A positive duration, as heartbeat.interval: 500ms, 5s, 30m, 1h30m, 1d. */
        Duration duration(PropertyKey property) {
            return duration(property, false, "must be positive", "500ms, 5s, 30m, 1h30m, 1d");
        }

        /** A duration that may be zero (none), as reboot.grace: 0, 0s, 90s, 2m. */
        Duration waitOrNone(PropertyKey property) {
            return text(property).equals("0") ? Duration.ZERO
                    : duration(property, true, "must not be negative", "0, 30s, 5m, 1h");
        }

        private Duration duration(PropertyKey property, boolean zeroAllowed, String bounds, String examples) {
            String value = text(property);
            try {
                Duration duration = Durations.parse(value);
                if (duration.isNegative() || !zeroAllowed && duration.isZero()) {
                    throw bad(property.key, bounds + ", not '" + value + "'");
                }
                return duration;
            } catch (DateTimeParseException e) {
                throw bad(property.key, "'" + value + "' is not a duration (examples: " + examples + ")");
            }
        }

        /** A whole number, at least {@code least}. */
        int count(PropertyKey property, int least) {
            String value = text(property);
            try {
                int count = Integer.parseInt(value);
                if (count >= least) {
                    return count;
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw bad(property.key, "'" + value + "' is not a whole number of at least " + least);
        }

        /** An absolute path, as sentinel: /var/run/reboot-required. */
        Path absolutePath(PropertyKey property) {
            String value = text(property);
            if (!value.startsWith("/")) {
                throw bad(property.key, "'" + value + "' is not an absolute path (as " + property.fallback + ")");
            }
            return Path.of(value);
        }

        boolean bool(PropertyKey property) {
            String key = property.key;
            String value = text(property);
            return switch (value.toLowerCase()) {
                case "true", "yes", "on" -> true;
                case "false", "no", "off" -> false;
                default -> throw bad(key, "'" + value + "' is not true or false");
            };
        }

        /** An http or https address with a host; its path and query (a webhook's token) never appear in an error. */
        URI webhook(PropertyKey property, String value) {
            try {
                URI uri = new URI(value);
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                    return uri;
                }
            } catch (URISyntaxException e) {
                // said below
            }
            throw bad(property.key, "not an http:// or https:// address with a host");
        }

        /** host:port or [v6]:port, the host required: a daemon never serves on every interface unasked. */
        InetSocketAddress listenAddress(PropertyKey property, String value) {
            Matcher at = LISTEN_ADDRESS.matcher(value);
            if (at.matches()) {
                int port = Integer.parseInt(at.group(3));
                if (port > 0 && port <= 65535) {
                    return InetSocketAddress.createUnresolved(at.group(1) != null ? at.group(1) : at.group(2), port);
                }
            }
            throw bad(property.key, "'" + value + "' is not an address and a port to listen on, as 127.0.0.1:9464 "
                    + "or [::]:9464");
        }

        String jdbcUrl(PropertyKey property) {
            String key = property.key;
            String value = text(property);
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
