#!/usr/bin/env bash
# Desktop smoke test: the real Wails binary opens its window under Xvfb, the
# interface calls a Go binding, the app exits 0 by itself within 30 s. A
# screenshot of the window is saved in OUT.
#
# usage: scripts/desktop-smoke.sh BINARY OUT
set -euo pipefail
bin=$(realpath "$1")
out=$(realpath -m "$2")
mkdir -p "$out"
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT

export SMOKE_BIN="$bin" SMOKE_OUT="$out" SMOKE_DATA="$data"
set +e
timeout 60 xvfb-run -a -s "-screen 0 1280x900x24" bash -c '
  "$SMOKE_BIN" --smoke --data "$SMOKE_DATA/node" >"$SMOKE_OUT/desktop.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do
    grep -q "smoke: the interface called" "$SMOKE_OUT/desktop.log" && break
    kill -0 $pid 2>/dev/null || break
    sleep 0.1
  done
  # Let the page finish painting after the first call, then photograph it.
  sleep 1.5
  import -window root "$SMOKE_OUT/desktop.png" 2>>"$SMOKE_OUT/desktop.log"
  wait $pid
'
rc=$?
set -e
if [ $rc -ne 0 ]; then
  echo "desktop smoke: the app exited $rc (log: $out/desktop.log)" >&2
  cat "$out/desktop.log" >&2
  exit 1
fi
if ! grep -q "smoke: the interface called Vault.Status" "$out/desktop.log"; then
  echo "desktop smoke: the interface never reached Go" >&2
  exit 1
fi
# A blank or black screenshot means the window did not render.
colours=$(identify -format '%k' "$out/desktop.png")
if [ "$colours" -lt 50 ]; then
  echo "desktop smoke: the screenshot has only $colours colours; the window did not render" >&2
  exit 1
fi
echo "desktop smoke: ok (screenshot $out/desktop.png, $colours colours)"
