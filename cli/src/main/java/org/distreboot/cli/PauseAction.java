package org.distreboot.cli;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.PrintWriter;
import org.distreboot.client.Cluster;
import org.distreboot.client.CommandFailure;
import org.distreboot.client.Operator;
import org.distreboot.client.RunView;
import org.distreboot.client.config.Settings;
import org.distreboot.workflow.commands.PauseRequest;
import org.distreboot.workflow.commands.ResumeRequest;
import org.distreboot.workflow.values.Pause;
import org.distreboot.workflow.values.RebootStatus;

/** `distreboot --pause` and `--resume`: the node in flight finishes, then no node starts until resumed. */
@Singleton
final class PauseAction {
    private final Cluster.Connector clusters;

    @Inject
    PauseAction(Cluster.Connector clusters) {
        this.clusters = clusters;
    }

    int run(Settings settings, boolean pause, PrintWriter out) {
        try (Cluster cluster = clusters.connect(settings)) {
            RunView run = cluster.run();
            String what = pause ? "pause" : "resume";
            if (!run.inProgress()) {
                throw CommandFailure.refused("no distributed reboot of cluster " + settings.cluster()
                        + " is in progress: nothing to " + what);
            }
            RebootStatus status = run.status(); // null while the run is starting: nothing known of it yet
            Pause paused = status == null ? null : status.paused();
            if (pause && paused != null) {
                out.println("the distributed reboot of cluster " + settings.cluster() + " is paused already, by "
                        + paused.by() + " at " + paused.at() + "; distreboot --resume goes on");
                return 0;
            }
            if (!pause && paused == null && status != null) {
                throw CommandFailure.refused("the distributed reboot of cluster " + settings.cluster()
                        + " is not paused: nothing to resume");
            }
            if (pause) {
                cluster.pause(new PauseRequest(Operator.name(), null));
                String current = status == null ? null : status.current();
                out.println("pause requested: no further node of cluster " + settings.cluster() + " starts until"
                        + " distreboot --resume" + (current == null ? "" : "; " + current + " finishes its turn first"));
            } else {
                cluster.resume(new ResumeRequest(Operator.name()));
                out.println("resume requested: the distributed reboot of cluster " + settings.cluster() + " goes on");
            }
            return 0;
        }
    }
}
