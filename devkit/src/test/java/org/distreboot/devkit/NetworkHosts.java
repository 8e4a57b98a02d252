package org.distreboot.devkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Nodes as separate hosts on one machine: each node gets a network namespace of its own with one
 * address on a bridge of the machine's (the control host, where PostgreSQL and Temporal listen on
 * the bridge's address, not loopback), joined by a veth pair. A node's link can be cut and
 * restored. Traffic goes only to the addresses made here. Needs root and iproute2.
 */
final class NetworkHosts implements Hosts, AutoCloseable {
    private final String prefix;
    private final int subnet;
    private final Map<String, Integer> hosts = new LinkedHashMap<>();

    private NetworkHosts(String prefix, int subnet) {
        this.prefix = prefix;
        this.subnet = subnet;
    }

    /** A bridge on 10.231.S.1/24 (S chosen at random) and one namespace per node, .10 upwards. */
    static NetworkHosts create(List<String> nodes) throws IOException, InterruptedException {
        SystemTools.require("ip", "apt-get install iproute2");
        int subnet = ThreadLocalRandom.current().nextInt(1, 250);
        NetworkHosts network = new NetworkHosts("drb" + subnet, subnet);
        try {
            network.ip("link", "add", network.bridge(), "type", "bridge");
            network.ip("addr", "add", network.servicesAddress() + "/24", "dev", network.bridge());
            network.ip("link", "set", network.bridge(), "up");
            for (String node : nodes) {
                network.add(node);
            }
        } catch (IOException | RuntimeException e) {
            network.close();
            throw e;
        }
        return network;
    }

    private void add(String node) throws IOException, InterruptedException {
        int host = 10 + hosts.size();
        hosts.put(node, host);
        String namespace = namespace(node);
        ip("netns", "add", namespace);
        ip("link", "add", hostSide(node), "type", "veth", "peer", "name", "eth0", "netns", namespace);
        ip("link", "set", hostSide(node), "master", bridge());
        ip("link", "set", hostSide(node), "up");
        ip("-n", namespace, "addr", "add", address(node) + "/24", "dev", "eth0");
        ip("-n", namespace, "link", "set", "eth0", "up");
        ip("-n", namespace, "link", "set", "lo", "up");
    }

    @Override
    public String servicesAddress() {
        return "10.231." + subnet + ".1";
    }

    String address(String node) {
        return "10.231." + subnet + "." + hosts.get(node);
    }

    @Override
    public List<String> on(String node) {
        return List.of("ip", "netns", "exec", namespace(node));
    }

    /** Kills every process running on {@code node}'s host (its namespace), as a power cut would. */
    void killAll(String node) throws IOException, InterruptedException {
        Process pids = new ProcessBuilder("ip", "netns", "pids", namespace(node)).redirectErrorStream(true).start();
        String listed = new String(pids.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        pids.waitFor();
        for (String pid : listed.strip().split("\\s+")) {
            if (!pid.isEmpty()) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    /** Takes {@code node}'s link down: it reaches nothing and nothing reaches it. */
    void cut(String node) throws IOException, InterruptedException {
        ip("link", "set", hostSide(node), "down");
    }

    void restore(String node) throws IOException, InterruptedException {
        ip("link", "set", hostSide(node), "up");
    }

    private String bridge() {
        return prefix + "br";
    }

    private String namespace(String node) {
        return prefix + "-" + node;
    }

    private String hostSide(String node) {
        return prefix + "v" + hosts.get(node);
    }

    private void ip(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + ": " + output
                    + " (the network-namespace hosts need root and iproute2)");
        }
    }

    /**
     * Deletes every link and namespace made here (a namespace's processes must be gone first).
     * Each veth pair goes with its host side: a namespace lives on while sockets of a cut link
     * still wait on it.
     */
    @Override
    public void close() {
        for (String node : hosts.keySet()) {
            quietly("link", "delete", hostSide(node));
            quietly("netns", "delete", namespace(node));
        }
        quietly("link", "delete", bridge());
    }

    private void quietly(String... args) {
        try {
            ip(args);
        } catch (IOException e) {
            // already gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
