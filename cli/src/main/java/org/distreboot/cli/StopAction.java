package org.distreboot.cli;

import jakarta.inject.Singleton;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.distreboot.client.CommandFailure;
import org.distreboot.client.RunDir;
import org.distreboot.client.config.Settings;

/** `distreboot --stop`: SIGTERM to this node's daemon, then wait until it has exited. */
@Singleton
final class StopAction {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    int run(Settings settings, PrintWriter out) {
        long pid = RunDir.runningPid(settings.host().rundir()).orElseThrow(() -> CommandFailure.refused(
                "no distreboot daemon runs here (rundir " + settings.host().rundir() + ")"));
        Optional<ProcessHandle> daemon = ProcessHandle.of(pid);
        if (daemon.isEmpty()) {
            throw CommandFailure.refused("no distreboot daemon runs here (pid " + pid + " is gone)");
        }
        daemon.get().destroy();
        try {
            daemon.get().onExit().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw CommandFailure.refused("the daemon (pid " + pid + ") has not exited after " + PATIENCE.toSeconds()
                    + "s; look at its log");
        }
        out.println("distreboot daemon stopped (pid " + pid + ")");
        return 0;
    }
}
