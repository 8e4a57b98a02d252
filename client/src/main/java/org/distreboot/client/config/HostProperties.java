package org.distreboot.client.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;
import java.util.Optional;
import org.distreboot.db.Names;

/**
 * This host in its cluster (cluster, node, topology, topologycmd) and its files (bootidfile,
 * machineidfile, rundir), and whether it must run as root (require-root).
 */
@ConfigurationProperties("distreboot")
public record HostProperties(String cluster, String node, Optional<String> topology, Optional<String> topologycmd,
                             Path bootidfile, Path machineidfile, Path rundir, boolean requireRoot) {

    public HostProperties {
        name("cluster", cluster);
        name("node", node);
        topology.ifPresent(group -> name("topology", group));
    }

    private static void name(String key, String name) {
        try {
            Names.require(key, name);
        } catch (IllegalArgumentException e) {
            throw PropertyProblem.badValue(key, e.getMessage());
        }
    }
}
