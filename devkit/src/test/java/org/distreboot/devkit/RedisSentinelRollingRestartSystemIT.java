package org.distreboot.devkit;

import org.junit.jupiter.api.Test;

/**
 * A rolling restart of Redis under Sentinel, live on 127.0.0.1: three nodes, each with a Redis
 * and a Sentinel; a node's "reboot" stops both and starts them again. A Sentinel-aware client
 * writes every 10 ms all along.
 */
class RedisSentinelRollingRestartSystemIT {

    @Test
    void givenRedisUnderSentinel_theMasterIsRestartedLast_afterOneFailover_andNoAcknowledgedWriteIsLost()
            throws Exception {
        SystemTools.require("redis-server", "apt-get install redis-server");
        SystemTools.require("redis-sentinel", "apt-get install redis-sentinel");
        SystemTools.require("redis-cli", "apt-get install redis-tools");
        LeastDisruption.check("redis", new RedisSentinels(), "redis-sentinel");
    }
}
