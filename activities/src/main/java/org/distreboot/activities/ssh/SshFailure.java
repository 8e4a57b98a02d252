package org.distreboot.activities.ssh;

import org.distreboot.activities.CommandResult;

/**
 * What went wrong when ssh itself failed (exit 255: no connection, a host key refused, the
 * connection lost), in one line that names the node: an operator reads it in a log or a run's
 * reason, and knows whether to look at the network, the known-hosts file or the node's sshd.
 */
public final class SshFailure {
    private SshFailure() {
    }

    /** Whether {@code result} is ssh's own failure rather than the remote command's. */
    public static boolean isSsh(CommandResult result) {
        return !result.timedOut() && result.exitCode() == SshShell.SSH_FAILED;
    }

    /** "node-b: ssh to root@10.1.0.12 refused: its host key changed (not the one in /etc/…/known_hosts)". */
    public static String describe(SshShell shell, CommandResult result) {
        String output = result.output();
        String what;
        if (output.contains("REMOTE HOST IDENTIFICATION HAS CHANGED")) {
            what = "refused: its host key changed (not the one in " + shell.knownHosts() + ")";
        } else if (output.contains("host key is known") || output.contains("Host key verification failed")) {
            what = "refused: its host key is not in " + shell.knownHosts();
        } else if (output.contains("Permission denied")) {
            what = "refused: the key " + shell.key() + " is not accepted (Permission denied)";
        } else {
            String last = result.describe();
            what = "failed: " + (last.startsWith("exited 255: ") ? last.substring("exited 255: ".length()) : last);
        }
        return shell.node() + ": ssh to " + shell.destination() + " " + what;
    }
}
