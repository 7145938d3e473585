#!/usr/bin/env bash
# The accessibility audit, as a screen reader sees the app (issue 19): the
# release binary under Xvfb with AT-SPI on, read with an independent client
# (pyatspi). It fails on any control of the start screen or of a wizard step
# without a name or without its state, then completes the example case through
# AT-SPI actions alone, exports the note through the file dialog the same way,
# and checks the note with `victim-first verify`.
# Usage: scripts/a11y-audit.sh [BINARY]   (needs what scripts/setup.sh installs)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
bin=${1:-}
if [ -z "$bin" ]; then
    cargo build --release --locked
    bin=${CARGO_TARGET_DIR:-target}/release/victim-first
fi
bin=$(realpath "$bin")
. scripts/window-env.sh
cp docs/screenshots/example-case.ron "$work/out/case.ron"
(cd "$work/out" && exec "$bin" gui --case case.ron >"$work/app.log" 2>&1) &
app_pid=$!
export AUDIT_NOTE="$work/out/note.pdf"
/usr/bin/python3 "$root/scripts/a11y-audit.py" || { tail -n 20 "$work/app.log"; exit 1; }
"$bin" verify "$AUDIT_NOTE" | tee "$work/verify.txt"
grep -q "INTACT" "$work/verify.txt" || { echo "audit: FAILED: the exported note does not verify"; exit 1; }
echo "audit: passed"
