#!/bin/sh
# The schema job of distreboot's Temporal server: creates the databases temporal and
# temporal_visibility and brings both schemas up to the server's release, with the
# temporal-sql-tool of that release (its schemas are built in). Safe to run again.
# Run by docker-compose.yml (temporalio/admin-tools) and by the system suite (devkit), with the
# tool's own settings from the environment (no password on a command line):
#   SQL_HOST, SQL_PORT, SQL_USER, SQL_PASSWORD; for TLS SQL_TLS=true, SQL_TLS_CA_FILE, SQL_TLS_SERVER_NAME
set -eu
: "${SQL_HOST:?names the PostgreSQL host}"
: "${SQL_USER:?names the PostgreSQL user}"
export SQL_PLUGIN=postgres12
for schema in temporal visibility; do
  database=$([ $schema = temporal ] && echo temporal || echo temporal_visibility)
  temporal-sql-tool --db "$database" create-database 2>/dev/null || echo "database $database: already there"
  temporal-sql-tool --db "$database" setup-schema -v 0.0
  temporal-sql-tool --db "$database" update-schema --schema-name "postgresql/v12/$schema"
done
echo "Temporal's schemas are current"
