#!/usr/bin/env bash
# Runs every Go fuzz target in the module for a short time each.
# usage: scripts/fuzz.sh DURATION [WORKERS]
#
# make test runs each target for 1 s on one worker (-parallel 1): a smoke
# run that finds what a few thousand mutations find, on one core, while the
# other lane of make test uses the other. The seed corpora run in every
# `go test` anyway. Longer runs: scripts/fuzz.sh 10m 2, or
# go test -fuzz=NAME -fuzztime=10m ./PKG for one target.
#
# Minimising a new interesting input may take longer than a short run
# lasts, and on a loaded machine Go then ends the run with "context
# deadline exceeded" although nothing failed; minimisation is bounded, and
# such a run is tried once more. A real failure (a failing input written
# to testdata/fuzz) always fails.
set -uo pipefail
dur="${1:-2s}"
workers="${2:-1}"
found=0
status=0
# Each package's test binary is built (instrumented for fuzzing) and linked
# once, then run for each of its targets: go test -fuzz would link it
# again for every target (3 s of CPU for a big package). The binary runs
# in the package's folder (testdata/fuzz, where a failing input is
# written) with the cache folder go test would give it.
bins=$(mktemp -d)
trap 'rm -rf "$bins"' EXIT
cache="$(go env GOCACHE)/fuzz"
while read -r pkg dir; do
  names=$(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //')
  [ -n "$names" ] || continue
  found=1
  exe="$bins/${pkg//\//_}.test"
  if ! out=$(go test -c -fuzz=. -o "$exe" "$pkg" 2>&1 </dev/null); then
    echo "fuzz: $pkg FAILED to build"
    echo "$out"
    status=1
    continue
  fi
  for name in $names; do
    for try in 1 2; do
      echo "fuzz: $pkg $name ($dur on $workers worker(s), try $try)"
      out=$(cd "$dir" && "$exe" -test.run '^$' -test.fuzz "^${name}\$" -test.fuzztime "$dur" \
        -test.parallel "$workers" -test.fuzzminimizetime 200x -test.fuzzcachedir "$cache/$pkg" \
        -test.timeout 10m -test.paniconexit0 2>&1 </dev/null)
      rc=$?
      echo "$out" | tail -4
      if [ $rc -eq 0 ]; then break; fi
      if echo "$out" | grep -q "Failing input written" || ! echo "$out" | grep -q "context deadline exceeded"; then
        echo "fuzz: $pkg $name FAILED"
        echo "$out"
        status=1
        break
      fi
      if [ $try -eq 2 ]; then
        echo "fuzz: $pkg $name: the fuzzing engine timed out twice without finding a failure"
      fi
    done
  done
done < <(go list -f '{{.ImportPath}} {{.Dir}}' ./...)
[ $found -eq 1 ] || echo "fuzz: no fuzz targets yet"
exit $status
