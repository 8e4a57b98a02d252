package org.distreboot.activities.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.distreboot.activities.Shell;

/**
 * A node's shell over ssh, as an operator's unattended script would reach it: no prompt ever
 * (BatchMode), the host key checked against one known-hosts file and nothing else (an unknown or
 * changed key refuses), one key file, no configuration file of root's that could change any of
 * it, a bound on connecting, and a dead connection noticed within seconds. The command line goes
 * as it is to the node's shell, as {@code ssh host 'command'} sends it.
 *
 * @param node        the node's name, for messages
 * @param destination where ssh connects: {@code host}, {@code user@host} or {@code ssh://user@host:port}
 */
public record SshShell(String node, String destination, Path knownHosts, Path key, Duration connectTimeout)
        implements Shell {
    /** What ssh exits with when it, not the remote command, failed. */
    public static final int SSH_FAILED = 255;

    @Override
    public List<String> argv(String commandLine) {
        return List.of("ssh", "-F", "/dev/null", "-T",
                "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=yes",
                "-o", "UserKnownHostsFile=" + knownHosts,
                "-o", "GlobalKnownHostsFile=/dev/null",
                "-o", "IdentitiesOnly=yes",
                "-o", "IdentityFile=" + key,
                "-o", "PasswordAuthentication=no",
                "-o", "KbdInteractiveAuthentication=no",
                "-o", "ConnectTimeout=" + Math.max(1, connectTimeout.toSeconds()),
                "-o", "ServerAliveInterval=2",
                "-o", "ServerAliveCountMax=3",
                "-o", "LogLevel=ERROR",
                destination, "--", commandLine);
    }

    /** {@code text} as one word of a POSIX shell command line, whatever it holds. */
    public static String quoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    @Override
    public String toString() {
        return "ssh " + destination;
    }
}
