#!/usr/bin/env bash
# Runs every Go fuzz target in the module for a short time each.
# usage: scripts/fuzz.sh DURATION [WORKERS]
#
# make test runs each target for 2 s on one worker (-parallel 1): a smoke
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
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for name in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //'); do
    found=1
    for try in 1 2; do
      echo "fuzz: $pkg $name ($dur on $workers worker(s), try $try)"
      out=$(go test -run '^$' -fuzz "^${name}\$" -fuzztime "$dur" -parallel "$workers" -fuzzminimizetime 200x "$pkg" 2>&1)
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
done
[ $found -eq 1 ] || echo "fuzz: no fuzz targets yet"
exit $status
