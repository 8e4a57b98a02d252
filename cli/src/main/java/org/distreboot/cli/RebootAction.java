package org.distreboot.cli;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.PrintWriter;
import org.distreboot.client.Cluster;
import org.distreboot.client.CommandFailure;
import org.distreboot.client.DryRunReport;
import org.distreboot.client.Operator;
import org.distreboot.client.Reports;
import org.distreboot.client.RunPage;
import org.distreboot.client.config.Settings;
import org.distreboot.workflow.Durations;
import org.distreboot.workflow.RunSearch;
import org.distreboot.workflow.values.RebootRequest;

/**
 * `distreboot --reboot [--all]`: nothing started when no node needs a reboot; refused unless the
 * preconditions hold and no run is in progress; else started.
 */
@Singleton
final class RebootAction {
    private final Cluster.Connector clusters;

    @Inject
    RebootAction(Cluster.Connector clusters) {
        this.clusters = clusters;
    }

    int run(Settings settings, boolean all, PrintWriter out, PrintWriter err) {
        try (Cluster cluster = clusters.connect(settings)) {
            DryRunReport plan = Reports.dryRun(settings, cluster.heartbeats(), cluster.run(), all);
            if (plan.nothingToReboot()) {
                out.println("nothing to reboot in cluster " + settings.cluster() + ": no node has its reboot-required"
                        + " sentinel; distreboot --reboot --all reboots every node");
                return 0;
            }
            if (!plan.wouldStart()) {
                plan.blockers().forEach(blocker -> err.println("distreboot: refused: " + blocker));
                return CommandFailure.REFUSED;
            }
            String order = String.join(" -> ", plan.order());
            String by = Operator.name();
            String steps = plan.inBatches() ? batches(plan) : order;
            boolean searchable = cluster.start(RebootRequest.of(settings.cluster(), by, settings.reboot().timeout())
                            .withParallel(settings.reboot().parallel())
                            .withHolds(settings.reboot().grace(), settings.reboot().settle())
                            .withWindow(settings.window().rebootWindow().orElse(null))
                            .withAll(all).withMaxFailed(settings.reboot().maxFailed())
                            .withNotices(settings.notifications().url().isPresent()),
                    "Reboot cluster " + settings.cluster() + ", " + plan.order().size() + " nodes, "
                            + (plan.inBatches() ? "in batches, each group's master last: " : "master last: ")
                            + steps + " (requested by " + by + ")",
                    details(settings, plan, by));
            out.println("distributed reboot of cluster " + settings.cluster() + " started: " + steps);
            if (!plan.skipped().isEmpty()) {
                out.println("skipped, no reboot-required sentinel (--all reboots them too): "
                        + String.join(", ", plan.skipped()));
            }
            if (plan.windowOpensAt() != null) {
                out.println("outside the reboot window " + plan.window() + " (window.*): the first node's turn when"
                        + " it opens, at " + plan.windowOpensAt());
            }
            if (plan.grace() != null) {
                out.println("the first node's turn in " + plan.grace() + " (reboot.grace): distreboot --cancel"
                        + nodeOption(settings) + " before then reboots nothing");
            }
            out.println("follow it:  distreboot" + nodeOption(settings));
            out.println("stop it:    distreboot --cancel" + nodeOption(settings));
            if (!searchable) {
                out.println("note: Temporal namespace " + settings.temporal().namespace() + " lacks distreboot's search"
                        + " attributes, so runs cannot be filtered by cluster, phase or node; register them once: "
                        + RunSearch.createCommand(settings.temporal().namespace(), RunSearch.KEYS));
            }
            RunPage.of(settings).ifPresent(page -> out.println("Temporal UI: " + page));
            return 0;
        }
    }

    /** The run's static details in the Temporal UI: what was asked, by whom, and how to act on it. */
    private static String details(Settings settings, DryRunReport plan, String by) {
        return "**cluster " + settings.cluster() + "**: " + plan.order().size() + " nodes, "
                + (plan.inBatches() ? "at most " + plan.parallel() + " at once, one of a topology group, each group's"
                + " master last\n\nbatches as planned: " + batches(plan).replace(" -> ", " → ")
                : "one at a time, the master last\n\norder as planned: " + String.join(" → ", plan.order()))
                + (plan.master() == null ? "" : " (master: " + plan.master() + ")")
                + (plan.skipped().isEmpty() ? "" : "; " + plan.skipped().size()
                + " more skipped, their reboot-required sentinel not there")
                + (plan.maxFailed() == 0 ? "" : "; reboot.max-failed " + plan.maxFailed())
                + "\n\nrequested by " + by + ", reboot.timeout " + Durations.format(settings.reboot().timeout())
                + (plan.grace() == null ? "" : ", reboot.grace " + plan.grace())
                + (plan.settle() == null ? "" : ", reboot.settle " + plan.settle())
                + (plan.window() == null ? "" : ", reboot window " + plan.window())
                + "\n\nfollow: `distreboot` · cancel: `distreboot --cancel` · drop a dead node: `distreboot --drop=NODE`";
    }

    /** "a-1 + b-2 -> a-3 + b-3": the batches as planned. */
    private static String batches(DryRunReport plan) {
        return String.join(" -> ", plan.batches().stream().map(batch -> String.join(" + ", batch)).toList());
    }

    private static String nodeOption(Settings settings) {
        return settings.source() == null || settings.source().getParent() == null
                || settings.source().getParent().toString().matches("/(usr/local/)?etc")
                ? "" : " --node=" + settings.source().getParent();
    }
}
