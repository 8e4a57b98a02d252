package org.distreboot.devkit;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The installed programs a system test needs. A missing one fails the test with one line naming
 * what to install: a system test never skips (.ci/run installs them all).
 */
public final class SystemTools {
    private SystemTools() {
    }

    /** The program on the PATH, or an AssertionError saying how to install it. */
    public static Path require(String program, String install) {
        return find(program).orElseThrow(() -> new AssertionError(program + " is not installed: " + install
                + " (the system suite, -Psystem, needs it; .ci/run installs it)"));
    }

    /**
     * The Temporal server and its SQL tool at the pinned release, and the temporal CLI; a build of
     * another release fails the test as a missing one does.
     */
    static TemporalSqlServer.Binaries temporalServer() throws Exception {
        Path server = require("temporal-server", TemporalSqlServer.INSTALL);
        Path sqlTool = require("temporal-sql-tool", TemporalSqlServer.INSTALL);
        Process version = new ProcessBuilder(server.toString(), "--version").redirectErrorStream(true).start();
        String said = new String(version.getInputStream().readAllBytes()).strip();
        version.waitFor();
        if (!said.endsWith(" " + TemporalSqlServer.VERSION)) {
            throw new AssertionError(server + " is not the pinned Temporal server " + TemporalSqlServer.VERSION + " ("
                    + said + "): " + TemporalSqlServer.INSTALL);
        }
        return new TemporalSqlServer.Binaries(server, sqlTool, require("temporal", TemporalDevServer.PINNED));
    }

    static Optional<Path> find(String program) {
        return Programs.onPath(program);
    }
}
