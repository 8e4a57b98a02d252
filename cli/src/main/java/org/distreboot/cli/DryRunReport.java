package org.distreboot.cli;

import java.util.List;

/** What `distreboot --dry-run` shows; its --json form is a contract (DESIGN.md). */
public record DryRunReport(String cluster, List<String> order, String master, List<String> blockers,
                           boolean wouldStart) {
}
