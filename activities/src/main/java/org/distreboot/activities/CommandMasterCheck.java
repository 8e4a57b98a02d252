package org.distreboot.activities;

import java.time.Duration;

/**
 * Runs {@code mastercmd}: exit 0 means this node is the master, exit 1 that it is not (as
 * {@code test} and {@code grep -q} say no); any other exit, or none within the timeout, means it
 * cannot tell (as those commands say they failed).
 */
public final class CommandMasterCheck implements MasterCheck {
    private final ShellCommand command;
    private final Duration timeout;

    public CommandMasterCheck(String commandLine, Duration timeout) {
        this(new ShellCommand("mastercmd", commandLine), timeout);
    }

    /** {@code command} being mastercmd, on this host or over ssh. */
    public CommandMasterCheck(ShellCommand command, Duration timeout) {
        this.command = command;
        this.timeout = timeout;
    }

    @Override
    public boolean isMaster() {
        CommandResult result = command.run(timeout, () -> { });
        if (result.succeeded()) {
            return true;
        }
        if (!result.timedOut() && result.exitCode() == 1) {
            return false;
        }
        throw new CannotTellException("mastercmd could not tell whether this node is the master: "
                + result.describe());
    }
}
