package org.distreboot.cli;

import java.io.PrintWriter;
import org.distreboot.worker.AlreadyRunningException;
import org.distreboot.worker.config.ConfigException;
import picocli.CommandLine;

/** The `distreboot` command: parses, runs, and maps every expected failure to one line and its exit code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine command = new CommandLine(new DistrebootCommand());
        command.setOut(out);
        command.setErr(err);
        command.setParameterExceptionHandler((problem, arguments) -> {
            err.println("distreboot: " + problem.getMessage() + " (see distreboot --help)");
            return CommandFailure.USAGE;
        });
        command.setExecutionExceptionHandler((problem, line, parsed) -> failure(problem, err));
        return command.execute(args);
    }

    /** Says what went wrong in one line (a stack trace only for the unexpected) and gives the exit code. */
    static int failure(Exception problem, PrintWriter err) {
        err.println("distreboot: " + oneLine(problem));
        int code = exitCode(problem);
        if (code == -1) {
            problem.printStackTrace(err);
            return CommandFailure.REFUSED;
        }
        return code;
    }

    private static int exitCode(Exception problem) {
        if (problem instanceof CommandFailure failure) {
            return failure.exitCode();
        }
        if (problem instanceof ConfigException) {
            return CommandFailure.USAGE;
        }
        if (problem instanceof AlreadyRunningException) {
            return CommandFailure.REFUSED;
        }
        return -1;
    }

    private static String oneLine(Exception problem) {
        String message = problem.getMessage() == null ? problem.getClass().getSimpleName() : problem.getMessage();
        return exitCode(problem) == -1 ? "unexpected error: " + message : message;
    }
}
