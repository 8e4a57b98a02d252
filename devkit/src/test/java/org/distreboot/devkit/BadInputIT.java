package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every mistake gets its exit code and one clear line, and changes nothing. */
class BadInputIT {
    private static E2eCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = E2eCluster.create("mistakes", LocalCluster.Options.defaults());
        cluster.startDaemons();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    private static void assertNothingChanged(JsonNode before) throws Exception {
        JsonNode after = cluster.status();
        assertThat(after.path("nodes").size()).isEqualTo(before.path("nodes").size());
        assertThat(after.path("reboot").path("state").asText()).isEqualTo("NONE");
        for (String node : cluster.nodes) {
            assertThat(cluster.bootId(node)).isEqualTo(node + "-first-boot");
        }
    }

    @Test
    void givenUnknownNodeToDrop_itIsRefusedListingTheKnownOnes() throws Exception {
        JsonNode before = cluster.status();

        CliResult result = cluster.cli("node-a", "--drop=node-q");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly(
                "distreboot: unknown node 'node-q'; known nodes of cluster mistakes: node-a, node-b, node-c");
        assertNothingChanged(before);
    }

    @Test
    void givenConflictingOptions_itIsAUsageError() throws Exception {
        JsonNode before = cluster.status();

        CliResult result = cluster.cli("node-a", "--reboot", "--cancel");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).singleElement().asString().contains("mutually exclusive");
        assertNothingChanged(before);
    }

    @Test
    void givenPropertiesFileWithATypo_itNamesTheKey() throws Exception {
        JsonNode before = cluster.status();
        Path dir = Files.createDirectories(cluster.base.resolve("typo"));
        Files.writeString(dir.resolve("distreboot.properties"),
                Files.readString(cluster.dir("node-a").resolve("distreboot.properties"))
                        .replace("rebootcmd=", "rebootcmnd="));

        CliResult result = cluster.cli(List.of("--node=" + dir, "--reboot"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).singleElement().asString().contains("unknown key 'rebootcmnd'");
        assertNothingChanged(before);
    }

    @Test
    void givenSecondStartOnTheSameRundir_itSaysWhichDaemonRuns() throws Exception {
        long pid = cluster.daemonPid("node-a").orElseThrow();

        CliResult result = cluster.cli("node-a", "--start");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).singleElement().asString().contains("already running (pid " + pid);
        assertThat(cluster.daemonPid("node-a")).contains(pid);
    }

    @Test
    void givenStop_theDaemonExitsAndItsLastHeartbeatSaysStopped_andAStopWithoutDaemonIsRefused() throws Exception {
        Process daemon = cluster.daemonProcess("node-c");
        CliResult stop = cluster.cli("node-c", "--stop");

        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        assertThat(daemon.isAlive()).isFalse();
        assertThat(daemon.exitValue()).as("the daemon's exit code after SIGTERM").isZero();
        assertThat(cluster.daemonPid("node-c")).isEmpty();
        JsonNode status = cluster.status();
        assertThat(E2eCluster.stream(status.path("nodes")).filter(n -> n.path("node").asText().equals("node-c")))
                .singleElement().satisfies(n -> {
                    assertThat(n.path("stale").asBoolean()).isTrue();
                    assertThat(n.path("stopping").asBoolean()).isTrue();
                });
        CliResult again = cluster.cli("node-c", "--stop");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.errLines()).singleElement().asString().contains("no distreboot daemon runs here");
        CliResult refused = cluster.cli("node-a", "--reboot");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.errLines()).singleElement().asString().contains("node-c: heartbeat stale");

        cluster.startDaemon("node-c");
        cluster.awaitStatus(s -> E2eCluster.stream(s.path("nodes")).noneMatch(n -> n.path("stale").asBoolean()),
                Duration.ofSeconds(60));
    }
}
