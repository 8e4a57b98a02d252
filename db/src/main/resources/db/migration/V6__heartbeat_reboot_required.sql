-- Whether the node's reboot-required sentinel is there (the sentinel file, or sentinelcmd exits 0):
-- a run reboots only the nodes that need it, unless started with --all. Null from a daemon that
-- does not check (older than this column): it is rebooted, as it always was.
ALTER TABLE node_heartbeat ADD COLUMN reboot_required boolean NULL;
