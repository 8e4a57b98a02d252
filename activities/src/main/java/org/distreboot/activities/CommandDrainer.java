package org.distreboot.activities;

import java.time.Duration;

/** Runs {@code draincmd}; anything but exit 0 within the timeout is a failure. */
public final class CommandDrainer implements Drainer {
    private final ShellCommand command;
    private final Duration timeout;

    public CommandDrainer(String commandLine, Duration timeout) {
        this(commandLine, timeout, CommandLog.NONE);
    }

    /** Each run kept in {@code log}. */
    public CommandDrainer(String commandLine, Duration timeout, CommandLog log) {
        this(new ShellCommand("draincmd", commandLine, log), timeout);
    }

    /** {@code command} being draincmd, on this host or over ssh. */
    public CommandDrainer(ShellCommand command, Duration timeout) {
        this.command = command;
        this.timeout = timeout;
    }

    @Override
    public void drain(Runnable stillAlive) throws CommandFailedException {
        CommandResult result = command.run(timeout, stillAlive);
        if (!result.succeeded()) {
            throw new CommandFailedException("draincmd " + result.describe());
        }
    }
}
