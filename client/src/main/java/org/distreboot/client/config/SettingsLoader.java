package org.distreboot.client.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Finds distreboot.properties (in --node=DIR, else /usr/local/etc, else /etc), applies the
 * --set-property overrides, and validates the result.
 */
public final class SettingsLoader {
    public static final String FILE_NAME = "distreboot.properties";
    private static final int BYTE_ORDER_MARK = 0xFEFF;
    private static final List<Path> DEFAULT_DIRECTORIES = List.of(Path.of("/usr/local/etc"), Path.of("/etc"));

    private final List<Path> defaultDirectories;

    public SettingsLoader() {
        this(DEFAULT_DIRECTORIES);
    }

    SettingsLoader(List<Path> defaultDirectories) {
        this.defaultDirectories = defaultDirectories;
    }

    /**
     * @param nodeDir   the --node directory, whose properties file must then exist
     * @param overrides --set-property KEY=VALUE, later ones winning
     */
    public Settings load(Optional<Path> nodeDir, List<String> overrides) {
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
            if (!SettingsParser.KEYS.contains(key)) {
                throw new ConfigException("unknown key '" + key + "' in --set-property");
            }
            properties.put(key, override.substring(equals + 1));
        }
        return SettingsParser.parse(Files.isRegularFile(file) ? file : null, properties, PasswordFiles.FROM_DISK);
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
