package org.distreboot.cli;

import io.micronaut.configuration.picocli.MicronautFactory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import java.io.PrintWriter;
import org.distreboot.client.CommandFailure;
import org.distreboot.client.config.SettingsLoader;
import picocli.CommandLine;

/** The `distreboot` command: parses, runs, and maps every expected failure to one line and its exit code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        JarServices.index();
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        try (ApplicationContext context = context()) {
            return execute(context, args, out, err);
        }
    }

    /**
     * The command's context, for one call: the one distreboot's settings are bound in, with no
     * other configuration ({@link SettingsLoader#contextBuilder()}). Also what the man page and
     * the tests make the command from.
     */
    public static ApplicationContextBuilder contextBuilder() {
        return SettingsLoader.contextBuilder();
    }

    static ApplicationContext context() {
        return contextBuilder().start();
    }

    /** Runs the command on {@code context}'s beans: a test's context puts its own in place. */
    static int execute(ApplicationContext context, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine command = new CommandLine(DistrebootCommand.class, new MicronautFactory(context));
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
        err.println("distreboot: " + CommandFailure.oneLine(problem));
        int code = CommandFailure.exitCodeOf(problem);
        if (code == -1) {
            problem.printStackTrace(err);
            return CommandFailure.REFUSED;
        }
        return code;
    }
}
