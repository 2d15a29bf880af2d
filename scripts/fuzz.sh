#!/usr/bin/env bash
# Runs every Go fuzz target in the module for a short time each.
# usage: scripts/fuzz.sh DURATION [WORKERS] [CORPUS]
#
# make test runs each target for 1 s on one worker (-parallel 1) with a
# fresh corpus (CORPUS = fresh): a smoke run that starts from the seeds
# (f.Add and testdata/fuzz, which also run in every `go test`) and finds
# what a few thousand mutations find, on one core, while the other lane of
# make test uses the other. Without CORPUS = fresh the inputs found before
# are kept in Go's cache, as go test -fuzz keeps them; a short run then
# spends its time re-running them (after a few hundred runs on one machine
# 1 s no longer sufficed to re-run them, and nothing was mutated at all).
# Longer runs: scripts/fuzz.sh 10m 2, or go test -fuzz=NAME -fuzztime=10m
# ./PKG for one target.
#
# Minimising a new interesting input may take longer than a short run
# lasts, and on a loaded machine Go then ends the run with "context
# deadline exceeded" although nothing failed; minimisation is bounded, and
# such a run is tried once more. A real failure (a failing input written
# to testdata/fuzz) always fails.
set -uo pipefail
dur="${1:-2s}"
workers="${2:-1}"
corpus="${3:-kept}"
status=0
bins=$(mktemp -d)
trap 'rm -rf "$bins"' EXIT
cache="$(go env GOCACHE)/fuzz"
if [ "$corpus" = fresh ]; then cache="$bins/corpus"; fi
module=$(go list -m)

# The packages with fuzz targets, and their folders.
declare -A dirs
while read -r pkg dir; do
  if grep -q '^func Fuzz' "$dir"/*_test.go 2>/dev/null; then dirs[$pkg]=$dir; fi
done < <(go list -f '{{.ImportPath}} {{.Dir}}' ./...)
if [ ${#dirs[@]} -eq 0 ]; then echo "fuzz: no fuzz targets yet"; exit 0; fi

# Every test binary in one go command, instrumented for fuzzing as go test
# -fuzz does (-d=libfuzzer, here on the module's own packages, whose
# coverage guides the mutations), with the flags make's test-go stage
# builds with (GO_TEST_FLAGS): the packages it compiled and the binaries it
# linked are then taken from Go's cache, not built a second time.
flags=(${GO_TEST_FLAGS:-"-gcflags=$module/...=-d=libfuzzer" -ldflags=-w})
if ! out=$(go test -c "${flags[@]}" -o "$bins/" "${!dirs[@]}" 2>&1 </dev/null); then
  echo "fuzz: the test binaries FAILED to build"
  echo "$out"
  exit 1
fi

# Each target runs in its package's folder (testdata/fuzz, where a failing
# input is written).
for pkg in $(printf '%s\n' "${!dirs[@]}" | sort); do
  dir=${dirs[$pkg]}
  exe="$bins/${pkg##*/}.test"
  for name in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go | sed 's/^func //'); do
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
done
exit $status
