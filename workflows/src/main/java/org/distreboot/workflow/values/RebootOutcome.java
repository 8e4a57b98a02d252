package org.distreboot.workflow.values;

/** What the reboot activity did. */
public enum RebootOutcome {
    /** rebootcmd ran: the node is on its way down. */
    REBOOT_STARTED,
    /** The boot id had already changed: an earlier attempt rebooted the node, so nothing was run. */
    ALREADY_REBOOTED
}
