package org.distreboot.activities;

import java.time.Duration;

/** Runs {@code sentinelcmd}: exit 0 within the timeout means this node needs a reboot. */
public final class CommandSentinel implements Sentinel {
    private final ShellCommand command;
    private final Duration timeout;

    public CommandSentinel(String commandLine, Duration timeout) {
        this.command = new ShellCommand("sentinelcmd", commandLine);
        this.timeout = timeout;
    }

    @Override
    public boolean rebootRequired() {
        return command.run(timeout, () -> { }).succeeded();
    }
}
