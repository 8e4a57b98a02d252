package org.distreboot.activities;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The boot id read from {@code bootidfile}, by default /proc/sys/kernel/random/boot_id. */
public final class BootIdFile implements BootIdSource {
    private final Path file;

    public BootIdFile(Path file) {
        this.file = file;
    }

    @Override
    public String current() {
        try {
            String id = Files.readString(file).strip();
            if (id.isEmpty()) {
                throw new IllegalStateException("bootidfile " + file + " is empty");
            }
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bootidfile " + file + ": "
                    + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()), e);
        }
    }
}
