package org.distreboot.activities;

import java.time.Duration;

/** Runs {@code sentinelcmd}: exit 0 within the timeout means this node needs a reboot. */
public final class CommandSentinel implements Sentinel {
    private final ShellCommand command;
    private final Duration timeout;

    public CommandSentinel(String commandLine, Duration timeout) {
        this(new ShellCommand("sentinelcmd", commandLine), timeout);
    }

    /** {@code command} being sentinelcmd, on this host or over ssh. */
    public CommandSentinel(ShellCommand command, Duration timeout) {
        this.command = command;
        this.timeout = timeout;
    }

    @Override
    public boolean rebootRequired() {
        return command.run(timeout, () -> { }).succeeded();
    }
}
