-- The nodes a run reboots, fixed when it starts: one row per cluster, for its current run
-- (one run per cluster at a time). The workflow keeps only names and asks for small verdicts,
-- which are judged over these nodes; a new run replaces the row.
CREATE TABLE reboot_plan (
    cluster    text        NOT NULL PRIMARY KEY,
    run        text        NOT NULL,
    nodes      text[]      NOT NULL,
    planned_at timestamptz NOT NULL
);
