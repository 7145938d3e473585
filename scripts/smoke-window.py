"""Drives the real window for scripts/smoke-window.sh with the keyboard alone
(xdotool's real key events), reading it over AT-SPI only to check where it is,
as a screen reader user hears it.

1. The start screen must be ready for work: New case enabled, the built-in
   guidance in force, the first-run lines.
2. The README's example case is then entered and completed by replaying the
   script of keys that `tests/ui_keyboard.rs` records while it completes the
   same case in the harness (its insta snapshot,
   tests/snapshots/ui_keyboard__example_case_keys.snap):
     key K       press K (xdotool's name: Tab, space, Down, ctrl+n, alt+Right)
     type TEXT   type TEXT, one key at a time
     focus NAME  the control named NAME must now have the keyboard focus
     step NAME   a new step or screen, its heading NAME focused: a screenshot
                 of the window is taken, and it must not be blank
     dialog WHAT the desktop's file dialog (zenity): the path for WHAT (case,
                 note) is typed into it, then Return
   Keys between two checks are sent as one burst, a key every 60 ms. Where a
   `focus` is not reached by the keys the harness needed, Tab goes on to it
   (the real start screen has first-run lines the harness has not); anything
   else out of step fails, naming the script's line. Where the focus is comes
   from the app's own focus events over AT-SPI, as a screen reader learns it.

Environment: SMOKE_WID (the X window), SMOKE_SCRIPT (the snapshot), SMOKE_OUT
(where the case, the note and the screenshots go). Run with Debian's
/usr/bin/python3, which has pyatspi.
"""

import os
import subprocess
import sys
import time

import pyatspi
from gi.repository import GLib
from atspi_window import find_app, find_node, nodes

WID = os.environ["SMOKE_WID"]
SCRIPT = os.environ["SMOKE_SCRIPT"]
OUT = os.environ["SMOKE_OUT"]
PATHS = {"case": os.path.join(OUT, "case.ron"), "note": os.path.join(OUT, "note.pdf")}
KEY_DELAY_MS = 60
TYPE_DELAY_MS = 40


def fail(why):
    print(f"smoke: FAILED: {why}")
    keep = os.environ.get("SMOKE_FAILED_PNG")
    if keep:
        time.sleep(3)
        print(all_text()[-3000:])
        subprocess.run(["import", "-window", WID, keep], check=False)
        print(f"smoke: the window as it failed: {keep}")
    sys.exit(1)


def xdo(*args):
    subprocess.run(["xdotool", *args], check=True)


def app():
    a = find_app(lambda a: a.name == "victim-first")
    if a is None:
        fail("the app did not appear on the accessibility bus")
    return a


# Where the keyboard focus is, as a screen reader learns it: from the focus
# events the app sends over AT-SPI (reading the whole tree after every key
# would take seconds on a long step).
FOCUS = {"name": None}


def on_focus(event):
    try:
        if event.detail1 and event.host_application.name == "victim-first":
            FOCUS["name"] = event.source.name
    except Exception:  # noqa: BLE001 - the control went away while asked
        pass


pyatspi.Registry.registerEventListener(on_focus, "object:state-changed:focused")
MAIN = GLib.MainContext.default()


def pump():
    while MAIN.pending():
        MAIN.iteration(False)


def wait_focus(name, timeout):
    """Waits up to `timeout` seconds for the control named `name` to have the
    focus; the name of the one that has it then."""
    end = time.time() + timeout
    pump()
    while FOCUS["name"] != name and time.time() < end:
        time.sleep(0.01)
        pump()
    return FOCUS["name"]


def all_text():
    out = []
    for n in nodes(app()):
        out.append(n.name or "")
        try:
            t = n.queryText()
            out.append(t.getText(0, t.characterCount))
        except Exception:  # noqa: BLE001 - not every node has text
            pass
    return "\n".join(out)


def send_keys(keys):
    if keys:
        xdo("windowfocus", "--sync", WID)
        xdo("key", "--clearmodifiers", "--delay", str(KEY_DELAY_MS), *keys)


def read_script(path):
    """The snapshot's lines after its front matter (between two `---`)."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    marks = [i for i, l in enumerate(lines) if l == "---"]
    if len(marks) < 2:
        fail(f"{path} is not an insta snapshot")
    return [(i + 1, l) for i, l in enumerate(lines) if i > marks[1] and l.strip()]


def not_blank(png):
    """A window drawn with text has many colours; a blank or black one has few."""
    r = subprocess.run(
        ["identify", "-format", "%k %[fx:standard_deviation]", png],
        capture_output=True,
        text=True,
        check=True,
    )
    colours, spread = r.stdout.split()
    return int(colours), float(spread)


def screenshot(n, name):
    png = os.path.join(OUT, f"step-{n:02}.png")
    subprocess.run(["import", "-window", WID, png], check=True)
    colours, spread = not_blank(png)
    if colours < 32 or spread < 0.02:
        fail(f"the screenshot of {name!r} is blank ({colours} colours, spread {spread:.3f}): {png}")
    print(f"smoke: step {n} at {time.time() - started:.0f} s: {name!r}, screenshot {colours} colours")


def find_dialog():
    """rfd's zenity fallback names its window "zenity"; the dialog is the one of
    real size (GTK adds 10x10 helper windows)."""
    for _ in range(150):
        r = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--class", "Zenity"],
            capture_output=True,
            text=True,
        )
        for w in r.stdout.split():
            g = subprocess.run(
                ["xdotool", "getwindowgeometry", "--shell", w], capture_output=True, text=True
            ).stdout
            width = next((int(l[6:]) for l in g.splitlines() if l.startswith("WIDTH=")), 0)
            if width > 200:
                return w
        time.sleep(0.1)
    return None


def in_dialog(what, line):
    path = PATHS[what]
    dialog = find_dialog()
    if dialog is None:
        fail(f"line {line}: no file dialog opened for the {what}")
    time.sleep(1.0)
    xdo("windowfocus", "--sync", dialog)
    xdo("key", "--clearmodifiers", "ctrl+a")
    xdo("type", "--delay", str(TYPE_DELAY_MS), path)
    time.sleep(0.3)
    xdo("key", "--clearmodifiers", "Return")
    for _ in range(100):
        if os.path.exists(path) and os.path.getsize(path) > 0:
            break
        time.sleep(0.1)
    else:
        fail(f"line {line}: the {what} was not written to {path} after the dialog")
    print(f"smoke: the {what} written through the file dialog: {path}")
    # Back to the app's window once the dialog has gone, as a window manager
    # would give it (Xvfb has none): its focus events resume with that.
    time.sleep(0.5)
    xdo("windowfocus", "--sync", WID)


# 1. The start screen, ready for work: New case, the guidance in force, built in.
new_case = find_node(app, "push button", name="New case")
if new_case is None:
    fail("no New case button on the start screen")
if not new_case.getState().contains(pyatspi.STATE_SENSITIVE):
    fail("New case is not enabled: the window has no usable guidance")
text = all_text()
for bad in ("no guidance folder found", "no guidance files", "No verdict can be given"):
    if bad.lower() in text.lower():
        fail(f"the start screen says {bad!r}")
if "Where the guidance comes from: built into this program" not in text:
    fail("the start screen does not say the guidance is built in")
if "It never uses the network" not in text:
    fail("no first-run line on a machine with no settings")
print("smoke: the start screen shows New case and the built-in guidance")

# 2. The example case, with the keyboard alone.
script = read_script(SCRIPT)
pending = []
steps = 0
sent = 0
started = time.time()
for line, entry in script:
    op, _, arg = entry.partition(" ")
    if op == "key":
        pending.append(arg)
        sent += 1
        continue
    if op == "focus":
        # The keys up to here at once; then, if the focus is not yet on the
        # control named (a Tab the harness did not need), Tab on to it.
        send_keys(pending)
        pending = []
        now = wait_focus(arg, 1.0)
        extra = 0
        while now != arg and extra < 200:
            send_keys(["Tab"])
            extra += 1
            now = wait_focus(arg, 0.3)
        if now != arg:
            fail(f"line {line}: the focus should be on {arg!r}; it is on {now!r}")
        if extra:
            print(f"smoke: line {line}: {extra} Tab(s) more than in the harness to reach {arg!r}")
        sent += extra
        continue
    send_keys(pending)
    pending = []
    if op == "type":
        xdo("windowfocus", "--sync", WID)
        xdo("type", "--delay", str(TYPE_DELAY_MS), arg)
        sent += len(arg)
    elif op == "step":
        now = wait_focus(arg, 10.0)
        if now != arg:
            fail(f"line {line}: expected the screen {arg!r}; the focus is on {now!r}")
        steps += 1
        screenshot(steps, arg)
    elif op == "dialog":
        in_dialog(arg, line)
    else:
        fail(f"line {line}: unknown step {entry!r} in {SCRIPT}")
send_keys(pending)
print(f"smoke: {sent} keys sent in {time.time() - started:.0f} s; {steps} screens, none blank")
