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

# A display of its own with the accessibility bus off: the bare window has none.
window_accessibility=off
. scripts/window-env.sh
export LIBGL_ALWAYS_SOFTWARE=1
# The app's settings go to a scratch file: light theme, default size.
export VICTIM_FIRST_SETTINGS="$work/settings.ron" VICTIM_FIRST_DRAFTS="$work/drafts"
echo "$(date -u +%Y-%m-%d) on $(nproc) cores, Xvfb 1280x900, window 1100x800, $rounds rounds"
out=${CARGO_TARGET_DIR:-target}/release
/usr/bin/python3 scripts/bench-window.py "$out/victim-first" "$out/examples/bare_window" \
    docs/screenshots/example-case.ron "$rounds"
