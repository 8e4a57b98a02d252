package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * recipes/prometheus/blockcmd against a local stub that answers as Prometheus's alerts API does:
 * a firing alert whose name matches blocks (its first output line the reason), a pending one or
 * one that does not match does not, and a Prometheus that cannot be asked blocks.
 */
class PrometheusBlockcmdSystemIT {
    private static final Path RECIPE = Path.of("..", "recipes", "prometheus", "blockcmd").toAbsolutePath().normalize();
    private final AtomicReference<String> alerts = new AtomicReference<>("");
    private HttpServer prometheus;

    @AfterEach
    void stop() {
        if (prometheus != null) {
            prometheus.stop(0);
        }
    }

    @Test
    void givenFiringAlerts_onlyMatchingFiringOnesBlock_andAPrometheusThatCannotBeAskedBlocks() throws Exception {
        SystemTools.require("python3", "apt-get install python3");
        String url = startStub();

        assertThat(run(url)).isEqualTo(new Outcome(0, ""));
        alerts.set(alert("NodeDown", "firing") + "," + alert("NodeDiskFull", "firing") + ","
                + alert("Watchdog", "firing") + "," + alert("NodeHighLoad", "pending"));
        assertThat(run(url, "Node.*")).isEqualTo(new Outcome(1,
                "2 firing alerts match 'Node.*': NodeDiskFull, NodeDown"));
        assertThat(run(url)).as("any firing alert").isEqualTo(new Outcome(1,
                "3 firing alerts match '.*': NodeDiskFull, NodeDown, Watchdog"));
        assertThat(run(url, "Disk.*|Backup.*")).as("whole names").isEqualTo(new Outcome(0, ""));
        assertThat(run(url, "NodeHighLoad")).as("pending does not block").isEqualTo(new Outcome(0, ""));

        alerts.set("[]");
        Outcome garbled = run(url);
        assertThat(garbled.exit()).as("an answer it cannot read blocks").isEqualTo(1);
        assertThat(garbled.firstLine()).startsWith("cannot read the alerts Prometheus at " + url + "/api/v1/alerts gave:");

        prometheus.stop(0);
        prometheus = null;
        Outcome away = run(url);
        assertThat(away.exit()).isEqualTo(1);
        assertThat(away.firstLine()).startsWith("cannot ask Prometheus at " + url + "/api/v1/alerts: ");
    }

    private String startStub() throws IOException {
        prometheus = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        prometheus.createContext("/api/v1/alerts", exchange -> {
            byte[] body = ("{\"status\":\"success\",\"data\":{\"alerts\":[" + alerts.get() + "]}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        prometheus.start();
        return "http://127.0.0.1:" + prometheus.getAddress().getPort();
    }

    private static String alert(String name, String state) {
        return "{\"labels\":{\"alertname\":\"" + name + "\",\"severity\":\"page\"},\"state\":\"" + state
                + "\",\"activeAt\":\"2026-12-03T01:00:00Z\",\"value\":\"1e+00\"}";
    }

    private record Outcome(int exit, String firstLine) {
    }

    private static Outcome run(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(RECIPE.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Outcome(process.waitFor(), out.lines().findFirst().orElse(""));
    }
}
