package org.distreboot.devkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Ends, by pid, the processes a cluster leaves behind: those whose command line names it. */
final class Leftovers {
    private Leftovers() {
    }

    /** Kills (SIGKILL) every process whose command line passes {@code test}. */
    static void kill(Predicate<String> test) {
        ProcessHandle.allProcesses().filter(p -> commandLine(p).map(test::test).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
    }

    /** Every process's command line now, as ps shows it to any user. */
    static Stream<String> commandLines() {
        return ProcessHandle.allProcesses().map(Leftovers::commandLine).flatMap(Optional::stream);
    }

    /**
     * The command line as /proc has it now. A process that sets its own title (Redis:
     * "redis-server 127.0.0.1:6379 …/redis.conf") keeps it there, where the JDK's
     * {@code Info.commandLine()} shows only the executable.
     */
    static Optional<String> commandLine(ProcessHandle process) {
        try {
            return Optional.of(new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' '));
        } catch (IOException e) {
            return process.info().commandLine();
        }
    }
}
