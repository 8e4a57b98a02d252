package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A rolling restart of a live 3-member etcd cluster on 127.0.0.1: a member's "reboot" restarts
 * that member and its distreboot daemon with a new boot id, while a client writes all along.
 */
class EtcdRollingRestartSystemIT {

    @Test
    void givenLiveEtcdCluster_theLeaderIsRestartedLast_eachMemberOnce_andNoWriteIsLost() throws Exception {
        SystemTools.require("etcd", "apt-get install etcd-server");
        SystemTools.require("etcdctl", "apt-get install etcd-client");
        RollingRestart.Result result = LeastDisruption.check(new EtcdMembers());

        // etcd's leader moves in well under a second: not one write waits out the client's retry.
        assertThat(result.givenUp()).as("writes that failed even after a %d ms client retry",
                QuorumWriter.RETRY_BUDGET_MILLIS).isZero();
    }
}
