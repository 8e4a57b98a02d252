package org.distreboot.client;

import com.google.protobuf.util.Timestamps;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.filter.v1.WorkflowExecutionFilter;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.distreboot.client.config.Settings;
import org.distreboot.db.ClusterHeartbeats;
import org.distreboot.db.CommandOutput;
import org.distreboot.workflow.DistributedRebootWorkflow;
import org.distreboot.workflow.RebootWorkflows;
import org.distreboot.workflow.TaskQueues;
import org.distreboot.workflow.commands.CancelRequest;
import org.distreboot.workflow.commands.DropRequest;
import org.distreboot.workflow.commands.DropResult;
import org.distreboot.workflow.commands.PauseRequest;
import org.distreboot.workflow.commands.ResumeRequest;
import org.distreboot.workflow.values.Phase;
import org.distreboot.workflow.values.RebootRequest;
import org.distreboot.workflow.values.RebootStatus;

/**
 * The {@link Cluster} over the network: what the command line and the daemon ask of PostgreSQL
 * and Temporal, with every "cannot reach" turned into exit 3 naming which service and where.
 */
public final class ClusterClient implements Cluster {
    private static final Duration RPC_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final Settings settings;
    private final Postgres postgres;
    private final TemporalConnection temporal;
    private final boolean ownsTemporal;
    private boolean connected;

    public ClusterClient(Settings settings) {
        this(settings, Postgres.direct(settings), TemporalConnection.open(settings, Operator.name(), RPC_TIMEOUT), true);
    }

    /** Over the daemon's connections, which stay open when this client is done. */
    public ClusterClient(Settings settings, Postgres postgres, TemporalConnection temporal) {
        this(settings, postgres, temporal, false);
    }

    private ClusterClient(Settings settings, Postgres postgres, TemporalConnection temporal, boolean ownsTemporal) {
        this.settings = settings;
        this.postgres = postgres;
        this.temporal = temporal;
        this.ownsTemporal = ownsTemporal;
    }

    @Override
    public void probeAgain() {
        connected = false;
    }

    @Override
    public List<CommandOutput> outputs(String node, Instant since, int limit) {
        return postgres(() -> postgres.outputs().ofNode(settings.cluster(), node, since, limit));
    }

    @Override
    public StatusReport status(List<String> propertiesNotRead, StatusReport.Daemon daemon, String answeredBy) {
        return Reports.status(settings, propertiesNotRead, daemon, heartbeats(), run(), answeredBy);
    }

    @Override
    public ClusterHeartbeats heartbeats() {
        return postgres(() -> postgres.store().list(settings.cluster()));
    }

    @Override
    public boolean dropHeartbeat(String node) {
        return postgres(() -> postgres.store().drop(settings.cluster(), node));
    }

    /** By a visibility query, or, where the service has none (the test server), by its lists of runs. */
    @Override
    public List<WorkflowExecutionInfo> executions(int limit) {
        String workflowId = TaskQueues.workflowId(settings.cluster());
        List<WorkflowExecutionInfo> found = temporal(() -> {
            try {
                return temporal.stubs().blockingStub().listWorkflowExecutions(ListWorkflowExecutionsRequest
                        .newBuilder().setNamespace(settings.temporal().namespace()).setPageSize(limit)
                        .setQuery("WorkflowId = '" + workflowId + "'").build()).getExecutionsList();
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
                    throw e;
                }
                WorkflowExecutionFilter only = WorkflowExecutionFilter.newBuilder().setWorkflowId(workflowId).build();
                List<WorkflowExecutionInfo> both = new ArrayList<>(temporal.stubs().blockingStub()
                        .listOpenWorkflowExecutions(ListOpenWorkflowExecutionsRequest.newBuilder()
                                .setNamespace(settings.temporal().namespace()).setExecutionFilter(only).build())
                        .getExecutionsList());
                both.addAll(temporal.stubs().blockingStub().listClosedWorkflowExecutions(
                        ListClosedWorkflowExecutionsRequest.newBuilder().setNamespace(settings.temporal().namespace())
                                .setExecutionFilter(only).build()).getExecutionsList());
                return both;
            }
        });
        List<WorkflowExecutionInfo> oldestFirst = found.stream()
                .sorted(Comparator.comparing(WorkflowExecutionInfo::getStartTime, Timestamps.comparator())).toList();
        return oldestFirst.subList(Math.max(0, oldestFirst.size() - limit), oldestFirst.size());
    }

    @Override
    public List<HistoryEvent> history(String runId) {
        return temporal(() -> client().fetchHistory(TaskQueues.workflowId(settings.cluster()), runId).getEvents());
    }

    @Override
    public RunView run() {
        WorkflowStub stub = client().newUntypedWorkflowStub(TaskQueues.workflowId(settings.cluster()));
        WorkflowExecutionStatus status;
        try {
            status = temporal(() -> stub.describe().getStatus());
        } catch (NotFound e) {
            return RunView.NONE;
        }
        if (status == null) {
            return RunView.NONE;
        }
        return switch (status) {
            case WORKFLOW_EXECUTION_STATUS_RUNNING -> running(stub);
            case WORKFLOW_EXECUTION_STATUS_COMPLETED -> finished(stub);
            case WORKFLOW_EXECUTION_STATUS_FAILED -> failed(stub);
            default -> new RunView(Phase.FAILED, null, "the workflow ended in Temporal as "
                    + status.name().replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase());
        };
    }

    @Override
    public boolean start(RebootRequest request, String summary, String details) {
        WorkflowOptions options = RebootWorkflows.options(settings.cluster(), summary, details);
        try {
            start(request, options);
            return true;
        } catch (RuntimeException e) {
            if (!searchAttributesMissing(e)) {
                throw e;
            }
            start(request, RebootWorkflows.withoutSearchAttributes(options));
            return false;
        }
    }

    private void start(RebootRequest request, WorkflowOptions options) {
        DistributedRebootWorkflow workflow = client().newWorkflowStub(DistributedRebootWorkflow.class, options);
        try {
            temporal(() -> WorkflowClient.start(workflow::reboot, request));
        } catch (WorkflowExecutionAlreadyStarted e) {
            throw CommandFailure.refused("a distributed reboot of cluster " + settings.cluster()
                    + " is already running; follow it with 'distreboot'");
        }
    }

    private static boolean searchAttributesMissing(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StatusRuntimeException grpc) {
                String said = String.valueOf(grpc.getStatus().getDescription()).toLowerCase(Locale.ROOT);
                return grpc.getStatus().getCode() == Status.Code.INVALID_ARGUMENT && said.contains("search attribute");
            }
        }
        return false;
    }

    @Override
    public void cancel(CancelRequest request) {
        signal("cancel", () -> workflow().cancel(request));
    }

    @Override
    public void pause(PauseRequest request) {
        signal("pause", () -> workflow().pause(request));
    }

    @Override
    public void resume(ResumeRequest request) {
        signal("resume", () -> workflow().resume(request));
    }

    /** A signal to the run; a run that ended before it landed is refused as such. */
    private void signal(String what, Runnable send) {
        try {
            temporal(() -> {
                send.run();
                return null;
            });
        } catch (NotFound e) {
            throw endedFirst(what);
        }
    }

    /** The run ended between the command's look and its request: nothing was done, and that is no error. */
    private CommandFailure endedFirst(String what) {
        return CommandFailure.refused("the distributed reboot of cluster " + settings.cluster() + " ended ("
                + run().state() + ") before the " + what + " reached it: nothing to " + what);
    }

    @Override
    public DropResult drop(DropRequest request) {
        try {
            return temporal(() -> workflow().drop(request));
        } catch (WorkflowUpdateException e) {
            throw CommandFailure.refused(rootMessage(e));
        } catch (NotFound e) {
            throw endedFirst("drop");
        }
    }

    private RunView running(WorkflowStub stub) {
        try {
            RebootStatus status = temporal(() -> stub.query("status", RebootStatus.class));
            if (status == null) {
                return new RunView(Phase.RUNNING, null, "the run is starting");
            }
            return new RunView(status.phase() == Phase.STALLED ? Phase.STALLED : Phase.RUNNING,
                    status, status.reason());
        } catch (RuntimeException e) {
            // Unless Temporal itself died since it answered describe: then that is what to say.
            probe(settings.temporal().target());
            // A query needs a worker: with every daemon down, the run is there but cannot say more.
            return new RunView(Phase.RUNNING, null, "no daemon answered the status query: is any daemon up?");
        }
    }

    private RunView finished(WorkflowStub stub) {
        RebootStatus status = temporal(() -> result(stub));
        return new RunView(status.phase(), status, status.reason());
    }

    private RunView failed(WorkflowStub stub) {
        try {
            temporal(() -> result(stub));
            return new RunView(Phase.FAILED, null, null);
        } catch (WorkflowFailedException e) {
            return new RunView(Phase.FAILED, null, rootMessage(e));
        }
    }

    private static RebootStatus result(WorkflowStub stub) {
        try {
            return stub.getResult(RPC_TIMEOUT.toSeconds(), TimeUnit.SECONDS, RebootStatus.class);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no result within " + RPC_TIMEOUT, e);
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = rootCause(failure);
        return cause instanceof ApplicationFailure application ? application.getOriginalMessage() : cause.getMessage();
    }

    private DistributedRebootWorkflow workflow() {
        return client().newWorkflowStub(DistributedRebootWorkflow.class, TaskQueues.workflowId(settings.cluster()));
    }

    private WorkflowClient client() {
        return temporal.client();
    }

    private <T> T postgres(Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw CommandFailure.unreachable(Problems.connection("PostgreSQL",
                    Problems.withoutParameters(settings.db().url()), e));
        }
    }

    private <T> T temporal(Supplier<T> call) {
        try {
            if (!connected) {
                // Fail fast: the SDK's own retries would keep an operator waiting for a dead service.
                probe(settings.temporal().target());
                connected = true;
            }
            return call.get();
        } catch (WorkflowNotFoundException e) {
            throw new NotFound();
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause != null && !(cause instanceof StatusRuntimeException)) {
                cause = cause.getCause();
            }
            if (cause instanceof StatusRuntimeException grpc) {
                Status.Code code = grpc.getStatus().getCode();
                if (code == Status.Code.NOT_FOUND) {
                    throw new NotFound();
                }
                if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED) {
                    throw CommandFailure.unreachable(Problems.connection("Temporal", settings.temporal().target(), grpc));
                }
            }
            throw e;
        }
    }

    private static void probe(String target) {
        int colon = target.lastIndexOf(':');
        if (colon <= 0 || target.contains("/")) {
            return;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target.substring(0, colon),
                    Integer.parseInt(target.substring(colon + 1))), (int) CONNECT_TIMEOUT.toMillis());
        } catch (IOException | NumberFormatException e) {
            throw CommandFailure.unreachable("Temporal at " + target + " unreachable: " + e.getMessage());
        }
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** No run of this cluster's workflow exists. */
    private static final class NotFound extends RuntimeException {
        NotFound() {
            super("no distributed reboot found", null, false, false);
        }
    }

    @Override
    public void close() {
        if (ownsTemporal) {
            temporal.close();
        }
    }
}
