package org.distreboot.devkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A tmux server of a test's own (its own socket), whose windows are terminals of a chosen size
 * that keep their last screen when their command ends: what a user would see, read with
 * capture-pane. Closing it ends its server by its pid.
 */
final class Tmux implements AutoCloseable {
    private final Path tmux;
    private final String socket = "distreboot-test-" + UUID.randomUUID();
    private final Path dir;
    private final Path config;

    Tmux() throws IOException {
        tmux = SystemTools.require("tmux", "apt-get install tmux");
        dir = Files.createTempDirectory("distreboot-tmux-");
        config = Files.writeString(dir.resolve("tmux.conf"), "set -g remain-on-exit on\nset -g history-limit 50000\n");
    }

    /**
     * Runs {@code command} in a new terminal {@code name} of that many columns and rows, through a
     * shell that keeps its exit code in a file (tmux 3.3 did not always reap a JVM that left
     * processes behind, and so could not tell its exit status).
     */
    void start(String name, int columns, int rows, List<String> command) throws Exception {
        List<String> args = new ArrayList<>(List.of("new-session", "-d", "-s", name, "-x", Integer.toString(columns),
                "-y", Integer.toString(rows), "sh", "-c", "\"$@\"; echo $? > " + exitFile(name), "sh"));
        args.addAll(command);
        run(args);
    }

    /**
     * Every row the terminal has shown, its scrollback and its screen, a line that wrapped joined
     * again (so a line printed longer than the terminal shows as longer).
     */
    List<String> capture(String name) throws Exception {
        return run(List.of("capture-pane", "-p", "-J", "-S", "-", "-t", name)).lines()
                .map(String::stripTrailing).toList();
    }

    /** The exit code of the terminal's command once it has ended; null while it runs. */
    Integer exitCode(String name) throws Exception {
        Path file = exitFile(name);
        String said = Files.exists(file) ? Files.readString(file).strip() : "";
        return said.isEmpty() ? null : Integer.valueOf(said);
    }

    private Path exitFile(String name) {
        return dir.resolve(name + ".exit");
    }

    private String run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(tmux.toString(), "-L", socket, "-f", config.toString()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("tmux " + String.join(" ", args) + " failed: " + out.strip());
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        try {
            long pid = Long.parseLong(run(List.of("display-message", "-p", "#{pid}")).strip());
            ProcessHandle.of(pid).ifPresent(server -> {
                server.descendants().forEach(ProcessHandle::destroy);
                server.destroy();
                server.onExit().join();
            });
        } catch (IllegalStateException noServer) {
            // nothing was started, or it has ended
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            LocalCluster.deleteTree(dir);
        }
    }
}
