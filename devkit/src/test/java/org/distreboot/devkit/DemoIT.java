package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The demo, interrupted with Ctrl-C halfway, leaves no process and no temporary directory behind,
 * on the Temporal service the suite runs on (distreboot.temporal).
 */
class DemoIT {
    private static final Pattern BASE = Pattern.compile("starting \\d+ daemons \\((/\\S+)\\)");
    /** The first node's reboot under way: its line, rebooting or already rejoining. */
    private static final Pattern FIRST_DOWN = Pattern.compile("\\s(node-\\w)\\s+(rebooting|rejoining)");

    @Test
    void givenCtrlCMidRun_theDemoStopsAndLeavesNothingBehind() throws Exception {
        CtrlC.assertDeliverable();
        Path launcher = Path.of(System.getProperty("distreboot.launcher", "../distreboot")).toAbsolutePath().normalize();
        Path temporalCli = E2eCluster.temporalCli();
        Process demo = new ProcessBuilder(launcher.toString(), "--demo", "--nodes", "3",
                temporalCli == null ? "--test-server" : "--temporal=" + temporalCli).redirectErrorStream(true).start();
        String base = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(demo.getInputStream()))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                Matcher started = BASE.matcher(line);
                if (started.find()) {
                    base = started.group(1);
                }
                Matcher down = FIRST_DOWN.matcher(line);
                if (base != null && down.find()) {
                    // Its healthcmd fails once it is back: the run cannot end before the Ctrl-C comes (under
                    // load a demo once completed first, and exited 0).
                    Files.writeString(Path.of(base, down.group(1), "unhealthy"), "");
                    break;
                }
            }
            assertThat(base).as("the demo names its directory").isNotNull();
            assertThat(Files.isDirectory(Path.of(base))).isTrue();
            String started = base;
            assertThat(Listeners.of(Stream.concat(demo.descendants(), ProcessHandle.allProcesses().filter(p -> p.info()
                    .commandLine().map(line -> line.contains(started)).orElse(false))).distinct()))
                    .as("the services listen").hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(listener -> assertThat(listener.address().isLoopbackAddress())
                            .as("%s listens on loopback only", listener).isTrue());

            CtrlC.send(demo);
            assertThat(demo.waitFor(30, TimeUnit.SECONDS)).as("the demo exits on Ctrl-C").isTrue();
        } finally {
            demo.destroyForcibly();
            demo.waitFor(30, TimeUnit.SECONDS);
            String left = base;
            if (left != null && demo.exitValue() != 130) {
                // A failed test leaves nothing running either: what names the demo's directory goes.
                Leftovers.kill(line -> line.contains(left));
            }
        }

        String marker = base;
        assertThat(demo.exitValue()).isEqualTo(130);
        assertThat(Files.exists(Path.of(base))).as("its temporary directory is gone").isFalse();
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(line -> line.contains(marker)).orElse(false)))
                .as("no daemon, reboot script, Temporal service or PostgreSQL left").isEmpty();
    }
}
