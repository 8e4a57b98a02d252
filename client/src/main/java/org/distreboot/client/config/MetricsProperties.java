package org.distreboot.client.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.net.InetSocketAddress;
import java.util.Optional;

/** Where the daemon serves Prometheus metrics (metrics.listen); none unless set. */
@ConfigurationProperties("distreboot.metrics")
public record MetricsProperties(Optional<InetSocketAddress> listen) {
}
