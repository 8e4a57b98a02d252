-- A node without a daemon of its own is served over ssh by a control host's daemon: its
-- heartbeat names that control host (null: the node's own daemon posts it).
ALTER TABLE node_heartbeat ADD COLUMN served_by text NULL;
