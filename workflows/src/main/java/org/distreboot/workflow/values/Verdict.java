package org.distreboot.workflow.values;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What one look at the heartbeats of a run's members found, in a few lines whatever the size of
 * the cluster: what keeps it from being whole (the first few, and how many more), whether a
 * node name is claimed by two hosts, the master, and (after a reboot) the node's new boot id.
 *
 * In history only what differs from a whole cluster's verdict is written: one a node at every step.
 *
 * @param blockers     at most {@link #SHOWN} reasons, in node order; empty when the cluster is whole
 * @param moreBlockers how many reasons beyond those
 * @param master       the one member that says it is master, else null
 * @param bootId       the boot id the rebooted node runs now, when the look came from it, else null
 * @param next         the node the run means to take next, as the look was told
 * @param nextBootId   the boot id in that node's heartbeat, when it is fresh and posted by one host, else
 *                     null: the boot its daemon runs, since a reboot ends the daemon that posted it
 * @param masters      in a cluster of quorum groups, each group's master (one a group), by name; else empty
 * @param sentinelAgain the rebooted node is back and its heartbeat says its reboot-required sentinel is
 *                     there again
 * @param commands     from a rejoin: the commands of the node's turn (draincmd, rebootcmd, healthcmd), for
 *                     the operator; the workflow decides nothing by them
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record Verdict(List<String> blockers, int moreBlockers, boolean claimedTwice,
                      String master, String bootId, String next, String nextBootId, List<String> masters,
                      boolean sentinelAgain, List<CommandRun> commands) {
    public static final int SHOWN = 5;

    public Verdict {
        blockers = blockers == null ? List.of() : List.copyOf(blockers);
        masters = masters == null ? List.of() : List.copyOf(masters);
        commands = commands == null ? List.of() : List.copyOf(commands);
    }

    public Verdict(List<String> blockers, int moreBlockers, boolean claimedTwice, String master, String bootId,
                   String next, String nextBootId, List<String> masters, boolean sentinelAgain) {
        this(blockers, moreBlockers, claimedTwice, master, bootId, next, nextBootId, masters, sentinelAgain,
                List.of());
    }

    public Verdict(List<String> blockers, int moreBlockers, boolean claimedTwice,
                   String master, String bootId, String next, String nextBootId) {
        this(blockers, moreBlockers, claimedTwice, master, bootId, next, nextBootId, List.of(), false);
    }

    public boolean whole() {
        return blockers.isEmpty();
    }

    /** Every master the look found: each group's, or the cluster's one. */
    public List<String> allMasters() {
        return masters.isEmpty() && master != null ? List.of(master) : masters;
    }

    /** Every reason shown, in one line, and how many more there are. */
    public String why() {
        return String.join("; ", blockers) + (moreBlockers == 0 ? "" : "; and " + moreBlockers + " more");
    }

    public Verdict withBootId(String newBootId) {
        return new Verdict(blockers, moreBlockers, claimedTwice, master, newBootId, next, nextBootId, masters,
                sentinelAgain, commands);
    }

    public Verdict withCommands(List<CommandRun> turn) {
        return new Verdict(blockers, moreBlockers, claimedTwice, master, bootId, next, nextBootId, masters,
                sentinelAgain, turn);
    }
}
