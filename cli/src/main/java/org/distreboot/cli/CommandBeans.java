package org.distreboot.cli;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.distreboot.client.Cluster;
import org.distreboot.client.ClusterClient;

/** The command's beans that are not its own classes: how it reaches the cluster. */
@Factory
final class CommandBeans {

    /** The cluster of the properties read, over PostgreSQL and Temporal; a test puts its own in place. */
    @Singleton
    Cluster.Connector clusters() {
        return ClusterClient::new;
    }
}
