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
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.Optional;
import java.util.List;
import org.distreboot.workflow.NodeActivities;
import org.distreboot.workflow.legacy.LegacyNodeActivities;
import org.distreboot.workflow.values.Look;
import org.distreboot.workflow.values.RebootOutcome;
import org.distreboot.workflow.values.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
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

    private LegacyNodeActivities activities(String draincmd, String rebootcmd, String healthcmd) {
        return activities(draincmd, rebootcmd, healthcmd, NodeClaim.NONE);
    }

    private LegacyNodeActivities activities(String draincmd, String rebootcmd, String healthcmd, NodeClaim claim) {
        env.registerActivitiesImplementations(new NodeActivitiesImpl("node-a", new BootIdFile(bootIdFile),
                draincmd == null ? Drainer.NONE : new CommandDrainer(draincmd, Duration.ofSeconds(5)),
                new CommandRebooter(rebootcmd, Duration.ofSeconds(2)),
                healthcmd == null ? HealthCheck.NONE : new CommandHealthCheck(healthcmd, Duration.ofMillis(500)), claim,
                look -> new Verdict(List.of(), 0, false, "node-b", null, null, null)));
        return env.newActivityStub(LegacyNodeActivities.class, ActivityOptions.newBuilder()
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
        LegacyNodeActivities node = activities(null, simulatedReboot(), null);
        String before = node.bootId();

        RebootOutcome first = node.reboot(before);
        RebootOutcome retried = node.reboot(before);

        assertThat(before).isEqualTo("boot-1");
        assertThat(first).isEqualTo(RebootOutcome.REBOOT_STARTED);
        assertThat(retried).isEqualTo(RebootOutcome.ALREADY_REBOOTED);
        assertThat(rebootCount()).isEqualTo(1);
    }

    @Test
    void givenDrainAndRebootRetriedOnTheNewBoot_neitherCommandRunsAgain_andTheRejoinSaysTheNewBoot() throws IOException {
        Path drained = dir.resolve("drained");
        LegacyNodeActivities node = activities("echo x >> " + drained, simulatedReboot(), "true");
        String before = node.bootId();

        RebootOutcome first = node.drainAndReboot(before);
        RebootOutcome retried = node.drainAndReboot(before);
        Verdict back = node.rejoin(new Look("run", List.of(), "node-a", before, null));

        assertThat(first).isEqualTo(RebootOutcome.REBOOT_STARTED);
        assertThat(retried).isEqualTo(RebootOutcome.ALREADY_REBOOTED);
        assertThat(rebootCount()).isEqualTo(1);
        assertThat(Files.readAllLines(drained)).hasSize(1);
        assertThat(back.bootId()).isEqualTo("boot-2");
        assertThat(back.master()).as("the cluster's look, passed on").isEqualTo("node-b");
    }

    @Test
    void givenABlockcmdThatSaysNo_nothingIsDrainedOrRebooted_andItsFirstLineIsTheReason() throws IOException {
        Path drained = dir.resolve("drained");
        Path allowed = dir.resolve("allowed");
        env.registerActivitiesImplementations(new NodeActivitiesImpl("node-a", new BootIdFile(bootIdFile),
                new CommandBlocker("test -f " + allowed + " || { echo '2 firing alerts: NodeDown'; echo more; exit 1; }",
                        Duration.ofSeconds(2)),
                new CommandDrainer("echo x >> " + drained, Duration.ofSeconds(5)),
                new CommandRebooter(simulatedReboot(), Duration.ofSeconds(2)), HealthCheck.NONE, NodeClaim.NONE,
                look -> new Verdict(List.of(), 0, false, "node-b", null, null, null), TurnCommands.NONE));
        LegacyNodeActivities node = env.newActivityStub(LegacyNodeActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(10))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build()).build());

        assertThatThrownBy(() -> node.drainAndReboot("boot-1")).isInstanceOf(ActivityFailure.class)
                .cause().isInstanceOf(ApplicationFailure.class)
                .satisfies(failure -> {
                    assertThat(((ApplicationFailure) failure).getType()).isEqualTo(NodeActivities.BLOCKED);
                    assertThat(((ApplicationFailure) failure).getOriginalMessage()).isEqualTo("2 firing alerts: NodeDown");
                });
        assertThat(drained).doesNotExist();
        assertThat(rebootCount()).isZero();

        Files.writeString(allowed, "");
        assertThat(node.drainAndReboot("boot-1")).isEqualTo(RebootOutcome.REBOOT_STARTED);
        Files.delete(allowed);
        assertThat(node.drainAndReboot("boot-1")).as("a retry on the new boot: no blockcmd, nothing run")
                .isEqualTo(RebootOutcome.ALREADY_REBOOTED);
        assertThat(rebootCount()).isEqualTo(1);
    }

    @Test
    void givenANodeNameClaimedByTwoHosts_nothingTouchesTheMachine_andTheFailureIsRetryable() throws IOException {
        Path drained = dir.resolve("drained");
        LegacyNodeActivities node = activities("echo x >> " + drained, simulatedReboot(), null,
                () -> Optional.of("h1 (machine aaaa, boot b1) and h2 (machine bbbb, boot b2)"));
        Logger logger = (Logger) LoggerFactory.getLogger(NodeActivitiesImpl.class);
        ListAppender<ILoggingEvent> said = new ListAppender<>();
        said.start();
        logger.addAppender(said);
        logger.setAdditive(false);
        try {
            refusesEveryStep(node);
        } finally {
            logger.setAdditive(true);
            logger.detachAppender(said);
        }
        assertThat(said.list).hasSize(6).allSatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).isEqualTo("node-a is claimed by two hosts, h1 (machine aaaa, boot b1)"
                    + " and h2 (machine bbbb, boot b2): not touching this machine");
        });
        assertThat(rebootCount()).isZero();
        assertThat(drained).doesNotExist();
    }

    private static void refusesEveryStep(LegacyNodeActivities node) {

        for (Runnable step : List.<Runnable>of(node::bootId, () -> node.drain("boot-1"), () -> node.reboot("other-boot"),
                () -> node.awaitRejoin("boot-1"), () -> node.drainAndReboot("boot-1"),
                () -> node.rejoin(new Look("run", List.of(), "node-a", "boot-1", null)))) {
            assertThatThrownBy(step::run).isInstanceOf(ActivityFailure.class).cause()
                    .isInstanceOf(ApplicationFailure.class)
                    .satisfies(f -> {
                        ApplicationFailure failure = (ApplicationFailure) f;
                        assertThat(failure.getType()).isEqualTo(NodeActivities.CLAIMED_TWICE);
                        assertThat(failure.isNonRetryable()).isFalse();
                        assertThat(failure.getOriginalMessage()).isEqualTo("node-a is claimed by two hosts, "
                                + "h1 (machine aaaa, boot b1) and h2 (machine bbbb, boot b2): nothing done on either");
                    });
        }
    }

    @Test
    void givenRebootcmdThatStaysRunning_theRebootCountsAsStarted() {
        LegacyNodeActivities node = activities(null, "sleep 4", null);

        assertThat(node.reboot("boot-1")).isEqualTo(RebootOutcome.REBOOT_STARTED);
    }

    @Test
    void givenFailingRebootcmd_itFailsNonRetryablyWithTheExitCodeAndOutput() {
        LegacyNodeActivities node = activities(null, "echo no permission; exit 3", null);

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
        LegacyNodeActivities node = activities("echo x >> " + drained, simulatedReboot(), null);

        node.drain("boot-1");
        node.reboot("boot-1");
        node.drain("boot-1");

        assertThat(Files.readAllLines(drained)).hasSize(1);
    }

    @Test
    void givenFailingDraincmd_itFailsNonRetryablyWithWhatTheCommandSaid() {
        LegacyNodeActivities node = activities("echo leader transfer refused >&2; exit 1", simulatedReboot(), null);

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
        LegacyNodeActivities node = activities(null, simulatedReboot(), null);

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
        LegacyNodeActivities node = activities(null, simulatedReboot(), "echo resyncing 40%; exit 1");
        Files.writeString(bootIdFile, "boot-2\n");

        assertThatThrownBy(() -> node.awaitRejoin("boot-1"))
                .cause().hasMessageContaining("node-a is back on boot boot-2 but healthcmd exited 1: resyncing 40%");
    }

    @Test
    void givenHangingHealthcmd_itTimesOutInsteadOfHanging() throws IOException {
        LegacyNodeActivities node = activities(null, simulatedReboot(), "sleep 60");
        Files.writeString(bootIdFile, "boot-2\n");

        assertThatThrownBy(() -> node.awaitRejoin("boot-1"))
                .cause().hasMessageContaining("healthcmd timed out after PT0.5S");
    }

    @Test
    void givenNewBootAndPassingHealthcmd_awaitRejoinReturnsTheNewBootId() throws IOException {
        LegacyNodeActivities node = activities(null, simulatedReboot(), "true");
        Files.writeString(bootIdFile, "boot-2\n");

        assertThat(node.awaitRejoin("boot-1")).isEqualTo("boot-2");
    }
}
