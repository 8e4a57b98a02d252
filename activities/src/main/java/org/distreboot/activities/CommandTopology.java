package org.distreboot.activities;

import java.time.Duration;
import org.distreboot.db.Names;

/** Runs {@code topologycmd}: its first line of output, on exit 0 within the timeout, is this node's quorum group. */
public final class CommandTopology {
    private final ShellCommand command;
    private final Duration timeout;

    public CommandTopology(String commandLine, Duration timeout) {
        this(new ShellCommand("topologycmd", commandLine), timeout);
    }

    /** {@code command} being topologycmd, on this host or over ssh. */
    public CommandTopology(ShellCommand command, Duration timeout) {
        this.command = command;
        this.timeout = timeout;
    }

    /** The group; throws with one line saying why there is none. */
    public String group() {
        CommandResult result = command.run(timeout, () -> { });
        if (!result.succeeded()) {
            throw new IllegalStateException("topologycmd " + result.describe());
        }
        String group = result.output().strip().lines().findFirst().orElse("").strip();
        try {
            return Names.require("topology", group);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("topologycmd printed no usable group: " + e.getMessage());
        }
    }
}
