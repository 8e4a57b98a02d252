package org.distreboot.worker;

/**
 * A node as a heartbeat finds it: its boot id, and the host it runs on (for people, and its
 * machine id, empty when unknown), so that two hosts posting as one node can be told apart.
 */
record Sighting(String bootId, String host, String machineId) {
}
