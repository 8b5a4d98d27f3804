#!/usr/bin/env bash
# Runs the product locally in standalone mode: Azurite (installed from npm on first run), the
# standalone host with the Durable Task engine, and the sandbox systems embedded, on 127.0.0.1.
#   API:      http://127.0.0.1:7071/api   (webhooks, health)
#   Sandbox:  http://127.0.0.1:7080       (emulated HubSpot, QuickBooks, alert sink; state under /_sandbox)
# Ctrl+C stops everything. Any setting can be overridden with environment variables (Section__Key).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

for tool in dotnet node npm; do
  command -v "$tool" >/dev/null || { echo "run.sh: '$tool' is required but not on PATH" >&2; exit 1; }
done

pidfile="$root/.run/azurite.pid"
mkdir -p "$root/.run"
scripts/azurite.sh start 10000 "$root/.azurite" "$pidfile"
trap 'scripts/azurite.sh stop "$pidfile"' EXIT INT TERM

echo "Building the standalone host..."
dotnet build devhost/Integration.DevHost.csproj -c Release --nologo -v quiet -clp:ErrorsOnly

echo "Starting: API http://127.0.0.1:7071/api, sandbox http://127.0.0.1:7080 (Ctrl+C to stop)"
dotnet devhost/bin/Release/net10.0/Integration.DevHost.dll "$@"
