package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * simulated-reboot.sh goes down as a host does: every daemon of the node has exited before the
 * boot id changes, one that has not written its pid file yet included, and init starts the
 * daemon again only after the delay.
 */
class SimulatedRebootTest {
    @TempDir
    Path dir;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void endWhatWasStarted() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void everyDaemonOfTheNodeHasExitedBeforeTheBootIdChanges() throws Exception {
        Files.writeString(dir.resolve("boot_id"), "first-boot\n");
        Files.createDirectories(dir.resolve("run"));
        // Two daemons of the node, as a host may have for a moment: one in the pid file, one still
        // starting. Each takes a while to stop and writes down the boot id it saw at exit.
        Process written = daemon("seen-by-first");
        Process starting = daemon("seen-by-second");
        Files.writeString(dir.resolve("run").resolve("distreboot.pid"), written.pid() + "\n");
        Process other = new ProcessBuilder("sleep", "30").start();
        started.add(other);
        Path launcher = dir.resolve("launcher");
        Files.writeString(launcher, "#!/bin/sh\necho \"$@\" > " + dir.resolve("launched") + "\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));

        Process reboot = new ProcessBuilder("sh", script().toString(), dir.toString(), launcher.toString(), "0.3")
                .redirectErrorStream(true).start();
        started.add(reboot);

        assertThat(reboot.waitFor(20, TimeUnit.SECONDS)).as("the simulated reboot ends").isTrue();
        assertThat(written.isAlive()).isFalse();
        assertThat(starting.isAlive()).isFalse();
        assertThat(other.isAlive()).as("a process that is not the node's daemon is left alone").isTrue();
        assertThat(Files.readString(dir.resolve("seen-by-first")).strip()).isEqualTo("first-boot");
        assertThat(Files.readString(dir.resolve("seen-by-second")).strip()).isEqualTo("first-boot");
        assertThat(Files.readString(dir.resolve("boot_id")).strip()).isNotEqualTo("first-boot").hasSize(36);
        long down = Long.parseLong(Files.readString(dir.resolve("down.log")).strip());
        long up = Long.parseLong(Files.readString(dir.resolve("starts.log")).strip());
        assertThat(Duration.ofMillis(up - down)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(Files.readString(dir.resolve("launched")).strip()).isEqualTo("--start --node=" + dir);
    }

    /** A stand-in daemon, "--start --node=DIR" on its command line, 0.5 s to stop on SIGTERM. */
    private Process daemon(String seen) throws Exception {
        String body = "trap 'sleep 0.5; cat " + dir.resolve("boot_id") + " > " + dir.resolve(seen) + "; exit 0' TERM;"
                + " while :; do sleep 0.1; done";
        Process daemon = new ProcessBuilder("sh", "-c", body, "daemon", "--start", "--node=" + dir).start();
        started.add(daemon);
        return daemon;
    }

    private Path script() throws Exception {
        Path script = dir.resolve("simulated-reboot.sh");
        try (InputStream in = LocalCluster.class.getResourceAsStream("/devkit/simulated-reboot.sh")) {
            Files.copy(in, script);
        }
        return script;
    }
}
