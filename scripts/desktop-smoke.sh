#!/usr/bin/env bash
# Desktop smoke test: the real Wails binary opens its window under Xvfb, the
# interface calls a Go binding, the app exits 0 by itself within 30 s. A
# screenshot of the window is saved in OUT.
#
# With HOSO_NODE (hoso-node), it then checks the start-up timing mode on a
# small demo folder: one JSON line with every phase (app.StartupPhases),
# from process start to the dossier list's first page. Figures are
# printed, not asserted (issue 19 §4).
#
# usage: scripts/desktop-smoke.sh BINARY OUT [HOSO_NODE]
set -euo pipefail
bin=$(realpath "$1")
out=$(realpath -m "$2")
nodebin=${3:+$(realpath "$3")}
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

[ -n "$nodebin" ] || exit 0
# The start-up timing: a demo folder (a clerk to log in as), one timed start.
"$nodebin" init --data "$data/timed" --key-file "$data/keys/timed.key" >/dev/null 2>&1
"$nodebin" demo --data "$data/timed" --dossiers 20 >/dev/null 2>&1
set +e
timeout 90 xvfb-run -a -s "-screen 0 1280x900x24" "$bin" --data "$data/timed" --startup-timing >"$out/startup-timing.log" 2>&1
rc=$?
set -e
line=$(grep '^{"startupTiming"' "$out/startup-timing.log" || true)
if [ $rc -ne 0 ] || [ -z "$line" ]; then
  echo "desktop smoke: the start-up timing exited $rc without its line (log: $out/startup-timing.log)" >&2
  cat "$out/startup-timing.log" >&2
  exit 1
fi
# The line names the phases it lacks (app.StartupPhases) under "missing".
missing=$(printf '%s' "$line" | python3 -c 'import json, sys; print(" ".join(json.load(sys.stdin)["startupTiming"].get("missing") or []))')
if [ -n "$missing" ]; then
  echo "desktop smoke: the start-up timing line lacks: $missing" >&2
  echo "$line" >&2
  exit 1
fi
echo "desktop smoke: start-up timing ok: $line"
