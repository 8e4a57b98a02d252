package org.distreboot.client;

import org.distreboot.workflow.values.Phase;

/**
 * The cluster's run as a daemon's metrics tell it: what `distreboot` (status) would say, in figures.
 *
 * @param phase    where the run in progress, or else the last one, stands; null when there is none
 * @param paused   whether an operator paused it
 * @param nodes    how many nodes it reboots; 0 when it cannot be told
 * @param rebooted how many of them it rebooted so far
 */
public record RunFigures(Phase phase, boolean paused, int nodes, int rebooted) {
}
