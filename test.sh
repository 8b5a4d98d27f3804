#!/usr/bin/env bash
# Runs every test: unit, integration (real Durable Task engine on Azurite), end-to-end (the
# standalone host and sandbox over HTTP), the console in a real browser (tests/System/Console) and the
# infrastructure (Bicep) checks. Installs what it needs (Azurite from npm, the Bicep CLI from NuGet,
# Debian's chromium and chromium-driver through scripts/chromium.sh). Uses its own Azurite on ports 10100-10102 with
# a throwaway data folder, so a running ./run.sh is not disturbed. (Not Azurite's in-memory mode: its
# once-a-minute queue clean-up blocks every request for tens of seconds; see docs/benchmarks.md.)
# Ends with "N passed, N failed".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

for tool in dotnet node npm; do
  command -v "$tool" >/dev/null || { echo "test.sh: '$tool' is required but not on PATH" >&2; echo "0 passed, 1 failed"; exit 1; }
done

port=${TEST_AZURITE_PORT:-10100}
results="$root/TestResults"
rm -rf "$results"; mkdir -p "$results" "$root/.run"
pidfile="$root/.run/azurite-test.pid"
data=$(mktemp -d "${TMPDIR:-/tmp}/integration-test-azurite.XXXXXX")
trap 'scripts/azurite.sh stop "$pidfile"; rm -rf "$data"' EXIT INT TERM
if ! scripts/azurite.sh start "$port" "$data" "$pidfile"; then
  echo "test.sh: Azurite did not start"; echo "0 passed, 1 failed"; exit 1
fi
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
export INTEGRATION_TEST_STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$port/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$((port + 1))/devstoreaccount1;TableEndpoint=http://127.0.0.1:$((port + 2))/devstoreaccount1;"

# The console's browser tests drive Debian's chromium (Playwright for .NET is pointed at it; it never downloads one).
echo "== chromium"
if ! scripts/chromium.sh >/dev/null; then
  echo "test.sh: chromium could not be installed (scripts/chromium.sh)"; echo "0 passed, 1 failed"; exit 1
fi

echo "== build"
if ! dotnet build Integration.sln -c Release --nologo -v quiet -clp:ErrorsOnly; then
  echo "test.sh: the build failed"; echo "0 passed, 1 failed"; exit 1
fi

status=0
for project in tests/Unit tests/System; do
  name=$(basename "$project")
  echo "== test $project"
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" --results-directory "$results" \
    || status=1
done

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(echo "$counters" | grep -o ' passed="[0-9]*"' | grep -o '[0-9]*'); f=$(echo "$counters" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
count=$(ls "$results"/*.trx 2>/dev/null | wc -l)
if [ "$count" -lt 2 ]; then
  echo "test.sh: a test project produced no results"; failed=$((failed + 1)); status=1
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "$failed" -gt 0 ]; then node scripts/trx-failures.js "$results"/*.trx || true; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
