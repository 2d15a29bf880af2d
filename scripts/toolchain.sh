#!/usr/bin/env bash
# Checks that Go and Node are new enough. They are not in Debian 12's
# packages at these versions, so they are checked, not installed.
set -euo pipefail
fail=0
need_go="1.26"
need_node="20"
if ! command -v go >/dev/null; then
  echo "toolchain: Go $need_go or newer is required (https://go.dev/dl/); it is not on PATH" >&2; fail=1
else
  v=$(go env GOVERSION | sed 's/^go//')
  if [ "$(printf '%s\n%s\n' "$need_go" "$v" | sort -V | head -1)" != "$need_go" ]; then
    echo "toolchain: Go $need_go or newer is required; found $v" >&2; fail=1
  fi
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "toolchain: Node.js $need_node and npm are required; not on PATH" >&2; fail=1
else
  v=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$v" -lt "$need_node" ]; then
    echo "toolchain: Node.js $need_node or newer is required; found $(node --version)" >&2; fail=1
  fi
fi
exit $fail
