-- What the commands of a run printed on a node (the tail of their output, secrets masked) and how
-- they ended, one row a command run: draincmd, rebootcmd, blockcmd and the healthcmd of a rejoin.
-- `distreboot --log NODE` and each node's rejoin step read it; purged with the heartbeats, after
-- heartbeat.purge or 30 days, whichever is longer.
CREATE TABLE command_output (
    id          bigserial   PRIMARY KEY,
    cluster     text        NOT NULL,
    node        text        NOT NULL,
    workflow_id text        NOT NULL,
    run_id      text        NOT NULL,
    step        text        NOT NULL,
    boot_id     text        NOT NULL,
    command     text        NOT NULL,
    exit_code   integer     NOT NULL,
    timed_out   boolean     NOT NULL,
    took_ms     bigint      NOT NULL,
    output      text        NOT NULL,
    ran_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX command_output_node ON command_output (cluster, node, ran_at);
CREATE INDEX command_output_ran_at ON command_output (ran_at);
