#!/usr/bin/env bash
# Installs frontend/node_modules exactly as package-lock.json pins it.
# usage: scripts/node-modules.sh CACHE_DIR
#
# `npm ci` takes 10–25 s even with npm's download cache warm, and every fresh
# clone (each CI run) needs it before any frontend stage can start. So the
# first install for a given lock file (and Node version) is also copied to
# CACHE_DIR/<hash>, and later clones on the same machine copy that folder
# instead (about 1 s), as CI systems cache node_modules keyed by the lock
# file. A full copy, not hard links: a tool writing into node_modules cannot
# change the cached one. Only the newest key is kept.
set -euo pipefail
cache_root="$1"
cd "$(dirname "$0")/../frontend"
key=$( (cat package-lock.json; node --version; uname -m) | sha256sum | cut -c1-16)
cached="$cache_root/$key"
if [ -f "$cached/.complete" ]; then
  rm -rf node_modules
  cp -a "$cached" node_modules
  rm -f node_modules/.complete
  echo "node_modules: copied from $cached"
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
mkdir -p "$cache_root"
tmp=$(mktemp -d "$cache_root/.tmp.XXXXXX")
# The cache is an optimisation: failing to fill it must not fail the install.
if cp -a node_modules/. "$tmp/" && touch "$tmp/.complete"; then
  find "$cache_root" -mindepth 1 -maxdepth 1 -not -name "$(basename "$tmp")" -exec rm -rf {} +
  mv "$tmp" "$cached" || rm -rf "$tmp"
else
  rm -rf "$tmp"
fi
