package org.distreboot.devkit;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What ./distreboot runs for --demo and --dev-server: ways to try distreboot on one machine.
 * Everything else goes to the product's own command (cli/target/distreboot.jar).
 */
@Command(name = "distreboot", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Try distreboot on this machine: the Temporal dev server (or the embedded test server)"
                + " and an embedded PostgreSQL.")
public final class DevkitMain implements Callable<Integer> {

    static final class Mode {
        @Option(names = "--demo", required = true,
                description = "A distributed reboot of simulated nodes, each a real daemon process, shown live.")
        boolean demo;
        @Option(names = "--dev-server", required = true,
                description = "The embedded Temporal service and PostgreSQL in the foreground, for daemons by hand.")
        boolean devServer;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    @Option(names = "--nodes", paramLabel = "N", description = "With --demo: how many simulated nodes (default 5).")
    Integer nodes;

    @Option(names = "--port", paramLabel = "P", description = "With --dev-server: the Temporal port (default 7233).")
    Integer port;

    @Option(names = "--listen", paramLabel = "ADDRESS",
            description = "With --dev-server: the one address both services listen on (default 127.0.0.1).")
    String listen;

    @Option(names = "--temporal", paramLabel = "PATH",
            description = "The temporal CLI whose dev server (with the Web UI) to run (default: temporal on the PATH).")
    Path temporal;

    @Option(names = "--test-server", description = "Run on the embedded Temporal test server, even with a temporal CLI.")
    boolean testServer;

    private final PrintWriter out = new PrintWriter(System.out, true);

    public static void main(String[] args) {
        CommandLine command = new CommandLine(new DevkitMain());
        command.setParameterExceptionHandler((problem, arguments) -> {
            System.err.println("distreboot: " + problem.getMessage() + " (see ./distreboot --demo --help)");
            return 2;
        });
        System.exit(command.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (nodes != null && !mode.demo) {
            return usage("--nodes goes with --demo only");
        }
        if (port != null && !mode.devServer) {
            return usage("--port goes with --dev-server only");
        }
        if (listen != null && !mode.devServer) {
            return usage("--listen goes with --dev-server only");
        }
        if (listen != null && !isLocalAddress(listen)) {
            return usage("--listen=" + listen + ": not an IP address of this machine");
        }
        if (temporal != null && testServer) {
            return usage("--temporal and --test-server are mutually exclusive");
        }
        if (temporal != null && !Files.isExecutable(temporal)) {
            return usage("--temporal=" + temporal + ": no such executable (" + TemporalDevServer.PINNED
                    + " installs one)");
        }
        Path cli = testServer ? null : temporal != null ? temporal.toAbsolutePath() : TemporalDevServer.onPath().orElse(null);
        if (mode.demo) {
            int count = nodes == null ? 5 : nodes;
            if (count < 2 || count > 26) {
                return usage("--nodes must be between 2 and 26, not " + count);
            }
            return new Demo(launcher(), ownJar(), cli, out, System.console() != null).run(count);
        }
        int chosen = port == null ? 7233 : port;
        if (chosen < 1 || chosen > 65535) {
            return usage("--port must be between 1 and 65535, not " + chosen);
        }
        return new DevServer(ownJar(), cli, out).run(listen == null ? "127.0.0.1" : listen, chosen);
    }

    /** A literal IP address (no name to resolve) that an interface of this machine has. */
    private static boolean isLocalAddress(String address) {
        if (!address.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return NetworkInterface.getByInetAddress(InetAddress.getByName(address)) != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static int usage(String message) {
        System.err.println("distreboot: " + message);
        return 2;
    }

    /** The product's command, as the checkout's ./distreboot runs it: the demo's daemons use it. */
    private static Path launcher() {
        String launcher = System.getProperty("distreboot.launcher");
        if (launcher == null) {
            throw new IllegalStateException("run the demo with ./distreboot --demo");
        }
        return Path.of(launcher);
    }

    /** This jar, which also carries the Temporal test server. */
    private static String ownJar() throws Exception {
        return Path.of(DevkitMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
