package org.distreboot.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.distreboot.activities.BootIdFile;
import org.distreboot.activities.ClusterActivitiesImpl;
import org.distreboot.activities.CommandHealthCheck;
import org.distreboot.activities.CommandRebooter;
import org.distreboot.activities.Drainer;
import org.distreboot.activities.Looks;
import org.distreboot.activities.NodeActivitiesImpl;
import org.distreboot.activities.NodeClaim;
import org.distreboot.db.Database;
import org.distreboot.db.Heartbeat;
import org.distreboot.db.HeartbeatStore;
import org.distreboot.db.PlanStore;
import org.distreboot.db.NodeHeartbeatRow;
import org.distreboot.db.TestDatabase;
import org.distreboot.workflow.DaemonWorkers;
import org.distreboot.workflow.DistributedRebootWorkflow;
import org.distreboot.workflow.RebootWorkflows;
import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.NodeStatus;
import org.distreboot.workflow.values.Phase;
import org.distreboot.workflow.values.RebootRequest;
import org.distreboot.workflow.values.RebootStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workflow over the real activities: heartbeats in PostgreSQL, boot id files, and shell
 * rebootcmd/healthcmd. The daemons' heartbeat loops are stood in for by a test thread.
 */
class RealActivitiesRebootTest {
    private static final String CLUSTER = "real";
    private static final List<String> NODES = List.of("alpha", "bravo", "charlie");

    @TempDir
    Path dir;

    @Test
    void givenThreeNodesOnRealActivities_eachRebootsOnceMasterLastAndPostgresShowsTheNewBoots() throws Exception {
        TestDatabase db = TestDatabase.create();
        HeartbeatStore store = HeartbeatStore.on(Database.jdbi(db.dataSource));
        Looks looks = new Looks(() -> store, () -> PlanStore.on(Database.jdbi(db.dataSource)), CLUSTER);
        List<WorkerFactory> daemons = new ArrayList<>();
        ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(
                TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build())) {
            WorkflowClient client = env.getWorkflowClient();
            for (String node : NODES) {
                Path bootIdFile = dir.resolve(node + ".boot_id");
                Files.writeString(bootIdFile, node + "-boot-1\n");
                // A reboot as the host lives it: counted, and a little later the next boot has a new id.
                String rebootcmd = "echo x >> " + dir.resolve(node + ".reboots") + "; (sleep 0.3; echo " + node
                        + "-boot-2 > " + bootIdFile + ") &";
                daemons.add(DaemonWorkers.start(client, CLUSTER, node, new ClusterActivitiesImpl(() -> store, looks, CLUSTER),
                        new NodeActivitiesImpl(node, new BootIdFile(bootIdFile), Drainer.NONE,
                                new CommandRebooter(rebootcmd, Duration.ofSeconds(2)),
                                new CommandHealthCheck("test -f " + bootIdFile, Duration.ofSeconds(2)), NodeClaim.NONE, looks::look)));
            }
            Runnable postAll = () -> NODES.forEach(node -> store.post(new Heartbeat(CLUSTER, node,
                    read(dir.resolve(node + ".boot_id")), "daemon-" + node, Instant.now(),
                    node.equals("alpha") ? "master" : "member", true, "test"), Duration.ofSeconds(5)));
            postAll.run();
            heartbeats.scheduleAtFixedRate(postAll, 100, 100, TimeUnit.MILLISECONDS);

            DistributedRebootWorkflow workflow = client.newWorkflowStub(DistributedRebootWorkflow.class,
                    RebootWorkflows.withoutSearchAttributes(RebootWorkflows.options(CLUSTER, "integration test",
                            "a namespace without distreboot's search attributes")));
            WorkflowClient.start(workflow::reboot, RebootRequest.of(CLUSTER, "tester", Duration.ofSeconds(30)));
            RebootStatus end = WorkflowStub.fromTyped(workflow).getResult(60, TimeUnit.SECONDS, RebootStatus.class);

            assertThat(end.phase()).isEqualTo(Phase.COMPLETED);
            assertThat(end.order()).containsExactly("bravo", "charlie", "alpha");
            assertThat(end.nodes()).extracting(NodeStatus::state).containsOnly(NodeState.DONE);
            RebootStatus last = workflow.status(); // the result has the nodes packed; the query, each turn's detail
            for (String node : NODES) {
                assertThat(Files.readAllLines(dir.resolve(node + ".reboots"))).as(node).hasSize(1);
                assertThat(last.node(node).orElseThrow().bootIdAfter()).isEqualTo(node + "-boot-2");
            }
            Thread.sleep(300);
            assertThat(store.list(CLUSTER).nodes()).extracting(NodeHeartbeatRow::bootId)
                    .containsExactly("alpha-boot-2", "bravo-boot-2", "charlie-boot-2");
            assertThat(end.master()).isEqualTo("alpha");
        } finally {
            heartbeats.shutdownNow();
            daemons.forEach(WorkerFactory::shutdownNow);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
