package org.distreboot.devkit;

import org.junit.jupiter.api.Test;

/**
 * A rolling restart of PostgreSQL under Patroni, live on 127.0.0.1: three members, their store a
 * one-member etcd; a node's "reboot" stops its Patroni (and so its PostgreSQL) and starts it again.
 * A client connected to whichever host is the primary inserts a row every 10 ms all along.
 */
class PatroniRollingRestartSystemIT {

    @Test
    void givenPostgresUnderPatroni_thePrimaryIsRestartedLast_afterOneSwitchover_andNoCommittedRowIsLost()
            throws Exception {
        SystemTools.require("patroni", "apt-get install patroni (it brings PostgreSQL 15)");
        SystemTools.require("etcd", "apt-get install etcd-server");
        LeastDisruption.check(new PatroniMembers());
    }
}
