package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.common.v1.WorkflowExecution;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distreboot.workflow.TaskQueues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Nodes as separate hosts: each daemon in a network namespace of its own, with its own address on
 * a bridge; PostgreSQL and the Temporal server (on PostgreSQL, as production runs it) listen on the
 * control host's bridge address only. A full run; a node's link cut mid-run and restored; the link
 * of the node whose daemon runs the workflow's current activity cut and restored. Whatever the
 * network does, each node is rebooted once, the master last, and never two at once.
 */
class SeparateHostsSystemIT {
    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static final LocalCluster.Options OPTIONS = LocalCluster.Options.defaults().withNodes(5)
            .withRebootDelay(Duration.ofSeconds(2));
    private static final List<String> ORDER = List.of("node-a", "node-c", "node-d", "node-e", "node-b");

    private NetworkHosts network;
    private E2eCluster cluster;

    @AfterEach
    void tearDown() {
        if (cluster != null) {
            cluster.close();
        }
        if (network != null) {
            network.close();
        }
    }

    /** A cluster on the network-namespace hosts, its files written, nothing started. */
    private void prepare(String name) throws Exception {
        prepare(name, OPTIONS);
    }

    private void prepare(String name, LocalCluster.Options options) throws Exception {
        TemporalSqlServer.Binaries binaries = SystemTools.temporalServer();
        network = NetworkHosts.create(List.of("node-a", "node-b", "node-c", "node-d", "node-e"));
        cluster = E2eCluster.prepare(name, options,
                TemporalSqlServer.factory(binaries, E2eCluster.checkout("docker/temporal"), null), network);
        cluster.postgres().withSetting("log_connections", "on");
    }

    private void start() throws Exception {
        cluster.startServices();
        cluster.startDaemons();
    }

    @Test
    void givenEachNodeOnItsOwnHost_aRunCompletes_withTheServicesOnTheBridgeOnlyAndEachDaemonFromItsOwnAddress()
            throws Exception {
        prepare("hosts");
        start();

        CliResult reboot = cluster.cli("node-c", "--reboot");
        assertThat(reboot.exitCode()).as(reboot.toString()).isZero();
        awaitCompleted();

        String bridge = network.servicesAddress();
        String postgres = ":" + cluster.postgres().port();
        String temporal = cluster.temporal().target().substring(cluster.temporal().target().lastIndexOf(':'));
        List<String> listening = listening();
        assertThat(listening).as("PostgreSQL and Temporal listen on the bridge's address")
                .contains(bridge + postgres, bridge + temporal);
        assertThat(listening).as("and on no other").noneMatch(l -> !l.startsWith(bridge) && (l.endsWith(postgres)
                || l.endsWith(temporal)));
        assertThat(Files.readString(cluster.dir("node-e").resolve("daemon.log"))).as("plain text across hosts is said")
                .contains("WARN  Daemon - Temporal at " + cluster.temporal().target() + " is reached without TLS",
                        "WARN  Daemon - PostgreSQL at " + bridge + " is reached with sslmode=prefer");
        assertThat(heartbeatClients()).as("each daemon reaches PostgreSQL from its own host's address")
                .containsAll(List.of(network.address("node-a"), network.address("node-b"), network.address("node-c"),
                        network.address("node-d"), network.address("node-e")))
                .doesNotContain("127.0.0.1");
    }

    @Test
    void givenANodesLinkCutMidRun_theRunWaitsWithoutRebootingAnother_andGoesOnByItselfWhenTheLinkIsBack()
            throws Exception {
        // node-a stays down longer than the heartbeat TTL: a node cut off as node-a goes down is
        // surely stale when node-a is back. (Back sooner, node-a finds node-d's last heartbeat
        // still fresh, as it may: the TTL is how long a silent node is believed up.)
        prepare("hosts-cut", OPTIONS.withRebootDelay(OPTIONS.heartbeatTtl().plusSeconds(2)));
        start();
        CliResult reboot = cluster.cli("node-c", "--reboot");
        assertThat(reboot.exitCode()).as(reboot.toString()).isZero();
        cluster.awaitFile("node-a", "reboots.log", PATIENCE);

        network.cut("node-d");
        cluster.awaitStatus(s -> E2eCluster.stream(s.path("nodes"))
                .anyMatch(n -> n.path("node").asText().equals("node-d") && n.path("stale").asBoolean()), PATIENCE);
        cluster.awaitFile("node-a", "starts.log", PATIENCE);
        // node-a is back; with node-d stale the cluster is not whole, so nothing more may start.
        // The run says what it waits for once node-a's rejoin is in (awaited: a loaded host can take a while).
        JsonNode waiting = cluster.awaitStatus(s -> s.path("reboot").path("waitingFor").asText()
                .startsWith("node-d: heartbeat stale since"), PATIENCE);
        assertThat(waiting.path("reboot").path("state").asText()).isEqualTo("RUNNING");
        Thread.sleep(OPTIONS.heartbeatTtl().toMillis() * 3);
        assertThat(cluster.rebootOrder()).as("nothing rebooted while node-d is cut off").containsExactly("node-a");
        System.out.println("node-d cut off: waiting for " + waiting.path("reboot").path("waitingFor").asText());

        network.restore("node-d");
        awaitCompleted();
    }

    @Test
    void givenTheLinkOfTheNodeRunningTheCurrentActivityCut_nothingElseIsRebooted_andTheRunCompletesWhenItIsBack()
            throws Exception {
        prepare("hosts-activity");
        // node-a's draincmd takes a while: its daemon is running the workflow's current activity then.
        cluster.setProperties("node-a", Map.of("draincmd", "touch " + cluster.dir("node-a").resolve("draining")
                + "; sleep 6"));
        start();
        CliResult reboot = cluster.cli("node-c", "--reboot");
        assertThat(reboot.exitCode()).as(reboot.toString()).isZero();
        cluster.awaitFile("node-a", "draining", PATIENCE);

        String runner = currentActivityWorker();
        assertThat(runner).as("the current activity (node-a's drain) runs on node-a's daemon").startsWith("node-a/");
        network.cut("node-a");
        Thread.sleep(OPTIONS.heartbeatTtl().toMillis() * 3);
        assertThat(cluster.rebootOrder()).as("no node rebooted while the node in flight is cut off").isEmpty();
        JsonNode cutOff = cluster.status("node-c");
        System.out.println("node-a cut off while draining: " + cutOff.path("reboot").path("state").asText() + ", "
                + cutOff.path("reboot").path("waitingFor").asText());
        assertThat(E2eCluster.stream(cutOff.path("nodes"))
                .filter(n -> n.path("node").asText().equals("node-a")).findFirst().orElseThrow()
                .path("stale").asBoolean()).as("node-a is stale").isTrue();

        network.restore("node-a");
        awaitCompleted();
    }

    private void awaitCompleted() throws Exception {
        JsonNode end = cluster.awaitStatus(s -> s.path("reboot").path("state").asText().equals("COMPLETED"), PATIENCE);
        assertThat(E2eCluster.stream(end.path("reboot").path("done")).map(JsonNode::asText)).containsExactlyElementsOf(ORDER);
        assertThat(cluster.rebootOrder()).as("each node once, the master node-b last").isEqualTo(ORDER);
        List<long[]> down = new ArrayList<>();
        for (String node : cluster.nodes) {
            assertThat(cluster.times(node, "starts.log")).as("%s booted once", node).hasSize(1);
            down.add(new long[] {cluster.times(node, "reboots.log").get(0), cluster.times(node, "starts.log").get(0)});
        }
        down.sort((a, b) -> Long.compare(a[0], b[0]));
        for (int i = 1; i < down.size(); i++) {
            assertThat(down.get(i)[0]).as("a reboot began before the previous node was back").isGreaterThan(down.get(i - 1)[1]);
        }
    }

    /** The identity ("node/pid-N") of the worker that took the workflow's one pending activity. */
    private String currentActivityWorker() {
        List<PendingActivityInfo> pending = cluster.temporalClient().getWorkflowServiceStubs().blockingStub()
                .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder().setNamespace("default")
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(TaskQueues.workflowId(cluster.name)))
                        .build())
                .getPendingActivitiesList();
        assertThat(pending).hasSize(1);
        return pending.get(0).getLastWorkerIdentity();
    }

    /** Every listening TCP socket's local address:port on the control host (ss). */
    private static List<String> listening() throws Exception {
        Process ss = new ProcessBuilder("ss", "-ltnH").redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ss.waitFor();
        List<String> addresses = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 4) {
                addresses.add(fields[3]);
            }
        }
        return addresses;
    }

    /**
     * The client addresses of the connections to the heartbeat database (the daemons', and the
     * harness's from the bridge), from PostgreSQL's log_connections: "[pid] LOG: connection
     * received: host=..." then, from the same backend, "connection authorized: ... database=distreboot".
     */
    private List<String> heartbeatClients() throws Exception {
        Pattern received = Pattern.compile("\\[(\\d+)] LOG:  connection received: host=([0-9.]+)");
        Pattern authorized = Pattern.compile("\\[(\\d+)] LOG:  connection authorized: .*database=distreboot$");
        Map<String, String> hostOfBackend = new java.util.HashMap<>();
        Set<String> clients = new TreeSet<>();
        for (String line : Files.readAllLines(cluster.postgres().home().resolve("postgres.log"))) {
            Matcher connection = received.matcher(line);
            if (connection.find()) {
                hostOfBackend.put(connection.group(1), connection.group(2));
            }
            Matcher daemon = authorized.matcher(line);
            if (daemon.find() && hostOfBackend.containsKey(daemon.group(1))) {
                clients.add(hostOfBackend.get(daemon.group(1)));
            }
        }
        return List.copyOf(clients);
    }
}
