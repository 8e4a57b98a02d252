package org.distreboot.client.config;

import io.micronaut.context.env.MapPropertySource;
import io.micronaut.context.env.PropertySource;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * distreboot.properties as the context's property source: each key of the manual under
 * {@code distreboot.}, the manual's default for each key not set, and where the values came from
 * ({@code distreboot.source}, not a key a file may set). The records of this package are bound to it.
 */
public final class PropertiesSource {
    public static final String PREFIX = "distreboot.";
    static final String SOURCE = PREFIX + "source";
    static final String FINGERPRINT = PREFIX + "fingerprint";

    private PropertiesSource() {
    }

    /** @param values the file's keys and values (and --set-property), already checked by the loader */
    public static PropertySource of(Path source, Map<String, String> values) {
        Map<String, Object> properties = new HashMap<>();
        StringBuilder all = new StringBuilder(String.valueOf(source));
        for (PropertyKey key : PropertyKey.values()) {
            String value = values.get(key.key);
            String fallback = key == PropertyKey.NODE && value == null ? hostName() : key.fallback;
            if (value != null || fallback != null) {
                String text = value != null ? value.strip() : fallback;
                properties.put(PREFIX + key.key, new PropertyValue(key.key, text));
                all.append('\n').append(key.key).append('=').append(text);
            }
        }
        if (source != null) {
            properties.put(SOURCE, new PropertyValue("source", source.toString()));
        }
        properties.put(FINGERPRINT, new PropertyValue("fingerprint", Integer.toHexString(all.toString().hashCode())));
        return new MapPropertySource(SettingsLoader.FILE_NAME, properties);
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
}
