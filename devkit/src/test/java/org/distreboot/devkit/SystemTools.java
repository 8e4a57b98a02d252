package org.distreboot.devkit;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The installed programs a system test needs. A missing one fails the test with one line naming
 * what to install: a system test never skips (.ci/run installs them all).
 */
final class SystemTools {
    private SystemTools() {
    }

    /** The program on the PATH, or an AssertionError saying how to install it. */
    static Path require(String program, String install) {
        return find(program).orElseThrow(() -> new AssertionError(program + " is not installed: " + install
                + " (the system suite, -Psystem, needs it; .ci/run installs it)"));
    }

    static Optional<Path> find(String program) {
        return Programs.onPath(program);
    }
}
