package org.distreboot.workflow;

import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;

/** A workflow test's Temporal test service and the simulated cluster it gets, closed cluster first. */
final class SimulatedTemporal implements AutoCloseable {
    private final TestWorkflowEnvironment env;
    private SimulatedCluster cluster;

    private SimulatedTemporal(TestWorkflowEnvironment env) {
        this.env = env;
    }

    static SimulatedTemporal inRealTime() {
        return new SimulatedTemporal(TestTemporal.inRealTime());
    }

    /** Skipping time from {@code start} on: a run at a chosen hour of a chosen day. */
    static SimulatedTemporal skippingTimeFrom(Instant start) {
        return new SimulatedTemporal(TestTemporal.skippingTimeFrom(start));
    }

    /** Moves the service's clock on by {@code duration}, as far as the runs let it (time skipping). */
    void sleep(Duration duration) {
        env.sleep(duration);
    }

    WorkflowClient client() {
        return env.getWorkflowClient();
    }

    /** {@code made} is this test's cluster: it goes when the test ends. */
    SimulatedCluster cluster(SimulatedCluster made) {
        cluster = made;
        return made;
    }

    @Override
    public void close() {
        if (cluster != null) {
            cluster.close();
        }
        TestTemporal.close(env);
    }
}
