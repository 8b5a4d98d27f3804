#!/usr/bin/env bash
# Installs the npm packages (pinned in package.json: Azurite, and uPlot, which the build embeds in the console)
# if needed and starts Azurite in the background.
# Usage: scripts/azurite.sh start <blob-port> <data-dir|--in-memory> <pid-file>   (queue = blob+1, table = blob+2)
#        scripts/azurite.sh stop <pid-file>
#        scripts/azurite.sh install
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
azurite="$root/node_modules/.bin/azurite"
uplot="$root/node_modules/uplot/dist/uPlot.esm.js"

install() {
  if [ ! -x "$azurite" ] || [ ! -f "$uplot" ]; then
    echo "Installing Azurite and uPlot (npm ci)..." >&2
    (cd "$root" && npm ci --no-audit --no-fund --loglevel=error >&2)
  fi
}

wait_for_port() {
  local port=$1
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "Azurite did not open port $port" >&2
  return 1
}

case "${1:-}" in
  install) install ;;
  start)
    blob=${2:?blob port}; data=${3:?data dir or --in-memory}; pidfile=${4:?pid file}
    install
    if (exec 3<>"/dev/tcp/127.0.0.1/$blob") 2>/dev/null; then
      echo "Azurite already listening on $blob; using it." >&2
      exit 0
    fi
    storage_args=(--location "$data")
    if [ "$data" = "--in-memory" ]; then storage_args=(--inMemoryPersistence); else mkdir -p "$data"; fi
    # In a session of its own (setsid, where there is one), so the Ctrl+C a terminal sends to a script's
    # process group does not reach it: the script that started it stops it, after the host that uses it.
    detach=(); if command -v setsid >/dev/null; then detach=(setsid); fi
    "${detach[@]}" "$azurite" --silent --skipApiVersionCheck --loose \
      --blobHost 127.0.0.1 --blobPort "$blob" \
      --queueHost 127.0.0.1 --queuePort $((blob + 1)) \
      --tableHost 127.0.0.1 --tablePort $((blob + 2)) \
      "${storage_args[@]}" >/dev/null 2>&1 &
    echo $! > "$pidfile"
    wait_for_port "$blob"; wait_for_port $((blob + 1)); wait_for_port $((blob + 2))
    ;;
  stop)
    pidfile=${2:?pid file}
    if [ -f "$pidfile" ]; then
      pid=$(cat "$pidfile")
      kill "$pid" 2>/dev/null || true
      # SIGTERM makes Azurite save its data and exit (it saves every 5 s otherwise, so a kill -9 can lose
      # acknowledged writes). Wait for it, so callers can delete its data folder; force it only after 10 s.
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
      rm -f "$pidfile"
    fi
    ;;
  *) echo "usage: $0 install | start <blob-port> <data-dir|--in-memory> <pid-file> | stop <pid-file>" >&2; exit 2 ;;
esac
