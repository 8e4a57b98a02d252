package org.distreboot.workflow;

import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.distreboot.workflow.values.RebootStatus;

/** A workflow test's look at its run: its status until it matches, and its history kept for the replay tests. */
final class RunWatch {
    private RunWatch() {
    }

    /** The run's status once {@code until} holds, asked every 50 ms for 30 s. */
    static RebootStatus awaitStatus(WorkflowClient client, Predicate<RebootStatus> until) throws InterruptedException {
        DistributedRebootWorkflow operator = client.newWorkflowStub(DistributedRebootWorkflow.class,
                TaskQueues.workflowId(SimulatedCluster.NAME));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        RebootStatus status = null;
        while (System.nanoTime() < deadline) {
            status = operator.status();
            if (status != null && until.test(status)) {
                return status;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("status never matched; last: " + status);
    }

    /** Writes the run's history to target/histories/{@code scenario}.json. */
    static void record(WorkflowClient client, String scenario) throws IOException {
        Path file = Path.of("target", "histories", scenario + ".json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, client.fetchHistory(TaskQueues.workflowId(SimulatedCluster.NAME)).toJson(true));
    }
}
