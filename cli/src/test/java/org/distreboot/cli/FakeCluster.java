package org.distreboot.cli;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.distreboot.client.Cluster;
import org.distreboot.client.Reports;
import org.distreboot.client.RunView;
import org.distreboot.client.StatusReport;
import org.distreboot.client.config.Settings;
import org.distreboot.db.ClusterHeartbeats;
import org.distreboot.db.CommandOutput;
import org.distreboot.db.Heartbeat;
import org.distreboot.db.NodeHeartbeatRow;
import org.distreboot.workflow.commands.CancelRequest;
import org.distreboot.workflow.commands.DropRequest;
import org.distreboot.workflow.commands.DropResult;
import org.distreboot.workflow.commands.PauseRequest;
import org.distreboot.workflow.commands.ResumeRequest;
import org.distreboot.workflow.values.RebootRequest;

/**
 * A cluster held in memory, in place of PostgreSQL and Temporal, for the command's in-process
 * tests: what it answers is set by the test, and what the command asked of it is kept.
 */
final class FakeCluster implements Cluster, Cluster.Connector {
    static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    final List<NodeHeartbeatRow> rows = new ArrayList<>();
    final List<CommandOutput> outputs = new ArrayList<>();
    final List<Object> asked = new ArrayList<>();
    RunView run = RunView.NONE;
    /** Thrown by every call when set: a service away, say. */
    RuntimeException failure;
    private Settings settings;
    int closed;

    /** A node whose daemon posts: fresh, ready, its reboot-required sentinel there. */
    FakeCluster node(String node, String role) {
        rows.add(new NodeHeartbeatRow(new Heartbeat("prod", node, "boot-" + node, "daemon-" + node,
                NOW.minusSeconds(3600), role, true, "dev").needingReboot(true), NOW.plusSeconds(20), false, NOW));
        return this;
    }

    /** A node whose daemon stopped posting a minute ago. */
    FakeCluster staleNode(String node) {
        rows.add(new NodeHeartbeatRow(new Heartbeat("prod", node, "boot-" + node, "daemon-" + node,
                NOW.minusSeconds(3600), "member", true, "dev").needingReboot(true), NOW.minusSeconds(60), true,
                NOW.minusSeconds(80)));
        return this;
    }

    @Override
    public Cluster connect(Settings settings) {
        this.settings = settings;
        return this;
    }

    private void failIfAway() {
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void probeAgain() {
    }

    @Override
    public List<CommandOutput> outputs(String node, Instant since, int limit) {
        failIfAway();
        return outputs.stream().filter(output -> output.node().equals(node)).toList();
    }

    @Override
    public StatusReport status(List<String> propertiesNotRead, StatusReport.Daemon daemon, String answeredBy) {
        return Reports.status(settings, propertiesNotRead, daemon, heartbeats(), run(), answeredBy);
    }

    @Override
    public ClusterHeartbeats heartbeats() {
        failIfAway();
        return new ClusterHeartbeats("prod", NOW, rows);
    }

    @Override
    public boolean dropHeartbeat(String node) {
        ask("drop heartbeat " + node);
        return rows.removeIf(row -> row.node().equals(node));
    }

    @Override
    public List<WorkflowExecutionInfo> executions(int limit) {
        failIfAway();
        return List.of();
    }

    @Override
    public List<HistoryEvent> history(String runId) {
        failIfAway();
        return List.of();
    }

    @Override
    public RunView run() {
        failIfAway();
        return run;
    }

    @Override
    public boolean start(RebootRequest request, String summary, String details) {
        ask(request);
        return true;
    }

    @Override
    public void cancel(CancelRequest request) {
        ask(request);
    }

    @Override
    public void pause(PauseRequest request) {
        ask(request);
    }

    @Override
    public void resume(ResumeRequest request) {
        ask(request);
    }

    @Override
    public DropResult drop(DropRequest request) {
        ask(request);
        return new DropResult(request.node(), false);
    }

    /** Keeps what the command asked of the run, unless the service is away. */
    private void ask(Object request) {
        failIfAway();
        asked.add(request);
    }

    @Override
    public void close() {
        closed++;
    }
}
