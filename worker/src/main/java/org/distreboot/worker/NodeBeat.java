package org.distreboot.worker;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.distreboot.activities.HealthCheck;
import org.distreboot.activities.MasterCheck;
import org.distreboot.activities.Sentinel;
import org.distreboot.client.DaemonThreads;
import org.distreboot.client.Problems;
import org.distreboot.client.Version;
import org.distreboot.db.Heartbeat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's heartbeat, posted to PostgreSQL on each beat: its boot id and host (a sighting: read
 * on this host, or over ssh), role (mastercmd), ready (healthcmd), whether it needs a reboot, its
 * quorum group, and how the daemon serving it coordinates. A node that cannot be sighted, or whose
 * mastercmd cannot tell, is not posted: its last heartbeat stands until it expires, as a dead
 * daemon's does. Each command has its own timeout; a problem is said once, and its end once.
 */
final class NodeBeat {
    private static final Logger log = LoggerFactory.getLogger(NodeBeat.class);

    private final String cluster;
    private final String node;
    private final Supplier<Sighting> sight;
    private final Optional<MasterCheck> master;
    private final Optional<HealthCheck> health;
    private final Sentinel sentinel;
    private final Supplier<Optional<String>> topology;
    private final String servedBy;
    private final HeartbeatLoop loop;
    private final ExecutorService checks;
    private Heartbeat last;
    private String problem;
    /** The boot id of this node's last heartbeat in PostgreSQL. */
    private volatile String postedBootId;
    /** The database time of this daemon's previous post of this node: a later post by another daemon is a second host. */
    private Instant previousPost;

    /**
     * @param servedBy the control host whose daemon serves the node over ssh; null for this host's own node
     * @param loop     the daemon's heartbeat loop: its identity, its connections, and where each post is told
     */
    NodeBeat(String cluster, String node, Supplier<Sighting> sight, Optional<MasterCheck> master,
             Optional<HealthCheck> health, Sentinel sentinel, Supplier<Optional<String>> topology, String servedBy,
             HeartbeatLoop loop) {
        this.cluster = cluster;
        this.node = node;
        this.sight = sight;
        this.master = master;
        this.health = health;
        this.sentinel = sentinel;
        this.topology = topology;
        this.servedBy = servedBy;
        this.loop = Objects.requireNonNull(loop);
        this.checks = Executors.newFixedThreadPool(3, DaemonThreads.named("heartbeat-check"));
    }

    String node() {
        return node;
    }

    /** One beat: the node sighted, its commands run, its heartbeat posted. Never throws. */
    synchronized void post() {
        try {
            Sighting seen = sight.get();
            CompletableFuture<String> role = CompletableFuture.supplyAsync(
                    () -> master.map(check -> check.isMaster() ? "master" : "member").orElse(null), checks);
            CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(
                    () -> health.map(check -> check.whyNotHealthy().isEmpty()).orElse(null), checks);
            CompletableFuture<Boolean> required = CompletableFuture.supplyAsync(sentinel::rebootRequired, checks);
            long waitMillis = loop.checkTimeout().toMillis() + 1000;
            Heartbeat heartbeat = new Heartbeat(cluster, node, seen.bootId(), loop.daemonId(), loop.startedAt(),
                    role.get(waitMillis, TimeUnit.MILLISECONDS), ready.get(waitMillis, TimeUnit.MILLISECONDS),
                    Version.current()).from(seen.host(), seen.machineId()).inGroup(topology.get().orElse(null))
                    .needingReboot(required.get(waitMillis, TimeUnit.MILLISECONDS))
                    .coordinating(loop.temporalConnected().orElse(null), loop.sinceLastPoll().orElse(null))
                    .servedBy(servedBy);
            Optional<Instant> posted = loop.post(heartbeat, false, previousPost);
            if (posted.isPresent()) {
                previousPost = posted.get();
                last = heartbeat;
                postedBootId = heartbeat.bootId();
                if (problem != null) {
                    log.info("heartbeat{} posted again", of());
                }
                problem = null;
            }
        } catch (InterruptedException e) {
            // The daemon is stopping (its schedule shut down mid-beat): its last beat says so.
            Thread.currentThread().interrupt();
            log.debug("heartbeat not posted: the daemon is stopping");
        } catch (Exception e) {
            if (Thread.currentThread().isInterrupted()) {
                // A look at the node (over ssh) cut short by the daemon's stop, not a problem of the node's.
                log.debug("heartbeat{} not posted: the daemon is stopping", of());
                return;
            }
            String now = Problems.describe(e);
            if (!now.equals(problem)) {
                log.warn("heartbeat{} not posted: {}", of(), now);
            }
            problem = now;
        }
    }

    /**
     * Whether this node's heartbeat on boot {@code bootId} is in PostgreSQL, posting it now if the
     * last one was on another boot: a node rejoins only once the workflow can see it back.
     */
    synchronized boolean postedOn(String bootId) {
        if (!bootId.equals(postedBootId)) {
            post();
        }
        return bootId.equals(postedBootId);
    }

    /** The last heartbeat posted, if any. */
    synchronized Optional<Heartbeat> last() {
        return Optional.ofNullable(last);
    }

    /** The daemon's last word for this node: a heartbeat that expires at once and says it is stopping. */
    synchronized void lastBeat() {
        if (last != null) {
            loop.post(last.asStopping(), true, previousPost);
        }
        checks.shutdownNow();
    }

    /** " of node-b" for a node served over ssh (the log lines name the control host); "" for this host's own. */
    private String of() {
        return servedBy == null ? "" : " of " + node;
    }

    @Override
    public String toString() {
        return node;
    }
}
