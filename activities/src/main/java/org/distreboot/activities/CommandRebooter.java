package org.distreboot.activities;

import java.time.Duration;
import java.util.Optional;
import org.distreboot.workflow.values.RebootOutcome;

/**
 * Forks and execs {@code rebootcmd}, as the manual says. A command still running after the
 * grace period is taken as a reboot under way; one that exits non-zero within it has failed.
 */
public final class CommandRebooter implements Rebooter {
    private final ShellCommand command;
    private final Duration grace;

    public CommandRebooter(String commandLine, Duration grace) {
        this(commandLine, grace, CommandLog.NONE);
    }

    /** Each run kept in {@code log}. */
    public CommandRebooter(String commandLine, Duration grace, CommandLog log) {
        this.command = new ShellCommand("rebootcmd", commandLine, log);
        this.grace = grace;
    }

    /** This host's reboot: its daemon goes down with it, so the boot id it has just read stands. */
    @Override
    public RebootOutcome reboot(String bootIdBefore) throws CommandFailedException {
        Optional<CommandResult> ended = command.launch(grace);
        if (ended.isPresent() && !ended.get().succeeded()) {
            throw new CommandFailedException("rebootcmd " + ended.get().describe());
        }
        return RebootOutcome.REBOOT_STARTED;
    }
}
