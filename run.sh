#!/usr/bin/env bash
# Runs the product locally in standalone mode: Azurite (installed from npm on first run), the
# standalone host with the Durable Task engine, and the sandbox systems embedded, on 127.0.0.1.
#   API:      http://127.0.0.1:7071/api   (webhooks, health)
#   Sandbox:  http://127.0.0.1:7080       (emulated HubSpot, QuickBooks, alert sink; state under /_sandbox)
# Ctrl+C (or SIGTERM to this script) stops the host first, waits for it, then stops Azurite. Any
# setting of the host can be overridden with environment variables (Section__Key) or arguments.
# Environment overrides of the script itself (tests use them to run a second copy on free ports):
#   RUN_AZURITE_PORT  Azurite's blob port, queue and table on the next two    (10000)
#   RUN_AZURITE_DATA  Azurite's data folder                                    (.azurite)
#   RUN_NO_BUILD=1    start the last build instead of building first
#   RUN_HOST_DLL      the standalone host to start       (devhost/bin/Release/net10.0/Integration.DevHost.dll)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

for tool in dotnet node npm; do
  command -v "$tool" >/dev/null || { echo "run.sh: '$tool' is required but not on PATH" >&2; exit 1; }
done

port=${RUN_AZURITE_PORT:-10000}
data=${RUN_AZURITE_DATA:-$root/.azurite}
host_dll=${RUN_HOST_DLL:-$root/devhost/bin/Release/net10.0/Integration.DevHost.dll}
pidfile="$root/.run/azurite-$port.pid"
mkdir -p "$root/.run"

if [ "${RUN_NO_BUILD:-}" != 1 ]; then
  # The build embeds the console's chart library from node_modules.
  scripts/azurite.sh install
  echo "Building the standalone host..."
  dotnet build devhost/Integration.DevHost.csproj -c Release --nologo -v quiet -clp:ErrorsOnly
fi

if [ "$port" != 10000 ] && [ -z "${AzureWebJobsStorage:-}" ]; then
  key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  export AzureWebJobsStorage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$port/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$((port + 1))/devstoreaccount1;TableEndpoint=http://127.0.0.1:$((port + 2))/devstoreaccount1;"
fi

host_pid=""
stopped=""
# The host first (it drains and leaves unfinished work to redelivery), then the storage it was using.
stop_all() {
  [ -n "$stopped" ] && return
  stopped=1
  if [ -n "$host_pid" ] && kill -0 "$host_pid" 2>/dev/null; then
    echo "run.sh: stopping the host..."
    kill -TERM "$host_pid" 2>/dev/null || true
    wait "$host_pid" 2>/dev/null || true
  fi
  if [ -n "$host_pid" ]; then echo "run.sh: the host has stopped"; fi
  scripts/azurite.sh stop "$pidfile"
  echo "run.sh: Azurite has stopped"
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all' EXIT

scripts/azurite.sh start "$port" "$data" "$pidfile"

echo "Starting: API http://127.0.0.1:${Standalone__ApiPort:-7071}/api, sandbox http://127.0.0.1:${Sandbox__Port:-7080} (Ctrl+C to stop)"
# In the background so this script, not the terminal, decides the order things stop in.
dotnet "$host_dll" "$@" &
host_pid=$!
status=0
wait "$host_pid" || status=$?
exit "$status"
