#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL 15 (Debian's postgresql-15)
# and a throwaway Redis 7 (Debian's redis-server): each in a temporary
# folder, listening on a free loopback port only, PostgreSQL trusting local
# connections and without fsync, Redis without persistence (nothing in them
# outlives the run). The command gets
#   ATRIUM_TEST_POSTGRES_URL        a database for the unit tests
#   ATRIUM_TEST_DATABASE_URL_BASE   the server without a database name, for
#                                   tests that create a database of their own
#   ATRIUM_TEST_REDIS_URL           the Redis server (tests keep apart by
#                                   key prefix: --redis-prefix)
# and the servers are stopped and removed when the command ends, however it
# ends. The exit status is the command's. Without redis-server installed
# (or with ATRIUM_TEST_NO_REDIS=1) only PostgreSQL runs.
#
#   scripts/test-services.sh make unit
#   scripts/test-services.sh bash -c 'cd tests/api && npm test'
#
# initdb refuses to run as root: as root the cluster runs as the `postgres`
# user the package creates, and Redis as the `redis` user.
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

redis_dir=""
redis_pid=""
stop() {
  "${as_owner[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  if [ -n "$redis_pid" ]; then
    kill "$redis_pid" 2>/dev/null || true
    wait "$redis_pid" 2>/dev/null || true
  fi
  [ -z "$redis_dir" ] || rm -rf "$redis_dir"
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

REDIS_BIN=${REDIS_BIN:-/usr/bin/redis-server}
if [ -x "$REDIS_BIN" ] && [ -z "${ATRIUM_TEST_NO_REDIS:-}" ]; then
  redis_dir=$(mktemp -d /tmp/atrium-redis-XXXXXX)
  redis_as=()
  if [ "$(id -u)" -eq 0 ] && id redis >/dev/null 2>&1; then
    chown redis: "$redis_dir"
    redis_as=(runuser -u redis --)
  fi
  for _ in 1 2 3 4 5; do
    rport=$(free_port)
    "${redis_as[@]}" "$REDIS_BIN" --bind 127.0.0.1 --port "$rport" --dir "$redis_dir" \
      --save "" --appendonly no --daemonize no --logfile "$redis_dir/redis.log" &
    redis_pid=$!
    for _ in $(seq 1 50); do
      if redis-cli -h 127.0.0.1 -p "$rport" ping >/dev/null 2>&1; then break; fi
      sleep 0.1
    done
    if redis-cli -h 127.0.0.1 -p "$rport" ping >/dev/null 2>&1; then break; fi
    kill "$redis_pid" 2>/dev/null || true
    wait "$redis_pid" 2>/dev/null || true
    redis_pid=""
  done
  if [ -z "$redis_pid" ]; then
    echo "Redis did not start:" >&2
    cat "$redis_dir/redis.log" >&2 || true
    exit 1
  fi
  export ATRIUM_TEST_REDIS_URL="redis://127.0.0.1:$rport"
  echo "Redis on 127.0.0.1:$rport (in $redis_dir)" >&2
fi

set +e
"$@"
status=$?
set -e
exit $status
