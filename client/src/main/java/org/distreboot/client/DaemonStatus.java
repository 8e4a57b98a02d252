package org.distreboot.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.Optional;

/**
 * What the daemon writes to its status file, at start and each beat, for `distreboot` (status).
 *
 * @param state          {@link #WAITING} until Temporal and PostgreSQL first answer, then {@link #RUNNING}
 * @param waitingFor     while waiting, what for and when the next try comes; else null
 * @param temporalError  why the last look at the Temporal service failed, null when it answered
 * @param postgresError  why the last heartbeat could not be posted, null when it was
 */
public record DaemonStatus(long pid, String cluster, String node, String version, Instant startedAt,
                           String state, String waitingFor,
                           String bootId, String temporalTarget, boolean temporalConnected, String temporalError,
                           boolean postgresConnected, String postgresError, Instant lastHeartbeatAt,
                           String role, Boolean ready) {
    public static final String WAITING = "waiting";
    public static final String RUNNING = "running";

    /** The status file's one format, for the daemon that writes it and the command that reads it. */
    public String toJson() {
        try {
            return Format.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Empty when the file is half-written or from another version. */
    public static Optional<DaemonStatus> fromJson(String json) {
        try {
            return Optional.of(Format.MAPPER.readValue(json, DaemonStatus.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** Built on first use, off the daemon's start-up path. */
    private static final class Format {
        static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
