package org.distreboot.worker;

import org.distreboot.workflow.NodeActivities;

/**
 * A node this daemon serves: its heartbeat, and the activities its queue is polled for. A daemon
 * serves its own node; a control host's serves nodes without a daemon, over ssh ({@link SshNodes}).
 */
record ServedNode(String name, NodeBeat beat, NodeActivities activities) {
}
