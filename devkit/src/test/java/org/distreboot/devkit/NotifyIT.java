package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.distreboot.workflow.TaskQueues;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * notify.url with real daemons: a local HTTP server hears the run start, each node reboot and
 * come back in the run's order, and the run end, as JSON with a Slack-compatible text; the
 * address's token shows in no daemon log and not in the run's history.
 */
class NotifyIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String TOKEN = "T0KEN-s3cret-9f2c";
    private static final ObjectMapper JSON = new ObjectMapper();

    @AutoClose
    private E2eCluster cluster;
    private final List<JsonNode> heard = new CopyOnWriteArrayList<>();
    @AutoClose("stop0")
    private final Webhook webhook = new Webhook();

    /** The operator's webhook: takes every POST to /hooks/TOKEN and keeps its body. */
    private final class Webhook {
        private final HttpServer server;

        Webhook() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                server.createContext("/hooks/" + TOKEN, exchange -> {
                    heard.add(JSON.readTree(exchange.getRequestBody()));
                    exchange.sendResponseHeaders(204, -1);
                    exchange.close();
                });
                server.start();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/" + TOKEN;
        }

        void stop0() {
            server.stop(0);
        }
    }

    private static String what(JsonNode notice) {
        return notice.path("event").asText() + (notice.path("node").isNull() ? "" : " " + notice.path("node").asText());
    }

    /**
     * What the webhook was told, each notice once, in the order of the times they carry. The product
     * keeps the order of the notices of one moment (it sends them one after the other) but not of
     * notices of different moments: each goes on its own, so one that a busy daemon takes late, or
     * sends again after a failure, may arrive after a later one, or twice.
     */
    private List<JsonNode> toldInOrder() {
        Map<String, JsonNode> once = new LinkedHashMap<>();
        heard.forEach(notice -> once.putIfAbsent(what(notice), notice));
        List<JsonNode> told = new ArrayList<>(once.values());
        told.sort(Comparator.comparing(notice -> Instant.parse(notice.path("at").asText())));
        return told;
    }

    @Test
    void givenANotifyUrl_theWebhookHearsTheRunInOrder_andItsTokenIsNowhereElse() throws Exception {
        cluster = E2eCluster.create("told", LocalCluster.Options.defaults().withNodes(3));
        for (String node : cluster.nodes) {
            cluster.setProperties(node, Map.of("notify.url", webhook.url()));
        }
        cluster.startDaemons();

        assertThat(cluster.cli("node-a", "--reboot").exitCode()).isZero();
        cluster.awaitStatus(s -> E2eCluster.state(s).equals("COMPLETED"), PATIENCE);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (heard.stream().noneMatch(n -> n.path("event").asText().equals("run-finished"))
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }

        List<String> order = cluster.rebootOrder();
        List<String> expected = new ArrayList<>(List.of("run-started"));
        order.forEach(node -> expected.addAll(List.of("node-rebooting " + node, "node-back " + node)));
        expected.add("run-finished");
        List<JsonNode> told = toldInOrder();
        assertThat(told).extracting(NotifyIT::what).as(heard.toString()).containsExactlyElementsOf(expected);
        JsonNode finished = told.get(told.size() - 1);
        assertThat(finished.path("cluster").asText()).isEqualTo("told");
        assertThat(finished.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(finished.path("text").asText()).isEqualTo("distreboot told: the reboot ended COMPLETED");
        assertThat(told.get(0).path("reason").asText()).startsWith("requested by ").endsWith(", 3 nodes");
        assertThat(told.get(2).path("text").asText()).isEqualTo("distreboot told: " + order.get(0) + " is back");
        assertThat(heard).allSatisfy(n -> assertThat(n.path("at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z"));

        for (String node : cluster.nodes) {
            assertThat(Files.readString(cluster.dir(node).resolve("daemon.log"))).as("%s's log", node)
                    .doesNotContain(TOKEN);
        }
        assertThat(cluster.temporalClient().fetchHistory(TaskQueues.workflowId(cluster.name)).toJson(false))
                .as("the run's history").doesNotContain(TOKEN).contains("SendNotice");
    }
}
