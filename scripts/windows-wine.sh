#!/usr/bin/env bash
# Runs the Windows hoso-node under Wine, as a commune's Windows PC would run
# it, in a user folder with Vietnamese letters and spaces
# (C:\users\Nguyễn Văn A\Hồ sơ): init with each sealing method Wine supports
# (key file, environment variable; DPAPI through seal's whole test suite,
# built for Windows), demo, receive a dossier, print its
# receipt (PDF, read back with pdftotext), the II.06a report (XLSX), serve
# with the console (a Linux process calls it on 127.0.0.1), back up while
# serving and restore, and sync with a Linux hoso-node over loopback: a
# Windows commune node and a Linux district hub converge both ways.
#
#   scripts/windows-wine.sh LINUX_HOSO_NODE [OUT_DIR]
#
# Debian 12's Wine 8 lacks ProcessPrng (bcryptprimitives.dll), which Go's
# runtime needs to start: a shim DLL built here from scripts/wine/ fills the
# gap. The desktop window cannot run under Wine (it needs WebView2); only the
# node and the Windows-specific Go code (paths, DPAPI, file locking) can.
# Every step fails the run loudly; KEEP=1 keeps the work folder.
set -euo pipefail

linux_node=${1:?usage: scripts/windows-wine.sh LINUX_HOSO_NODE [OUT_DIR]}
out_dir=${2:-}
linux_node=$(realpath "$linux_node")
root=$(cd "$(dirname "$0")/.." && pwd)
started=$SECONDS

say() { printf 'windows-wine: [%3ds] %s\n' $((SECONDS - started)) "$*"; }
fail() {
  printf 'windows-wine: FAILED: %s\n' "$*" >&2
  for f in "$work"/*.log; do
    [ -s "$f" ] || continue
    printf -- '--- %s (last 30 lines)\n' "$(basename "$f")" >&2
    tail -n 30 "$f" >&2
  done
  exit 1
}

wine_bin=""
for c in wine64 wine /usr/lib/wine/wine64; do
  if command -v "$c" >/dev/null 2>&1; then wine_bin=$(command -v "$c"); break; fi
done
[ -n "$wine_bin" ] || { echo "windows-wine: wine64 not found (scripts/deps.sh installs it)" >&2; exit 1; }
wineserver_bin=$(command -v wineserver 2>/dev/null || echo "$(dirname "$wine_bin")/wineserver")
for t in x86_64-w64-mingw32-gcc jq curl unzip pdftotext; do
  command -v "$t" >/dev/null || { echo "windows-wine: $t not found (scripts/deps.sh installs it)" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/hoso-wine.XXXXXX")
export WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEARCH=win64
# No Mono or Gecko: nothing here needs .NET or a browser engine, and their
# installers would prompt.
export WINEDLLOVERRIDES="mscoree,mshtml="
# Wine converts arguments and environment from the Unix locale: it must be
# UTF-8 for the Vietnamese paths to reach the program intact.
export LC_ALL=C.UTF-8
pids=()
cleanup() {
  local rc=$?
  # Only after a failure: a node that hangs must not hang the run.
  for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  [ -d "$WINEPREFIX" ] && "$wineserver_bin" -k 2>/dev/null || true
  if [ -n "$out_dir" ] && [ -d "$work" ]; then
    mkdir -p "$out_dir/windows-wine"
    cp "$work"/*.log "$work"/*.txt "$out_dir/windows-wine/" 2>/dev/null || true
  fi
  if [ "${KEEP:-}" = 1 ]; then echo "windows-wine: kept $work"; else rm -rf "$work"; fi
  exit $rc
}
trap cleanup EXIT

## Building ----------------------------------------------------------------

say "building the ProcessPrng shim, hoso-node.exe and the seal tests for Windows"
x86_64-w64-mingw32-gcc -shared -O2 -o "$work/bcryptprimitives.dll" "$root/scripts/wine/bcryptprimitives.c" -ladvapi32
(cd "$root" && GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go build -ldflags "${LDFLAGS:-}" -o "$work/hoso-node.exe" ./cmd/hoso-node)
(cd "$root" && GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go test -c -o "$work/seal.test.exe" ./seal)

say "making a private Wine prefix"
"$wine_bin" wineboot -i >"$work/wineboot.log" 2>&1 || fail "wineboot"
"$wineserver_bin" -w
cp "$work/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"

# The user's folder, as Windows and as Linux see it.
W='C:\users\Nguyễn Văn A\Hồ sơ'
U="$WINEPREFIX/drive_c/users/Nguyễn Văn A/Hồ sơ"
# No khóa (keys) folder: init --key-file makes it, as a clerk expects.
mkdir -p "$U/sao lưu"
XA="$W\\xã Đông Hòa"
XA_KEY="$W\\khóa\\xã Đông Hòa.key"

# win runs the Windows hoso-node; its output goes to $work/last.txt and to
# standard output, and a non-zero exit fails the run.
win() {
  local logged
  logged=$(stat -c %s "$work/wine.log" 2>/dev/null || echo 0)
  if ! "$wine_bin" "$work/hoso-node.exe" "$@" >"$work/last.txt" 2>>"$work/wine.log"; then
    # hoso-node answers every failure with a JSON error on stdout, and a
    # Go panic writes to stderr; a process that ended with neither was
    # ended by Wine itself (seen under load: "wine client error: recvmsg:
    # Connection reset by peer"), so it runs once more, said in the log.
    if [ ! -s "$work/last.txt" ] && ! tail -c +"$((logged + 1))" "$work/wine.log" | grep -q 'panic:'; then
      say "hoso-node.exe $1 ended with no reply and no panic (a Wine fault): once more"
      if "$wine_bin" "$work/hoso-node.exe" "$@" >"$work/last.txt" 2>>"$work/wine.log"; then
        cat "$work/last.txt"
        return
      fi
    fi
    cat "$work/last.txt" >&2
    fail "hoso-node.exe $1 exited non-zero"
  fi
  cat "$work/last.txt"
}
lin() { "$linux_node" "$@" 2>>"$work/linux.log"; }
# field FILTER: a jq filter on the last Windows reply; empty or null fails.
field() {
  local v
  v=$(jq -er "$1" "$work/last.txt") || fail "no $1 in: $(cat "$work/last.txt")"
  printf '%s' "$v"
}

## Sealing methods -----------------------------------------------------------

say "init with a key file in $XA"
win init --data "$XA" --key-file "$XA_KEY" >/dev/null
[ "$(field .keyMethod)" = keyfile ] || fail "init: method $(field .keyMethod), want keyfile"
[ "$(field .dataDir)" = "$XA" ] || fail "init: dataDir $(field .dataDir), want $XA"
[ -f "$U/xã Đông Hòa/datakey.json" ] && [ -f "$U/khóa/xã Đông Hòa.key" ] || fail "init wrote no datakey.json or key file under $U"

say "init with the key in an environment variable"
win init --data "$W\\máy env" --key-env HOSO_DATA_KEY >/dev/null
env_value=$(field .envValue)
HOSO_DATA_KEY="$env_value" win status --data "$W\\máy env" >/dev/null
[ -n "$(field .peerId)" ] || fail "status of the env-sealed folder"

# seal's whole suite as a Windows program: DPAPI for real
# (TestDPAPISealsTheDataKey, TestRoundTripOS), Windows paths and file
# handling for every method. -short skips only TestTamperEveryByte, an
# exhaustive bit-flip over the record that tests no Windows code and takes
# a minute under Wine (make test-go runs it). What Wine cannot do is
# skipped by the test with its reason, listed in seal.log.
say "seal's tests: every sealing method, DPAPI for real"
"$wine_bin" "$work/seal.test.exe" -test.short -test.v >"$work/seal.log" 2>&1 || fail "seal's tests under Wine"
grep -q -- '--- PASS: TestDPAPISealsTheDataKey' "$work/seal.log" || fail "seal's DPAPI test did not run"
grep -q -- '--- PASS: TestRoundTripOS' "$work/seal.log" || fail "seal's round trip through DPAPI did not run"

## The commune's work --------------------------------------------------------

say "demo, then receive a dossier"
win demo --data "$XA" --key-file "$XA_KEY" --dossiers 3 >/dev/null
[ "$(field .office)" = 38001 ] || fail "demo"
win rpc --data "$XA" --key-file "$XA_KEY" Dossiers.Receive '{"procedure":"1.004884",
  "applicant":{"fullName":"Trần Thị Mai","citizenId":"038190000456","address":"Thôn Đông, xã Đông Hòa","phone":"0912345679","email":""},
  "channel":"in_person","documents":[{"name":"Tờ khai đăng ký lại khai sinh","form":"original","count":1}],"sets":1}' >/dev/null
[ "$(field .received)" = true ] || fail "Dossiers.Receive"
code=$(field .code)

say "print the receipt of $code"
win print receipt --data "$XA" --key-file "$XA_KEY" --code "$code" --out "$W\\biên nhận $code.pdf" >/dev/null
pdftotext -enc UTF-8 "$U/biên nhận $code.pdf" "$work/receipt.txt" || fail "pdftotext"
grep -q 'Trần Thị Mai' "$work/receipt.txt" || fail "the receipt lacks the applicant's name"
grep -q "$code" "$work/receipt.txt" || fail "the receipt lacks the dossier code"

say "the II.06a report as XLSX and JSON"
year=$(TZ=Asia/Ho_Chi_Minh date +%Y)
win report ii06a --data "$XA" --key-file "$XA_KEY" --period "$year" --window calendar --format xlsx --out "$W\\báo cáo $year.xlsx" >/dev/null
unzip -l "$U/báo cáo $year.xlsx" >"$work/xlsx.txt" 2>&1 || fail "the XLSX is not a zip"
grep -q 'xl/workbook.xml' "$work/xlsx.txt" || fail "the XLSX has no workbook"
# Extracted to a file first: grep -q would close the pipe early and
# pipefail would count unzip's SIGPIPE as a failure.
unzip -p "$U/báo cáo $year.xlsx" >"$work/xlsx.xml" || fail "unzip the XLSX"
grep -q 'Tổng cộng' "$work/xlsx.xml" || fail "the XLSX lacks its total row (Tổng cộng)"
win report ii06a --data "$XA" --key-file "$XA_KEY" --period "$year" --window calendar --format json >/dev/null
[ "$(field '.[-1]["3"]')" -ge 1 ] || fail "the report counts no dossier received this year"

## Serving, backup, restore --------------------------------------------------

# alive PID: the process runs (an exited child not yet waited for is a
# zombie, which kill -0 still finds).
alive() {
  local st
  st=$(grep -s '^State:' "/proc/$1/status") || return 1
  [[ $st != *Z* ]]
}
# serve_win DIR KEY LOG: starts the Windows node serving DIR (a folder in
# the user's Hồ sơ) and sets serve_pid; serve_url DIR then waits for its
# serve.json and prints the console URL.
serve_win() {
  "$wine_bin" "$work/hoso-node.exe" serve --data "$1" --key-file "$2" \
    --console 127.0.0.1:0 --listen /ip4/127.0.0.1/tcp/0 >"$work/$3" 2>&1 &
  serve_pid=$!
  pids+=("$serve_pid")
}
serve_url() {
  local json="$U/${1##*\\}/serve.json"
  for _ in $(seq 150); do
    if [ -s "$json" ] && jq -e .url "$json" >/dev/null 2>&1; then
      jq -r .url "$json"
      return
    fi
    alive "$serve_pid" || fail "serve $1 exited"
    sleep 0.2
  done
  fail "serve $1 wrote no serve.json in 30 s"
}
# stop PID SERVE_JSON: Ctrl-C (Wine turns SIGINT into a console Ctrl-C
# event), then the node must exit 0 within 30 s and remove its serve.json.
stop() {
  kill -INT "$1"
  for _ in $(seq 150); do alive "$1" || break; sleep 0.2; done
  ! alive "$1" || fail "serve (pid $1) did not stop within 30 s of Ctrl-C"
  local rc=0
  wait "$1" || rc=$?
  [ "$rc" = 0 ] || fail "serve exited $rc after Ctrl-C"
  [ ! -e "$2" ] || fail "serve left $2 behind"
}

say "serve with the console"
serve_win "$XA" "$XA_KEY" serve-xa.log
url=$(serve_url "$XA")
win login --data "$XA" >/dev/null
login=$(field .url)
status=$(curl -sS -o /dev/null -w '%{http_code}' "$login") || fail "curl $login"
case "$status" in 2*|3*) ;; *) fail "the login link answered HTTP $status";; esac
HOSO_TOKEN=$(cat "$U/xã Đông Hòa/operator.token") lin rpc --node "$url" System.Info >"$work/info.txt" ||
  fail "a Linux rpc to the Windows console at $url"
jq -e .version "$work/info.txt" >/dev/null || fail "System.Info from the Windows console: $(cat "$work/info.txt")"
# The CLI finds the serving node and goes through it.
win rpc --data "$XA" Dossiers.Get "{\"code\":\"$code\"}" >/dev/null
[ "$(field .dossier.code)" = "$code" ] || fail "Dossiers.Get through the served node"

say "back up while serving, stop, restore as a copy"
win backup --data "$XA" --out "$W\\sao lưu\\xã Đông Hòa.hsbak" >/dev/null
[ -s "$U/sao lưu/xã Đông Hòa.hsbak" ] || fail "no backup file"
stop "$serve_pid" "$U/xã Đông Hòa/serve.json"
win restore --data "$W\\khôi phục" --from "$W\\sao lưu\\xã Đông Hòa.hsbak" --key-file "$XA_KEY" --as copy >/dev/null
[ "$(field .as)" = copy ] || fail "restore"
win rpc --data "$W\\khôi phục" --key-file "$XA_KEY" Dossiers.Get "{\"code\":\"$code\"}" >/dev/null
[ "$(field .dossier.code)" = "$code" ] || fail "the restored node lacks $code"

## Sync with a Linux district hub ---------------------------------------------

say "sync: a Linux province root and district hub, a Windows commune node"
L="$work/linux"
mkdir -p "$L"
lin init --data "$L/P" --key-file "$L/P.key" --root --office-code 38 --office-name 'UBND tỉnh Thanh Hóa' >/dev/null
lin init --data "$L/D" --key-file "$L/D.key" --office-code 405 --office-name 'UBND huyện Đông Sơn' >"$L/D.json"
lin enrol issue --data "$L/P" --key-file "$L/P.key" --peer "$(jq -r .peerId "$L/D.json")" --office 405 --role district --out "$L/D.txt" >/dev/null
lin enrol accept --data "$L/D" --key-file "$L/D.key" "$L/D.txt" >/dev/null
"$linux_node" serve --data "$L/D" --key-file "$L/D.key" --console 127.0.0.1:0 --listen /ip4/127.0.0.1/tcp/0 >"$work/serve-linux.log" 2>&1 &
pids+=($!)
linux_pid=$!
for _ in $(seq 100); do [ -s "$L/D/serve.json" ] && break; sleep 0.1; done
[ -s "$L/D/serve.json" ] || fail "the Linux hub did not start"

WA="$W\\máy xã"
WA_KEY="$W\\khóa\\máy xã.key"
win init --data "$WA" --key-file "$WA_KEY" --office-code 38001 --office-name 'UBND xã Đông Hòa' >/dev/null
# The hub issues the commune's enrolment with its own address to dial.
lin enrol issue --data "$L/D" --peer "$(field .peerId)" --office 38001 --role commune --out "$U/enrol máy xã.txt" >/dev/null
win enrol accept --data "$WA" --key-file "$WA_KEY" "$W\\enrol máy xã.txt" >/dev/null
[ "$(field .enrolled)" = true ] || fail "the Windows node did not accept its enrolment"
serve_win "$WA" "$WA_KEY" serve-wa.log
wa_pid=$serve_pid
serve_url "$WA" >/dev/null

# One record written on each side: the commune's office (it reaches the
# district) and the district's (reference data: it reaches the commune).
win rpc --data "$WA" Setup.Office '{"office":{"code":"38001","name":"UBND xã Đông Hòa (máy Windows)","parent":"405"},
  "admin":{"username":"admin","fullName":"Lê Văn An","password":"matkhau-demo"}}' >/dev/null
lin rpc --data "$L/D" Setup.Office '{"office":{"code":"405","name":"UBND huyện Đông Sơn (máy chủ Linux)","parent":"38"},
  "admin":{"username":"admin","fullName":"Trịnh Văn Bình","password":"matkhau-demo"}}' >/dev/null
up=0 down=0
for _ in $(seq 90); do
  lin rpc --data "$L/D" Offices.List >"$work/offices-linux.txt" || fail "Offices.List on the Linux hub"
  grep -q 'máy Windows' "$work/offices-linux.txt" && up=1
  win rpc --data "$WA" Offices.List >/dev/null
  grep -q 'máy chủ Linux' "$work/last.txt" && down=1
  [ $up = 1 ] && [ $down = 1 ] && break
  sleep 1
done
[ $up = 1 ] || fail "the Windows commune's record never reached the Linux hub"
[ $down = 1 ] || fail "the Linux hub's record never reached the Windows commune"
stop "$wa_pid" "$U/máy xã/serve.json"
stop "$linux_pid" "$L/D/serve.json"
pids=()

say "passed: init (key file, env), seal's tests (DPAPI), demo, receive, print, report, serve, backup/restore, sync with Linux"
