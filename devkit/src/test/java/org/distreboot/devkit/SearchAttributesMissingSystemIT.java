package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.EventType;
import java.nio.file.Path;
import java.time.Duration;
import org.distreboot.workflow.RunSearch;
import org.distreboot.workflow.TaskQueues;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A production namespace where distreboot's search attributes were never (or only partly)
 * registered: the daemons say so once with the command that registers them, --reboot adds a
 * note, and the run, started without them, runs to the end all the same.
 */
class SearchAttributesMissingSystemIT {
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @AutoClose
    private E2eCluster cluster;

    @Test
    void givenANamespaceLackingOneSearchAttribute_theDaemonsSaySo_andTheRunCompletesWithoutThem() throws Exception {
        Path cli = SystemTools.require("temporal", TemporalDevServer.PINNED);
        cluster = E2eCluster.create("unsearchable", LocalCluster.Options.defaults().withNodes(2), cli);
        Process remove = new ProcessBuilder(cli.toString(), "operator", "search-attribute", "remove", "--yes",
                "--address", cluster.temporal().target(), "--name", RunSearch.NODE.getName())
                .redirectErrorStream(true).start();
        assertThat(remove.waitFor()).as(new String(remove.getInputStream().readAllBytes())).isZero();
        cluster.startDaemons();

        // the daemon asks once it polls, on a thread of its own: the line may follow the first heartbeat
        String daemonLog = cluster.awaitDaemonLog("node-a", "lacks the search attributes");
        assertThat(daemonLog.lines().filter(line -> line.contains("lacks the search attributes")))
                .singleElement().asString()
                .contains("WARN", "Temporal namespace default lacks the search attributes DistrebootNode",
                        "temporal operator search-attribute create --namespace default --name DistrebootNode --type Keyword");
        CliResult reboot = cluster.cli("node-a", "--reboot");
        assertThat(reboot.exitCode()).as(reboot.toString()).isZero();
        assertThat(reboot.out()).contains("note: Temporal namespace default lacks distreboot's search attributes",
                "temporal operator search-attribute create --namespace default --name DistrebootCluster");

        cluster.awaitStatus(s -> s.path("reboot").path("state").asText().equals("COMPLETED"), PATIENCE);
        assertThat(cluster.rebootOrder()).containsExactly("node-a", "node-b");
        assertThat(cluster.temporalClient().fetchHistory(TaskQueues.workflowId(cluster.name)).getEvents())
                .noneMatch(e -> e.getEventType() == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES);
    }
}
