#!/usr/bin/env bash
# The window benchmark: builds the app and a bare eframe window (examples/bare_window.rs,
# same eframe features, renderer, title and 1100x800 size) in release mode, then
# measures both under Xvfb with Mesa's software renderer, interleaved, for several
# rounds: start to first painted content, frames while idle (X DAMAGE), CPU per
# frame on the busiest wizard step (the checks step of docs/screenshots/example-case.ron)
# and peak memory. See scripts/bench-window.py.
#
# Needs: xvfb, xdotool, Debian's /usr/bin/python3 (scripts/setup.sh installs them).
# Usage: scripts/bench-window.sh [ROUNDS]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
cargo build --release --quiet --bin victim-first --example bare_window

work=$(mktemp -d)
display=":$((80 + RANDOM % 9))"
Xvfb "$display" -screen 0 1280x900x24 -nolisten tcp -br >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill $xvfb_pid 2>/dev/null || true; rm -rf "$work"' EXIT
export DISPLAY="$display" LIBGL_ALWAYS_SOFTWARE=1
unset WAYLAND_DISPLAY
# The app's settings go to a scratch file: light theme, default size.
export VICTIM_FIRST_SETTINGS="$work/settings.ron" VICTIM_FIRST_DRAFTS="$work/drafts"
# The guidance is built in: nothing to point the app at, as for a newcomer.
unset VICTIM_FIRST_GUIDANCE
sleep 1
echo "$(date -u +%Y-%m-%d) on $(nproc) cores, Xvfb 1280x900, window 1100x800, $rounds rounds"
out=${CARGO_TARGET_DIR:-target}/release
/usr/bin/python3 scripts/bench-window.py "$out/victim-first" "$out/examples/bare_window" \
    docs/screenshots/example-case.ron "$rounds"
