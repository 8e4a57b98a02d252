package org.distreboot.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The slots a worker holds, counted: one for a poll out, one for a task in hand until its reply is
 * sent; none once the workers stop and the work in flight is done. On the Temporal test service.
 */
class HeldSlotsTest {
    private static final String QUEUE = "held-slots";
    private static final CountDownLatch RELEASE = new CountDownLatch(1);
    private static final CountDownLatch STARTED = new CountDownLatch(1);

    @ActivityInterface
    public interface Slow {
        String work();
    }

    @WorkflowInterface
    public interface Calls {
        @WorkflowMethod
        String call();
    }

    public static final class SlowImpl implements Slow {
        @Override
        public String work() {
            STARTED.countDown();
            try {
                RELEASE.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "done";
        }
    }

    public static final class CallsImpl implements Calls {
        @Override
        public String call() {
            return Workflow.newActivityStub(Slow.class, ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofMinutes(1)).build()).work();
        }
    }

    @Test
    void givenATaskInHandWhenTheWorkersStop_slotsAreHeldUntilItsReplyIsSent_thenNone() throws Exception {
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(
                TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build())) {
            HeldSlots slots = new HeldSlots();
            WorkerFactory factory = WorkerFactory.newInstance(env.getWorkflowClient());
            factory.newWorker(QUEUE, WorkerOptions.newBuilder().setWorkerTuner(slots.tuner())
                    .setStickyQueueScheduleToStartTimeout(Duration.ZERO).build());
            factory.getWorker(QUEUE).registerWorkflowImplementationTypes(CallsImpl.class);
            factory.getWorker(QUEUE).registerActivitiesImplementations(new SlowImpl());
            factory.start();
            assertThat(within(() -> !slots.none())).as("a poll out holds a slot").isTrue();

            Calls calls = env.getWorkflowClient().newWorkflowStub(Calls.class,
                    WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("held").build());
            WorkflowClient.start(calls::call);
            assertThat(STARTED.await(10, TimeUnit.SECONDS)).isTrue();
            factory.shutdown();
            Thread.sleep(300);
            assertThat(slots.none()).as("the activity in hand holds its slot after the shutdown began").isFalse();

            RELEASE.countDown();
            assertThat(within(slots::none)).as("none once its reply is sent").isTrue();
            factory.shutdownNow();
        }
    }

    private static boolean within(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }
}
