package org.distreboot.worker;

import io.temporal.api.history.v1.History;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Replays a bundled run's history (each node rebooted once) on a worker that has not polled yet:
 * the workflow's code, the SDK's state machines and the payloads' mapping are then loaded and run
 * once, so this JVM's first real workflow task takes tens of milliseconds instead of the 0.4 s a
 * cold one took on the rejoin's critical path. The history is the replay test's
 * compact-happy-path-longer-looks.json (workflows/src/test/resources/histories) as protobuf (the SDK reads JSON histories only with a
 * library the package does not ship).
 */
public final class WarmUp {
    private static final String HISTORY = "warm-up-history.pb";

    private WarmUp() {
    }

    /** Replays the bundled history on {@code worker}; throws if it no longer replays. */
    public static void replay(Worker worker) throws Exception {
        worker.replayWorkflowExecution(history());
    }

    static WorkflowExecutionHistory history() {
        try (InputStream in = WarmUp.class.getResourceAsStream(HISTORY)) {
            if (in == null) {
                throw new IllegalStateException(HISTORY + " is missing from the package");
            }
            return new WorkflowExecutionHistory(History.parseFrom(in), "warm-up");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
