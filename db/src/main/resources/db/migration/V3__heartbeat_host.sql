-- Who posts a node's heartbeat, to tell apart two hosts that claim one node name (a cloned
-- image, a copied file): the host (name, machine id and boot, as one line for people) and its
-- machine id; and, when another live daemon posted the row since this daemon's previous post,
-- that daemon's host and the database time it was seen.
ALTER TABLE node_heartbeat ADD COLUMN host text NOT NULL DEFAULT '';
ALTER TABLE node_heartbeat ADD COLUMN machine_id text NOT NULL DEFAULT '';
ALTER TABLE node_heartbeat ADD COLUMN contender text NULL;
ALTER TABLE node_heartbeat ADD COLUMN contended_at timestamptz NULL;
