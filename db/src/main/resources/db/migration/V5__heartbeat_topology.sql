-- The quorum group a node belongs to (its zone, rack or shard, from topology or topologycmd),
-- null when the cluster is one group: nodes of one group reboot one at a time, groups side by
-- side up to reboot.parallel.
ALTER TABLE node_heartbeat ADD COLUMN topology text NULL;
