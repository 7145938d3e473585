#!/usr/bin/env bash
# Takes the training screenshots (issue 18) from the real window under Xvfb:
# the example case being saved as a scenario,
# practice with feedback after a step, an assessment under way and its score,
# a class's results (docs/screenshots/class/, twelve fictional trainees written
# by `cargo test --test ui_training -- --ignored write_the_example_class`), and
# the presenter's view with the class's choices revealed. The window is driven
# by its accessible names over AT-SPI (scripts/screenshots-training.py).
# Writes docs/screenshots/training-*.png. scripts/screenshots.sh runs it last.
#
# Needs: xvfb, imagemagick (import), xdotool, dbus, at-spi2-core, python3-pyatspi
# (scripts/setup.sh installs them). Usage: scripts/screenshots-training.sh [BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
bin=${1:-}
if [ -z "$bin" ]; then
    cargo build --quiet
    bin="${CARGO_TARGET_DIR:-target}/debug/victim-first"
fi

window_screen=1400x900
. scripts/window-env.sh
export VICTIM_FIRST_SETTINGS="$work/settings.ron" VICTIM_FIRST_DRAFTS="$work/drafts"
printf '(theme: Light, text_scale: 1.0, window: Some((1300.0, 860.0)))\n' >"$VICTIM_FIRST_SETTINGS"
"$bin" gui --case "$root/docs/screenshots/example-case.ron" >"$work/app.log" 2>&1 &
app_pid=$!
wid=""
for _ in $(seq 1 100); do
    wid=$(xdotool search --onlyvisible --name '^Victim First$' 2>/dev/null | head -n 1 || true)
    [ -n "$wid" ] && break
    sleep 0.1
done
[ -n "$wid" ] || { echo "screenshots: no window appeared"; cat "$work/app.log"; exit 1; }
xdotool windowfocus --sync "$wid"
sleep 1.5

export SHOT_WID="$wid" SHOT_OUT="$root/docs/screenshots" SHOT_CLASS="docs/screenshots/class"
/usr/bin/python3 "$root/scripts/screenshots-training.py"
