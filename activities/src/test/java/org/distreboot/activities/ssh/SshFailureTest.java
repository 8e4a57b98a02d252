package org.distreboot.activities.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.distreboot.activities.CommandResult;
import org.junit.jupiter.api.Test;

/** ssh's own failures, as OpenSSH prints them, in one line naming the node and what to look at. */
class SshFailureTest {
    private final SshShell shell = new SshShell("db-2", "root@10.0.0.12", Path.of("/etc/distreboot/ssh_known_hosts"),
            Path.of("/etc/distreboot/ssh_key"), Duration.ofSeconds(10));

    private static CommandResult ssh(String output) {
        return new CommandResult(255, output, false, Duration.ofMillis(30));
    }

    @Test
    void givenAChangedHostKey_itIsRefused_namingTheKnownHostsFile() {
        String said = SshFailure.describe(shell, ssh("""
                @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
                @    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @
                @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
                IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!
                Host key for 10.0.0.12 has changed and you have requested strict checking.
                Host key verification failed.
                """));

        assertThat(said).isEqualTo("db-2: ssh to root@10.0.0.12 refused: its host key changed (not the one in "
                + "/etc/distreboot/ssh_known_hosts)");
    }

    @Test
    void givenAnUnknownHostKey_itIsRefused() {
        assertThat(SshFailure.describe(shell, ssh("No ED25519 host key is known for 10.0.0.12 and you have requested "
                + "strict checking.\nHost key verification failed.\n")))
                .isEqualTo("db-2: ssh to root@10.0.0.12 refused: its host key is not in /etc/distreboot/ssh_known_hosts");
    }

    @Test
    void givenAKeyTheNodeDoesNotTake_orNoConnection_theLineSaysWhich() {
        assertThat(SshFailure.describe(shell, ssh("root@10.0.0.12: Permission denied (publickey).\n")))
                .isEqualTo("db-2: ssh to root@10.0.0.12 refused: the key /etc/distreboot/ssh_key is not accepted "
                        + "(Permission denied)");
        assertThat(SshFailure.describe(shell, ssh("ssh: connect to host 10.0.0.12 port 22: No route to host\n")))
                .isEqualTo("db-2: ssh to root@10.0.0.12 failed: ssh: connect to host 10.0.0.12 port 22: No route to host");
        assertThat(SshFailure.isSsh(ssh(""))).isTrue();
        assertThat(SshFailure.isSsh(new CommandResult(1, "", false, Duration.ZERO))).isFalse();
    }
}
