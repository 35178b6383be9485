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

# A few failures get one more run, each test alone, and are named either way. This is not a pass for a broken
# test: one that fails twice stays failed. It keeps a rare timing flake (known: Redis backplane specs, about one
# run in eight on 2 cores, under investigation) from hiding every other result, and it says so out loud.
if [ "$status" -ne 0 ] && [ "$failed" -ge 1 ] && [ "$failed" -le 3 ]; then
  mapfile -t flaky < <(grep -o '<UnitTestResult [^>]*outcome="Failed"[^>]*>' "$trx" | sed -n 's/.*testName="\([^"(]*\).*/\1/p' | sort -u)
  still=0
  for name in "${flaky[@]}"; do
    if dotnet test Hospitality.sln --no-build --filter "FullyQualifiedName~$name" --logger "console;verbosity=minimal" >/dev/null 2>&1; then
      echo "RETRIED: $name failed, then passed when run again (a flake to fix, not a pass to trust)"
    else
      echo "FAILED TWICE: $name"; still=$((still + 1))
    fi
  done
  passed=$((passed + failed - still)); failed=$still
  [ "$still" -eq 0 ] && status=0
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi   # build or runner failure counts as a failure
rm -rf "$results"
echo "$passed passed, $failed failed"
exit "$status"
