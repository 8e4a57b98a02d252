package org.distreboot.worker;

import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.distreboot.client.Postgres;
import org.distreboot.client.Problems;
import org.distreboot.client.config.Settings;
import org.distreboot.workflow.Durations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start, the daemon waits until Temporal and PostgreSQL both answer: at boot its unit often
 * starts before the network or the database. It tries again with a capped back-off and says
 * what it waits for, in one log line each time that changes and in the status file each try.
 */
final class StartupWait {
    private static final Logger log = LoggerFactory.getLogger(StartupWait.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(30);

    private final Settings settings;
    private final WorkflowServiceStubs temporal;
    private final Postgres postgres;
    private final Consumer<Waiting> waiting;
    private final CountDownLatch stop;

    /**
     * Why each service did not answer (empty when it did), and the line that says it all.
     */
    record Waiting(Optional<String> temporalProblem, Optional<String> postgresProblem, String line) {
    }

    /** {@code waiting} hears what the daemon waits for, at each try; {@code stop} ends the wait. */
    StartupWait(Settings settings, WorkflowServiceStubs temporal, Postgres postgres, Consumer<Waiting> waiting,
                CountDownLatch stop) {
        this.settings = settings;
        this.temporal = temporal;
        this.postgres = postgres;
        this.waiting = waiting;
        this.stop = stop;
    }

    /**
     * True once both answer (the heartbeat schema is then current); false if told to stop first.
     * Both are asked at once: a start-up with both up costs one round trip, not two.
     */
    boolean untilServicesAnswer() throws InterruptedException {
        Duration retry = FIRST_RETRY;
        String said = null;
        while (true) {
            CompletableFuture<Optional<String>> asking = CompletableFuture.supplyAsync(
                    () -> problem(temporal::healthCheck));
            Optional<String> postgresProblem = problem(postgres::store);
            Optional<String> temporalProblem = asking.join();
            List<String> down = new ArrayList<>();
            temporalProblem.ifPresent(problem -> down.add("Temporal at " + settings.temporal().target() + ": " + problem));
            postgresProblem.ifPresent(problem -> down.add("PostgreSQL at "
                    + Problems.withoutParameters(settings.db().url()) + ": " + problem));
            if (down.isEmpty()) {
                if (said != null) {
                    log.info("Temporal at {} and PostgreSQL at {} answer", settings.temporal().target(),
                            Problems.withoutParameters(settings.db().url()));
                }
                return true;
            }
            String state = "waiting for " + String.join(", and ", down);
            String line = state + "; next try in " + Durations.format(retry);
            if (!state.equals(said)) {
                log.info(line);
                said = state;
            }
            waiting.accept(new Waiting(temporalProblem, postgresProblem, line));
            if (stop.await(retry.toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
            }
            retry = retry.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : retry.multipliedBy(2);
        }
    }

    /** Why {@code ask} failed, in one line; empty when it answered. */
    private static Optional<String> problem(Runnable ask) {
        try {
            ask.run();
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(Problems.describe(e));
        }
    }
}
