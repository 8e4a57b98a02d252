package org.distreboot.client.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** How a run goes (reboot.*): how long a node may take, how many may fail, how many at once, the waits. */
@ConfigurationProperties("distreboot.reboot")
public record RebootProperties(Duration timeout, @AtLeast(0) int maxFailed, @AtLeast(1) int parallel,
                               @MayBeZero Duration grace, @MayBeZero Duration settle) {
}
