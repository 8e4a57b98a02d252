package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A rolling restart of Redis under Sentinel, live on 127.0.0.1: three nodes, each with a Redis
 * and a Sentinel; a node's "reboot" stops both and starts them again. A Sentinel-aware client
 * writes every 10 ms all along. Redis requires a password, as it should in production: the
 * recipes read it from their REDIS_AUTH_FILE, and no process's command line shows it.
 */
class RedisSentinelRollingRestartSystemIT {
    private static final String PASSWORD = "s3cret-for-redis-only";

    @Test
    void givenRedisUnderSentinel_theMasterIsRestartedLast_afterOneFailover_andNoAcknowledgedWriteIsLost()
            throws Exception {
        SystemTools.require("redis-server", "apt-get install redis-server");
        SystemTools.require("redis-sentinel", "apt-get install redis-sentinel");
        SystemTools.require("redis-cli", "apt-get install redis-tools");
        CommandLineWatch watch = CommandLineWatch.of(PASSWORD);
        try {
            LeastDisruption.check(new RedisSentinels(PASSWORD));
        } finally {
            watch.close();
        }
        assertThat(watch.scans()).as("looks at every process during the run").isGreaterThan(100);
        assertThat(watch.seen()).as("command lines that showed Redis's password").isEmpty();
    }
}
