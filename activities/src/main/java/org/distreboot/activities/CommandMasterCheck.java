package org.distreboot.activities;

import java.time.Duration;

/** Runs {@code mastercmd}: exit 0 within the timeout means this node is the master. */
public final class CommandMasterCheck implements MasterCheck {
    private final ShellCommand command;
    private final Duration timeout;

    public CommandMasterCheck(String commandLine, Duration timeout) {
        this.command = new ShellCommand("mastercmd", commandLine);
        this.timeout = timeout;
    }

    @Override
    public boolean isMaster() {
        return command.run(timeout, () -> { }).succeeded();
    }
}
