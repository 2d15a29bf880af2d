#!/usr/bin/env bash
# Start-up timing of the desktop app on a data folder (issue 19 §4): a
# fresh copy of the folder, its files dropped from the page cache (cold,
# `hoso-node bench evict`: posix_fadvise, no privilege needed), one timed
# start, then a second start on the same copy (warm). Prints the two JSON
# lines (app.StartupTimer), labelled, and the load beside them.
#
# usage: scripts/startup-timing.sh HOSO_BIN HOSO_NODE_BIN DATA_DIR [LABEL]
# The folder's key must open without a passphrase (key file or variable),
# and it must have the clerk $HOSO_STARTUP_USER (default vanthu, as the demo
# makes) with the password $HOSO_STARTUP_PASSWORD (default the demo's).
set -euo pipefail
bin=$(realpath "$1")
nodebin=$(realpath "$2")
src=$(realpath "$3")
label=${4:-run}
copy=$(mktemp -d)/data
trap 'rm -rf "$(dirname "$copy")"' EXIT
cp -a "$src" "$copy"
rm -f "$copy/desktop.json"
"$nodebin" bench evict "$copy" "$bin" >/dev/null
user=${HOSO_STARTUP_USER:-vanthu}
for pass in cold warm; do
  load=$(cut -d' ' -f1 /proc/loadavg)
  line=$(timeout 120 xvfb-run -a -s "-screen 0 1280x900x24" "$bin" --data "$copy" --startup-timing --startup-user "$user" 2>/dev/null | grep '^{"startupTiming"' || true)
  if [ -z "$line" ]; then
    echo "startup-timing: no timing line ($label $pass)" >&2
    exit 1
  fi
  echo "{\"label\":\"$label\",\"pass\":\"$pass\",\"load1\":$load,\"timing\":$line}"
done
