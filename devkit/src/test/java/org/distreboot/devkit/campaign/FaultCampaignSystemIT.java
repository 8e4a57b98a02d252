package org.distreboot.devkit.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.distreboot.devkit.NodeLauncher;
import org.distreboot.devkit.SystemTools;
import org.distreboot.devkit.TemporalDevServer;
import org.junit.jupiter.api.Test;

/**
 * The fault campaign: five-node runs on the real Temporal dev server, each with one to three
 * faults drawn from its seed, every run checked against the {@link Invariants}. One line per run
 * (seed, faults, outcome) and "N runs, V violations", also in target/campaign.log.
 * <p>
 * By default the fixed seeds below, chosen so that every fault and every phase of a node's turn is
 * struck, and one random seed. {@code -Ddistreboot.campaign.runs=N}: N random seeds instead (a
 * longer campaign); {@code -Ddistreboot.campaign.seeds=S1,S2}: exactly these, to replay a run.
 */
class FaultCampaignSystemIT {
    static final List<Long> FIXED = List.of(3L, 4L, 5L, 19L, 21L, 29L, 37L, 42L, 46L, 53L);
    private static final Path LOG = Path.of("target", "campaign.log");
    /**
     * Runs side by side: each has its own Temporal server, PostgreSQL and daemons, and a run
     * mostly waits (reboots, TTLs, restarts), so two at a time halve the campaign's time in CI.
     */
    private static final int PARALLEL = 2;

    @Test
    void everyRunKeepsTheSafetyRules() throws Exception {
        Path temporal = SystemTools.require("temporal", TemporalDevServer.PINNED);
        Path faketime = Path.of(NodeLauncher.FAKETIME_LIBRARY);
        if (!Files.exists(faketime)) {
            throw new AssertionError(faketime + " is not installed: apt-get install faketime (the system suite, -Psystem,"
                    + " needs it; .ci/run installs it)");
        }
        Files.createDirectories(LOG.getParent());
        List<Long> seeds = seeds();
        int parallel = Integer.getInteger("distreboot.campaign.parallel", PARALLEL);
        say("campaign: " + seeds.size() + " runs, " + parallel + " at a time, seeds " + seeds);
        ExecutorService runs = Executors.newFixedThreadPool(parallel);
        List<Future<List<String>>> results = new ArrayList<>();
        try {
            for (long seed : seeds) {
                results.add(runs.submit(() -> runOne(seed, temporal)));
            }
            int violations = 0;
            List<String> failed = new ArrayList<>();
            for (int i = 0; i < seeds.size(); i++) {
                List<String> found = results.get(i).get();
                violations += found.size();
                if (!found.isEmpty()) {
                    failed.add(Long.toString(seeds.get(i)));
                }
            }
            say(seeds.size() + " runs, " + violations + " violations"
                    + (failed.isEmpty() ? "" : "; replay with -Ddistreboot.campaign.seeds=" + String.join(",", failed)));
            assertThat(violations).as("violations; see " + LOG.toAbsolutePath()).isZero();
        } finally {
            runs.shutdownNow();
        }
    }

    /** One run of the campaign, said in one line; the safety rules it broke. */
    private static List<String> runOne(long seed, Path temporal) throws Exception {
        FaultPlan plan = FaultPlan.draw(seed, CampaignRun.ORDER);
        long started = System.nanoTime();
        List<String> found;
        String outcome;
        try (CampaignRun run = new CampaignRun(plan, temporal)) {
            RunRecord record = run.run();
            found = new ArrayList<>(Invariants.check(record));
            found.addAll(run.problems());
            outcome = record.outcome() + (record.outcome().equals("STALLED") ? " (" + record.reason() + ")" : "")
                    + " rebooted=" + rebooted(record);
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        say("seed=" + seed + " faults=" + plan.describe() + " outcome=" + outcome + " " + seconds + "s violations="
                + (found.isEmpty() ? "none" : found));
        return found;
    }

    private static List<Long> seeds() {
        String exact = System.getProperty("distreboot.campaign.seeds", "");
        if (!exact.isBlank()) {
            return Arrays.stream(exact.split(",")).map(String::strip).map(Long::parseLong).toList();
        }
        SecureRandom random = new SecureRandom();
        int runs = Integer.getInteger("distreboot.campaign.runs", 0);
        if (runs > 0) {
            return random.longs(runs, 1, 1_000_000).boxed().toList();
        }
        List<Long> seeds = new ArrayList<>(FIXED);
        seeds.add(random.nextLong(1_000_000));
        return seeds;
    }

    private static String rebooted(RunRecord record) {
        return String.join(",", record.nodes().stream().filter(n -> !record.reboots().get(n).isEmpty())
                .sorted((a, b) -> Long.compare(record.reboots().get(a).get(0), record.reboots().get(b).get(0))).toList());
    }

    private static synchronized void say(String line) throws IOException {
        System.out.println(line);
        Files.writeString(LOG, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
