package org.distreboot.activities.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.distreboot.activities.CommandFailedException;
import org.distreboot.activities.CommandLog;
import org.distreboot.activities.CommandResult;
import org.distreboot.activities.Rebooter;
import org.distreboot.activities.ShellCommand;
import org.distreboot.workflow.values.RebootOutcome;

/**
 * rebootcmd on a node over ssh, exactly once: one remote command checks that the node still runs
 * the boot recorded before and only then runs rebootcmd, so a retry after the control daemon died
 * mid-call (its answer lost) cannot reboot the node again. The node says it begins before
 * rebootcmd runs: a session the reboot then cuts (ssh exits 255, as it does) is a reboot under
 * way, not a failure; a session that fails before that is ssh's failure, retried.
 */
public final class SshRebooter implements Rebooter {
    static final String BEGUN = "distreboot: rebooting";
    static final int BOOT_CHANGED = 97;
    /** What a boot id may hold to be written into the remote check: a kernel's is a UUID. */
    private static final Pattern BOOT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

    private final SshShell shell;
    private final Path bootIdFile;
    private final String rebootcmd;
    private final Duration grace;
    private final CommandLog log;

    public SshRebooter(SshShell shell, Path bootIdFile, String rebootcmd, Duration grace, CommandLog log) {
        this.shell = shell;
        this.bootIdFile = bootIdFile;
        this.rebootcmd = rebootcmd;
        this.grace = grace;
        this.log = log;
    }

    @Override
    public RebootOutcome reboot(String bootIdBefore) throws CommandFailedException {
        return outcome(shell, new ShellCommand("rebootcmd", guarded(bootIdBefore), log, shell).launch(grace));
    }

    /** What the guarded rebootcmd's session says: still running, or how it ended. */
    static RebootOutcome outcome(SshShell shell, Optional<CommandResult> ended) throws CommandFailedException {
        if (ended.isEmpty()) {
            return RebootOutcome.REBOOT_STARTED;
        }
        CommandResult result = ended.get();
        boolean begun = result.output().contains(BEGUN);
        if (begun && (result.succeeded() || SshFailure.isSsh(result))) {
            return RebootOutcome.REBOOT_STARTED;
        }
        if (!begun && result.exitCode() == BOOT_CHANGED) {
            return RebootOutcome.ALREADY_REBOOTED;
        }
        if (!begun && SshFailure.isSsh(result)) {
            throw new NodeUnreachableException(SshFailure.describe(shell, result));
        }
        throw new CommandFailedException(shell.node() + ": rebootcmd over ssh " + result.describe());
    }

    /** The remote command: the boot id checked, then rebootcmd, in one session. */
    String guarded(String bootIdBefore) throws CommandFailedException {
        if (!BOOT_ID.matcher(bootIdBefore).matches()) {
            throw new CommandFailedException(shell.node() + ": boot id '" + bootIdBefore
                    + "' cannot be checked over ssh (letters, digits, '.', '_', ':' and '-' only)");
        }
        return "[ \"$(cat -- " + SshShell.quoted(bootIdFile.toString()) + ")\" = " + SshShell.quoted(bootIdBefore)
                + " ] || { echo 'distreboot: the node runs another boot, not rebooting'; exit " + BOOT_CHANGED
                + "; }; echo '" + BEGUN + "'; " + rebootcmd;
    }
}
