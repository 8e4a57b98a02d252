package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A rebooting daemon leaves the cluster's queue before its rebootcmd. On the real server as
 * distreboot configures it, the server ends the leaving daemon's polls: no workflow task goes down
 * with a node, and no turn waits out a task's timeout. A server that leaves the polls to be cut
 * is told of by each daemon, in one line naming the setting.
 */
class PollShutdownSystemIT {
    private static final String SETTING = "frontend.enableCancelWorkerPollsOnShutdown";
    private static final String WARNING = "does not end a stopping worker's polls";
    private static final Duration PATIENCE = Duration.ofSeconds(180);

    @AutoClose
    private E2eCluster cluster;

    @Test
    void givenTheServerAsDistrebootConfiguresIt_eachRebootedDaemonLeavesTheQueue_andNoWorkflowTaskTimesOut()
            throws Exception {
        cluster = E2eCluster.prepare("leaving", LocalCluster.Options.defaults().withNodes(4), devServer("true"),
                Hosts.loopback());
        cluster.startServices();
        cluster.startDaemons();
        CliResult reboot = cluster.cli("node-a", "--reboot");
        assertThat(reboot.exitCode()).as(reboot.toString()).isZero();
        cluster.awaitStatus(s -> s.path("reboot").path("state").asText().equals("COMPLETED"), PATIENCE);

        List<String> order = cluster.rebootOrder();
        assertThat(order).hasSize(4);
        for (String node : order) {
            String log = Files.readString(cluster.dir(node).resolve("daemon.log"));
            assertThat(log).as("%s's daemon left the cluster queue before its rebootcmd", node)
                    .contains("left the cluster queue in ").doesNotContain(WARNING);
        }
        assertThat(cluster.workflowTasksTimedOut()).as("no workflow task lost with a rebooting daemon").isEmpty();
    }

    @Test
    void givenAServerThatLeavesAStoppingWorkersPollsToBeCut_eachDaemonSaysSoOnce_namingTheSetting() throws Exception {
        cluster = E2eCluster.prepare("cut-polls", LocalCluster.Options.defaults().withNodes(2), devServer("false"),
                Hosts.loopback());
        cluster.startServices();
        cluster.startDaemons();
        for (String node : List.of("node-a", "node-b")) {
            assertThat(cluster.awaitDaemonLog(node, WARNING).lines().filter(line -> line.contains(WARNING)))
                    .as("%s's daemon", node).singleElement().asString()
                    .contains("WARN", "waits out its 10 s timeout", "set " + SETTING + "=true");
        }
    }

    private static TemporalFactory devServer(String endsPolls) {
        Path cli = SystemTools.require("temporal", TemporalDevServer.PINNED);
        return (home, address, postgres) -> TemporalDevServer.at(cli, home.resolve("temporal"), address, 0)
                .withDynamicConfig(SETTING, endsPolls);
    }
}
