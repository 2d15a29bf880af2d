#!/usr/bin/env bash
# Runs every Go fuzz target in the module for a short time each.
# usage: scripts/fuzz.sh DURATION
#
# Minimising a new interesting input may take longer than a short run
# lasts, and on a loaded machine Go then ends the run with "context
# deadline exceeded" although nothing failed; minimisation is bounded, and
# such a run is tried once more. A real failure (a failing input written
# to testdata/fuzz) always fails.
set -uo pipefail
dur="${1:-5s}"
found=0
status=0
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for name in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //'); do
    found=1
    for try in 1 2; do
      echo "fuzz: $pkg $name ($dur, try $try)"
      out=$(go test -run '^$' -fuzz "^${name}\$" -fuzztime "$dur" -fuzzminimizetime 200x "$pkg" 2>&1)
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
