package org.distreboot.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DaemonStatusTest {

    @Test
    void givenWhatTheDaemonWrites_theCommandReadsItBack_andAHalfWrittenFileIsNoStatus() {
        DaemonStatus written = new DaemonStatus(42, "prod", "node-a", "1.0", Instant.parse("2026-11-21T10:00:00Z"),
                DaemonStatus.RUNNING, null,
                "boot-1", "127.0.0.1:7233", false, "UNAVAILABLE", true, null, Instant.parse("2026-11-21T10:00:05Z"),
                "master", true);

        String json = written.toJson();

        assertThat(json).contains("\"startedAt\":\"2026-11-21T10:00:00Z\"");
        assertThat(DaemonStatus.fromJson(json)).contains(written);
        assertThat(DaemonStatus.fromJson(json.substring(0, json.length() / 2))).isEmpty();
    }
}
