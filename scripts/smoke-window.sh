#!/usr/bin/env bash
# The README's first command as a newcomer meets it, checked in a real window:
# the release binary, copied alone into an empty folder (no guidance folder, no
# settings), opened under Xvfb. It must show the start screen with the guidance
# in force and "New case" (read over AT-SPI, as a screen reader would). Then the
# README's example case is completed with the keyboard alone (xdotool's real key
# events, replaying the keys tests/ui_keyboard.rs records), from choosing the
# force profile to Finish; each step's screenshot must not be blank; the case is
# saved and the PDF note exported through the desktop's file dialog (zenity),
# typed the same way; Ctrl+Q closes the window. The note must verify, the saved
# case must hold every character typed and give the example's verdicts, and no
# draft may be left behind. Then `victim-first assess` runs on an example case
# from a folder outside the source tree with no --guidance. Any "no guidance
# folder found" or "no guidance files" fails the run.
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

# The README's example case, completed with the keyboard alone by replaying the
# keys tests/ui_keyboard.rs records (scripts/smoke-window.py says how), saved,
# its note exported, and the window closed with Ctrl+Q.
export SMOKE_WID="$wid" SMOKE_OUT="$work/out"
export SMOKE_SCRIPT="$root/tests/snapshots/ui_keyboard__example_case_keys.snap"
/usr/bin/python3 "$root/scripts/smoke-window.py" || {
    echo "smoke: the app's output:"; tail -n 20 "$work/app.log"; exit 1; }

for _ in $(seq 1 100); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$app_pid" 2>/dev/null; then echo "smoke: FAILED: Ctrl+Q did not close the window"; exit 1; fi
status=0
wait "$app_pid" || status=$?
app_pid=""
[ "$status" -eq 0 ] || { echo "smoke: FAILED: the app exited with $status"; cat "$work/app.log"; exit 1; }
echo "smoke: Ctrl+Q closed the window; the app exited cleanly"
left=$(find "$XDG_DATA_HOME" -name '*.ron' 2>/dev/null | head -n 1)
[ -z "$left" ] || { echo "smoke: FAILED: a saved, exported case left a draft behind: $left"; exit 1; }

# The note: there, and intact by the program's own check.
"$lone/victim-first" verify "$work/out/note.pdf" >"$work/verify.txt" 2>&1 || {
    echo "smoke: FAILED: the exported note does not verify:"; cat "$work/verify.txt"; exit 1; }
head -n 1 "$work/verify.txt"
# The case: every text typed kept whole, and the same verdicts as the example.
# RON may write an apostrophe as \'; read it back as typed. (Read once: `grep -q`
# on a pipe stops reading early, which pipefail would count as a failure.)
saved=$(sed "s/\\\\'/'/g" "$work/out/case.ron")
while IFS= read -r typed; do
    if ! grep -qF "\"$typed\"" <<<"$saved"; then
        echo "smoke: FAILED: the saved case does not hold \"$typed\" as typed:"
        grep -nF "${typed:0:12}" "$work/out/case.ron" | head -n 5; exit 1
    fi
done < <(grep '^type ' "$SMOKE_SCRIPT" | cut -c6-)
# The verdicts (the actions that follow depend on the officer's decisions too).
verdicts() { "$lone/victim-first" assess "$1" | sed -n '/^Database checks/,/^You must/p'; }
if ! diff <(verdicts "$work/out/case.ron") <(verdicts docs/screenshots/example-case.ron) >"$work/diff.txt"; then
    echo "smoke: FAILED: the case entered in the window does not give the example's verdicts:"
    cat "$work/diff.txt"; exit 1
fi
echo "smoke: the saved case holds every character typed and gives the example case's verdicts"
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
