package org.distreboot.workflow;

import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;

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
        env.close();
    }
}
