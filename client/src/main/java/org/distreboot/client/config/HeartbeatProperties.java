package org.distreboot.client.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import org.distreboot.workflow.Durations;

/** How often this node's heartbeat is posted (heartbeat.interval), how long it stays fresh (ttl), when it goes (purge). */
@ConfigurationProperties("distreboot.heartbeat")
public record HeartbeatProperties(Duration interval, Duration ttl, Duration purge) {

    public HeartbeatProperties {
        if (ttl.compareTo(interval) <= 0) {
            throw new PropertyProblem("heartbeat.ttl (" + Durations.format(ttl) + ") must be longer than"
                    + " heartbeat.interval (" + Durations.format(interval) + ")", "");
        }
    }

    /** How long mastercmd or healthcmd may run in the heartbeat loop: never longer than a beat. */
    public Duration checkTimeout() {
        return interval;
    }
}
