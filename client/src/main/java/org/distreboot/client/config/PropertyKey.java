package org.distreboot.client.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every key of distreboot.properties, with its default and meaning: the one list the parser,
 * the man page and the default /etc/distreboot.properties are made from.
 */
public enum PropertyKey {
    CLUSTER("cluster", "default", "Cluster name: one distributed reboot at a time per cluster."),
    NODE("node", null, "This node's name (letters, digits, '.', '_', '-'); default: the host name."),
    TEMPORAL_TARGET("temporal.target", "127.0.0.1:7233", "The Temporal service (host:port)."),
    TEMPORAL_NAMESPACE("temporal.namespace", "default", "The Temporal namespace."),
    TEMPORAL_TLS_ENABLED("temporal.tls.enabled", "false", "TLS to Temporal with the system's trusted CAs."),
    TEMPORAL_TLS_CERT("temporal.tls.cert", null, "Client certificate (PEM) for mTLS to Temporal; with temporal.tls.key."),
    TEMPORAL_TLS_KEY("temporal.tls.key", null, "Client private key (PKCS#8 PEM) for mTLS to Temporal."),
    TEMPORAL_TLS_CA("temporal.tls.ca", null, "CA certificate (PEM) that signed the Temporal server's certificate."),
    TEMPORAL_TLS_SERVERNAME("temporal.tls.servername", null, "Server name to verify, when it differs from the target."),
    TEMPORAL_UI("temporal.ui", null, "Base address of the Temporal UI, to print a link to a run."),
    DB_URL("db.url", "jdbc:postgresql://127.0.0.1:5432/distreboot", "PostgreSQL holding the node heartbeats."),
    DB_USER("db.user", null, "PostgreSQL user."),
    DB_PASSWORD("db.password", null, "PostgreSQL password (keep this file root-only), or:"),
    DB_PASSWORDFILE("db.passwordfile", null, "A file holding the PostgreSQL password."),
    REBOOTCMD("rebootcmd", "reboot", "Forked and exec'd (with /bin/sh -c) to reboot this node."),
    DRAINCMD("draincmd", null, "Run before rebootcmd: stop services, hand leadership over. Must bear running twice."),
    HEALTHCMD("healthcmd", null, "Exits 0 when this node has rejoined, resynchronised and sees quorum."),
    MASTERCMD("mastercmd", null, "Exits 0 when this node is the cluster's master, 1 when it is not;"
            + " any other exit, or none in time, cannot tell (the node's heartbeat is not posted)."),
    BLOCKCMD("blockcmd", null, "Run on this node before its turn: a non-zero exit blocks its reboot (first output line "
            + "as the reason), looked at again later; as no firing alert matches."),
    SENTINEL("sentinel", "/var/run/reboot-required", "This node needs a reboot while this file exists: a run "
            + "without --all reboots only such nodes; or:"),
    SENTINELCMD("sentinelcmd", null, "Exits 0 when this node needs a reboot; run with every heartbeat."),
    BOOTIDFILE("bootidfile", "/proc/sys/kernel/random/boot_id", "Changes on every boot: proves a reboot happened."),
    MACHINEIDFILE("machineidfile", "/etc/machine-id", "Names this host: a node name that two hosts claim is refused."),
    HEARTBEAT_INTERVAL("heartbeat.interval", "5s", "How often the node heartbeat is posted; mastercmd and healthcmd "
            + "may take this long each."),
    HEARTBEAT_TTL("heartbeat.ttl", "20s", "How long a heartbeat stays fresh; past it, the node is stale."),
    HEARTBEAT_PURGE("heartbeat.purge", "24h", "Heartbeats expired for longer than this are deleted."),
    REBOOT_TIMEOUT("reboot.timeout", "30m", "How long a node may take to come back before the run stalls."),
    REBOOT_MAX_FAILED("reboot.max-failed", "0", "How many nodes may fail to come back within reboot.timeout, "
            + "each left out (it still counts for quorum), before the run stalls; 0: it stalls on the first."),
    REBOOT_PARALLEL("reboot.parallel", "1", "How many nodes may reboot at once, never two of one topology group."),
    REBOOT_GRACE("reboot.grace", "0s", "How long a run waits after --reboot before the first node: a --cancel "
            + "within it reboots nothing."),
    REBOOT_SETTLE("reboot.settle", "0s", "How long a run waits after a node (or a batch) is back before the next."),
    WINDOW_DAYS("window.days", "mon-sun", "The days a reboot window opens on: mon-fri, sat,sun, mon-wed,fri."),
    WINDOW_START("window.start", null, "When the window opens (HH:mm): no node starts its turn outside it; with "
            + "window.end."),
    WINDOW_END("window.end", null, "When it closes (HH:mm); before the start, the window crosses midnight."),
    WINDOW_TZ("window.tz", "UTC", "The window's time zone: UTC, Europe/Paris, America/New_York."),
    TOPOLOGY("topology", null, "This node's quorum group (zone, rack, shard): one node of a group reboots at a time, "
            + "its master last; or:"),
    TOPOLOGYCMD("topologycmd", null, "Prints this node's quorum group as its first line; run once as the daemon "
            + "starts."),
    NOTIFY_URL("notify.url", null, "A webhook (http or https) told of the run: started, a node rebooting and back, "
            + "stalled, blocked, paused, finished; a JSON body, with a Slack-compatible text. Keep this file root-only."),
    METRICS_LISTEN("metrics.listen", null, "Where the daemon serves Prometheus metrics (/metrics): an address and "
            + "a port, as 127.0.0.1:9464 or [::]:9464; unset, none are served."),
    SSH_NODES("ssh.nodes", null, "Nodes without a daemon, served over ssh by this one (which then serves no node of "
            + "its own): comma-separated, each NAME or NAME=ADDRESS."),
    SSH_TARGET("ssh.target", "{}", "How ssh reaches a node served over ssh, {} being its address (its name unless "
            + "ssh.nodes gives one): root@{}, ssh://admin@{}:2222."),
    SSH_KNOWNHOSTS("ssh.knownhosts", "/etc/distreboot/ssh_known_hosts", "The only known-hosts file trusted: a "
            + "node whose host key is not in it, or changed, is refused."),
    SSH_KEY("ssh.key", "/etc/distreboot/ssh_key", "The private key ssh uses; readable by root only."),
    SSH_TIMEOUT("ssh.timeout", "10s", "How long ssh may take to connect to a node, and a look at it to answer."),
    RUNDIR("rundir", "/run/distreboot", "Pid file, lock (one daemon per rundir) and status file."),
    REQUIRE_ROOT("require-root", "true", "Refuse to act unless run as root; false only for trials.");

    public final String key;
    /** The default, or null when there is none (or it is computed, as the host name). */
    public final String fallback;
    public final String meaning;

    PropertyKey(String key, String fallback, String meaning) {
        this.key = key;
        this.fallback = fallback;
        this.meaning = meaning;
    }

    public static Set<String> names() {
        return Arrays.stream(values()).map(k -> k.key).collect(Collectors.toUnmodifiableSet());
    }

    public static Optional<PropertyKey> of(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
