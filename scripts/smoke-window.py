"""Drives the real window for scripts/smoke-window.sh: reads it over AT-SPI (as a
screen reader does) and types into it with real key events (xdotool).

Environment: SMOKE_WID (the X window), SMOKE_REASON and SMOKE_OFFICER (what to
type), SMOKE_SAVED (where to save the case). Run with Debian's /usr/bin/python3,
which has pyatspi.
"""

import os
import subprocess
import sys
import time

import pyatspi
from atspi_window import find_app, find_node, nodes

WID = os.environ["SMOKE_WID"]
REASON = os.environ["SMOKE_REASON"]
OFFICER = os.environ["SMOKE_OFFICER"]
SAVED = os.environ["SMOKE_SAVED"]
CHECK_REASON = "Check 1: Why is this check needed in this case?"


def fail(why):
    print(f"smoke: FAILED: {why}")
    sys.exit(1)


def xdo(*args):
    subprocess.run(["xdotool", *args], check=True)


def key(*keys):
    xdo("windowfocus", "--sync", WID)
    for k in keys:
        xdo("key", "--clearmodifiers", k)
        time.sleep(0.3)


def type_slowly(text):
    """One key every 150 ms, as a person types."""
    xdo("windowfocus", "--sync", WID)
    xdo("type", "--delay", "150", text)
    time.sleep(0.5)


def app():
    a = find_app(lambda a: a.name == "victim-first")
    if a is None:
        fail("the app did not appear on the accessibility bus")
    return a


def find(role, name=None, contains=None, timeout=10.0):
    n = find_node(app, role, name=name, contains=contains, timeout=timeout)
    if n is not None:
        return n
    what = name if name is not None else contains
    near = sorted({(n.getRoleName(), n.name) for n in nodes(app()) if n.name and (what or "")[:12] in n.name})
    fail(f"no {role} named {what!r} on screen (similar: {near[:6]})")


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


def press(button):
    button.queryAction().doAction(0)
    time.sleep(0.5)


def value_of(entry):
    t = entry.queryText()
    return t.getText(0, t.characterCount)


def type_into(entry_name, text):
    entry = find("entry", name=entry_name)
    entry.queryComponent().grabFocus()
    time.sleep(0.5)
    type_slowly(text)
    got = value_of(find("entry", name=entry_name))
    if got != text:
        fail(f"typed {text!r} into {entry_name!r} one key at a time, the field holds {got!r}")
    print(f"smoke: typed {len(text)} keys into {entry_name!r}: all kept")


# 1. The start screen, ready for work: New case, the guidance in force, built in.
new_case = find("push button", name="New case")
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

# 2. A case started with the keyboard.
key("ctrl+n")
find("heading", name="The report and the person")
print("smoke: Ctrl+N started a case")

# 3. A check's reason, typed key by key on the checks step.
for _ in range(3):
    key("alt+Right")
find("heading", name="Database checks")
press(find("push button", name="Add a check"))
type_into(CHECK_REASON, REASON)

# 4. The officer's name on the review step.
for _ in range(3):
    key("alt+Right")
find("heading", name="Review and finish")
type_into("Your name or collar number", OFFICER)

# 5. Saved through the desktop's file dialog, typed like the rest.
key("ctrl+s")
dialog = ""
started = time.time()
for _ in range(100):
    # rfd's zenity fallback does not pass the dialog's title: the window is
    # named "zenity"; the dialog is the one of real size (GTK adds 10x10 helpers).
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
            dialog = w
            break
    if dialog:
        print(f"smoke: the file dialog appeared after {time.time() - started:.1f} s")
        break
    time.sleep(0.1)
if not dialog:
    ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    said = [l for l in all_text().splitlines() if "dialog" in l.lower() or "save" in l.lower()]
    zen = [l for l in ps.splitlines() if "zenity" in l]
    tree = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True).stdout
    named = [l.strip() for l in tree.splitlines() if '"' in l][:8]
    fail(f"Ctrl+S opened no file dialog (zenity: {zen}; windows: {named}; the window says: {said[:4]})")
time.sleep(1.0)
xdo("windowfocus", "--sync", dialog)
xdo("key", "--clearmodifiers", "ctrl+a")
xdo("type", "--delay", "20", SAVED)
time.sleep(0.5)
xdo("key", "--clearmodifiers", "Return")
for _ in range(100):
    if os.path.exists(SAVED) and os.path.getsize(SAVED) > 0:
        break
    time.sleep(0.1)
else:
    fail("the case file did not appear after the dialog")
print(f"smoke: saved the case to {SAVED}")
