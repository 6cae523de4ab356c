#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL 15 (Debian's postgresql-15):
# a new cluster in a temporary folder, listening on a free loopback port
# only, trusting local connections, without fsync (nothing in it outlives
# the run). The command gets
#   ATRIUM_TEST_POSTGRES_URL        a database for the unit tests
#   ATRIUM_TEST_DATABASE_URL_BASE   the server without a database name, for
#                                   tests that create a database of their own
# and the server is stopped and removed when the command ends, however it
# ends. The exit status is the command's.
#
#   scripts/test-services.sh make unit
#   scripts/test-services.sh bash -c 'cd tests/api && npm test'
#
# initdb refuses to run as root: as root the cluster runs as the `postgres`
# user the package creates.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$PG_BIN/initdb" ]; then
  echo "PostgreSQL 15 is not installed ($PG_BIN/initdb); run scripts/install-deps.sh --test" >&2
  exit 1
fi

dir=$(mktemp -d /tmp/atrium-postgres-XXXXXX)
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$dir"
  as_owner=(runuser -u postgres --)
fi

stop() {
  "${as_owner[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

"${as_owner[@]}" "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
  >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }

# A free port: ask the kernel, then start there; another process may take
# it in between, so try a few times.
free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})' 2>/dev/null ||
    echo $((20000 + RANDOM % 40000))
}
started=""
for _ in 1 2 3 4 5; do
  port=$(free_port)
  if "${as_owner[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" \
    start >/dev/null 2>&1; then
    started=1
    break
  fi
done
if [ -z "$started" ]; then
  echo "PostgreSQL did not start:" >&2
  cat "$dir/postgres.log" >&2 || true
  exit 1
fi

export ATRIUM_TEST_DATABASE_URL_BASE="postgres://postgres@127.0.0.1:$port"
export ATRIUM_TEST_POSTGRES_URL="$ATRIUM_TEST_DATABASE_URL_BASE/atrium_unit"
psql -q -X -v ON_ERROR_STOP=1 -d "$ATRIUM_TEST_DATABASE_URL_BASE/postgres" \
  -c "CREATE DATABASE atrium_unit" >/dev/null
echo "PostgreSQL 15 on 127.0.0.1:$port (in $dir)" >&2

set +e
"$@"
status=$?
set -e
exit $status
