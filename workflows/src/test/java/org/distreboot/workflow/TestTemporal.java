package org.distreboot.workflow;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** The Temporal test service of a workflow test, with distreboot's search attributes registered. */
final class TestTemporal {
    private TestTemporal() {
    }

    /** Timers take their real time: the simulated nodes' reboots and daemons run beside the run. */
    static TestWorkflowEnvironment inRealTime() {
        return withSearchAttributes(TestWorkflowEnvironment.newInstance(
                TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build()));
    }

    /** Timers fire as soon as every run waits: hours of a stall in seconds. */
    static TestWorkflowEnvironment skippingTime() {
        return withSearchAttributes(TestWorkflowEnvironment.newInstance());
    }

    /** Skipping time, from {@code start} on: a run at a chosen hour of a chosen day. */
    static TestWorkflowEnvironment skippingTimeFrom(Instant start) {
        return withSearchAttributes(TestWorkflowEnvironment.newInstance(
                TestEnvironmentOptions.newBuilder().setInitialTime(start).build()));
    }

    /**
     * Ends {@code env}: its workers first and gently (a workflow task in flight finishes while the
     * service still answers), then the service. Closed at once, a task in flight at a test's end is
     * interrupted, and the SDK logs that with a stack trace.
     */
    static void close(TestWorkflowEnvironment env) {
        env.shutdown();
        env.awaitTermination(10, TimeUnit.SECONDS);
        env.close();
    }

    private static TestWorkflowEnvironment withSearchAttributes(TestWorkflowEnvironment env) {
        RunSearch.KEYS.forEach(key -> env.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
        return env;
    }
}
