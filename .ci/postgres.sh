# Start a private PostgreSQL cluster on 127.0.0.1 for the store tests, and export SAGTE_TEST_PG.
#
# Source it (the store tests read SAGTE_TEST_PG; under CI=1 they fail if it is missing):
#     . .ci/postgres.sh            # or: SAGTE_PG_PORT=5544 . .ci/postgres.sh
# Stop the cluster with:  sagte_pg_stop
# Installs the `postgresql` package with apt-get if the server binaries are missing
# (see ../shared/RECIPES.md, "PostgreSQL for tests and CI"). Needs root (for su postgres).

_sagte_pg_start() {
    local port="${SAGTE_PG_PORT:-5433}"
    local bindir
    bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
        echo "postgres.sh: installing postgresql with apt-get" >&2
        apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2 || return 1
        bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
        [ -n "$bindir" ] || { echo "postgres.sh: no PostgreSQL server binaries after apt-get install" >&2; return 1; }
    fi
    # a port already serving means a cluster from an earlier run: reuse it
    if ! "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port"; then
        local dir
        dir=$(cd /tmp && mktemp -d /tmp/sagte-pg.XXXX) || return 1
        chown postgres:postgres "$dir"
        (cd /tmp && su postgres -c "$bindir/initdb -D $dir/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >"$dir/initdb.log" 2>&1) \
            || { cat "$dir/initdb.log" >&2; return 1; }
        (cd /tmp && su postgres -c "$bindir/pg_ctl -D $dir/data -l $dir/log -o \"-c listen_addresses=127.0.0.1 -p $port -k $dir\" -w start" >&2) \
            || { cat "$dir/log" >&2; return 1; }
        export SAGTE_PG_DIR="$dir"
    fi
    export SAGTE_PG_BIN="$bindir"
    export SAGTE_TEST_PG="postgresql://postgres@127.0.0.1:$port/postgres"
    echo "postgres.sh: SAGTE_TEST_PG=$SAGTE_TEST_PG" >&2
}

sagte_pg_stop() {
    if [ -n "${SAGTE_PG_DIR:-}" ]; then
        (cd /tmp && su postgres -c "$SAGTE_PG_BIN/pg_ctl -D $SAGTE_PG_DIR/data -m fast -w stop" >&2) && rm -rf "$SAGTE_PG_DIR"
    fi
}

_sagte_pg_start
