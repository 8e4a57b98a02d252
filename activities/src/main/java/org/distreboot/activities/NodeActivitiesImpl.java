package org.distreboot.activities;

import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;
import org.distreboot.workflow.legacy.LegacyNodeActivities;
import org.distreboot.workflow.values.Look;
import org.distreboot.workflow.values.RebootOutcome;
import org.distreboot.workflow.values.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The activities that touch this machine. Each one first makes sure no other host posts as
 * this node (else the boot id could be read on one host and rebootcmd run on the other), then
 * compares the boot id with the one the workflow recorded before the reboot: that check is
 * what makes every retry safe.
 */
public final class NodeActivitiesImpl implements LegacyNodeActivities {
    private static final Logger log = LoggerFactory.getLogger(NodeActivitiesImpl.class);

    private final String node;
    private final BootIdSource bootIds;
    private final Blocker blocker;
    private final Drainer drainer;
    private final Rebooter rebooter;
    private final HealthCheck health;
    private final NodeClaim claim;
    private final ClusterLook cluster;
    private final TurnCommands turns;

    public NodeActivitiesImpl(String node, BootIdSource bootIds, Drainer drainer, Rebooter rebooter,
                              HealthCheck health, NodeClaim claim, ClusterLook cluster) {
        this(node, bootIds, Blocker.NONE, drainer, rebooter, health, claim, cluster, TurnCommands.NONE);
    }

    /** With {@code turns}, a rejoin's result tells the commands of the node's turn. */
    public NodeActivitiesImpl(String node, BootIdSource bootIds, Blocker blocker, Drainer drainer, Rebooter rebooter,
                              HealthCheck health, NodeClaim claim, ClusterLook cluster, TurnCommands turns) {
        this.turns = turns;
        this.blocker = blocker;
        this.node = node;
        this.claim = claim;
        this.cluster = cluster;
        this.bootIds = bootIds;
        this.drainer = drainer;
        this.rebooter = rebooter;
        this.health = health;
    }

    /** Idempotent: it only reads. */
    @Override
    public String bootId() {
        refuseIfClaimedTwice();
        return bootIds.current();
    }

    /**
     * Exactly one reboot: draincmd (which must bear running twice) and rebootcmd each run only while
     * the node still runs the boot recorded before; a retry on the new boot does nothing.
     */
    @Override
    public RebootOutcome drainAndReboot(String bootIdBefore) {
        if (bootIds.current().equals(bootIdBefore)) {
            blocker.whyBlocked().ifPresent(why -> {
                log.info("{} blocked, nothing touched: {}", node, why);
                throw ApplicationFailure.newNonRetryableFailure(why, BLOCKED);
            });
        }
        drain(bootIdBefore);
        return Heartbeating.during(() -> reboot(bootIdBefore));
    }

    /**
     * Idempotent: it only looks (boot id, healthcmd, heartbeats), and fails until the node is back.
     * It heartbeats from its first step: on a machine just booted, the first query and command of a
     * new daemon may take seconds, and an attempt silent for the heartbeat timeout would be retried.
     */
    @Override
    public Verdict rejoin(Look look) {
        String workflowId = Activity.getExecutionContext().getInfo().getWorkflowId();
        return Heartbeating.during(() -> {
            String current = awaitRejoin(look.bootIdBefore());
            return cluster.look(look).withBootId(current).withCommands(turns.turn(workflowId, look.bootIdBefore(),
                    current));
        });
    }

    /** Idempotent: skipped once the node has rebooted; draincmd itself must bear running twice. */
    @Override
    public void drain(String bootIdBefore) {
        refuseIfClaimedTwice();
        if (!bootIds.current().equals(bootIdBefore)) {
            log.info("{} already rebooted; nothing to drain", node);
            return;
        }
        log.info("draining {}", node);
        try {
            drainer.drain(() -> Activity.getExecutionContext().heartbeat(null));
        } catch (CommandFailedException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), DRAIN_FAILED);
        }
    }

    /** Exactly once: rebootcmd runs only while the node still runs the boot recorded before. */
    @Override
    public RebootOutcome reboot(String bootIdBefore) {
        refuseIfClaimedTwice();
        String current = bootIds.current();
        if (!current.equals(bootIdBefore)) {
            log.info("{} already runs boot {} (was {}): not rebooting again", node, current, bootIdBefore);
            return RebootOutcome.ALREADY_REBOOTED;
        }
        log.info("rebooting {} (boot {})", node, current);
        try {
            RebootOutcome outcome = rebooter.reboot(bootIdBefore);
            if (outcome == RebootOutcome.ALREADY_REBOOTED) {
                log.info("{} runs another boot than {} by now: not rebooting again", node, bootIdBefore);
            }
            return outcome;
        } catch (CommandFailedException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), REBOOT_FAILED);
        }
    }

    /** Idempotent: it only looks (boot id, healthcmd), and fails until the node is back. */
    @Override
    public String awaitRejoin(String bootIdBefore) {
        refuseIfClaimedTwice();
        String current = bootIds.current();
        if (current.equals(bootIdBefore)) {
            throw ApplicationFailure.newFailure(node + " still runs boot " + current + ": not rebooted yet",
                    NOT_REBOOTED);
        }
        Optional<String> problem = Heartbeating.during(health::whyNotHealthy);
        if (problem.isPresent()) {
            throw ApplicationFailure.newFailure(node + " is back on boot " + current + " but " + problem.get(),
                    NOT_HEALTHY);
        }
        log.info("{} rejoined on boot {}", node, current);
        return current;
    }

    private void refuseIfClaimedTwice() {
        claim.claimedTwice().ifPresent(hosts -> {
            log.warn("{} is claimed by two hosts, {}: not touching this machine", node, hosts);
            throw ApplicationFailure.newFailure(node + " is claimed by two hosts, " + hosts
                    + ": nothing done on either", CLAIMED_TWICE);
        });
    }
}
