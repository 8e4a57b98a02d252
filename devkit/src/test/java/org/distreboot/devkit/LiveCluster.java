package org.distreboot.devkit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real quorum cluster on this machine (etcd, PostgreSQL under Patroni, Redis under Sentinel),
 * one member per node of a {@link LocalCluster}: each member is its node's service, stopped and
 * started by the node's simulated reboots, and each node's distreboot uses the system's recipes.
 */
interface LiveCluster {

    /** The name the benchmark prints: etcd, patroni, redis. */
    String system();

    /** Its recipes' directory under recipes/: etcd, patroni, redis-sentinel. */
    default String recipes() {
        return system();
    }

    /**
     * Writes every member's start and stop scripts (through {@link #service}) and points the
     * nodes' commands at the recipes; without {@code drain}, no draincmd: the leader just goes.
     */
    void configure(LocalCluster cluster, Path recipes, boolean drain) throws IOException;

    /**
     * The heartbeat interval its nodes need: mastercmd and healthcmd must answer within a beat
     * (a second, unless the recipes take longer on a loaded machine).
     */
    default Duration heartbeat() {
        return Duration.ofSeconds(1);
    }

    /** Starts every member (as the nodes' first boot) and waits until the cluster serves writes. */
    void startAll(Duration patience) throws Exception;

    /** The node whose member leads now, as the members that answer say. */
    Optional<String> leader();

    /** A client as an application has one: it finds the leader by itself, again after a failure. */
    Client client() throws IOException;

    /** Of the {@code acknowledged} keys, those the cluster does not hold now. */
    List<Integer> missing(List<Integer> acknowledged) throws Exception;

    /** Writes key after key, each tried once per call. */
    interface Client extends AutoCloseable {
        /** One attempt to write key {@code n}: true when the cluster acknowledged it. */
        boolean write(int n);

        @Override
        void close();
    }

    /**
     * Makes {@code start} and {@code stop} {@code node}'s service, logging when it was started,
     * told to stop and gone (service-up.log, service-stopping.log, service-down.log).
     */
    static void service(LocalCluster cluster, String node, String start, String stop) throws IOException {
        Path dir = cluster.dir(node);
        cluster.setService(node,
                "echo \"$(date +%s%3N)\" >> " + dir.resolve("service-up.log") + "\n" + start,
                "echo \"$(date +%s%3N)\" >> " + dir.resolve("service-stopping.log") + "\n" + stop + "\n"
                        + "echo \"$(date +%s%3N)\" >> " + dir.resolve("service-down.log"));
    }

    /**
     * Points {@code node}'s mastercmd, healthcmd and (with {@code drain}) draincmd at the recipes
     * in {@code recipes}, each given {@code args}.
     */
    static void useRecipes(LocalCluster cluster, String node, Path recipes, String args, boolean drain)
            throws IOException {
        useRecipes(cluster, node, "", recipes, args, drain);
    }

    /** As {@link #useRecipes(LocalCluster, String, Path, String, boolean)}, each command line after {@code environment} ("VAR=value "). */
    static void useRecipes(LocalCluster cluster, String node, String environment, Path recipes, String args,
                           boolean drain) throws IOException {
        Map<String, String> commands = new LinkedHashMap<>();
        commands.put("mastercmd", environment + recipes.resolve("mastercmd") + " " + args);
        commands.put("healthcmd", environment + recipes.resolve("healthcmd") + " " + args);
        if (drain) {
            commands.put("draincmd", environment + recipes.resolve("draincmd") + " " + args);
        }
        cluster.setProperties(node, commands);
    }

    /** Starts every node's service, as the nodes' first boot. */
    static void startServices(LocalCluster cluster) throws IOException, InterruptedException {
        for (String node : cluster.nodes) {
            new ProcessBuilder("sh", cluster.dir(node).resolve("service-start").toString()).inheritIO().start().waitFor();
        }
    }

    /** Shell lines that stop the process whose pid is in {@code pidFile} with SIGTERM and wait until it is gone. */
    static String terminate(Path pidFile) {
        return String.join("\n", "pid=$(cat " + pidFile + ")", "kill -TERM \"$pid\"",
                "while kill -0 \"$pid\" 2>/dev/null; do sleep 0.02; done");
    }
}
