#!/usr/bin/env bash
# Installs the system packages hoso needs to build, run and test, on Debian 12
# or Ubuntu. Idempotent: a package already present is skipped, and apt is not
# touched at all when nothing is missing. Shared by `make run`, `make test`
# and .ci/run.
set -euo pipefail

packages=(
  # Building the desktop app (Wails on WebKitGTK 4.1).
  build-essential pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev
  # Tests: a virtual display, the browser for end-to-end tests, screenshots,
  # PDF inspection.
  xvfb xauth chromium imagemagick poppler-utils qpdf
  # Fonts with every Vietnamese glyph, for the window and for PDFs.
  fonts-dejavu-core fonts-liberation2
  # The Windows node under Wine (make test-windows): Wine 8 (Debian 12's
  # wine64 puts it in /usr/lib/wine), MinGW for the ProcessPrng shim DLL,
  # and the tools the stage checks replies with.
  wine64 gcc-mingw-w64-x86-64 jq curl unzip
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null; then
    echo "deps: these packages are missing and this user cannot install them: ${missing[*]}" >&2
    echo "deps: ask an administrator to run: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
