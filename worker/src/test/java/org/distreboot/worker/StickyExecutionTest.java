package org.distreboot.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.workflowservice.v1.GetSystemInfoResponse;
import io.temporal.testing.TestWorkflowEnvironment;
import org.junit.jupiter.api.Test;

/** A daemon keeps its run cached between workflow tasks on a real server, never on the test server. */
class StickyExecutionTest {

    @Test
    void givenTheTemporalTestServer_theDaemonReplaysEachTask() {
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
            assertThat(StickyExecution.wanted(env.getWorkflowServiceStubs())).isFalse();
        }
    }

    @Test
    void givenAServerThatSaysItsVersion_theDaemonKeepsItsRunCached() {
        assertThat(StickyExecution.wanted(GetSystemInfoResponse.newBuilder().setServerVersion("1.32.2").build())).isTrue();
        assertThat(StickyExecution.wanted(GetSystemInfoResponse.getDefaultInstance())).isFalse();
    }
}
