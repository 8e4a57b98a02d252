package org.distreboot.activities;

import java.util.List;

/**
 * Where a command line from the properties runs: this host's {@code /bin/sh -c}, or the shell of
 * a node served over ssh ({@link org.distreboot.activities.ssh.SshShell}).
 */
@FunctionalInterface
public interface Shell {
    Shell LOCAL = commandLine -> List.of("/bin/sh", "-c", commandLine);

    /** The program and arguments that run {@code commandLine}. */
    List<String> argv(String commandLine);
}
