package org.distreboot.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import org.distreboot.workflow.DistributedRebootWorkflowImpl;
import org.junit.jupiter.api.Test;

/**
 * The history a daemon replays before it polls the cluster queue still replays, and is the replay
 * test's compact-happy-path-longer-looks.json (after a change of the workflow, refresh both).
 */
class WarmUpTest {

    @Test
    void theBundledRunReplaysOnTheCurrentWorkflow() {
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
            Worker worker = env.newWorker("warm-up");
            worker.registerWorkflowImplementationTypes(DistributedRebootWorkflowImpl.class);

            assertThatCode(() -> WarmUp.replay(worker)).doesNotThrowAnyException();
        }
    }

    @Test
    void theBundledRunIsTheReplayTestsHappyPath() throws Exception {
        String json = Files.readString(Path.of("../workflows/src/test/resources/histories/compact-happy-path-longer-looks.json"));

        assertThat(WarmUp.history().getHistory()).isEqualTo(WorkflowExecutionHistory.fromJson(json).getHistory());
    }
}
