#!/usr/bin/env bash
# Runs once, when a partner's PostgreSQL container initialises its data folder
# (/docker-entrypoint-initdb.d). It gives the partner database the same two roles as the embedded
# cluster (platform/database/embedded-cluster.ts): an owner that runs the migrations, and a
# runtime role that can use the tables but never update or delete the access trail.
set -euo pipefail
: "${HUB_DATABASE:?}" "${HUB_OWNER_PASSWORD:?}" "${HUB_RUNTIME_PASSWORD:?}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v db="$HUB_DATABASE" -v owner="hub_${HUB_DATABASE}_owner" -v runtime="hub_${HUB_DATABASE}" \
  -v owner_password="$HUB_OWNER_PASSWORD" -v runtime_password="$HUB_RUNTIME_PASSWORD" <<'SQL'
CREATE ROLE :"owner" LOGIN PASSWORD :'owner_password';
CREATE ROLE :"runtime" LOGIN PASSWORD :'runtime_password';
ALTER DATABASE :"db" OWNER TO :"owner";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"db" TO :"owner", :"runtime";
\connect :"db"
ALTER SCHEMA public OWNER TO :"owner";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"runtime";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO :"runtime";
SQL
