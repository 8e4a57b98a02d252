package org.distreboot.cli.local;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.distreboot.db.EmbeddedPostgres;

/**
 * `distreboot --dev-server`: the embedded Temporal service and PostgreSQL in the foreground,
 * with the properties that daemons and the command line need to use them. Ctrl-C stops both.
 */
public final class DevServer {
    private final Path jar;
    private final PrintWriter out;

    public DevServer(Path jar, PrintWriter out) {
        this.jar = jar;
        this.out = out;
    }

    public int run(int port) throws Exception {
        Path logs = Files.createTempDirectory("distreboot-dev-");
        CountDownLatch stopped = new CountDownLatch(1);
        try (TemporalTestServer temporal = TemporalTestServer.start(jar.toString(), logs.resolve("temporal.log"), port);
             EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
            postgres.createDatabase("distreboot");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                temporal.close();
                postgres.close();
                LocalCluster.deleteTree(logs);
                stopped.countDown();
            }, "dev-server-stop"));
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
        }
        return 0;
    }
}
