package org.distreboot.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.distreboot.workflow.NodeActivities;
import org.distreboot.workflow.values.RebootOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node activities with real commands run by /bin/sh, as the daemon runs them. */
class NodeActivitiesImplTest {
    @TempDir
    Path dir;
    private Path bootIdFile;
    private Path reboots;
    private TestActivityEnvironment env;

    @BeforeEach
    void setUp() throws IOException {
        bootIdFile = dir.resolve("boot_id");
        reboots = dir.resolve("reboots");
        Files.writeString(bootIdFile, "boot-1\n");
        env = TestActivityEnvironment.newInstance();
    }

    @AfterEach
    void tearDown() {
        env.close();
    }

    private NodeActivities activities(String draincmd, String rebootcmd, String healthcmd) {
        env.registerActivitiesImplementations(new NodeActivitiesImpl("node-a", new BootIdFile(bootIdFile),
                draincmd == null ? Drainer.NONE : new CommandDrainer(draincmd, Duration.ofSeconds(5)),
                new CommandRebooter(rebootcmd, Duration.ofSeconds(2)),
                healthcmd == null ? HealthCheck.NONE : new CommandHealthCheck(healthcmd, Duration.ofMillis(500))));
        return env.newActivityStub(NodeActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(10))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
    }

    /** A rebootcmd as a host lives it: count the reboot, then the next boot gets a new id. */
    private String simulatedReboot() {
        return "echo x >> " + reboots + "; echo boot-2 > " + bootIdFile;
    }

    private long rebootCount() throws IOException {
        return Files.exists(reboots) ? Files.readAllLines(reboots).size() : 0;
    }

    @Test
    void givenRetriedRebootAfterTheBootIdChanged_rebootcmdRunsExactlyOnce() throws IOException {
        NodeActivities node = activities(null, simulatedReboot(), null);
        String before = node.bootId();

        RebootOutcome first = node.reboot(before);
        RebootOutcome retried = node.reboot(before);

        assertThat(before).isEqualTo("boot-1");
        assertThat(first).isEqualTo(RebootOutcome.REBOOT_STARTED);
        assertThat(retried).isEqualTo(RebootOutcome.ALREADY_REBOOTED);
        assertThat(rebootCount()).isEqualTo(1);
    }

    @Test
    void givenRebootcmdThatStaysRunning_theRebootCountsAsStarted() {
        NodeActivities node = activities(null, "sleep 4", null);

        assertThat(node.reboot("boot-1")).isEqualTo(RebootOutcome.REBOOT_STARTED);
    }

    @Test
    void givenFailingRebootcmd_itFailsNonRetryablyWithTheExitCodeAndOutput() {
        NodeActivities node = activities(null, "echo no permission; exit 3", null);

        assertThatThrownBy(() -> node.reboot("boot-1"))
                .isInstanceOf(ActivityFailure.class)
                .cause().isInstanceOf(ApplicationFailure.class)
                .satisfies(f -> {
                    ApplicationFailure failure = (ApplicationFailure) f;
                    assertThat(failure.getType()).isEqualTo(NodeActivities.REBOOT_FAILED);
                    assertThat(failure.isNonRetryable()).isTrue();
                    assertThat(failure.getOriginalMessage()).isEqualTo("rebootcmd exited 3: no permission");
                });
    }

    @Test
    void givenDraincmd_itRunsBeforeTheRebootAndIsSkippedAfterIt() throws IOException {
        Path drained = dir.resolve("drained");
        NodeActivities node = activities("echo x >> " + drained, simulatedReboot(), null);

        node.drain("boot-1");
        node.reboot("boot-1");
        node.drain("boot-1");

        assertThat(Files.readAllLines(drained)).hasSize(1);
    }

    @Test
    void givenFailingDraincmd_itFailsNonRetryablyWithWhatTheCommandSaid() {
        NodeActivities node = activities("echo leader transfer refused >&2; exit 1", simulatedReboot(), null);

        assertThatThrownBy(() -> node.drain("boot-1"))
                .isInstanceOf(ActivityFailure.class)
                .cause().isInstanceOf(ApplicationFailure.class)
                .satisfies(f -> {
                    ApplicationFailure failure = (ApplicationFailure) f;
                    assertThat(failure.getType()).isEqualTo(NodeActivities.DRAIN_FAILED);
                    assertThat(failure.isNonRetryable()).isTrue();
                    assertThat(failure.getOriginalMessage()).isEqualTo("draincmd exited 1: leader transfer refused");
                });
    }

    @Test
    void givenNodeNotRebootedYet_awaitRejoinFailsToBeRetried() {
        NodeActivities node = activities(null, simulatedReboot(), null);

        assertThatThrownBy(() -> node.awaitRejoin("boot-1"))
                .cause().isInstanceOf(ApplicationFailure.class)
                .satisfies(f -> {
                    ApplicationFailure failure = (ApplicationFailure) f;
                    assertThat(failure.getType()).isEqualTo(NodeActivities.NOT_REBOOTED);
                    assertThat(failure.isNonRetryable()).isFalse();
                    assertThat(failure.getOriginalMessage()).isEqualTo("node-a still runs boot boot-1: not rebooted yet");
                });
    }

    @Test
    void givenNewBootAndFailingHealthcmd_awaitRejoinSaysWhy() throws IOException {
        NodeActivities node = activities(null, simulatedReboot(), "echo resyncing 40%; exit 1");
        Files.writeString(bootIdFile, "boot-2\n");

        assertThatThrownBy(() -> node.awaitRejoin("boot-1"))
                .cause().hasMessageContaining("node-a is back on boot boot-2 but healthcmd exited 1: resyncing 40%");
    }

    @Test
    void givenHangingHealthcmd_itTimesOutInsteadOfHanging() throws IOException {
        NodeActivities node = activities(null, simulatedReboot(), "sleep 60");
        Files.writeString(bootIdFile, "boot-2\n");

        assertThatThrownBy(() -> node.awaitRejoin("boot-1"))
                .cause().hasMessageContaining("healthcmd timed out after PT0.5S");
    }

    @Test
    void givenNewBootAndPassingHealthcmd_awaitRejoinReturnsTheNewBootId() throws IOException {
        NodeActivities node = activities(null, simulatedReboot(), "true");
        Files.writeString(bootIdFile, "boot-2\n");

        assertThat(node.awaitRejoin("boot-1")).isEqualTo("boot-2");
    }
}
