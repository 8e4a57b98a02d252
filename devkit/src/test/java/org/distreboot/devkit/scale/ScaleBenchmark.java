package org.distreboot.devkit.scale;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.distreboot.devkit.TemporalDevServer;
import org.distreboot.workflow.DistributedRebootWorkflow;
import org.distreboot.workflow.DistributedRebootWorkflowImpl;
import org.distreboot.workflow.RebootWorkflows;
import org.distreboot.workflow.RunSearch;
import org.distreboot.workflow.TaskQueues;
import org.distreboot.workflow.commands.CancelRequest;
import org.distreboot.workflow.values.Phase;
import org.distreboot.workflow.values.RebootRequest;
import org.distreboot.workflow.values.RebootStatus;

/**
 * bench/scale: the real workflow on the Temporal test server (time skipping) with fake nodes,
 * every node healthy and its reboot instant: for each cluster size, history events and bytes per
 * node, continues-as-new, the largest payload, the status query's time; then a run stalled for
 * 30 days of workflow time and the longest history of its runs. Prints figures; asserts nothing.
 */
public final class ScaleBenchmark {
    private static final String ID = TaskQueues.workflowId(FakeFleet.CLUSTER);

    private static Path devServer;

    private ScaleBenchmark() {
    }

    /** gRPC says at INFO that a closed server's timer refused a task, with its stack: nothing to see. */
    private static final java.util.logging.Logger GRPC = java.util.logging.Logger.getLogger("io.grpc");

    public static void main(String[] args) throws Exception {
        GRPC.setLevel(java.util.logging.Level.WARNING);
        List<Integer> sizes = new ArrayList<>();
        int stallDays = 30;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--dev-server")) {
                devServer = Path.of(args[++i]);
            } else if (args[i].equals("--nodes")) {
                for (String size : args[++i].split(",")) {
                    sizes.add(Integer.parseInt(size));
                }
            } else if (args[i].equals("--stall-days")) {
                stallDays = Integer.parseInt(args[++i]);
            } else {
                throw new IllegalArgumentException("usage: bench/scale [--nodes 10,100,1000,10000] [--stall-days 30]"
                        + " [--dev-server TEMPORAL_CLI]");
            }
        }
        if (sizes.isEmpty()) {
            sizes = List.of(10, 100, 1_000, 10_000);
        }
        for (int size : sizes) {
            fullRun(size);
        }
        if (stallDays > 0) {
            stall(stallDays);
        }
    }

    private static void fullRun(int nodes) throws Exception {
        try (Service service = service(); FakeFleet fleet = new FakeFleet(service.client(), nodes, false,
                service.sticky())) {
            WorkflowClient client = service.client();
            long started = System.nanoTime();
            String firstRun = start(client);
            List<Long> queries = new ArrayList<>();
            while (fleet.rejoined() < nodes / 2) {
                Thread.sleep(5);
            }
            DistributedRebootWorkflow operator = client.newWorkflowStub(DistributedRebootWorkflow.class, ID);
            for (int i = 0; i < 5; i++) {
                long asked = System.nanoTime();
                operator.status();
                queries.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked));
            }
            RebootStatus end = client.newUntypedWorkflowStub(ID).getResult(2, TimeUnit.HOURS, RebootStatus.class);
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            HistoryFigures figures = HistoryFigures.of(client, ID, firstRun);
            Path kept = Path.of("devkit", "target", "scale-history-" + nodes + ".json");
            Files.createDirectories(kept.getParent());
            WorkflowExecutionHistory first = client.fetchHistory(ID, firstRun);
            Files.writeString(kept, first.toJson(true));
            System.out.printf(Locale.ROOT, "nodes=%d events_per_node=%.1f bytes_per_node=%d continue_as_new=%d"
                            + " largest_payload=%d query_ms=%d max_events_per_run=%d replay_ms=%d outcome=%s"
                            + " wall_s=%d%n",
                    nodes, figures.events() / (double) nodes, figures.bytes() / nodes, figures.runs() - 1,
                    figures.largestPayload(), median(queries), figures.maxEventsPerRun(), replayMillis(first),
                    end.phase(), seconds);
        }
    }

    /** A run whose cluster never looks whole again after its first node: it stalls and waits for days. */
    @SuppressWarnings("try") // the fleet's daemons work unseen: the try only stops them
    private static void stall(int days) throws Exception {
        try (TestWorkflowEnvironment env = environment(); FakeFleet fleet = new FakeFleet(env.getWorkflowClient(), 5, true,
                false)) {
            WorkflowClient client = env.getWorkflowClient();
            long started = System.nanoTime();
            String firstRun = start(client);
            for (int day = 1; day <= days; day++) {
                env.sleep(Duration.ofDays(1));
                // The current run only: the whole chain is read once, at the end.
                System.out.printf(Locale.ROOT, "stall: day %d of %d, the current run at %d events, %d s%n", day, days,
                        client.fetchHistory(ID).getEvents().size(),
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
            }
            DistributedRebootWorkflow operator = client.newWorkflowStub(DistributedRebootWorkflow.class, ID);
            Phase phase = operator.status().phase();
            operator.cancel(new CancelRequest("bench", "the stall was long enough"));
            RebootStatus end = client.newUntypedWorkflowStub(ID).getResult(1, TimeUnit.HOURS, RebootStatus.class);
            HistoryFigures figures = HistoryFigures.of(client, ID, firstRun);
            System.out.printf(Locale.ROOT, "stall_days=%d max_events_per_run=%d runs=%d events=%d phase_after=%s"
                            + " outcome=%s wall_s=%d%n", days, figures.maxEventsPerRun(), figures.runs(),
                    figures.events(), phase, end.phase(), TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        }
    }

    /**
     * Where a full run goes: the test server (time skipping) or, with --dev-server, a real one of
     * its own. Both with sticky execution, as the daemons have it on a real server: the fleet's
     * cluster worker never dies, so the test server's one flaw there (a task left on a dead
     * worker's sticky queue) cannot bite. Closing it closes what owns it (the test server, or nothing).
     */
    private record Service(WorkflowClient client, boolean sticky, Runnable owner) implements AutoCloseable {
        @Override
        public void close() {
            owner.run();
        }
    }

    private static Service service() throws Exception {
        if (devServer == null) {
            TestWorkflowEnvironment env = environment();
            return new Service(env.getWorkflowClient(), true, env::close);
        }
        TemporalDevServer server = TemporalDevServer.at(devServer, Files.createTempDirectory("bench-scale-"), "127.0.0.1", 0).start();
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(server.target()).build());
        return new Service(WorkflowClient.newInstance(stubs), true, () -> {
            stubs.shutdownNow();
            try {
                server.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static TestWorkflowEnvironment environment() {
        TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
        RunSearch.KEYS.forEach(key -> env.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
        return env;
    }

    private static String start(WorkflowClient client) {
        DistributedRebootWorkflow workflow = client.newWorkflowStub(DistributedRebootWorkflow.class,
                RebootWorkflows.options(FakeFleet.CLUSTER, "bench/scale", "fake nodes"));
        RebootRequest request = RebootRequest.of(FakeFleet.CLUSTER, "bench", Duration.ofMinutes(10));
        return WorkflowClient.start(workflow::reboot, request).getRunId();
    }

    /**
     * A full replay of the chain's first run (its whole history, as a daemon that did not have the
     * run cached replays it), median of 5 after 2 to warm the JVM up.
     */
    private static long replayMillis(WorkflowExecutionHistory history) throws Exception {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            long started = System.nanoTime();
            WorkflowReplayer.replayWorkflowExecution(history, DistributedRebootWorkflowImpl.class);
            if (i >= 2) {
                times.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            }
        }
        return median(times);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
