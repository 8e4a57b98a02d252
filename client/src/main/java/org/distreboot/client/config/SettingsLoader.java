package org.distreboot.client.config;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.exceptions.BeanContextException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds distreboot.properties (in --node=DIR, else /usr/local/etc, else /etc), applies the
 * --set-property overrides, checks the keys it sets, and hands it to the context as its property
 * source, to which {@link Settings} and its records are bound: each mistake one line that names the
 * key and the file.
 */
@Singleton
public final class SettingsLoader {
    public static final String FILE_NAME = "distreboot.properties";
    private static final int BYTE_ORDER_MARK = 0xFEFF;
    private static final List<Path> DEFAULT_DIRECTORIES = List.of(Path.of("/usr/local/etc"), Path.of("/etc"));
    /** Keys of which one at most may be set. */
    private static final List<List<String>> EXCLUSIVE = List.of(List.of("db.password", "db.passwordfile"),
            List.of("sentinel", "sentinelcmd"), List.of("topology", "topologycmd"));

    private final List<Path> defaultDirectories;

    @Inject
    public SettingsLoader() {
        this(DEFAULT_DIRECTORIES);
    }

    SettingsLoader(List<Path> defaultDirectories) {
        this.defaultDirectories = defaultDirectories;
    }

    /**
     * The settings of {@code context}, bound to the properties found.
     *
     * @param nodeDir   the --node directory, whose properties file must then exist
     * @param overrides --set-property KEY=VALUE, later ones winning
     */
    public Settings load(ApplicationContext context, Optional<Path> nodeDir, List<String> overrides) {
        Path file = nodeDir.map(dir -> dir.resolve(FILE_NAME)).orElseGet(this::searchDefaults);
        if (nodeDir.isPresent() && !Files.isDirectory(nodeDir.get())) {
            throw new ConfigException("--node=" + nodeDir.get() + ": no such directory");
        }
        if (Files.isDirectory(file)) {
            throw new ConfigException(file + " is a directory, not a properties file");
        }
        if (nodeDir.isPresent() && !Files.isRegularFile(file)) {
            throw new ConfigException("no " + FILE_NAME + " in --node directory " + nodeDir.get());
        }
        Map<String, String> properties = Files.isRegularFile(file) ? read(file) : new HashMap<>();
        for (String override : overrides) {
            int equals = override.indexOf('=');
            if (equals <= 0) {
                throw new ConfigException("--set-property needs KEY=VALUE, not '" + override + "'");
            }
            String key = override.substring(0, equals).strip();
            if (PropertyKey.of(key).isEmpty()) {
                throw new ConfigException("unknown key '" + key + "' in --set-property");
            }
            properties.put(key, override.substring(equals + 1));
        }
        return bind(context, Files.isRegularFile(file) ? file : null, properties);
    }

    /** As {@link #load(ApplicationContext, Optional, List)}, in a context of its own: for tools and tests. */
    public Settings load(Optional<Path> nodeDir, List<String> overrides) {
        try (ApplicationContext context = contextBuilder().start()) {
            return load(context, nodeDir, overrides);
        }
    }

    /** The settings of properties given whole, in a context of their own: for tools and tests. */
    public static Settings of(Path source, Map<String, String> properties) {
        try (ApplicationContext context = contextBuilder().start()) {
            return bind(context, source, new HashMap<>(properties));
        }
    }

    /**
     * A context for distreboot: no environment to deduce, no banner, no bootstrap, and no
     * configuration from application files, the environment or system properties (what a run
     * does comes from the root-owned properties file alone); its beans are made when asked for.
     */
    public static ApplicationContextBuilder contextBuilder() {
        return ApplicationContext.builder().deduceEnvironment(false).banner(false).bootstrapEnvironment(false)
                .enableDefaultPropertySources(false).environmentPropertySource(false);
    }

    /** The default files that exist but are not read, because {@code settings} came from an earlier one. */
    public List<String> notRead(Settings settings) {
        if (settings.source() == null || !defaultDirectories.contains(settings.source().getParent())) {
            return List.of();
        }
        return defaultDirectories.stream().map(dir -> dir.resolve(FILE_NAME))
                .filter(file -> !file.equals(settings.source()) && Files.isRegularFile(file))
                .map(Path::toString).toList();
    }

    private static Settings bind(ApplicationContext context, Path source, Map<String, String> properties) {
        check(source, properties);
        new PropertyConverters().register(context.getEnvironment());
        context.getEnvironment().addPropertySource(PropertiesSource.of(source, properties));
        try {
            return context.getBean(Settings.class);
        } catch (BeanContextException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof PropertyProblem problem) {
                    throw new ConfigException(problem.in(where(source)));
                }
                if (cause instanceof ConfigException problem) {
                    throw problem;
                }
            }
            throw e;
        }
    }

    /** What is wrong with the keys themselves: one unknown (and the likely one meant), empty, or set with its rival. */
    private static void check(Path source, Map<String, String> properties) {
        Set<String> unknown = new TreeSet<>(properties.keySet());
        unknown.removeAll(PropertyKey.names());
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
        for (List<String> rivals : EXCLUSIVE) {
            if (properties.containsKey(rivals.get(0)) && properties.containsKey(rivals.get(1))) {
                throw new ConfigException(rivals.get(0) + " and " + rivals.get(1) + " are both set in " + where(source)
                        + "; keep one");
            }
        }
        if (properties.containsKey("temporal.tls.cert") != properties.containsKey("temporal.tls.key")) {
            throw new ConfigException("temporal.tls.cert and temporal.tls.key go together in " + where(source));
        }
    }

    /** The known key a typo most likely meant: the nearest at most two edits away. */
    static Optional<String> closest(String typo) {
        return PropertyKey.names().stream().filter(key -> distance(key, typo) <= 2)
                .min(Comparator.comparingInt(key -> distance(key, typo)));
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

    private Path searchDefaults() {
        return defaultDirectories.stream().map(dir -> dir.resolve(FILE_NAME)).filter(Files::isRegularFile)
                .findFirst().orElse(defaultDirectories.get(defaultDirectories.size() - 1).resolve(FILE_NAME));
    }

    /**
     * The file's keys and values, as java.util.Properties reads them (CRLF line ends included), but
     * without a leading byte-order mark, and refusing a key set twice: which one wins is not
     * something to leave to a reader's guess.
     */
    private static Map<String, String> read(Path file) {
        Map<String, String> map = new HashMap<>();
        Properties properties = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                if (map.put((String) key, (String) value) != null) {
                    throw new ConfigException("'" + key + "' is set twice in " + file + "; keep one");
                }
                return super.put(key, value);
            }
        };
        try (Reader reader = Files.newBufferedReader(file)) {
            reader.mark(1);
            if (reader.read() != BYTE_ORDER_MARK) {
                reader.reset();
            }
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
        return map;
    }
}
