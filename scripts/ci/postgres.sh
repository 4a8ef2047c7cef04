#!/usr/bin/env bash
# A PostgreSQL for the tests: Debian's `postgresql`, one cluster of our own ("guild", port 54329)
# listening on 127.0.0.1 only, a role and a database for the tests. Idempotent and quick: a
# cluster already running is reused. Prints the GUILD_TEST_DATABASE_URL to export.
#   eval "$(bash scripts/ci/postgres.sh)"   # then npm test runs the PostgreSQL suites too
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { as_root runuser -u postgres -- "$@"; }

PORT=54329
ROLE=guild_test
DATABASE=guild_test
PASSWORD=guild_test

if ! command -v pg_lsclusters >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  as_root apt-get update >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql >&2
fi
VERSION=$(ls /usr/lib/postgresql | sort -n | tail -1)

if ! pg_lsclusters -h | awk '{print $1"/"$2}' | grep -qx "$VERSION/guild"; then
  as_root pg_createcluster "$VERSION" guild --port "$PORT" -- --auth-local=peer --auth-host=scram-sha-256 >&2
  # Loopback only; fsync buys nothing for throwaway test data; tests open many short-lived pools.
  printf "listen_addresses = '127.0.0.1'\nfsync = off\nmax_connections = 200\n" |
    as_root tee "/etc/postgresql/$VERSION/guild/conf.d/guild.conf" >/dev/null
fi
if ! pg_lsclusters -h | awk '$1"/"$2=="'"$VERSION"'/guild" {print $4}' | grep -qx online; then
  as_root pg_ctlcluster "$VERSION" guild start >&2
fi

psql_admin() { as_postgres psql -p "$PORT" -v ON_ERROR_STOP=1 -qtAX "$@"; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != 1 ]; then
  psql_admin -c "CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD'" >&2
fi
# Host tests give each sandbox a database of its own, as a network would have.
psql_admin -c "ALTER ROLE $ROLE CREATEDB" >&2
# Dropping a test's database WITH (FORCE) also ends an autovacuum worker that happens to be in it,
# which only members of pg_signal_backend may do.
psql_admin -c "GRANT pg_signal_backend TO $ROLE" >&2
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" != 1 ]; then
  psql_admin -c "CREATE DATABASE $DATABASE OWNER $ROLE" >&2
fi

echo "export GUILD_TEST_DATABASE_URL=postgres://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DATABASE"
