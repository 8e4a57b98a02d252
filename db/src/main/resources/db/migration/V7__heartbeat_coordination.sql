-- How the daemon's coordination stands, as it posts: whether the Temporal service answered its last
-- look, and when a poll of its last answered (the database's now() less the age the daemon measured).
-- Null from a daemon that does not say (older than these columns), and before it knows.
ALTER TABLE node_heartbeat ADD COLUMN temporal_connected boolean NULL;
ALTER TABLE node_heartbeat ADD COLUMN polled_at timestamptz NULL;
