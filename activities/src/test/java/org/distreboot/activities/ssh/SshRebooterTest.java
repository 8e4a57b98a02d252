package org.distreboot.activities.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.distreboot.activities.CommandFailedException;
import org.distreboot.activities.CommandLog;
import org.distreboot.activities.CommandResult;
import org.distreboot.activities.ShellCommand;
import org.distreboot.workflow.values.RebootOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reboot over ssh is one remote command that checks the boot before it reboots; here that
 * command runs in this host's shell, as the node's would run it, and each way a session can end is
 * read as the reboot under way, already done, ssh's failure, or rebootcmd's.
 */
class SshRebooterTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    @TempDir
    Path dir;

    private SshShell shell() {
        return new SshShell("db-2", "root@10.0.0.12", dir.resolve("known_hosts"), dir.resolve("key"), TIMEOUT);
    }

    private CommandResult runGuarded(String bootIdBefore) throws Exception {
        Files.writeString(dir.resolve("boot_id"), "boot-1\n");
        SshRebooter rebooter = new SshRebooter(shell(), dir.resolve("boot_id"), "touch " + dir.resolve("rebooted"),
                TIMEOUT, CommandLog.NONE);
        return new ShellCommand("rebootcmd", rebooter.guarded(bootIdBefore)).run(TIMEOUT, () -> { });
    }

    @Test
    void givenTheNodeStillRunsTheBootRecorded_rebootcmdRuns_afterTheNodeSaysItBegins() throws Exception {
        CommandResult result = runGuarded("boot-1");

        assertThat(result.succeeded()).isTrue();
        assertThat(result.output()).contains(SshRebooter.BEGUN);
        assertThat(dir.resolve("rebooted")).exists();
        assertThat(SshRebooter.outcome(shell(), Optional.of(result))).isEqualTo(RebootOutcome.REBOOT_STARTED);
    }

    @Test
    void givenTheNodeRunsAnotherBoot_rebootcmdDoesNotRun_andTheRebootIsAlreadyDone() throws Exception {
        CommandResult result = runGuarded("boot-0");

        assertThat(result.exitCode()).isEqualTo(SshRebooter.BOOT_CHANGED);
        assertThat(dir.resolve("rebooted")).doesNotExist();
        assertThat(SshRebooter.outcome(shell(), Optional.of(result))).isEqualTo(RebootOutcome.ALREADY_REBOOTED);
    }

    @Test
    void givenABootIdThatCouldBeShell_itIsRefused_nothingRuns() {
        assertThatThrownBy(() -> runGuarded("boot-1' ]; reboot; [ '"))
                .isInstanceOf(CommandFailedException.class).hasMessageContaining("db-2: boot id")
                .hasMessageContaining("cannot be checked over ssh");
        assertThat(dir.resolve("rebooted")).doesNotExist();
    }

    @Test
    void givenTheSessionCutByTheReboot_orStillOpen_theRebootIsUnderWay() throws CommandFailedException {
        CommandResult cut = new CommandResult(255, SshRebooter.BEGUN + "\nConnection to 10.0.0.12 closed by remote host.\n",
                false, Duration.ofSeconds(1));

        assertThat(SshRebooter.outcome(shell(), Optional.of(cut))).isEqualTo(RebootOutcome.REBOOT_STARTED);
        assertThat(SshRebooter.outcome(shell(), Optional.empty())).isEqualTo(RebootOutcome.REBOOT_STARTED);
    }

    @Test
    void givenSshFailingBeforeTheNodeBegins_itIsSshsFailure_retried_whereAFailedRebootcmdIsNot() {
        CommandResult refused = new CommandResult(255, "ssh: connect to host 10.0.0.12 port 22: Connection refused\n",
                false, Duration.ofMillis(20));
        CommandResult failed = new CommandResult(1, SshRebooter.BEGUN + "\nsudo: a password is required\n", false,
                Duration.ofMillis(20));

        assertThatThrownBy(() -> SshRebooter.outcome(shell(), Optional.of(refused)))
                .isInstanceOf(NodeUnreachableException.class)
                .hasMessage("db-2: ssh to root@10.0.0.12 failed: ssh: connect to host 10.0.0.12 port 22: Connection refused");
        assertThatThrownBy(() -> SshRebooter.outcome(shell(), Optional.of(failed)))
                .isInstanceOf(CommandFailedException.class)
                .hasMessage("db-2: rebootcmd over ssh exited 1: sudo: a password is required");
    }
}
