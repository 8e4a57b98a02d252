package org.distreboot.cli;

import java.io.PrintWriter;
import org.distreboot.worker.config.Settings;
import org.distreboot.workflow.TaskQueues;
import org.distreboot.workflow.values.RebootRequest;

/** `distreboot --reboot`: refused unless the preconditions hold and no run is in progress; else started. */
final class RebootAction {

    int run(Settings settings, PrintWriter out, PrintWriter err) {
        try (ClusterClient cluster = new ClusterClient(settings)) {
            DryRunReport plan = Reports.dryRun(settings.cluster(), cluster.heartbeats(), cluster.run());
            if (!plan.wouldStart()) {
                plan.blockers().forEach(blocker -> err.println("distreboot: refused: " + blocker));
                return CommandFailure.REFUSED;
            }
            String order = String.join(" -> ", plan.order());
            cluster.start(RebootRequest.of(settings.cluster(), Operator.name(), settings.rebootTimeout()),
                    "Reboot cluster " + settings.cluster() + ", " + plan.order().size() + " nodes, master last: "
                            + order + " (requested by " + Operator.name() + ")");
            out.println("distributed reboot of cluster " + settings.cluster() + " started: " + order);
            out.println("follow it:  distreboot" + nodeOption(settings));
            out.println("stop it:    distreboot --cancel" + nodeOption(settings));
            settings.temporalUi().ifPresent(ui -> out.println("Temporal UI: " + ui.replaceAll("/+$", "")
                    + "/namespaces/" + settings.temporalNamespace() + "/workflows/"
                    + TaskQueues.workflowId(settings.cluster())));
            return 0;
        }
    }

    private static String nodeOption(Settings settings) {
        return settings.source() == null || settings.source().getParent() == null
                || settings.source().getParent().toString().matches("/(usr/local/)?etc")
                ? "" : " --node=" + settings.source().getParent();
    }
}
