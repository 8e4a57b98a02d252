package org.distreboot.client;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import java.time.Instant;
import java.util.List;
import org.distreboot.client.config.Settings;
import org.distreboot.db.ClusterHeartbeats;
import org.distreboot.db.CommandOutput;
import org.distreboot.workflow.commands.CancelRequest;
import org.distreboot.workflow.commands.DropRequest;
import org.distreboot.workflow.commands.DropResult;
import org.distreboot.workflow.commands.PauseRequest;
import org.distreboot.workflow.commands.ResumeRequest;
import org.distreboot.workflow.values.RebootRequest;

/**
 * What the command line and the daemon ask of one cluster's services (PostgreSQL and Temporal):
 * {@link ClusterClient} over the network. Every "cannot reach" is a {@link CommandFailure} with exit 3
 * naming which service and where; a refusal of the run is one with exit 1 and its words.
 */
public interface Cluster extends AutoCloseable {

    /** Opens the cluster of the properties read, for one command. */
    @FunctionalInterface
    interface Connector {
        Cluster connect(Settings settings);
    }

    /**
     * The next call to Temporal first checks that its port answers, as the first call does: a
     * client that has connected once would otherwise wait out the SDK's retries (a minute) while
     * the service is down. For a command that asks again and again (--watch).
     */
    void probeAgain();

    /** What the commands run on {@code node} since {@code since} printed, the last {@code limit}, oldest first. */
    List<CommandOutput> outputs(String node, Instant since, int limit);

    /**
     * `distreboot` (status) past what this node knows by itself ({@code daemon}, the properties not
     * read): every node's heartbeat and the run, as the command or the daemon ({@code answeredBy}) saw them.
     */
    StatusReport status(List<String> propertiesNotRead, StatusReport.Daemon daemon, String answeredBy);

    ClusterHeartbeats heartbeats();

    /** Removes the node's heartbeat; false when it had none. */
    boolean dropHeartbeat(String node);

    /** The executions of the cluster's workflow that Temporal still lists, oldest first, at most {@code limit}. */
    List<WorkflowExecutionInfo> executions(int limit);

    /** The whole history of one execution of the cluster's workflow. */
    List<HistoryEvent> history(String runId);

    /** The run in progress, or else the most recent one. */
    RunView run();

    /**
     * Starts the run with its search attributes; false when the namespace lacks them and the run
     * was started without them. A run already in progress is refused.
     */
    boolean start(RebootRequest request, String summary, String details);

    void cancel(CancelRequest request);

    void pause(PauseRequest request);

    void resume(ResumeRequest request);

    /** Drops a node from the run in progress; a refusal of the workflow is refused with its words. */
    DropResult drop(DropRequest request);

    @Override
    void close();
}
