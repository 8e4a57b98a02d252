package org.distreboot.activities;

import org.distreboot.workflow.values.Look;
import org.distreboot.workflow.values.Verdict;

/** A look at the heartbeats of a run's members, for a node that has just rejoined. */
@FunctionalInterface
public interface ClusterLook {
    Verdict look(Look look);
}
