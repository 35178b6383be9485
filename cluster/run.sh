#!/usr/bin/env bash
# A two-server cluster on one machine, all on loopback: PostgreSQL + Redis (.ci/services.sh), two web servers
# (Release publish of Hospitality.Web) and, when Debian's nginx is installed or installable, a sticky proxy.
#   cluster/run.sh up       -> publishes, starts everything, waits for /health, prints the addresses and demo sign-in
#   cluster/run.sh status   -> what runs and whether each server's /health answers
#   cluster/run.sh down     -> stops everything `up` started (pid files in $CLUSTER_DIR) and removes its data
# Ports and folder can be overridden so several clusters (or a cluster and ./test.sh) can run side by side:
#   PROXY_PORT (5300), WEB1_PORT (5301), WEB2_PORT (5302), PGPORT (5450), REDIS_PORT (6400),
#   CLUSTER_DIR (/tmp/hospitality-cluster-$PROXY_PORT). NO_PROXY_SERVER=1 skips nginx.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PROXY_PORT=${PROXY_PORT:-5300}
WEB1_PORT=${WEB1_PORT:-5301}
WEB2_PORT=${WEB2_PORT:-5302}
export PGPORT=${PGPORT:-5450}
export REDIS_PORT=${REDIS_PORT:-6400}
CLUSTER_DIR=${CLUSTER_DIR:-/tmp/hospitality-cluster-$PROXY_PORT}
export SERVICES_DIR=$CLUSTER_DIR/services
APP=$CLUSTER_DIR/app
SUDO=(); [ "$(id -u)" != 0 ] && SUDO=(sudo)

postgres_cs="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=hospitality;Maximum Pool Size=50"

wait_healthy() {  # url seconds
  for _ in $(seq $(( $2 * 5 ))); do
    curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null && return 0
    sleep 0.2
  done
  return 1
}

start_web() {  # name port demo-data
  local name=$1 port=$2
  # ServerName shows which server answered; the proxy is trusted so the sign-in limiter sees each client.
  # exec all the way down, so the pid file holds the server's own pid.
  (cd "$APP" && exec env ASPNETCORE_ENVIRONMENT=Production \
    ConnectionStrings__Postgres="$postgres_cs" ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT" \
    Hospitality__DemoData="$3" Hospitality__ServerName="$name" \
    Staff__TrustedProxies__Networks__0=127.0.0.1/32 \
    nohup dotnet Hospitality.Web.dll --urls "http://127.0.0.1:$port") >"$CLUSTER_DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$CLUSTER_DIR/$name.pid"
}

have_nginx() {
  [ "${NO_PROXY_SERVER:-}" = 1 ] && return 1
  command -v nginx >/dev/null && return 0
  echo "cluster: installing nginx (Debian package)"
  { "${SUDO[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq nginx >/dev/null; } 2>/dev/null
  command -v nginx >/dev/null
}

start_proxy() {
  mkdir -p "$CLUSTER_DIR/nginx"
  # Sticky by cookie, not ip_hash: on one machine every client is 127.0.0.1, so ip_hash would send all to one
  # server. A new client goes round-robin; the response pins it with a cookie naming the server that answered
  # (a Blazor circuit and a SignalR negotiate + transport must stay on one server). If that server is down,
  # its upstream falls back to the other and the cookie moves with it.
  cat >"$CLUSTER_DIR/nginx/nginx.conf" <<CONF
worker_processes 1;
daemon on;
pid $CLUSTER_DIR/nginx.pid;
error_log $CLUSTER_DIR/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $CLUSTER_DIR/nginx/body;
  proxy_temp_path $CLUSTER_DIR/nginx/proxy;
  fastcgi_temp_path $CLUSTER_DIR/nginx/fastcgi;
  uwsgi_temp_path $CLUSTER_DIR/nginx/uwsgi;
  scgi_temp_path $CLUSTER_DIR/nginx/scgi;
  upstream web1 { server 127.0.0.1:$WEB1_PORT max_fails=1 fail_timeout=5s; server 127.0.0.1:$WEB2_PORT backup; }
  upstream web2 { server 127.0.0.1:$WEB2_PORT max_fails=1 fail_timeout=5s; server 127.0.0.1:$WEB1_PORT backup; }
  upstream either { server 127.0.0.1:$WEB1_PORT max_fails=1 fail_timeout=5s; server 127.0.0.1:$WEB2_PORT max_fails=1 fail_timeout=5s; }
  map \$cookie_hospitality_server \$pinned { web1 web1; web2 web2; default either; }
  map \$upstream_addr \$served_by { ~:$WEB1_PORT\$ web1; ~:$WEB2_PORT\$ web2; default ""; }
  map \$http_upgrade \$connection_upgrade { default upgrade; '' close; }
  server {
    listen 127.0.0.1:$PROXY_PORT;
    location / {
      proxy_pass http://\$pinned;
      proxy_http_version 1.1;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_read_timeout 1h;   # long-lived WebSockets (circuits, hubs)
      add_header Set-Cookie "hospitality_server=\$served_by; Path=/; HttpOnly; SameSite=Lax" always;
    }
  }
}
CONF
  nginx -p "$CLUSTER_DIR/nginx" -e "$CLUSTER_DIR/nginx/error.log" -c "$CLUSTER_DIR/nginx/nginx.conf"
}

up() {
  if [ -f "$CLUSTER_DIR/web1.pid" ]; then echo "cluster: already up in $CLUSTER_DIR (run '$0 down' first)" >&2; exit 1; fi
  mkdir -p "$CLUSTER_DIR"
  echo "cluster: publishing Hospitality.Web (Release) to $APP"
  dotnet publish "$ROOT/Hospitality.Web" -c Release -o "$APP" -nologo -v q >"$CLUSTER_DIR/publish.log" 2>&1 \
    || { tail -30 "$CLUSTER_DIR/publish.log" >&2; exit 1; }
  "$ROOT/.ci/services.sh" up
  # The first server creates the schema and loads the demo tenant; the second starts on the ready schema.
  start_web web1 "$WEB1_PORT" true
  wait_healthy "http://127.0.0.1:$WEB1_PORT/health" 90 || { tail -30 "$CLUSTER_DIR/web1.log" >&2; echo "cluster: web1 not healthy" >&2; exit 1; }
  start_web web2 "$WEB2_PORT" false
  wait_healthy "http://127.0.0.1:$WEB2_PORT/health" 90 || { tail -30 "$CLUSTER_DIR/web2.log" >&2; echo "cluster: web2 not healthy" >&2; exit 1; }
  local entry="http://127.0.0.1:$WEB1_PORT"
  if have_nginx; then
    start_proxy
    wait_healthy "http://127.0.0.1:$PROXY_PORT/health" 10 || { echo "cluster: proxy not answering" >&2; exit 1; }
    entry="http://127.0.0.1:$PROXY_PORT"
  else
    echo "cluster: no nginx; open a server directly"
  fi
  cat <<TEXT

  PostgreSQL  $postgres_cs
  Redis       127.0.0.1:$REDIS_PORT
  web1        http://127.0.0.1:$WEB1_PORT   (log $CLUSTER_DIR/web1.log)
  web2        http://127.0.0.1:$WEB2_PORT   (log $CLUSTER_DIR/web2.log)
  open        $entry$( [ "$entry" = "http://127.0.0.1:$PROXY_PORT" ] && echo "   (nginx, sticky by cookie hospitality_server)")
$(grep -m1 -A1 "Sign in as" "$CLUSTER_DIR/web1.log" | sed 's/^ */  /')
  stop with   $0 down

TEXT
}

stop_pid() {  # pid-file
  local pid; pid=$(cat "$1" 2>/dev/null) || return 0
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$1"
}

down() {
  stop_pid "$CLUSTER_DIR/nginx.pid"   # SIGTERM: nginx's fast shutdown, master and workers
  stop_pid "$CLUSTER_DIR/web2.pid"
  stop_pid "$CLUSTER_DIR/web1.pid"
  "$ROOT/.ci/services.sh" down >/dev/null
  rm -rf "$CLUSTER_DIR"
  echo "cluster: stopped"
}

status() {
  for name in web1:$WEB1_PORT web2:$WEB2_PORT proxy:$PROXY_PORT; do
    local n=${name%%:*} port=${name##*:} pidfile="$CLUSTER_DIR/${name%%:*}.pid"
    [ "$n" = proxy ] && pidfile="$CLUSTER_DIR/nginx.pid"
    if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      echo "$n  http://127.0.0.1:$port  pid $(cat "$pidfile")  health: $(curl -s --max-time 2 "http://127.0.0.1:$port/health" || echo unreachable)"
    else
      echo "$n  not running"
    fi
  done
  redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && echo "redis  127.0.0.1:$REDIS_PORT  up" || echo "redis  not running"
  pg_isready -q -h 127.0.0.1 -p "$PGPORT" 2>/dev/null && echo "postgres  127.0.0.1:$PGPORT  up" || echo "postgres  not running"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
