#!/usr/bin/env bash
# Installs (Debian packages) and starts what the tests need, on loopback only, or stops it again.
#   .ci/services.sh up     -> installs redis-server/chromium if missing, starts PostgreSQL 15 and Redis,
#                             writes the test environment to $SERVICES_DIR/env (source it)
#   .ci/services.sh down   -> stops them and removes their data
# Ports and folder can be overridden so several checkouts can run side by side:
#   PGPORT (5440), REDIS_PORT (6390), SERVICES_DIR (/tmp/hospitality-services-$PGPORT)
# PG_DURABLE=1 starts PostgreSQL with its durable defaults (fsync on) instead, for benchmarks of durable commits.
set -euo pipefail
PGPORT=${PGPORT:-5440}
REDIS_PORT=${REDIS_PORT:-6390}
SERVICES_DIR=${SERVICES_DIR:-/tmp/hospitality-services-$PGPORT}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
RUN_AS=(); [ "$(id -u)" = 0 ] && RUN_AS=(runuser -u postgres --)
SUDO=(); [ "$(id -u)" != 0 ] && SUDO=(sudo)

install_missing() {
  local missing=()
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v chromium >/dev/null || missing+=(chromium)
  [ -x "$PGBIN/initdb" ] || missing+=(postgresql-15)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "services: installing ${missing[*]} (Debian packages)"
    "${SUDO[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

up() {
  install_missing
  down_quiet
  mkdir -p "$SERVICES_DIR"; chmod 755 "$SERVICES_DIR"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$SERVICES_DIR"
  "${RUN_AS[@]}" "$PGBIN/initdb" -D "$SERVICES_DIR/pg" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$SERVICES_DIR/initdb.log"
  # fsync off: test data is thrown away; never use these settings for real data.
  local durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  [ "${PG_DURABLE:-0}" = 1 ] && durability="-c fsync=on -c synchronous_commit=on -c full_page_writes=on"
  "${RUN_AS[@]}" "$PGBIN/pg_ctl" -D "$SERVICES_DIR/pg" -l "$SERVICES_DIR/pg.log" -w -t 30 \
    -o "-p $PGPORT -k $SERVICES_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 $durability" start >/dev/null \
    || { echo "PostgreSQL did not start on 127.0.0.1:$PGPORT (another server on that port? set PGPORT): $(tail -3 "$SERVICES_DIR/pg.log")" >&2; return 1; }
  "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qc "CREATE DATABASE hospitality;"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$SERVICES_DIR/redis.pid" --logfile "$SERVICES_DIR/redis.log" --dir "$SERVICES_DIR"
  for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && break; sleep 0.1; done
  cat >"$SERVICES_DIR/env" <<ENV
export HOSPITALITY_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=hospitality;Pooling=true;Maximum Pool Size=50"
export HOSPITALITY_TEST_REDIS="127.0.0.1:$REDIS_PORT"
export HOSPITALITY_TEST_REDIS_PORT="$REDIS_PORT"
export HOSPITALITY_TEST_CHROMIUM="$(command -v chromium)"
ENV
  echo "services: PostgreSQL on 127.0.0.1:$PGPORT, Redis on 127.0.0.1:$REDIS_PORT (env: $SERVICES_DIR/env)"
}

down_quiet() {
  if [ -f "$SERVICES_DIR/pg/postmaster.pid" ]; then
    "${RUN_AS[@]}" "$PGBIN/pg_ctl" -D "$SERVICES_DIR/pg" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [ -f "$SERVICES_DIR/redis.pid" ]; then
    kill "$(cat "$SERVICES_DIR/redis.pid")" 2>/dev/null || true
  fi
  rm -rf "$SERVICES_DIR"
}

case "${1:-}" in
  up) up ;;
  down) down_quiet; echo "services: stopped" ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
