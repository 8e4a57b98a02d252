package org.distreboot.worker;

/**
 * What a failed replay says, in one line: the SDK puts the whole failure into its exception's
 * message ({@code query failure for … error=Class: what}, stack traces, {@code Caused by: …}); the
 * reason is its innermost cause, else its error, without the class's package.
 */
final class ReplayFailure {
    private static final String CAUSED_BY = "Caused by: ";
    private static final String ERROR = "error=";

    private ReplayFailure() {
    }

    static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (message == null || message.isBlank()) {
            return root.getClass().getSimpleName();
        }
        int cause = message.lastIndexOf(CAUSED_BY);
        if (cause >= 0) {
            return withoutPackage(header(message.substring(cause + CAUSED_BY.length())));
        }
        String header = header(message);
        int error = header.indexOf(ERROR);
        return error < 0 ? header : withoutPackage(header.substring(error + ERROR.length()));
    }

    /** The text before its first stack frame, on one line. */
    private static String header(String text) {
        StringBuilder header = new StringBuilder();
        for (String line : text.strip().split("\\R")) {
            if (line.strip().startsWith("at ") || line.isBlank()) {
                break;
            }
            header.append(header.isEmpty() ? "" : " ").append(line.strip());
        }
        return header.toString();
    }

    /** {@code io.temporal.internal.sync.PotentialDeadlockException: …} → {@code PotentialDeadlockException: …} */
    private static String withoutPackage(String line) {
        int colon = line.indexOf(':');
        String name = colon < 0 ? line : line.substring(0, colon);
        return name.contains(" ") ? line : line.substring(name.lastIndexOf('.') + 1);
    }
}
