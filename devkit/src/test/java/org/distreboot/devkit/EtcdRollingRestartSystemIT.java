package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A rolling restart of a live 3-member etcd cluster on 127.0.0.1: a member's "reboot" restarts
 * that member and its distreboot daemon with a new boot id, while a writer puts keys all along.
 */
class EtcdRollingRestartSystemIT {

    @Test
    void givenLiveEtcdCluster_theLeaderIsRestartedLast_eachMemberOnce_andNoWriteIsLost() throws Exception {
        SystemTools.require("etcd", "apt-get install etcd-server");
        SystemTools.require("etcdctl", "apt-get install etcd-client");
        EtcdRollingRestart.Result result = EtcdRollingRestart.run("etcd", true);

        assertThat(result.rebootOrder()).hasSize(3).containsExactlyInAnyOrder("node-a", "node-b", "node-c");
        assertThat(result.rebootOrder().get(2)).as("the member that led when the run started goes last")
                .isEqualTo(result.initialLeader());
        assertThat(result.failures()).as("writes that failed even after a %d ms client retry",
                EtcdWriter.RETRY_BUDGET_MILLIS).isZero();
        assertThat(result.written()).isPositive();
        assertThat(result.keysInEtcd()).as("every key written reads back").isEqualTo(result.written());
        assertThat(result.leaderChanges()).as("leaders seen: %s", result.leaders()).isEqualTo(1);
        assertThat(result.leaderMovedBeforeItsReboot()).as("draincmd handed leadership over before the reboot")
                .isTrue();
        System.out.println("etcd rolling restart: " + result);
    }
}
