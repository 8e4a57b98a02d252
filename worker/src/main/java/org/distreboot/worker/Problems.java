package org.distreboot.worker;

/** A failure as one short line for an operator: "connection refused", not a stack trace. */
public final class Problems {
    private Problems() {
    }

    /** The innermost cause's first line, without netty's ": /127.0.0.1:7233" address tail. */
    public static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String line = message.lines().findFirst().orElse(message).strip().replaceFirst(": /[^ ]*$", "");
        if (line.isEmpty()) {
            return cause.getClass().getSimpleName();
        }
        // "Connection refused" reads as "connection refused" mid-sentence; "FATAL" stays as it is.
        boolean capitalised = line.length() > 1 && Character.isLowerCase(line.charAt(1));
        return capitalised ? Character.toLowerCase(line.charAt(0)) + line.substring(1) : line;
    }
}
