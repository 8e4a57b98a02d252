package org.distreboot.devkit.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The safety rules every campaign run must keep, whatever its faults: no node rebooted twice,
 * none skipped by a COMPLETED run, the master last, never two members down at once, and an end
 * that is COMPLETED, CANCELLED or a STALLED that says why (never a silent RUNNING). Pure: a
 * record in, the violations out.
 */
final class Invariants {
    private Invariants() {
    }

    static List<String> check(RunRecord run) {
        List<String> violations = new ArrayList<>();
        for (String node : run.nodes()) {
            int reboots = run.reboots().get(node).size();
            if (reboots > 1) {
                violations.add(node + " rebooted " + reboots + " times");
            }
            if (run.done().contains(node) && reboots != 1) {
                violations.add(node + " is done but rebooted " + reboots + " times");
            }
            if (run.outcome().equals("COMPLETED") && !run.dropped().contains(node) && reboots == 0) {
                violations.add(node + " never rebooted, yet the run COMPLETED");
            }
        }
        masterLast(run).ifPresent(violations::add);
        violations.addAll(overlappingDowntimes(run));
        switch (run.outcome()) {
            case "COMPLETED" -> { }
            case "CANCELLED" -> {
                if (!run.cancelPlanned()) {
                    violations.add("CANCELLED with no --cancel");
                }
            }
            case "STALLED" -> {
                if (run.reason() == null || run.reason().isBlank()) {
                    violations.add("STALLED without a reason");
                }
            }
            default -> violations.add("ended " + run.outcome() + (run.reason() == null ? "" : ": " + run.reason()));
        }
        if (run.cancelledAt() != null) {
            long after = run.nodes().stream().flatMap(n -> run.reboots().get(n).stream())
                    .filter(time -> time > run.cancelledAt()).count();
            if (after > 1) {
                violations.add(after + " reboots after the cancel was accepted (at most the node in flight)");
            }
            if (!run.outcome().equals("CANCELLED")) {
                violations.add("a --cancel was accepted, yet the run ended " + run.outcome());
            }
        }
        return violations;
    }

    private static Optional<String> masterLast(RunRecord run) {
        List<Long> master = run.reboots().get(run.master());
        if (master.isEmpty()) {
            return Optional.empty();
        }
        return run.nodes().stream().filter(node -> !node.equals(run.master()))
                .filter(node -> run.reboots().get(node).stream().anyMatch(time -> time > master.get(0)))
                .findFirst().map(node -> "master " + run.master() + " rebooted before " + node);
    }

    /** Members (dropped nodes no longer are) down at once: from rebootcmd to the next boot's daemon start. */
    private static List<String> overlappingDowntimes(RunRecord run) {
        List<String> members = run.nodes().stream().filter(node -> !run.dropped().contains(node)).toList();
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            for (int j = i + 1; j < members.size(); j++) {
                for (long[] one : spans(run, members.get(i))) {
                    for (long[] other : spans(run, members.get(j))) {
                        if (one[0] < other[1] && other[0] < one[1]) {
                            violations.add(members.get(i) + " and " + members.get(j) + " down at once");
                        }
                    }
                }
            }
        }
        return violations;
    }

    private static List<long[]> spans(RunRecord run, String node) {
        List<long[]> spans = new ArrayList<>();
        for (long down : run.reboots().get(node)) {
            long up = run.starts().get(node).stream().filter(time -> time >= down).findFirst().orElse(Long.MAX_VALUE);
            spans.add(new long[] {down, up});
        }
        return spans;
    }
}
