#!/usr/bin/env bash
# The benchmark suite of issue 3, in one command:
#   bench/run.sh                 every benchmark, full size (about 10 minutes on 2 cores)
#   bench/run.sh --quick         every benchmark, short runs and smaller counts (a smoke run, about 3 minutes)
#   bench/run.sh hubs            one benchmark (or several: append,durable,rebuild,http,hubs,circuits,fleet,rooms); may be combined with --quick
# Builds Release, publishes Hospitality.Web, starts PostgreSQL (fsync off) + Redis, and a second PostgreSQL with fsync on
# for the durable figure, all on loopback via .ci/services.sh on their own ports; prints the machine; writes the table to
# bench/RESULTS.md (a run of only some benchmarks writes bench/.out/RESULTS.md instead); stops the services.
# Extra options after -- go to the bench program (e.g. -- --groups 500).
set -euo pipefail
cd "$(dirname "$0")/.."
quick=(); only=(); extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=(--quick) ;;
    --) shift; extra=("$@"); break ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) only+=("$1") ;;
  esac
  shift
done
filter=$(IFS=,; echo "${only[*]:-}")

# 10,000 WebSockets plus the servers' own: the servers and the bench inherit this limit.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

out=bench/.out
mkdir -p "$out"
echo "bench: building (Release)"
dotnet build bench/Hospitality.Bench/Hospitality.Bench.csproj -c Release -v q -nologo >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
dotnet publish Hospitality.Web/Hospitality.Web.csproj -c Release -o "$out/web" -v q -nologo >"$out/publish.log" 2>&1 || { cat "$out/publish.log"; exit 1; }

# Own ports and folders, so a test run (5440/6390) on the same machine is not disturbed. PGPORT, REDIS_PORT and
# SERVICES_DIR move them (the durable PostgreSQL takes PGPORT+1), so two checkouts can benchmark side by side.
pg=${PGPORT:-5460}; redis=${REDIS_PORT:-6410}; dir=${SERVICES_DIR:-/tmp/hospitality-bench-$pg}
MAIN=(PGPORT=$pg REDIS_PORT=$redis SERVICES_DIR=$dir)
DURABLE=(PG_DURABLE=1 PGPORT=$((pg + 1)) REDIS_PORT=$((redis + 1)) SERVICES_DIR=$dir-durable)
stop() {
  env "${MAIN[@]}" .ci/services.sh down >/dev/null 2>&1 || true
  env "${DURABLE[@]}" .ci/services.sh down >/dev/null 2>&1 || true
}
trap stop EXIT
env "${MAIN[@]}" .ci/services.sh up
if [ -z "$filter" ] || [[ ",$filter," == *",durable,"* ]]; then env "${DURABLE[@]}" .ci/services.sh up; fi

args=(--postgres "Host=127.0.0.1;Port=$pg;Username=postgres;Database=hospitality"
      --postgres-durable "Host=127.0.0.1;Port=$((pg + 1));Username=postgres;Database=hospitality"
      --redis "127.0.0.1:$redis" --web-dll "$out/web/Hospitality.Web.dll" "${quick[@]}")
if [ -n "$filter" ]; then args+=(--only "$filter" --out "$out/RESULTS.md"); else args+=(--out bench/RESULTS.md); fi
HOSPITALITY_TEST_CHROMIUM="$(command -v chromium || echo /usr/bin/chromium)" \
  dotnet bench/Hospitality.Bench/bin/Release/net10.0/Hospitality.Bench.dll "${args[@]}" "${extra[@]}"
