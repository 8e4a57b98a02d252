package org.distreboot.workflow;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.distreboot.workflow.values.RebootStatus;

/** The runs of one workflow that continued as new, first to current: awaited, read, and recorded for replay. */
record RunChain(WorkflowClient client, String workflowId, String firstRun) {

    /** The histories of the runs of the chain, first to current. */
    List<WorkflowExecutionHistory> runs() {
        List<WorkflowExecutionHistory> runs = new ArrayList<>();
        String run = firstRun;
        while (run != null) {
            WorkflowExecutionHistory history = client.fetchHistory(workflowId, run);
            runs.add(history);
            List<HistoryEvent> events = history.getEvents();
            HistoryEvent last = events.get(events.size() - 1);
            run = last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
                    ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId() : null;
        }
        return runs;
    }

    /**
     * The result of the chain's last run. Each try asks afresh for the current run: the test
     * service's long poll on a run that continued as new several times in a second can miss the
     * end of the chain and wait out its whole timeout.
     */
    static RebootStatus result(WorkflowClient client, String workflowId, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                return client.newUntypedWorkflowStub(workflowId).getResult(2, TimeUnit.SECONDS, RebootStatus.class);
            } catch (TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the run did not end in " + patience + "; status: " + client
                            .newWorkflowStub(DistributedRebootWorkflow.class, workflowId).status(), e);
                }
            }
        }
    }

    /** Waits until the chain holds {@code count} runs. */
    void await(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        while (runs().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + runs().size() + " runs after 45 s");
            }
            Thread.sleep(200);
        }
    }

    /** The first run (it ends continuing as new) and the second (it begins from the carried state). */
    void record(String scenario) throws IOException {
        List<WorkflowExecutionHistory> runs = runs();
        if (runs.size() < 2) {
            throw new AssertionError(scenario + ": the run never continued as new");
        }
        Files.createDirectories(Path.of("target", "histories"));
        Files.writeString(Path.of("target", "histories", scenario + "-first-run.json"), runs.get(0).toJson(true));
        Files.writeString(Path.of("target", "histories", scenario + "-second-run.json"), runs.get(1).toJson(true));
    }
}
