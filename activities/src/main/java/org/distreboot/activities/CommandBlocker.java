package org.distreboot.activities;

import java.time.Duration;
import java.util.Optional;

/**
 * Runs {@code blockcmd} on the node about to reboot: exit 0 lets it go; any other exit (or a
 * timeout) blocks it, with the command's first output line as the reason.
 */
public final class CommandBlocker implements Blocker {
    private final ShellCommand command;
    private final Duration timeout;

    public CommandBlocker(String commandLine, Duration timeout) {
        this(commandLine, timeout, CommandLog.NONE);
    }

    /** Each run kept in {@code log}. */
    public CommandBlocker(String commandLine, Duration timeout, CommandLog log) {
        this(new ShellCommand("blockcmd", commandLine, log), timeout);
    }

    /** {@code command} being blockcmd, on this host or over ssh. */
    public CommandBlocker(ShellCommand command, Duration timeout) {
        this.command = command;
        this.timeout = timeout;
    }

    @Override
    public Optional<String> whyBlocked() {
        CommandResult result = command.run(timeout, () -> { });
        if (result.succeeded()) {
            return Optional.empty();
        }
        String first = result.firstLine();
        return Optional.of(first.isEmpty() || result.timedOut() ? "blockcmd " + result.describe() : first);
    }
}
