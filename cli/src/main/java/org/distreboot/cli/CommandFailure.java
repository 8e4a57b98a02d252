package org.distreboot.cli;

/** An expected way for a command to fail: one line for the operator, and the exit code of the manual. */
public final class CommandFailure extends RuntimeException {
    public static final int REFUSED = 1;
    public static final int USAGE = 2;
    public static final int UNREACHABLE = 3;
    public static final int NEEDS_ROOT = 4;

    private final int exitCode;

    private CommandFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public static CommandFailure refused(String message) {
        return new CommandFailure(REFUSED, message);
    }

    public static CommandFailure usage(String message) {
        return new CommandFailure(USAGE, message);
    }

    public static CommandFailure unreachable(String message) {
        return new CommandFailure(UNREACHABLE, message);
    }

    public static CommandFailure needsRoot(String message) {
        return new CommandFailure(NEEDS_ROOT, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
