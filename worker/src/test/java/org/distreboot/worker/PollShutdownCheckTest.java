package org.distreboot.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.namespace.v1.NamespaceInfo;
import org.junit.jupiter.api.Test;

class PollShutdownCheckTest {

    private static NamespaceInfo.Builder namespace() {
        return NamespaceInfo.newBuilder().setName("default");
    }

    @Test
    void givenAServerThatEndsAStoppingWorkersPolls_nothingIsSaid() {
        assertThat(PollShutdownCheck.missing("1.32.2", namespace().setCapabilities(NamespaceInfo.Capabilities.newBuilder()
                .setWorkerPollCompleteOnShutdown(true)).build())).isEmpty();
    }

    @Test
    void givenAServerThatLeavesThemToTheSdk_oneLineNamesTheSettingThatChangesIt() {
        assertThat(PollShutdownCheck.missing("1.32.2", namespace().setCapabilities(NamespaceInfo.Capabilities.newBuilder()
                .setPollerAutoscaling(true)).build())).hasValueSatisfying(line -> assertThat(line)
                .contains("waits out its 10 s timeout", "set frontend.enableCancelWorkerPollsOnShutdown=true")
                .doesNotContain("\n"));
    }

    @Test
    void givenAServerOlderThanTheCapability_oneLineAsWell() {
        assertThat(PollShutdownCheck.missing("1.20.0", namespace().build())).hasValueSatisfying(line ->
                assertThat(line).startsWith("the Temporal server (1.20.0) does not end a stopping worker's polls"));
    }

    @Test
    void givenAServerThatDoesNotSayItsVersion_theTestServer_nothingIsSaid() {
        assertThat(PollShutdownCheck.missing("", namespace().build())).isEmpty();
    }
}
