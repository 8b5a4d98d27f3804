#!/usr/bin/env bash
# Runs the benchmark end to end: its own Azurite (fresh data directory), a Release build of the host and
# the bench, the run itself (bounded: every phase has a time limit), then Azurite is stopped and its
# data removed, even on failure.
# Usage: bash bench/run.sh [--senders 16] [--seconds 20] [--deals 500] [--concurrency 16] [...]   (see docs/benchmarks.md)
# Environment: BENCH_AZURITE_PORT (10200; queue +1, table +2), BENCH_AZURITE_MODE (disk | memory; disk),
#              BENCH_ARTIFACTS (/tmp/art-bench), BENCH_TIME_LIMIT (45m).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${BENCH_AZURITE_PORT:-10200}"
mode="${BENCH_AZURITE_MODE:-disk}"
artifacts="${BENCH_ARTIFACTS:-/tmp/art-bench}"
limit="${BENCH_TIME_LIMIT:-45m}"
work="$(mktemp -d "${TMPDIR:-/tmp}/bench-run.XXXXXX")"
azurite_pid="$work/azurite.pid"
azurite_data="$work/azurite-data"
host_pid="$work/host.pid"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

cleanup() {
  # The bench kills its host itself; this covers the bench being killed before it could.
  if [ -s "$host_pid" ] && kill -0 "$(cat "$host_pid")" 2>/dev/null; then kill "$(cat "$host_pid")" 2>/dev/null || true; fi
  "$root/scripts/azurite.sh" stop "$azurite_pid"
  rm -rf "$azurite_data"
}
trap cleanup EXIT

for p in "$port" $((port + 1)) $((port + 2)); do
  if port_open "$p"; then
    echo "Port $p is already in use; the bench needs its own Azurite (set BENCH_AZURITE_PORT to a free base port)." >&2
    exit 1
  fi
done

# On disk by default: Azurite 3.35's in-memory mode stalls for tens of seconds when its queue GC deletes
# message extents (see docs/benchmarks.md), which would make the figures measure the emulator's GC.
case "$mode" in
  disk) location="$azurite_data" ;;
  memory) location="--in-memory" ;;
  *) echo "BENCH_AZURITE_MODE must be 'disk' or 'memory', not '$mode'." >&2; exit 2 ;;
esac
echo "Starting Azurite ($mode) on 127.0.0.1:$port-$((port + 2))..." >&2
"$root/scripts/azurite.sh" start "$port" "$location" "$azurite_pid"

echo "Building Release (artifacts: $artifacts)..." >&2
dotnet build "$root/bench" -c Release --artifacts-path "$artifacts" -nologo -v quiet >&2
host_dll="$artifacts/bin/Integration.DevHost/release/Integration.DevHost.dll"
bench_dll="$artifacts/bin/Integration.Bench/release/Integration.Bench.dll"

status=0
timeout --kill-after=30s "$limit" dotnet "$bench_dll" \
  --host-dll "$host_dll" --azurite-port "$port" --azurite-mode "$mode" \
  --host-log "$work/host.log" --host-pid-file "$host_pid" --azurite-pid-file "$azurite_pid" "$@" || status=$?
echo "Host log: $work/host.log" >&2
exit "$status"
