#!/usr/bin/env bash
# Run once by the postgres image on a new data directory: the owner and app roles and the database, as
# docs/OPERATIONS.md ("Creating the roles") tells an operator. Flyway (as tixing_owner) creates the schema and grants.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username postgres --dbname postgres <<SQL
CREATE ROLE tixing_owner LOGIN PASSWORD '${TIXING_OWNER_PASSWORD}';
CREATE ROLE tixing_app LOGIN PASSWORD '${TIXING_APP_PASSWORD}';
CREATE DATABASE tixing OWNER tixing_owner ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE tixing FROM PUBLIC;
GRANT CONNECT ON DATABASE tixing TO tixing_app;
SQL
psql -v ON_ERROR_STOP=1 --username postgres --dbname tixing <<SQL
ALTER SCHEMA public OWNER TO tixing_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
