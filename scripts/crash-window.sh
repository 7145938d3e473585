#!/usr/bin/env bash
# No crash loses a case, shown on the real app: the release binary under Xvfb
# is started, an officer's name is typed into it with real key events, and it
# is killed with SIGKILL at a random moment; then started again, where it must
# offer the draft for recovery, resume it on the step it was on, and show what
# the draft holds; and so on. After every kill the draft on disk must read and
# hold everything typed up to a second before the kill.
#
# Usage: scripts/crash-window.sh [KILLS [BINARY]]   (KILLS defaults to 200;
# .ci/run runs 25, to stay within its time; the full 200 take about 8 minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
kills=${1:-200}
bin=${2:-}
if [ -z "$bin" ]; then
    cargo build --release --locked
    bin=${CARGO_TARGET_DIR:-target}/release/victim-first
fi
bin=$(realpath "$bin")
. scripts/window-env.sh
export CRASH_BIN="$bin" CRASH_KILLS="$kills" CRASH_LOG="$work/app.log"
export CRASH_DRAFTS="$XDG_DATA_HOME/victim-first/drafts"
cd "$work/out"
/usr/bin/python3 "$root/scripts/crash-window.py" || { tail -n 20 "$work/app.log"; exit 1; }
