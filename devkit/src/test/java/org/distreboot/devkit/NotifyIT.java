package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
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
        assertThat(heard).extracting(n -> n.path("event").asText() + (n.path("node").isNull() ? "" : " "
                + n.path("node").asText())).as(heard.toString()).containsExactlyElementsOf(expected);
        JsonNode finished = heard.get(heard.size() - 1);
        assertThat(finished.path("cluster").asText()).isEqualTo("told");
        assertThat(finished.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(finished.path("text").asText()).isEqualTo("distreboot told: the reboot ended COMPLETED");
        assertThat(heard.get(0).path("reason").asText()).startsWith("requested by ").endsWith(", 3 nodes");
        assertThat(heard.get(2).path("text").asText()).isEqualTo("distreboot told: " + order.get(0) + " is back");
        assertThat(heard).allSatisfy(n -> assertThat(n.path("at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z"));

        for (String node : cluster.nodes) {
            assertThat(Files.readString(cluster.dir(node).resolve("daemon.log"))).as("%s's log", node)
                    .doesNotContain(TOKEN);
        }
        assertThat(cluster.temporalClient().fetchHistory(TaskQueues.workflowId(cluster.name)).toJson(false))
                .as("the run's history").doesNotContain(TOKEN).contains("SendNotice");
    }
}
