-- A daemon that stops (SIGTERM, usually a host shutdown) posts a last heartbeat that
-- expires at once and says so, so that status can tell "stopping" from "vanished".
ALTER TABLE node_heartbeat ADD COLUMN stopping boolean NOT NULL DEFAULT false;
