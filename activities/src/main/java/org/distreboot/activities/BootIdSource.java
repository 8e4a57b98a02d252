package org.distreboot.activities;

/** Where a node's boot id comes from: it changes on every boot and proves a reboot happened. */
public interface BootIdSource {
    String current();
}
