package org.distreboot.worker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.distreboot.client.DaemonThreads;

/** GET /metrics on metrics.listen: the registry in Prometheus' text format, one scrape at a time. */
final class MetricsEndpoint implements AutoCloseable {
    private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService scrapes;

    private MetricsEndpoint(HttpServer server, ExecutorService scrapes) {
        this.server = server;
        this.scrapes = scrapes;
    }

    /** Listens at once; the address is resolved here, so a name in metrics.listen follows the DNS of today. */
    static MetricsEndpoint serve(InetSocketAddress listen, PrometheusMeterRegistry registry) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(listen.getHostString(), listen.getPort()), 8);
            server.createContext("/metrics", exchange -> answer(exchange, registry));
            ExecutorService scrapes = Executors.newSingleThreadExecutor(DaemonThreads.named("metrics"));
            server.setExecutor(scrapes);
            server.start();
            return new MetricsEndpoint(server, scrapes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on " + listen.getHostString() + ":" + listen.getPort()
                    + " (metrics.listen): " + e.getMessage(), e);
        }
    }

    private static void answer(HttpExchange exchange, PrometheusMeterRegistry registry) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", TEXT_FORMAT);
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(200, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        scrapes.shutdownNow();
    }
}
