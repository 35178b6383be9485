#!/usr/bin/env bash
# Runs every test: installs and starts PostgreSQL, Redis and Chromium on loopback (.ci/services.sh),
# runs the whole suite against them, stops them, and ends with a plain "N passed, N failed" line.
# Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~EventStore").
set -uo pipefail
cd "$(dirname "$0")"
export PGPORT=${PGPORT:-5440} REDIS_PORT=${REDIS_PORT:-6390}
export SERVICES_DIR=${SERVICES_DIR:-/tmp/hospitality-services-$PGPORT}
trap '.ci/services.sh down >/dev/null 2>&1' EXIT
.ci/services.sh up || { echo "0 passed, 1 failed"; exit 1; }
# shellcheck disable=SC1091
source "$SERVICES_DIR/env"

results=$(mktemp -d)
dotnet test Hospitality.sln --logger "trx;LogFileName=results.trx" --results-directory "$results" \
  --logger "console;verbosity=normal" "$@"
status=$?

count() { # count passed|failed TRX
  grep -o '<Counters [^>]*>' "$2" | head -1 | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"
}
trx="$results/results.trx"
passed=$(count passed "$trx" 2>/dev/null); failed=$(count failed "$trx" 2>/dev/null)
passed=${passed:-0}; failed=${failed:-0}

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi   # build or runner failure counts as a failure
rm -rf "$results"
echo "$passed passed, $failed failed"
exit "$status"
