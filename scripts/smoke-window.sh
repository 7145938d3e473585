#!/usr/bin/env bash
# The README's first command as a newcomer meets it, checked in a real window:
# the release binary, copied alone into an empty folder (no guidance folder, no
# settings), opened under Xvfb. It must show the start screen with the guidance
# in force and "New case" (read over AT-SPI, as a screen reader would); a case is
# started with the keyboard (Ctrl+N); a check's reason and the officer's name
# are typed with real key events, one key every 150 ms (xdotool); the case is
# saved through the desktop's file dialog (zenity) typed the same way; and the
# saved case file must hold every character typed. Then `victim-first assess`
# runs on an example case from a folder outside the source tree with no
# --guidance. Any "no guidance folder found" or "no guidance files" fails the run.
#
# Needs what scripts/setup.sh installs (xvfb, xdotool, dbus, at-spi2-core,
# python3-pyatspi, zenity). Usage: scripts/smoke-window.sh [BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
bin=${1:-}
if [ -z "$bin" ]; then
    cargo build --release --locked
    bin=${CARGO_TARGET_DIR:-target}/release/victim-first
fi

. scripts/window-env.sh
lone="$work/app"
mkdir -p "$lone"
cp "$bin" "$lone/victim-first"

(cd "$lone" && exec ./victim-first >"$work/app.log" 2>&1) &
app_pid=$!

wid=""
for _ in $(seq 1 100); do
    wid=$(xdotool search --onlyvisible --name '^Victim First$' 2>/dev/null | head -n 1 || true)
    [ -n "$wid" ] && break
    sleep 0.1
done
[ -n "$wid" ] || { echo "smoke: FAILED: no window appeared"; cat "$work/app.log"; exit 1; }
xdotool windowfocus --sync "$wid"

reason="Suspect's record for the DASH risk assessment"
officer="PC 4321 Jones"
saved="$work/out/smoke-case.ron"
export SMOKE_WID="$wid" SMOKE_REASON="$reason" SMOKE_OFFICER="$officer" SMOKE_SAVED="$saved"

/usr/bin/python3 "$root/scripts/smoke-window.py"

[ -s "$saved" ] || { echo "smoke: FAILED: the case was not saved to $saved"; exit 1; }
for typed in "$reason" "$officer"; do
    # RON may write an apostrophe as \'; read it back as typed.
    if ! sed "s/\\\\'/'/g" "$saved" | grep -qF "\"$typed\""; then
        echo "smoke: FAILED: the saved case does not hold \"$typed\" as typed:"
        grep -nE 'reason|name' "$saved" | head -n 20
        exit 1
    fi
done
echo "smoke: the saved case holds every character typed"
if grep -qiE "no guidance (folder found|files)" "$work/app.log"; then
    echo "smoke: FAILED: the window said there was no guidance"; exit 1
fi

# The command line, from a folder outside the source tree, with no --guidance.
cp tests/data/cases/da-doubts-adopting.ron "$work/out/case.ron"
(cd "$work/out" && "$lone/victim-first" assess case.ron >"$work/assess.txt" 2>&1) || {
    echo "smoke: FAILED: assess outside the source tree:"; cat "$work/assess.txt"; exit 1; }
if grep -qiE "no guidance (folder found|files)" "$work/assess.txt"; then
    echo "smoke: FAILED: assess said there was no guidance"; exit 1
fi
grep -q "^From:     built into this program" "$work/assess.txt" || {
    echo "smoke: FAILED: assess did not say its guidance is built in"; cat "$work/assess.txt"; exit 1; }
echo "smoke: assess outside the source tree used the built-in guidance"
echo "smoke: passed"
