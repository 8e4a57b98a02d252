-- One row per (cluster, node): the node heartbeat each distreboot daemon posts.
-- Expiry is always computed from the database clock (now()), never a node's.
CREATE TABLE node_heartbeat (
    cluster           text        NOT NULL,
    node              text        NOT NULL,
    expires_at        timestamptz NOT NULL,
    boot_id           text        NOT NULL,
    daemon_id         text        NOT NULL,
    daemon_started_at timestamptz NOT NULL,
    role              text        NULL CHECK (role IN ('master', 'member')),
    ready             boolean     NULL,
    version           text        NOT NULL,
    posted_at         timestamptz NOT NULL,
    PRIMARY KEY (cluster, node)
);

-- The primary key serves the per-cluster listing; this index serves the purge
-- (DELETE ... WHERE expires_at < now() - purge age) without a full scan.
CREATE INDEX node_heartbeat_expires_at ON node_heartbeat (expires_at);
