package org.distreboot.activities.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.distreboot.activities.BootIdSource;
import org.distreboot.activities.CommandLog;
import org.distreboot.activities.CommandResult;
import org.distreboot.activities.ShellCommand;
import org.distreboot.workflow.Durations;

/**
 * A look at a node over ssh, in one connection: its boot id (bootidfile) and its machine id
 * (machineidfile, empty when it has none). While it answers, the node's heartbeat is posted; the
 * boot id it reads is what proves the node's reboot, as the daemon's own read does on its host.
 */
public final class SshProbe implements BootIdSource {
    private final SshShell shell;
    private final ShellCommand command;
    private final Path bootIdFile;
    private final Duration timeout;
    private volatile String lastBootId;

    public SshProbe(SshShell shell, Path bootIdFile, Path machineIdFile, Duration timeout) {
        this.shell = shell;
        this.bootIdFile = bootIdFile;
        this.timeout = timeout;
        this.command = new ShellCommand("ssh probe", "cat -- " + SshShell.quoted(bootIdFile.toString())
                + " && { cat -- " + SshShell.quoted(machineIdFile.toString()) + " 2>/dev/null || echo; }",
                CommandLog.NONE, shell);
    }

    /** The node's boot id and machine id; throws {@link NodeUnreachableException} when ssh fails or is late. */
    public Answer look() {
        CommandResult result = command.run(timeout, () -> { });
        if (result.timedOut()) {
            throw new NodeUnreachableException(shell.node() + ": ssh to " + shell.destination()
                    + " did not answer within " + Durations.format(timeout));
        }
        if (SshFailure.isSsh(result)) {
            throw new NodeUnreachableException(SshFailure.describe(shell, result));
        }
        List<String> lines = result.output().strip().lines().map(String::strip).toList();
        if (!result.succeeded() || lines.isEmpty() || lines.get(0).isEmpty()) {
            throw new IllegalStateException(shell.node() + ": bootidfile " + bootIdFile + " cannot be read over ssh: "
                    + result.describe());
        }
        lastBootId = lines.get(0);
        return new Answer(lines.get(0), lines.size() > 1 ? lines.get(1) : "");
    }

    @Override
    public String current() {
        return look().bootId();
    }

    /**
     * The boot id the last look read (a look now when none has): the boot a command's output
     * belongs to, read before the command ran (after a rebootcmd, the node may not answer).
     */
    public BootIdSource lastRead() {
        return () -> lastBootId != null ? lastBootId : current();
    }

    /** What a probe read. */
    public record Answer(String bootId, String machineId) {
    }
}
