#!/usr/bin/env bash
# Reads the window as a screen reader does: starts the app under Xvfb with an
# accessibility bus and, on every step of the case (moving on with Alt+Right,
# as an officer would), prints over AT-SPI the focused control, the headings,
# the first few buttons, radio buttons and check boxes with their names and
# whether they are checked, the verdict items, a count of every role, and any
# control without a name (exit 1 if there is one). Needs xvfb, dbus,
# at-spi2-core, python3-pyatspi, xdotool.
# Usage: scripts/a11y-tree.sh [CASE_FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
case_file=${1:-docs/screenshots/example-case.ron}
cargo build --quiet
. scripts/window-env.sh
export VICTIM_FIRST_SETTINGS="$work/settings.ron" VICTIM_FIRST_DRAFTS="$work/drafts"
target/debug/victim-first gui --case "$case_file" >/dev/null 2>&1 &
app_pid=$!
sleep 4
/usr/bin/python3 - <<'PY'
import time
import pyatspi

desk = pyatspi.Registry.getDesktop(0)
app = None
for _ in range(50):
    app = next((a for a in desk if a is not None and a.name == "victim-first"), None)
    if app is not None and app.childCount:
        break
    time.sleep(0.2)
if app is None:
    raise SystemExit("the app did not appear on the accessibility bus")
import subprocess

CONTROLS = ("push button", "radio button", "check box", "combo box", "entry", "text", "link")
unnamed = []

def walk(node, counts, shown):
    for c in node:
        if c is None:
            continue
        role = c.getRoleName()
        counts[role] = counts.get(role, 0) + 1
        states = c.getState().getStates()
        if pyatspi.STATE_FOCUSED in states:
            print(f"  focused: {role}: {c.name!r}")
        if role in CONTROLS and not c.name.strip():
            unnamed.append(role)
        if role == "heading" or (role in ("push button", "radio button", "check box") and counts[role] <= 3):
            checked = pyatspi.STATE_CHECKED in states
            print(f"  {role}: {c.name!r}{' (checked)' if checked else ''}")
        elif role == "label" and (": REFUSED" in c.name or ": PERMITTED" in c.name or ": NOT RECOMMENDED" in c.name) and c.name not in shown:
            shown.add(c.name)
            print(f"  verdict: {c.name[:110]!r}")
        walk(c, counts, shown)

wid = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name", "Victim First"],
                     capture_output=True, text=True, check=True).stdout.split()[0]
subprocess.run(["xdotool", "windowfocus", "--sync", wid], check=True)
time.sleep(0.5)
for step in range(1, 8):
    print(f"step {step}:")
    counts = {}
    walk(app, counts, set())
    print("  roles:", dict(sorted(counts.items())))
    if step < 7:
        subprocess.run(["xdotool", "key", "--window", wid, "alt+Right"], check=True)
        time.sleep(1.0)
if unnamed:
    raise SystemExit(f"controls without a name: {unnamed}")
PY
