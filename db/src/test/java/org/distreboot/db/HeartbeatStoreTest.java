package org.distreboot.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HeartbeatStoreTest {
    private static TestDatabase db;
    private HeartbeatStore store;

    @BeforeAll
    static void startDatabase() {
        db = TestDatabase.create();
    }

    @BeforeEach
    void emptyTable() {
        db.execute("DELETE FROM node_heartbeat");
        store = HeartbeatStore.on(Database.jdbi(db.dataSource));
    }

    private static Heartbeat heartbeat(String cluster, String node, String bootId) {
        return new Heartbeat(cluster, node, bootId, "daemon-" + node, Instant.parse("2026-01-01T00:00:00Z"),
                "member", true, "0.1.0");
    }

    @Test
    void givenPostedHeartbeat_whenListed_itExpiresTtlAfterTheDatabaseClockAndIsFresh() {
        store.post(new Heartbeat("prod", "node-a", "boot-1", "d-1", Instant.parse("2020-01-01T00:00:00Z"),
                "master", false, "0.1.0"), Duration.ofSeconds(20));

        ClusterHeartbeats listed = store.list("prod");

        assertThat(listed.nodes()).hasSize(1);
        NodeHeartbeatRow row = listed.nodes().get(0);
        assertThat(row.node()).isEqualTo("node-a");
        assertThat(row.stale()).isFalse();
        assertThat(row.role()).isEqualTo("master");
        assertThat(row.ready()).isFalse();
        assertThat(row.bootId()).isEqualTo("boot-1");
        assertThat(row.daemonStartedAt()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
        // Expiry comes from the database's now(), not from any time the node sent.
        assertThat(Duration.between(row.postedAt(), row.expiresAt())).isEqualTo(Duration.ofSeconds(20));
        assertThat(row.expiresAt()).isAfter(listed.now());
    }

    @Test
    void givenANodeOfATopologyGroup_itsGroupIsKept_andANodeWithoutOneHasNone() {
        store.post(heartbeat("prod", "node-a", "boot-1").inGroup("rack-1"), Duration.ofSeconds(20));
        store.post(heartbeat("prod", "node-b", "boot-1"), Duration.ofSeconds(20));

        List<NodeHeartbeatRow> rows = store.list("prod").nodes();

        assertThat(rows).extracting(row -> row.heartbeat().topology()).containsExactly("rack-1", null);
        assertThatThrownBy(() -> heartbeat("prod", "node-a", "boot-1").inGroup("rack 1"))
                .hasMessageContaining("topology name 'rack 1' may hold only");
    }

    @Test
    void givenNodesWithAndWithoutTheirSentinel_whatEachSaidIsKept_andANodeThatDoesNotCheckSaysNothing() {
        store.post(heartbeat("prod", "node-a", "boot-1").needingReboot(true), Duration.ofSeconds(20));
        store.post(heartbeat("prod", "node-b", "boot-1").needingReboot(true), Duration.ofSeconds(20));
        store.post(heartbeat("prod", "node-c", "boot-1"), Duration.ofSeconds(20));
        store.post(heartbeat("prod", "node-a", "boot-2").needingReboot(false), Duration.ofSeconds(20));

        List<NodeHeartbeatRow> rows = store.list("prod").nodes();

        assertThat(rows).extracting(row -> row.heartbeat().rebootRequired()).containsExactly(false, true, null);
    }

    @Test
    void givenWhatEachDaemonSaysOfItsCoordination_itIsKept_withItsLastPollByTheDatabaseClock() {
        store.post(heartbeat("prod", "node-a", "boot-1").coordinating(true, Duration.ofMillis(1500)), Duration.ofSeconds(20));
        store.post(heartbeat("prod", "node-b", "boot-1").coordinating(false, Duration.ofMinutes(3)), Duration.ofSeconds(20));
        store.post(heartbeat("prod", "node-c", "boot-1"), Duration.ofSeconds(20));

        List<NodeHeartbeatRow> rows = store.list("prod").nodes();

        assertThat(rows).extracting(row -> row.heartbeat().temporalConnected()).containsExactly(true, false, null);
        assertThat(rows.get(0).polledAt()).isEqualTo(rows.get(0).postedAt().minusMillis(1500));
        assertThat(rows.get(1).polledAt()).isEqualTo(rows.get(1).postedAt().minus(Duration.ofMinutes(3)));
        assertThat(rows.get(2).polledAt()).isNull();
    }

    @Test
    void givenSecondPostFromNewDaemon_whenListed_itReplacesTheRow() {
        store.post(heartbeat("prod", "node-a", "boot-1"), Duration.ofSeconds(20));
        store.post(new Heartbeat("prod", "node-a", "boot-2", "d-2", Instant.now(), null, null, "0.2.0"),
                Duration.ofSeconds(20));

        List<NodeHeartbeatRow> rows = store.list("prod").nodes();

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.bootId()).isEqualTo("boot-2");
            assertThat(row.heartbeat().daemonId()).isEqualTo("d-2");
            assertThat(row.role()).isNull();
            assertThat(row.ready()).isNull();
            assertThat(row.heartbeat().version()).isEqualTo("0.2.0");
        });
    }

    @Test
    void givenStoppingDaemon_itsLastHeartbeatIsMarkedAndReplacedByTheNextDaemon() {
        Heartbeat beat = heartbeat("prod", "node-a", "boot-1");
        store.post(beat.asStopping(), Duration.ofMillis(1));

        assertThat(store.list("prod").nodes()).singleElement().satisfies(row -> assertThat(row.stopping()).isTrue());
        store.post(beat, Duration.ofSeconds(20));
        assertThat(store.list("prod").nodes()).singleElement().satisfies(row -> {
            assertThat(row.stopping()).isFalse();
            assertThat(row.stale()).isFalse();
        });
    }

    @Test
    void givenExpiredRow_whenListed_itIsStaleByTheDatabaseClock() {
        store.post(heartbeat("prod", "node-a", "boot-1"), Duration.ofSeconds(20));
        store.post(heartbeat("prod", "node-b", "boot-1"), Duration.ofSeconds(20));
        db.execute("UPDATE node_heartbeat SET expires_at = now() - interval '1 second' WHERE node = 'node-b'");

        List<NodeHeartbeatRow> rows = store.list("prod").nodes();

        assertThat(rows).extracting(NodeHeartbeatRow::node, NodeHeartbeatRow::stale)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("node-a", false),
                        org.assertj.core.groups.Tuple.tuple("node-b", true));
    }

    @Test
    void givenTwoClusters_whenListed_eachSeesOnlyItsOwnNodesInNameOrder() {
        store.post(heartbeat("prod", "node-c", "b"), Duration.ofSeconds(20));
        store.post(heartbeat("prod", "node-a", "b"), Duration.ofSeconds(20));
        store.post(heartbeat("test", "node-b", "b"), Duration.ofSeconds(20));

        assertThat(store.list("prod").nodes()).extracting(NodeHeartbeatRow::node).containsExactly("node-a", "node-c");
        assertThat(store.list("test").nodes()).extracting(NodeHeartbeatRow::node).containsExactly("node-b");
        assertThat(store.list("none").nodes()).isEmpty();
    }

    @Test
    void givenNode_whenDroppedTwice_theRowIsGoneAndTheSecondDropSaysSo() {
        store.post(heartbeat("prod", "node-a", "b"), Duration.ofSeconds(20));
        store.post(heartbeat("prod", "node-b", "b"), Duration.ofSeconds(20));

        assertThat(store.drop("prod", "node-a")).isTrue();
        assertThat(store.drop("prod", "node-a")).isFalse();
        assertThat(store.list("prod").nodes()).extracting(NodeHeartbeatRow::node).containsExactly("node-b");
    }

    @Test
    void givenRowsExpiredLongAgo_whenPurged_onlyThoseOlderThanThePurgeAgeGo() {
        store.post(heartbeat("prod", "fresh", "b"), Duration.ofSeconds(20));
        store.post(heartbeat("prod", "stale-an-hour", "b"), Duration.ofSeconds(20));
        store.post(heartbeat("other", "stale-two-days", "b"), Duration.ofSeconds(20));
        db.execute("UPDATE node_heartbeat SET expires_at = now() - interval '1 hour' WHERE node = 'stale-an-hour'",
                "UPDATE node_heartbeat SET expires_at = now() - interval '2 days' WHERE node = 'stale-two-days'");

        int purged = store.purge(Duration.ofHours(24));

        assertThat(purged).isEqualTo(1);
        assertThat(store.list("prod").nodes()).extracting(NodeHeartbeatRow::node)
                .containsExactly("fresh", "stale-an-hour");
        assertThat(store.list("other").nodes()).isEmpty();
    }

    @Test
    void givenBadInput_whenCalled_itIsRejectedWithAClearMessageBeforeAnySqlRuns() {
        // A store whose database cannot be reached: any SQL would fail with a connection error.
        HeartbeatStore unreachable = HeartbeatStore.on(Database.jdbi(
                Database.dataSource("jdbc:postgresql://127.0.0.1:1/none", "nobody", null)));
        Heartbeat valid = heartbeat("prod", "node-a", "b");

        assertThatThrownBy(() -> heartbeat("prod", "", "b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("node name is empty");
        assertThatThrownBy(() -> heartbeat("x".repeat(129), "node-a", "b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cluster name is 129 characters long, at most 128 are allowed");
        assertThatThrownBy(() -> heartbeat("prod", "node a;drop", "b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node name 'node a;drop' may hold only");
        assertThatThrownBy(() -> new Heartbeat("prod", "n", "b", "d", Instant.now(), "leader", true, "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("role must be");
        assertThatThrownBy(() -> unreachable.post(valid, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("heartbeat ttl must be positive, got PT-1S");
        assertThatThrownBy(() -> unreachable.post(valid, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> unreachable.list(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cluster name is empty");
        assertThatThrownBy(() -> unreachable.drop("prod", "y".repeat(200)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node name is 200 characters");
        assertThatThrownBy(() -> unreachable.purge(Duration.ofHours(-24)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("purge age must be positive");
    }

    @Test
    void givenAStatementPostgresRefuses_theFailureSaysTheDriversReasonAlone() {
        db.execute("ALTER TABLE node_heartbeat ADD CONSTRAINT no_old_daemons CHECK (version <> '0.0.1')");
        try {
            Heartbeat refused = new Heartbeat("prod", "node-a", "b", "d", Instant.now(), "member", true, "0.0.1");

            assertThatThrownBy(() -> store.post(refused, Duration.ofSeconds(20)))
                    .hasMessageStartingWith("ERROR: new row for relation \"node_heartbeat\" violates check constraint")
                    .hasMessageNotContaining("INSERT").hasMessageNotContaining("arguments");
        } finally {
            db.execute("ALTER TABLE node_heartbeat DROP CONSTRAINT no_old_daemons");
        }
    }

    @Test
    void givenMigratedSchema_theExpiryIndexServesThePurge() {
        List<String> indexes = db.column(
                "SELECT indexdef FROM pg_indexes WHERE tablename = 'node_heartbeat' ORDER BY indexname");
        String plan = String.join("\n", db.column(
                "EXPLAIN DELETE FROM node_heartbeat WHERE expires_at < now() - interval '24 hours'",
                "SET enable_seqscan = off"));

        assertThat(indexes).anyMatch(def -> def.contains("(expires_at)"));
        assertThat(plan).contains("node_heartbeat_expires_at");
    }

    @Test
    void givenTwoLiveDaemonsPostingAsOneNode_theRowNamesBothHosts() {
        Heartbeat first = heartbeat("prod", "node-a", "boot-1").from("h1 (boot 1)", "m1");
        Heartbeat second = new Heartbeat("prod", "node-a", "boot-2", "daemon-2", Instant.now(), "member", true, "0.1.0")
                .from("h2 (boot 2)", "m2");

        Instant firstAt = store.post(first, Duration.ofSeconds(20), null);
        Instant secondAt = store.post(second, Duration.ofSeconds(20), null);
        assertThat(store.list("prod").node("node-a").orElseThrow().claimedBy())
                .as("a daemon's first post over a live row is a successor, not a second host").isEmpty();

        store.post(first, Duration.ofSeconds(20), firstAt);
        assertThat(store.list("prod").node("node-a").orElseThrow().claimedBy()).contains("h2 (boot 2) and h1 (boot 1)");
        store.post(second, Duration.ofSeconds(20), secondAt);
        assertThat(store.list("prod").node("node-a").orElseThrow().claimedBy()).contains("h1 (boot 1) and h2 (boot 2)");
    }

    @Test
    void givenTheOtherDaemonStopped_theClaimIsForgottenOneTtlLater() throws InterruptedException {
        Heartbeat first = heartbeat("prod", "node-a", "boot-1").from("h1", "m1");
        Heartbeat second = new Heartbeat("prod", "node-a", "boot-2", "daemon-2", Instant.now(), null, null, "0.1.0")
                .from("h2", "m2");
        Duration ttl = Duration.ofMillis(700);
        Instant firstAt = store.post(first, ttl, null);
        store.post(second, ttl, null);
        firstAt = store.post(first, ttl, firstAt);
        assertThat(store.list("prod").node("node-a").orElseThrow().claimedBy()).isPresent();

        // Only the first daemon posts from now on; the claim is older than a TTL after 0.7 s.
        for (int beat = 0; beat < 6; beat++) {
            Thread.sleep(200);
            firstAt = store.post(first, ttl, firstAt);
        }
        assertThat(store.list("prod").node("node-a").orElseThrow().claimedBy()).isEmpty();
    }

    @Test
    void givenThePreviousDaemonStopping_orExpired_theNextOneIsNoSecondHost() throws InterruptedException {
        Heartbeat old = heartbeat("prod", "node-a", "boot-1").from("h1", "m1");
        Heartbeat next = new Heartbeat("prod", "node-a", "boot-2", "daemon-2", Instant.now(), null, null, "0.1.0")
                .from("h1", "m1");
        Instant oldAt = store.post(old, Duration.ofSeconds(20), null);
        store.post(old.asStopping(), Duration.ofMillis(1), oldAt);
        Instant nextAt = store.post(next, Duration.ofSeconds(20), null);
        store.post(next, Duration.ofSeconds(20), nextAt);

        assertThat(store.list("prod").node("node-a").orElseThrow().claimedBy()).isEmpty();
    }
}
