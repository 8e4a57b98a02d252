package org.distreboot.activities;

import java.time.Duration;
import java.util.Optional;

/** Runs {@code healthcmd}: exit 0 within the timeout means healthy. */
public final class CommandHealthCheck implements HealthCheck {
    private final ShellCommand command;
    private final Duration timeout;

    public CommandHealthCheck(String commandLine, Duration timeout) {
        this(commandLine, timeout, CommandLog.NONE);
    }

    /** Each run kept in {@code log}. */
    public CommandHealthCheck(String commandLine, Duration timeout, CommandLog log) {
        this(new ShellCommand("healthcmd", commandLine, log), timeout);
    }

    /** {@code command} being healthcmd, on this host or over ssh. */
    public CommandHealthCheck(ShellCommand command, Duration timeout) {
        this.command = command;
        this.timeout = timeout;
    }

    @Override
    public Optional<String> whyNotHealthy() {
        CommandResult result = command.run(timeout, () -> { });
        return result.succeeded() ? Optional.empty() : Optional.of("healthcmd " + result.describe());
    }
}
