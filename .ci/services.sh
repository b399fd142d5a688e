#!/usr/bin/env bash
# Start the services the integration tests use, as root in CI (dev.py test runs this first).
# stdout carries only KEY=VALUE lines (they become env vars for the tests); everything else goes
# to stderr. Idempotent: a second run finds the server already up and reuses it.
set -euo pipefail
exec 3>&1 1>&2

PG_PORT="${NEWSGRAPH_PG_PORT:-54329}"
PG_DATA="${NEWSGRAPH_PG_DATA:-/tmp/newsgraph-pg/data}"
PG_LOG="$(dirname "$PG_DATA")/server.log"
PG_USER=newsgraph
PG_PASSWORD=newsgraph
PG_DB=newsgraph_test

pg_bin() {
    # Debian keeps the server binaries out of PATH, one folder per major version.
    local found
    found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [[ -n "$found" && -x "$found/pg_ctl" ]]; then echo "$found"; return 0; fi
    if command -v pg_ctl >/dev/null; then dirname "$(command -v pg_ctl)"; return 0; fi
    return 1
}

if ! BIN="$(pg_bin)"; then
    echo "services: installing postgresql from Debian packages"
    export DEBIAN_FRONTEND=noninteractive
    # Update the package lists only when apt has none (a fresh container).
    if [[ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v -e lock -e partial || true)" ]]; then
        apt-get update -qq
    fi
    if ! apt-get install -y -qq --no-install-recommends postgresql >/dev/null; then
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    fi
    BIN="$(pg_bin)"
fi

# The server refuses to run as root: run it as the postgres user (created by the package) or ours.
RUN_AS=postgres
if ! id "$RUN_AS" >/dev/null 2>&1; then
    RUN_AS=newsgraph-pg
    id "$RUN_AS" >/dev/null 2>&1 || useradd --system --no-create-home "$RUN_AS"
fi
as_pg() { if [[ "$(id -u)" == 0 ]]; then runuser -u "$RUN_AS" -- "$@"; else "$@"; fi; }

ready() { "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; }

if ! ready; then
    mkdir -p "$(dirname "$PG_DATA")"
    chown "$RUN_AS" "$(dirname "$PG_DATA")"
    if [[ ! -s "$PG_DATA/PG_VERSION" ]]; then
        echo "services: initdb $PG_DATA"
        pwfile="$(mktemp)"
        echo "$PG_PASSWORD" >"$pwfile"
        chown "$RUN_AS" "$pwfile"
        # C locale: identical string order to SQLite's default binary collation.
        as_pg "$BIN/initdb" -D "$PG_DATA" -U "$PG_USER" --pwfile="$pwfile" --auth=scram-sha-256 \
            --encoding=UTF8 --locale=C >/dev/null
        rm -f "$pwfile"
    fi
    echo "services: starting postgresql on 127.0.0.1:$PG_PORT"
    # 3>&-: the server outlives this script and must not hold dev.py's stdout open (it would
    # wait for end-of-file forever).
    as_pg "$BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k /tmp -c fsync=off -c synchronous_commit=off" \
        start 3>&- </dev/null
fi

for _ in $(seq 1 60); do ready && break; sleep 1; done
ready || { echo "services: postgresql did not come up; see $PG_LOG"; exit 1; }

export PGPASSWORD="$PG_PASSWORD"
if ! "$BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'" | grep -q 1; then
    "$BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" "$PG_DB"
fi

echo "NEWSGRAPH_TEST_PG=postgresql://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB" >&3
