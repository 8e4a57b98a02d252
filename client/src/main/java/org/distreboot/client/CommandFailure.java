package org.distreboot.client;

import org.distreboot.client.config.ConfigException;

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

    /**
     * The manual's exit code for {@code problem}, or -1 when it is unexpected (a bug: worth its stack
     * trace). An expected failure is found under the exceptions that carried it (the context's, which
     * made the part that failed).
     */
    public static int exitCodeOf(Throwable problem) {
        Throwable expected = expected(problem);
        if (expected instanceof CommandFailure failure) {
            return failure.exitCode();
        }
        if (expected instanceof ConfigException) {
            return USAGE;
        }
        if (expected instanceof AlreadyRunningException) {
            return REFUSED;
        }
        return -1;
    }

    /** What went wrong in one line: the expected failure's message, else the message said to be unexpected. */
    public static String oneLine(Throwable problem) {
        Throwable expected = expected(problem);
        if (expected != null) {
            return expected.getMessage();
        }
        return "unexpected error: " + (problem.getMessage() == null ? problem.getClass().getSimpleName()
                : problem.getMessage());
    }

    private static Throwable expected(Throwable problem) {
        for (Throwable cause = problem; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof CommandFailure || cause instanceof ConfigException
                    || cause instanceof AlreadyRunningException) {
                return cause;
            }
        }
        return null;
    }
}
