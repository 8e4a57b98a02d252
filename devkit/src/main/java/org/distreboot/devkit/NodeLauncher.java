package org.distreboot.devkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The script a local cluster starts every distreboot process through (daemons, their restarts
 * after a simulated reboot, commands): the distreboot command itself, with the node's clock off
 * when its directory holds a clock-offset file (FAKETIME's "+5h").
 */
public final class NodeLauncher {
    /** libfaketime, as Debian's faketime package installs it. */
    public static final String FAKETIME_LIBRARY = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";

    private NodeLauncher() {
    }

    /** Writes {@code script} to run {@code command}; the wall clock only is faked (its monotonic fix makes a JVM spin). */
    static Path write(Path script, List<String> command) throws IOException {
        String quoted = command.stream().map(part -> "'" + part.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" "));
        Files.writeString(script, """
                #!/bin/sh
                for arg in "$@"; do case "$arg" in --node=*) dir=${arg#--node=} ;; esac; done
                if [ -n "$dir" ] && [ -f "$dir/clock-offset" ]; then
                  LD_PRELOAD=%s FAKETIME=$(cat "$dir/clock-offset") FAKETIME_DONT_FAKE_MONOTONIC=1
                  FAKETIME_FORCE_MONOTONIC_FIX=0
                  export LD_PRELOAD FAKETIME FAKETIME_DONT_FAKE_MONOTONIC FAKETIME_FORCE_MONOTONIC_FIX
                fi
                exec %s "$@"
                """.formatted(FAKETIME_LIBRARY, quoted));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }
}
