#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for the Suivi tests.
#
# Two ways to use it:
#   source tests/postgres.sh      # ../test.sh does this: defines pg_find_bin, pg_start, pg_stop
#   tests/postgres.sh [cmd...]    # start a cluster, run cmd with SUIVI_TEST_POSTGRES exported
#                                 # (default: a psql connection check), then throw the cluster away.
#                                 # e.g. SUIVI_TEST_DB=postgres tests/postgres.sh dotnet test tests/Suivi.Tests
#
# The cluster lives in a `mktemp -d` folder, listens on 127.0.0.1 only on a free port, trusts every
# local connection, and is tuned for speed rather than durability: its data is deleted afterwards.
# Needs the Debian `postgresql` package (binaries in /usr/lib/postgresql/<ver>/bin).

PG_BIN=${PG_BIN:-}   # folder holding initdb/pg_ctl/pg_isready/psql
PG_TMP=              # the cluster's temp folder (data dir, unix socket, logs)
PG_PORT=

# Finds the PostgreSQL server binaries; returns 1 if the server is not installed.
# Debian keeps them off PATH in /usr/lib/postgresql/<ver>/bin: take the newest version.
pg_find_bin() {
    [[ -n $PG_BIN && -x $PG_BIN/initdb ]] && return 0
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1) || true
    if [[ -n $dir && -x $dir/initdb && -x $dir/pg_ctl ]]; then
        PG_BIN=$dir
        return 0
    fi
    # Other distributions / Homebrew put them on PATH.
    if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
        PG_BIN=$(dirname "$(command -v initdb)")
        return 0
    fi
    return 1
}

# Runs a server command with its output sent to <file>.
# initdb and postgres refuse to run as root: as root, run them as the `postgres` user.
# The `cd` is there because that user may not be allowed into the caller's working directory.
# The redirection is made inside the subshell on purpose: a redirection on a function call would
# stay active in the calling shell meanwhile, and a Ctrl-C trap running then (test.sh prints the
# final count from one) would write into that file instead of the terminal.
_pg_run() { # <output file> <command> [args...]
    local out=$1
    shift
    if [[ $EUID -eq 0 ]]; then
        (cd "$PG_TMP" && exec runuser -u postgres -- "$@" >"$out" 2>&1)
    else
        (cd "$PG_TMP" && exec "$@" >"$out" 2>&1)
    fi
}

# Prints a TCP port nobody listens on. Taken below 32768 so it is not in Linux's ephemeral range.
# (A port can still be taken between this check and postgres binding it: pg_start retries.)
_pg_free_port() {
    local port _
    for _ in {1..100}; do
        port=$((20000 + RANDOM % 12000))
        # Connecting succeeds only if something listens there.
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    return 1
}

# Creates and starts the cluster, then exports SUIVI_TEST_POSTGRES. Call pg_stop afterwards (trap EXIT).
pg_start() {
    pg_find_bin || { echo "error: PostgreSQL server not found (apt-get install postgresql)" >&2; return 1; }

    if [[ $EUID -eq 0 ]]; then
        # The Debian package creates the postgres user; create a system user if it is not there.
        if ! id -u postgres >/dev/null 2>&1; then
            useradd --system --user-group --no-create-home --home-dir /nonexistent \
                --shell /usr/sbin/nologin postgres
        fi
        # Under /tmp (not $TMPDIR) so that the postgres user can reach it.
        # (Explicit `|| return`: callers use `pg_start || ...`, which turns off set -e in here.)
        PG_TMP=$(mktemp -d /tmp/suivi-pg.XXXXXX) || return 1
        chown postgres: "$PG_TMP" || return 1
    else
        PG_TMP=$(mktemp -d "${TMPDIR:-/tmp}/suivi-pg.XXXXXX") || return 1
    fi

    # --auth=trust: no passwords for local socket nor 127.0.0.1/::1 (the password in the
    # connection string is ignored). --no-sync: the data is thrown away anyway.
    # C.UTF-8 always exists on Debian and keeps upper()/lower() right for accented text.
    if ! _pg_run "$PG_TMP/initdb.log" "$PG_BIN/initdb" -D "$PG_TMP/data" -U postgres \
        --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync; then
        echo "error: initdb failed:" >&2
        cat "$PG_TMP/initdb.log" >&2
        return 1
    fi

    # Speed over durability; several test classes may hold connection pools at once.
    cat >>"$PG_TMP/data/postgresql.conf" <<EOF

# --- throwaway test cluster (tests/postgres.sh) ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_TMP'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
EOF

    # The port is given on the command line so a retry can pick another one.
    local port attempt started=
    for attempt in 1 2 3 4 5; do
        port=$(_pg_free_port) || break
        if _pg_run /dev/null "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/postgres.log" \
            -o "-p $port" -w -t 60 start; then
            started=1
            break
        fi
    done
    if [[ -z $started ]]; then
        echo "error: could not start PostgreSQL; end of its log:" >&2
        tail -n 20 "$PG_TMP/postgres.log" >&2 2>/dev/null || true
        return 1
    fi
    PG_PORT=$port

    # pg_ctl -w watched the unix socket; make sure TCP answers too, as the tests use it.
    local _
    for _ in {1..60}; do
        "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres && break
        sleep 0.5
    done
    if ! "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres; then
        echo "error: PostgreSQL does not answer on 127.0.0.1:$PG_PORT" >&2
        tail -n 20 "$PG_TMP/postgres.log" >&2 || true
        return 1
    fi

    # The tests create (and drop) their own databases from this connection string.
    export SUIVI_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Database=postgres;Include Error Detail=true"
}

# Stops the cluster and deletes its folder. Safe to call more than once, or after a failed start.
pg_stop() {
    [[ -n $PG_TMP && -d $PG_TMP ]] || return 0
    if [[ -f $PG_TMP/data/postmaster.pid ]]; then
        local pid
        pid=$(head -n 1 "$PG_TMP/data/postmaster.pid" 2>/dev/null) || pid=
        # Immediate: no checkpoint, nothing worth keeping.
        _pg_run /dev/null "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate -w -t 20 stop || true
        # Last resort, only for our own postmaster.
        if [[ $pid =~ ^[0-9]+$ ]] && grep -qs postgres "/proc/$pid/comm"; then
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    rm -rf -- "$PG_TMP"
    PG_TMP=
    PG_PORT=
}

# Run directly (not sourced): start, run the command (or a connection check), always clean up.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    set -euo pipefail
    trap pg_stop EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    pg_start
    echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT ($PG_TMP)" >&2
    if [[ $# -eq 0 ]]; then
        # Connection check over TCP with the exported values, as the tests connect.
        "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres \
            -c 'CREATE DATABASE suivi_check' -c 'DROP DATABASE suivi_check' -At -c 'SELECT version()'
    else
        "$@"
    fi
fi
