package org.distreboot.devkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Ctrl-C as a terminal sends it: SIGINT to the process. A test process started in the
 * background by a non-interactive shell (`./mvnw verify &` in a script) ignores SIGINT, and so
 * does all it starts (a JVM keeps an ignored SIGINT ignored, as nohup wants): there a Ctrl-C test
 * could only time out, so it says why in one line first.
 */
final class CtrlC {
    private static final long SIGINT_BIT = 1L << 1;

    private CtrlC() {
    }

    /** Fails in one line when a SIGINT could not reach what this test starts. */
    static void assertDeliverable() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:") && (Long.parseLong(line.substring(7).strip(), 16) & SIGINT_BIT) != 0) {
                throw new AssertionError("SIGINT is ignored by this test's process (started in the background by a"
                        + " non-interactive shell?), and so by what it starts: run ./mvnw in the foreground");
            }
        }
    }

    static void send(Process process) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
    }
}
