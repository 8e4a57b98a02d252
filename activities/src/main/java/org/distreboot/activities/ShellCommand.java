package org.distreboot.activities;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.distreboot.db.CommandOutputStore;

/**
 * A command line from the root-owned properties file, run with {@code /bin/sh -c} (on this host,
 * or by the node's shell over ssh) so that operators can write it as they would in a shell. It never comes from workflow input. Each run
 * that ends is counted, with its duration and how it ended, in the process's meter registry
 * ({@code distreboot_command_seconds}; served when metrics.listen is set, else nowhere).
 */
public final class ShellCommand {
    /** As much as the command output store keeps of it: the last 4 KB. */
    private static final int OUTPUT_TAIL = CommandOutputStore.KEPT;
    /** From a quick check to a long drain. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10)};

    private final String name;
    private final String commandLine;
    private final CommandLog log;
    private final Shell shell;

    public ShellCommand(String name, String commandLine) {
        this(name, commandLine, CommandLog.NONE);
    }

    /** A command whose every run that ends is also kept in {@code log}. */
    public ShellCommand(String name, String commandLine, CommandLog log) {
        this(name, commandLine, log, Shell.LOCAL);
    }

    /** A command run by {@code shell}: this host's, or a node's over ssh. */
    public ShellCommand(String name, String commandLine, CommandLog log, Shell shell) {
        this.name = Objects.requireNonNull(name);
        this.commandLine = Objects.requireNonNull(commandLine);
        this.log = Objects.requireNonNull(log);
        this.shell = Objects.requireNonNull(shell);
    }

    public String name() {
        return name;
    }

    /** Runs the command to its end, or kills it (and its children) after {@code timeout}. */
    public CommandResult run(Duration timeout, Runnable whileWaiting) {
        long started = System.nanoTime();
        Process process = start();
        OutputTail tail = new OutputTail(process.getInputStream());
        tail.start();
        try {
            long deadline = started + timeout.toNanos();
            while (!process.waitFor(Math.min(1000, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)),
                    TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() >= deadline) {
                    kill(process);
                    return counted(new CommandResult(-1, tail.text(), true, timeout));
                }
                whileWaiting.run();
            }
            tail.join(1000);
            return counted(new CommandResult(process.exitValue(), tail.text(), false, since(started)));
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + " interrupted", e);
        }
    }

    /**
     * Starts the command and waits at most {@code grace} for it: the result of a command that
     * ended, or empty when it still runs (rebootcmd often does, while the machine goes down).
     */
    public Optional<CommandResult> launch(Duration grace) {
        long started = System.nanoTime();
        Process process = start();
        OutputTail tail = new OutputTail(process.getInputStream());
        tail.start();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.empty();
            }
            tail.join(1000);
            return Optional.of(counted(new CommandResult(process.exitValue(), tail.text(), false, since(started))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** One more run of this command, by how it ended: its exit code, or "timeout". */
    private CommandResult counted(CommandResult result) {
        Timer.builder("distreboot.command").description("Commands from the properties file, by how they ended")
                .tags("command", name, "exit", result.timedOut() ? "timeout" : Integer.toString(result.exitCode()))
                .serviceLevelObjectives(BUCKETS).register(Metrics.globalRegistry).record(result.took());
        log.ran(name, result);
        return result;
    }

    private Process start() {
        try {
            return new ProcessBuilder(shell.argv(commandLine))
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + ": " + e.getMessage(), e);
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    @Override
    public String toString() {
        return name + " (" + commandLine + ")";
    }

    /** Keeps the last bytes a command printed, so a chatty command can neither block nor fill memory. */
    private static final class OutputTail extends Thread {
        private final InputStream in;
        private final byte[] ring = new byte[OUTPUT_TAIL];
        private long written;

        OutputTail(InputStream in) {
            super("command-output");
            setDaemon(true);
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[4096];
            try (in) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    synchronized (this) {
                        for (int i = 0; i < n; i++) {
                            ring[(int) (written++ % OUTPUT_TAIL)] = buffer[i];
                        }
                    }
                }
            } catch (IOException e) {
                // the command went away; what it printed so far is what we keep
            }
        }

        synchronized String text() {
            int size = (int) Math.min(written, OUTPUT_TAIL);
            byte[] ordered = new byte[size];
            for (int i = 0; i < size; i++) {
                ordered[i] = ring[(int) ((written - size + i) % OUTPUT_TAIL)];
            }
            return new String(ordered, StandardCharsets.UTF_8);
        }
    }
}
