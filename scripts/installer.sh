#!/usr/bin/env bash
# Builds the Windows NSIS installer with the Wails CLI (on PATH), from the
# frontend already built into frontend/dist. The CLI adds the icon and the
# manifest from build/windows and writes to build/bin; the results are copied
# to bin/.
# usage: scripts/installer.sh LDFLAGS
set -euo pipefail
wails build -platform windows/amd64 -nsis -skipbindings -s -m -nosyncgomod -nocolour \
  -ldflags "$1" -o hoso.exe >build/wails-build.log 2>&1 || { cat build/wails-build.log >&2; exit 1; }
mkdir -p bin
cp build/bin/hoso-amd64-installer.exe bin/hoso-setup-amd64.exe
echo "windows: installer bin/hoso-setup-amd64.exe"
