package org.distreboot.client.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads db.passwordfile; a seam so that tests need no file. */
@FunctionalInterface
public interface PasswordFiles {
    PasswordFiles FROM_DISK = (key, file) -> {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new ConfigException("cannot read " + key + " " + file + ": " + e.getMessage());
        }
    };

    String read(String key, Path file);
}
