package org.distreboot.activities;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.distreboot.workflow.values.Notice;

/**
 * Posts each notice to notify.url as JSON: event, cluster, node, state, reason, at, and a
 * Slack-compatible {@code text}. Any 2xx answer takes it. The address may hold a token (a Slack
 * webhook's path does): only its scheme, host and port are ever said.
 */
public final class WebhookNotifier implements Notifier {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final HttpClient http;

    public WebhookNotifier(URI url) {
        this.url = url;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public void send(Notice notice) throws NoticeFailedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "distreboot")
                .POST(HttpRequest.BodyPublishers.ofString(body(notice))).build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 != 2) {
                throw new NoticeFailedException(where() + " answered HTTP " + status);
            }
        } catch (IOException e) {
            throw new NoticeFailedException(where() + " unreachable: " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage().replace(url.toString(), where())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoticeFailedException("interrupted before " + where() + " answered");
        }
    }

    /** The JSON body: the notice's fields, in this order, and its text. */
    static String body(Notice notice) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", notice.event());
        body.put("cluster", notice.cluster());
        body.put("node", notice.node());
        body.put("state", notice.state());
        body.put("reason", notice.reason());
        body.put("at", notice.at() == null ? null : notice.at().toString());
        body.put("text", notice.text());
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "https://hooks.example.org": the address without its path or query. */
    String where() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }
}
