package org.distreboot.devkit;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * `./distreboot --dev-server`: a Temporal service (the real dev server of the temporal CLI when
 * there is one, with its Web UI; else the embedded test server) and a PostgreSQL in the
 * foreground, with the properties that daemons and the command line need to use them. Ctrl-C
 * stops both and deletes their files.
 */
final class DevServer {
    private final String temporalClasspath;
    private final Path temporalCli;
    private final PrintWriter out;

    /** @param temporalCli the temporal CLI whose dev server to run, or null for the embedded test server */
    DevServer(String temporalClasspath, Path temporalCli, PrintWriter out) {
        this.temporalClasspath = temporalClasspath;
        this.temporalCli = temporalCli;
        this.out = out;
    }

    /** Runs until Ctrl-C, every service listening on {@code address} only. */
    int run(String address, int port) throws Exception {
        Path home = Files.createTempDirectory("distreboot-dev-");
        CountDownLatch stopped = new CountDownLatch(1);
        TemporalService temporal = temporalCli == null
                ? TemporalTestServer.at(temporalClasspath, home.resolve("temporal.log"), address, port)
                : TemporalDevServer.at(temporalCli, home.resolve("temporal"), address, port);
        LocalPostgres postgres = LocalPostgres.at(home.resolve("postgres"), address, TemporalTestServer.freePort());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            temporal.close();
            postgres.close();
            LocalCluster.deleteTree(home);
            stopped.countDown();
        }, "dev-server-stop"));
        temporal.start();
        postgres.start().createDatabase("distreboot");
        out.println("distreboot dev server: " + temporal.description() + " and PostgreSQL are up on " + address
                + " only (Ctrl-C stops both).");
        if (!address.equals("127.0.0.1")) {
            out.println("Whoever reaches " + address + " can use both without a password or TLS: a trial network only.");
        }
        temporal.ui().ifPresentOrElse(ui -> out.println("Temporal Web UI: " + ui),
                () -> out.println("(no Web UI on the test server; for one, put the temporal CLI on the PATH or name it"
                        + " with --temporal=PATH: " + TemporalDevServer.PINNED + ")"));
        out.println("Put these in each node's distreboot.properties (with node=, rundir=, bootidfile=, commands):");
        out.println();
        out.println("temporal.target=" + temporal.target());
        temporal.ui().ifPresent(ui -> out.println("temporal.ui=" + ui));
        out.println("db.url=" + postgres.jdbcUrl("distreboot"));
        out.println("db.user=" + postgres.user());
        out.println("require-root=false");
        out.println();
        out.println("The data lives in " + home + " as long as this process.");
        out.flush();
        stopped.await();
        return 0;
    }
}
