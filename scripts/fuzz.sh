#!/usr/bin/env bash
# Runs every Go fuzz target in the module for a short time each.
# usage: scripts/fuzz.sh DURATION
set -euo pipefail
dur="${1:-5s}"
found=0
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for name in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //'); do
    found=1
    echo "fuzz: $pkg $name ($dur)"
    go test -run '^$' -fuzz "^${name}\$" -fuzztime "$dur" "$pkg"
  done
done
[ $found -eq 1 ] || echo "fuzz: no fuzz targets yet"
