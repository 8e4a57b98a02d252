package org.distreboot.activities.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ssh as an unattended script must run it: no prompt, one known-hosts file, one key, the command as one word. */
class SshShellTest {
    private final SshShell shell = new SshShell("db-2", "root@10.0.0.12", Path.of("/etc/distreboot/ssh_known_hosts"),
            Path.of("/etc/distreboot/ssh_key"), Duration.ofSeconds(7));

    @Test
    void givenACommandLine_sshGetsItAsOneWordAfterItsOptions_neverAPrompt() {
        List<String> argv = shell.argv("systemctl stop etcd && echo 'done'");

        assertThat(argv.get(0)).isEqualTo("ssh");
        assertThat(argv).containsSubsequence("-F", "/dev/null").containsSubsequence("-o", "BatchMode=yes")
                .containsSubsequence("-o", "StrictHostKeyChecking=yes")
                .containsSubsequence("-o", "UserKnownHostsFile=/etc/distreboot/ssh_known_hosts")
                .containsSubsequence("-o", "GlobalKnownHostsFile=/dev/null")
                .containsSubsequence("-o", "IdentitiesOnly=yes")
                .containsSubsequence("-o", "IdentityFile=/etc/distreboot/ssh_key")
                .containsSubsequence("-o", "PasswordAuthentication=no")
                .containsSubsequence("-o", "ConnectTimeout=7");
        assertThat(argv.subList(argv.size() - 3, argv.size()))
                .containsExactly("root@10.0.0.12", "--", "systemctl stop etcd && echo 'done'");
    }

    @Test
    void givenAnyText_quotedIsOneShellWordThatSaysIt() throws Exception {
        String text = "it's $HOME; `id` \"x\"";
        Process echo = new ProcessBuilder("/bin/sh", "-c", "printf %s " + SshShell.quoted(text)).start();

        assertThat(new String(echo.getInputStream().readAllBytes())).isEqualTo(text);
    }
}
