package org.distreboot.activities;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code sentinel}: the node needs a reboot while the file exists (as Debian's /var/run/reboot-required). */
public final class FileSentinel implements Sentinel {
    private final Path file;

    public FileSentinel(Path file) {
        this.file = file;
    }

    @Override
    public boolean rebootRequired() {
        return Files.exists(file);
    }
}
