package org.distreboot.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.distreboot.workflow.values.Notice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A notice posted to a real HTTP server: its JSON body, and what a failure says (never the address's path). */
class WebhookNotifierTest {
    private static final Notice BACK = new Notice(Notice.NODE_BACK, "prod", "node-b", "DONE", null,
            Instant.parse("2026-12-03T10:00:00Z"));
    private final HttpServer server = server();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger answer = new AtomicInteger(200);

    private HttpServer server() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.createContext("/", exchange -> {
                bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                        + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()
                        + " " + exchange.getRequestHeaders().getFirst("Content-Type"));
                exchange.sendResponseHeaders(answer.get(), -1);
                exchange.close();
            });
            http.start();
            return http;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/services/T0/s3cret");
    }

    @Test
    void aNoticeIsPostedAsJson_withItsFieldsAndASlackText() throws Exception {
        new WebhookNotifier(url()).send(BACK);

        assertThat(bodies).singleElement().asString()
                .endsWith(" POST /services/T0/s3cret application/json");
        JsonNode body = new ObjectMapper().readTree(bodies.get(0).substring(0, bodies.get(0).lastIndexOf("} ") + 1));
        assertThat(body.path("event").asText()).isEqualTo("node-back");
        assertThat(body.path("cluster").asText()).isEqualTo("prod");
        assertThat(body.path("node").asText()).isEqualTo("node-b");
        assertThat(body.path("state").asText()).isEqualTo("DONE");
        assertThat(body.path("reason").isNull()).isTrue();
        assertThat(body.path("at").asText()).isEqualTo("2026-12-03T10:00:00Z");
        assertThat(body.path("text").asText()).isEqualTo("distreboot prod: node-b is back");
    }

    @Test
    void anAnswerOtherThan2xx_orNoAnswer_failsInOneLineThatHidesThePath() throws Exception {
        answer.set(500);
        assertThatThrownBy(() -> new WebhookNotifier(url()).send(BACK))
                .isInstanceOf(Notifier.NoticeFailedException.class)
                .hasMessage("http://127.0.0.1:" + server.getAddress().getPort() + " answered HTTP 500");

        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThatThrownBy(() -> new WebhookNotifier(URI.create("http://127.0.0.1:" + closed + "/services/T0/s3cret"))
                .send(BACK))
                .isInstanceOf(Notifier.NoticeFailedException.class)
                .hasMessageStartingWith("http://127.0.0.1:" + closed + " unreachable")
                .message().doesNotContain("s3cret");
    }
}
