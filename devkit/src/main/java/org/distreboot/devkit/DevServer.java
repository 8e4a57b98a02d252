package org.distreboot.devkit;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * `./distreboot --dev-server`: the Temporal test service and a PostgreSQL in the foreground,
 * with the properties that daemons and the command line need to use them. Ctrl-C stops both
 * and deletes their files.
 */
final class DevServer {
    private final String temporalClasspath;
    private final PrintWriter out;

    DevServer(String temporalClasspath, PrintWriter out) {
        this.temporalClasspath = temporalClasspath;
        this.out = out;
    }

    int run(int port) throws Exception {
        Path home = Files.createTempDirectory("distreboot-dev-");
        CountDownLatch stopped = new CountDownLatch(1);
        TemporalTestServer temporal = TemporalTestServer.at(temporalClasspath, home.resolve("temporal.log"), port);
        LocalPostgres postgres = LocalPostgres.at(home.resolve("postgres"), TemporalTestServer.freePort());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            temporal.close();
            postgres.close();
            LocalCluster.deleteTree(home);
            stopped.countDown();
        }, "dev-server-stop"));
        temporal.start();
        postgres.start().createDatabase("distreboot");
        out.println("distreboot dev server: Temporal test service and PostgreSQL are up (Ctrl-C stops both).");
        out.println("Put these in each node's distreboot.properties (with node=, rundir=, bootidfile=, commands):");
        out.println();
        out.println("temporal.target=" + temporal.target());
        out.println("db.url=" + postgres.jdbcUrl("distreboot"));
        out.println("db.user=" + postgres.user());
        out.println("require-root=false");
        out.println();
        out.println("The data lives only as long as this process.");
        out.flush();
        stopped.await();
        return 0;
    }
}
