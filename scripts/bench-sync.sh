#!/usr/bin/env bash
# Sync benchmark against the peer: hoso-node bench sync and PouchDB
# replication (../shared/bench-peers/pouch/run.sh) for the same N, one after
# the other, then a table of ratios (hoso / pouch).
#
#   scripts/bench-sync.sh N [N ...]      e.g. scripts/bench-sync.sh 1000 10000 50000
#
# Env: BENCH_PEERS (default ../shared/bench-peers from the repository root),
# BENCH_OUT (folder for the raw JSON lines; default a new temporary folder),
# HOSO_BENCH_FLAGS (extra flags for hoso-node bench sync, e.g. --encrypt=false).
# Needs node (>= 20); run.sh installs its pinned npm packages itself.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ $# -lt 1 ]; then echo "usage: $0 N [N ...]" >&2; exit 2; fi
command -v node >/dev/null || { echo "node (>= 20) is required" >&2; exit 2; }
peers="${BENCH_PEERS:-$root/../shared/bench-peers}"
[ -x "$peers/pouch/run.sh" ] || [ -f "$peers/pouch/run.sh" ] || { echo "no $peers/pouch/run.sh (set BENCH_PEERS)" >&2; exit 2; }
if [ ! -x bin/hoso-node ]; then
  echo "building bin/hoso-node" >&2
  go build -o bin/hoso-node ./cmd/hoso-node
fi
out="${BENCH_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/hoso-bench-sync.XXXXXX")}"
mkdir -p "$out"
echo "raw results in $out" >&2

rc=0
for N in "$@"; do
  echo "== N=$N: hoso" >&2
  # shellcheck disable=SC2086
  if ! bin/hoso-node bench sync --dossiers "$N" --dump "$peers/pouch/dump.js" ${HOSO_BENCH_FLAGS:-} > "$out/hoso-$N.json"; then
    echo "hoso N=$N failed" >&2; rc=1; continue
  fi
  echo "== N=$N: pouch" >&2
  if ! bash "$peers/pouch/run.sh" "$N" > "$out/pouch-$N.json"; then
    echo "pouch N=$N failed" >&2; rc=1; continue
  fi
done

node - "$out" "$@" <<'JS'
const fs = require('fs');
const [out, ...ns] = process.argv.slice(2);
const read = (f) => { try { return JSON.parse(fs.readFileSync(f, 'utf8').trim().split('\n').pop()); } catch { return null; } };
const r = (x, d = 2) => (x === null || x === undefined || !isFinite(x)) ? 'n/a' : Number(x.toFixed(d)).toString();
const rows = [];
for (const n of ns) {
  const h = read(`${out}/hoso-${n}.json`), p = read(`${out}/pouch-${n}.json`);
  if (!h || !p) { rows.push([n, 'missing result']); continue; }
  const pNoopBytes = p.noop.bytes_total_each.slice().sort((a, b) => a - b)[Math.floor(p.noop.bytes_total_each.length / 2)];
  const hRss = Math.max(h.peakRssMB.district, h.peakRssMB.commune);
  const pRss = Math.max(p.peak_rss_mb.server.overall, p.peak_rss_mb.client.overall);
  rows.push([
    n, h.events,
    `${r(h.full.dossiersPerSec, 0)} / ${p.full_push.docs_per_s}`, r(h.full.dossiersPerSec / p.full_push.docs_per_s),
    `${h.full.bytesTotal} / ${p.full_push.bytes_total}`, r(h.full.bytesTotal / p.full_push.bytes_total, 3),
    `${r(h.incremental100.ms, 1)} / ${r(p.incremental.ms, 1)}`,
    `${h.incremental100.bytes} / ${p.incremental.bytes_total}`, r(h.incremental100.bytes / p.incremental.bytes_total, 3),
    `${r(h.noop.ms, 2)} / ${r(p.noop.median_ms, 1)}`,
    `${h.noop.bytes} (proto ${h.noop.protocol.bytesTotal}) / ${pNoopBytes}`, r(h.noop.bytes / pNoopBytes, 3),
    `${r(h.peakRssMB.district, 1)}+${r(h.peakRssMB.commune, 1)} / ${r(p.peak_rss_mb.server.overall, 1)}+${r(p.peak_rss_mb.client.overall, 1)}`, r(hRss / pRss),
  ]);
}
const head = ['N', 'events', 'dossiers/s hoso / pouch', 'ratio (goal >= 10)', 'full bytes hoso / pouch', 'ratio (goal <= 0.5)',
  '100 changed ms', '100 changed bytes', 'ratio (goal <= 0.3)', 'no-op ms', 'no-op bytes hoso / pouch', 'ratio (hoso goal <= 1 KB)',
  'peak RSS MB district+commune / server+client', 'ratio of max (goal <= 0.5)'];
console.log('| ' + head.join(' | ') + ' |');
console.log('|' + head.map(() => '---').join('|') + '|');
for (const row of rows) console.log('| ' + row.join(' | ') + ' |');
JS
exit $rc
