#!/usr/bin/env bash
# Opens the desktop app on demo data in the per-user data folder (or
# $HOSO_DATA). With no display (a server, a container) it runs under Xvfb and
# saves a screenshot, so the command still shows what a clerk would see.
set -euo pipefail
cd "$(dirname "$0")/.."

data="${HOSO_DATA:-}"
if [ -z "$data" ]; then
  if [ -n "${XDG_DATA_HOME:-}" ]; then data="$XDG_DATA_HOME/hoso"; else data="$HOME/.local/share/hoso"; fi
fi

if [ ! -f "$data/identity.key" ]; then
  echo "run: preparing demo data in $data"
  bin/hoso-node init --data "$data" >/dev/null
fi
# The demo offices and users, once (the CLI acts as the node's operator).
if bin/hoso-node rpc --data "$data" Setup.Status | grep -q '"needed": true'; then
  bin/hoso-node demo --data "$data" --dossiers 300 >/dev/null
  echo "run: demo data ready; log in as demo / matkhau-demo (admin), or vanthu, chuyenvien, lanhdao, thanhtra"
fi

if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec bin/hoso --data "$data"
fi

mkdir -p test-results
echo "run: no display here; starting the window under Xvfb (screenshot: test-results/run.png; Ctrl-C to stop)"
export RUN_DATA="$data"
exec xvfb-run -a -s "-screen 0 1280x900x24" bash -c '
  bin/hoso --data "$RUN_DATA" & pid=$!
  trap "kill $pid 2>/dev/null" INT TERM
  sleep 6
  import -window root test-results/run.png && echo "run: screenshot saved to test-results/run.png"
  wait $pid'
