package org.distreboot.worker;

import java.util.Optional;
import org.distreboot.activities.CommandTopology;
import org.distreboot.client.config.ConfigException;
import org.distreboot.client.config.Settings;

/**
 * This node's quorum group, as its daemon starts: the topology property, or what topologycmd
 * prints, or none (the cluster is one group). A topologycmd that fails stops the daemon: a node
 * counted in the wrong group could go down beside a member of its own.
 */
final class NodeTopology {
    private NodeTopology() {
    }

    static Optional<String> of(Settings settings) {
        if (settings.host().topology().isPresent()) {
            return settings.host().topology();
        }
        try {
            return settings.host().topologycmd().map(command -> new CommandTopology(command, settings.heartbeat().checkTimeout())
                    .group());
        } catch (IllegalStateException e) {
            throw new ConfigException(e.getMessage() + " (set in " + (settings.source() == null
                    ? "distreboot.properties" : settings.source()) + "); the daemon does not start without its group");
        }
    }
}
