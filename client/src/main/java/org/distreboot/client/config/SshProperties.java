package org.distreboot.client.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.distreboot.db.Names;

/**
 * The nodes this daemon serves over ssh (ssh.*), when they cannot run a daemon of their own: their
 * names and addresses (ssh.nodes), how each is reached ({@code ssh.target}, {@code {}} being the
 * node's address, as in cstarpar), the one known-hosts file trusted and the key used, and how long
 * ssh may take to connect and to answer a look. With none, this daemon serves its own node.
 */
@ConfigurationProperties("distreboot.ssh")
public record SshProperties(Optional<String> nodes, String target, Path knownhosts, Path key, Duration timeout) {

    public SshProperties {
        if (!target.contains("{}")) {
            throw PropertyProblem.badValue("ssh.target", "'" + target + "' has no {} for the node's address (as "
                    + PropertyKey.SSH_TARGET.fallback + " or root@{})");
        }
        absolute("ssh.knownhosts", knownhosts);
        absolute("ssh.key", key);
        served(nodes);
    }

    private static void absolute(String key, Path file) {
        if (!file.isAbsolute()) {
            throw PropertyProblem.badValue(key, "'" + file + "' is not an absolute path");
        }
    }

    /** The nodes served over ssh, in the order written; empty when this daemon serves its own node. */
    public List<SshNode> served() {
        return served(nodes);
    }

    /** Whether this daemon is a control host's: it serves nodes over ssh, and no node of its own. */
    public boolean overSsh() {
        return !served().isEmpty();
    }

    /** Where ssh connects for {@code node}: the target with {@code {}} made its address. */
    public String destination(SshNode node) {
        return target.replace("{}", node.address());
    }

    private static List<SshNode> served(Optional<String> nodes) {
        List<SshNode> served = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String entry : nodes.map(list -> list.split(",")).orElse(new String[0])) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.strip().split("=", 2);
            String name = parts[0].strip();
            String address = parts.length == 2 ? parts[1].strip() : name;
            try {
                Names.require("node", name);
            } catch (IllegalArgumentException e) {
                throw PropertyProblem.badValue("ssh.nodes", e.getMessage() + " (each entry NAME or NAME=ADDRESS)");
            }
            if (!address.matches("[A-Za-z0-9.:_\\[\\]-]+")) {
                throw PropertyProblem.badValue("ssh.nodes", "'" + address + "' is not an address for " + name
                        + " (a host name or an IP address)");
            }
            if (!names.add(name)) {
                throw PropertyProblem.badValue("ssh.nodes", name + " is named twice");
            }
            served.add(new SshNode(name, address));
        }
        return List.copyOf(served);
    }

    /** A node served over ssh: its name in the cluster, and the address {@code {}} stands for. */
    public record SshNode(String name, String address) {
    }
}
