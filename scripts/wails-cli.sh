#!/usr/bin/env bash
# Builds the Wails CLI into TOOLS/bin once. `go install` of v2.9.2 fails on
# Go 1.26 (its pinned golang.org/x/tools does not compile), so the CLI is
# built from the module source with a newer x/tools.
# usage: scripts/wails-cli.sh TOOLS VERSION
set -euo pipefail
tools="$1"; version="$2"
bin="$tools/bin/wails"
if [ -x "$bin" ] && "$bin" version 2>/dev/null | grep -q "${version}"; then
  exit 0
fi
src=$(go mod download -json "github.com/wailsapp/wails/v2@${version}" | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$src/." "$work/"
chmod -R u+w "$work"
cd "$work"
echo "wails-cli: building the Wails CLI ${version}"
go get golang.org/x/tools@v0.30.0 >/dev/null 2>&1
go mod tidy >/dev/null 2>&1
mkdir -p "$tools/bin"
go build -o "$bin" ./cmd/wails
