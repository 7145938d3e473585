#!/usr/bin/env bash
# Takes the README's screenshots from the real window under Xvfb: the start
# screen, every wizard step of docs/screenshots/example-case.ron (moving on
# with the keyboard, Alt+Right, as an officer would), the checks step in the
# dark and high-contrast themes, three steps at 200% text on a 1280x720
# screen, a case naming a pack that is not here, a case decided under an older
# pack, an autosaved case offered on start, a case file cut short, a decision
# note opened read-only, and the training screens (scripts/screenshots-training.sh).
# Writes docs/screenshots/*.png.
#
# Needs: xvfb, xauth, imagemagick (import), xdotool (scripts/setup.sh installs them).
# Usage: scripts/screenshots.sh [--release]
set -euo pipefail
cd "$(dirname "$0")/.."

profile=debug
if [ "${1:-}" = "--release" ]; then profile=release; fi
cargo build --quiet $([ "$profile" = release ] && echo --release)
bin="${CARGO_TARGET_DIR:-target}/$profile/victim-first"
out=docs/screenshots
case_file="$out/example-case.ron"

stop_app() { if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; fi; }
window_cleanup=stop_app
window_accessibility=off
. scripts/window-env.sh
# Settings go to a scratch file: the officer's own are never touched.
export VICTIM_FIRST_SETTINGS="$work/settings.ron"
# Drafts go to a scratch folder too: the officer's own are never offered here.
export VICTIM_FIRST_DRAFTS="$work/drafts"
mkdir -p "$VICTIM_FIRST_DRAFTS"

# Starts the app with the given theme and arguments; sets $wid. $scale and
# $size (width, height) may be set for 200% text on a small screen.
start() {
    local theme=$1
    shift
    # Each shot starts with no drafts but those it puts there itself (a window
    # stopped by `stop` leaves its draft, as a crash would).
    if [ -z "${keep_drafts:-}" ]; then rm -f "$VICTIM_FIRST_DRAFTS"/*; fi
    printf '(theme: %s, text_scale: %s, window: Some((%s)))\n' \
        "$theme" "${scale:-1.0}" "${size:-1100.0, 800.0}" >"$VICTIM_FIRST_SETTINGS"
    "$bin" gui "$@" >"$work/app.log" 2>&1 &
    app_pid=$!
    wid=$(xdotool search --sync --onlyvisible --name "Victim First" | head -1)
    xdotool windowfocus --sync "$wid"
    sleep 1.5
}

stop() {
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
    app_pid=""
}

shot() {
    import -window "$wid" "$out/$1.png"
    echo "wrote $out/$1.png"
}

next() {
    xdotool key --window "$wid" alt+Right
    sleep 0.8
}

start Light
shot start
stop

start Light --case "$case_file"
for i in 1 2 3 4 5 6 7; do
    shot "step-$i"
    if [ "$i" -lt 7 ]; then next; fi
done
stop

for theme in Dark HighContrast; do
    start "$theme" --case "$case_file"
    next; next; next
    shot "step-4-$(echo "$theme" | tr '[:upper:]' '[:lower:]')"
    stop
done

# 200% text on a 1280x720 screen: the first step, the checks and the review.
scale=2.0 size="1280.0, 720.0" start Light --case "$case_file"
shot step-1-200
next; next; next
shot step-4-200
next; next; next
shot step-7-200
stop

# Issue 26's closed questions: what a check needs to find (the checks step,
# scrolled down to it) and what the contact asks of Immigration Enforcement
# (the contact step, scrolled down to it).
wheel() {
    xdotool mousemove --window "$wid" 650 450
    for _ in $(seq 1 "$1"); do xdotool click 5; sleep 0.05; done
    sleep 0.8
}
start Light --case "$case_file"
next; next; next
wheel 6
shot step-4-needs
next
wheel 4
shot step-5-asks
stop
# Words that read against a closed answer, named under the verdict.
start Light --case tests/data/cases/i26-words-act-in-agreement-reason.ron
next; next; next; next
shot step-5-disagreement
stop

# A case decided under a pack this guidance does not have: refused, offered read-only.
sed 's/pack: "home-office-2023"/pack: "home-office-2031"/' "$case_file" >"$work/from-the-future.ron"
start Light --case "$work/from-the-future.ron"
shot missing-pack
stop

# An answer changed after it was given: the notice under the question.
sed 's/^    started: /    changes: [(at: "2026-11-29T09:20:00Z", about: "case", fact: "risk_level", from: "Medium risk", to: "High risk")],\n    started: /' \
    "$case_file" >"$work/changed.ron"
start Light --case "$work/changed.ron"
next; next
shot change-in-place
stop

# A case decided under the 2018 pack, opened where the pack in force is newer:
# the guidance then and now, and what differs, before anything is decided.
start Light --case "$out/decided-2018.ron"
shot compare
stop

# A case autosaved on the checks step when the app stopped: offered on start.
rm -f "$VICTIM_FIRST_DRAFTS"/*
sed 's/^    started: /    step: "checks",\n    started: /' "$case_file" >"$VICTIM_FIRST_DRAFTS/case-example.ron"
keep_drafts=1 start Light
shot recovery
stop
rm -f "$VICTIM_FIRST_DRAFTS"/*

# A case file cut short: what is wrong, where, and what to do.
head -c 1200 "$case_file" >"$work/cut-short.ron"
start Light --case "$work/cut-short.ron"
shot damaged-case
stop

# A decision note opened read-only (`gui --note`), with whether it is intact.
"$bin" note tests/data/notes/da-completed.ron --format pdf --out "$work/decision-note.pdf" 2>/dev/null
start Light --note "$work/decision-note.pdf"
shot note-open
stop

# Training (issue 18): practice, assessment, the score, a class, the presenter,
# and a case saved as a scenario, driven over AT-SPI in a display of its own.
scripts/screenshots-training.sh "$bin"
