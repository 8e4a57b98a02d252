package org.distreboot.devkit;

import java.util.List;

/**
 * Where a local cluster's processes live: the address its services (PostgreSQL, Temporal)
 * listen on, and how a program is started on a node's host. On one machine that is loopback and
 * nothing; the system suite gives each node a network namespace of its own.
 */
public interface Hosts {

    /** The address PostgreSQL and Temporal listen on, and that every node reaches them by. */
    String servicesAddress();

    /** What to put before a command to run it on {@code node}'s host (empty: this host). */
    List<String> on(String node);

    /** Every node on this host, the services on 127.0.0.1. */
    static Hosts loopback() {
        return new Hosts() {
            @Override
            public String servicesAddress() {
                return "127.0.0.1";
            }

            @Override
            public List<String> on(String node) {
                return List.of();
            }
        };
    }
}
