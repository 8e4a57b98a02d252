package org.distreboot.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.temporal.common.converter.EncodedValues;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import io.temporal.workflow.DynamicWorkflow;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A warm-up replay that fails is said in one line, with the SDK's reason, never its stack traces. */
class ReplayFailureTest {

    @Test
    void givenAWorkflowThreadThatDoesNotYieldInTime_theReasonIsTheDeadlock() {
        String reason = ReplayFailure.reason(replayFailure(Stalling.class));

        assertThat(reason).startsWith("PotentialDeadlockException: [TMPRL1101] Potential deadlock detected")
                .doesNotContain("\n").doesNotContain(" at ").doesNotContain("Caused by");
    }

    @Test
    void givenAWorkflowThatNoLongerDoesWhatTheHistorySays_theReasonIsTheSdksError() {
        String reason = ReplayFailure.reason(replayFailure(Finishing.class));

        assertThat(reason).startsWith("NonDeterministicException: [TMPRL1100] Failure handling event 7")
                .doesNotContain("\n").doesNotContain(" at ").doesNotContain("query failure");
    }

    @Test
    void givenAnExceptionWithoutMessage_theReasonIsItsName() {
        assertThat(ReplayFailure.reason(new IllegalStateException(new NullPointerException())))
                .isEqualTo("NullPointerException");
    }

    private static Throwable replayFailure(Class<? extends DynamicWorkflow> workflow) {
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
            Worker worker = env.newWorker("replay-failure", WorkerOptions.newBuilder()
                    .setStickyQueueScheduleToStartTimeout(Duration.ZERO)
                    .setDefaultDeadlockDetectionTimeout(100).build());
            worker.registerWorkflowImplementationTypes(workflow);
            Throwable failure = catchThrowable(() -> WarmUp.replay(worker));
            assertThat(failure).as("the replay fails").isNotNull();
            return failure;
        }
    }

    /** Holds its workflow thread past the deadlock detector's patience. */
    public static final class Stalling implements DynamicWorkflow {
        @Override
        public Object execute(EncodedValues args) {
            long until = System.nanoTime() + Duration.ofMillis(600).toNanos();
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            return null;
        }
    }

    /** Completes at once, where the recorded run scheduled an activity. */
    public static final class Finishing implements DynamicWorkflow {
        @Override
        public Object execute(EncodedValues args) {
            return null;
        }
    }
}
