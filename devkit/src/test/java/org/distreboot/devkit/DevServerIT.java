package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * `./distreboot --dev-server` listens on 127.0.0.1 only, every socket of every process it started
 * (the Temporal service of the suite, PostgreSQL), and says so.
 */
class DevServerIT {

    @Test
    void theDevServerListensOnLoopbackOnly() throws Exception {
        CtrlC.assertDeliverable();
        Path launcher = Path.of(System.getProperty("distreboot.launcher", "../distreboot")).toAbsolutePath().normalize();
        Path temporalCli = E2eCluster.temporalCli();
        Process server = new ProcessBuilder(launcher.toString(), "--dev-server", "--port",
                Integer.toString(TemporalTestServer.freePort()),
                temporalCli == null ? "--test-server" : "--temporal=" + temporalCli).redirectErrorStream(true).start();
        List<String> said = new ArrayList<>();
        String home = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream()))) {
            while (home == null) {
                String line = out.readLine();
                if (line == null) {
                    break;
                }
                said.add(line);
                if (line.startsWith("The data lives in ")) {
                    home = line.split(" ")[4];
                }
            }
            assertThat(home).as("it says where its data lives: %s", said).isNotNull();
            assertThat(said).anyMatch(line -> line.contains("are up on 127.0.0.1 only"));
            assertThat(said).anyMatch(line -> line.startsWith("temporal.target=127.0.0.1:"));
            assertThat(said).anyMatch(line -> line.startsWith("db.url=jdbc:postgresql://127.0.0.1:"));

            String data = home;
            List<Listeners.Listener> listening = Listeners.of(started(server, data));
            assertThat(listening).as("the Temporal service and PostgreSQL listen").hasSizeGreaterThanOrEqualTo(2);
            assertThat(Listeners.beyondLoopback(started(server, data))).as("nothing listens beyond 127.0.0.1").isEmpty();
        } finally {
            CtrlC.send(server);
            boolean stopped = server.waitFor(30, TimeUnit.SECONDS);
            if (!stopped) {
                // A failed test leaves nothing running either: the server, and what names its directory.
                server.descendants().forEach(ProcessHandle::destroyForcibly);
                server.destroyForcibly();
                String left = home;
                if (left != null) {
                    Leftovers.kill(line -> line.contains(left));
                }
            }
            assertThat(stopped).as("the dev server stops on Ctrl-C").isTrue();
        }
    }

    /** The server, what it started, and what names its directory (PostgreSQL, which daemonizes). */
    private static Stream<ProcessHandle> started(Process process, String home) {
        return Stream.concat(Stream.concat(Stream.of(process.toHandle()), process.descendants()),
                ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(l -> l.contains(home)).orElse(false)))
                .distinct();
    }
}
