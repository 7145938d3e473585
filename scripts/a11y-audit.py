"""The accessibility audit for scripts/a11y-audit.sh: reads the real window
over AT-SPI with an independent client (pyatspi), as a screen reader does.

1. On the start screen and on every wizard step (reached through the task
   list's step buttons, by AT-SPI actions), every button, link, entry, check
   box, radio button and combo box must have a name, and its state: a check
   box or radio button is checkable (and says whether it is checked), a combo
   box says its value (its description), an entry is editable text, a section
   that folds says it is expandable.
2. Then one case is completed through AT-SPI actions alone: each required
   action ticked, the officer's details set, the record finished, and the
   note exported through the desktop's file dialog, driven the same way.

Environment: AUDIT_NOTE (where to export the note). Debian's /usr/bin/python3.
"""

import os
import sys
import time

import pyatspi
from atspi_window import find_app, find_node, nodes

NOTE = os.environ["AUDIT_NOTE"]
CONTROLS = {"push button", "toggle button", "link", "entry", "check box", "radio button", "combo box"}
problems = []


def fail(why):
    print(f"audit: FAILED: {why}")
    sys.exit(1)


def app(name="victim-first", timeout=20.0):
    a = find_app(lambda a: a.name == name, timeout)
    if a is None:
        fail(f"{name} did not appear on the accessibility bus")
    return a


def find(role, name=None, prefix=None, where=None, timeout=10.0):
    n = find_node(lambda: where or app(), role, name=name, prefix=prefix, timeout=timeout)
    if n is None:
        fail(f"no {role} named {name or prefix!r}")
    return n


def states(n):
    return {pyatspi.stateToString(s) for s in n.getState().getStates()}


def act(n):
    n.queryAction().doAction(0)
    time.sleep(0.6)


def audit(where):
    seen = 0
    for n in nodes(app()):
        role = n.getRoleName()
        if role not in CONTROLS:
            continue
        seen += 1
        name = (n.name or "").strip()
        st = states(n)
        what = f"{where}: {role} {name[:60]!r}"
        if not name:
            problems.append(f"{what}: no name")
        if role in ("check box", "radio button") and "checkable" not in st:
            problems.append(f"{what}: does not say it can be checked")
        if role == "combo box" and not (n.description or "").strip():
            problems.append(f"{what}: does not say its value")
        if role == "entry" and "editable" not in st:
            problems.append(f"{what}: not editable text")
        if role == "toggle button" and name.endswith(("(folded)", "(open)")) is False and "expandable" in st and "expanded" not in st and "collapsed" not in st:
            problems.append(f"{what}: does not say whether it is open")
    print(f"audit: {where}: {seen} controls checked")


# 1. Every screen a case goes through.
start = find("push button", name="Start")
act(start)
find("heading", name="Victim First")
audit("start screen")
act(find("push button", name="Back to the case in progress"))
for i in range(1, 8):
    act(find("toggle button", prefix=f"{i}. "))
    time.sleep(0.4)
    audit(f"step {i}")
if problems:
    for p in problems:
        print(f"audit: {p}")
    fail(f"{len(problems)} control(s) a screen reader cannot use")

# 2. One case completed through AT-SPI actions alone.
act(find("toggle button", prefix="6. "))
ticked = 0


def unticked():
    # The tree changes after each action: look again each time.
    for n in nodes(app()):
        try:
            if n.getRoleName() == "check box" and (n.name or "").startswith("Done: ") and "checked" not in states(n):
                return n
        except Exception:  # noqa: BLE001 - a node that went away while read
            continue
    return None


while (box := unticked()) is not None and ticked < 50:
    act(box)
    ticked += 1
print(f"audit: ticked {ticked} required action(s) through AT-SPI")



def first(pred):
    for n in nodes(app()):
        try:
            if pred(n):
                return n
        except Exception:  # noqa: BLE001 - a node that went away while read
            continue
    return None


def empty_text(n):
    t = n.queryText()
    return t.characterCount == 0


# Each undecided check and the contact: recorded as not done, with a reason.
for step in ("4. ", "5. "):
    act(find("toggle button", prefix=step))
    while (r := first(lambda n: n.getRoleName() == "radio button" and n.name.endswith(": Do not do it") and "checked" not in states(n))) is not None:
        what = r.name[: -len(": Do not do it")]
        act(r)
        reason = find("entry", name=f"{what}: Why you decided this")
        if empty_text(reason):
            reason.queryEditableText().setTextContents("Not needed for this report")
            time.sleep(0.5)
        print(f"audit: {what}: recorded as not done, with a reason, through AT-SPI")
act(find("toggle button", prefix="7. "))
for name, text in (
    ("Your name or collar number", "PC 4321 Audit"),
    ("Your role", "Response officer"),
    ("Crime reference number", "CR/12345/26"),
    ("Supervisor's name or collar number", "PS 1234 Review"),
    ("Supervisor's comment", "Agreed"),
):
    entry = find("entry", name=name)
    entry.queryEditableText().setTextContents(text)
    time.sleep(0.5)
    t = find("entry", name=name).queryText()
    if t.getText(0, t.characterCount) != text:
        fail(f"setting {name!r} through AT-SPI did not take")
act(find("push button", name="Finish the record"))
if not any(n.getRoleName() == "heading" and n.name == "The record is complete" for n in nodes(app())):
    said = [n.name for n in nodes(app()) if (n.name or "").startswith(("Go to ", "Error"))]
    fail(f"the record could not be finished; still to record: {said[:8]}")
print("audit: the record was finished through AT-SPI actions")
act(find("push button", name="Export note…"))
dialog = app("zenity", timeout=20)
entry = save = None
for _ in range(50):
    try:
        entry = next((n for n in nodes(dialog) if n.getRoleName() == "text" and "editable" in states(n)), None)
        save = next((n for n in nodes(dialog) if n.getRoleName() == "push button" and n.name.replace("_", "") in ("Save", "OK")), None)
    except Exception:  # noqa: BLE001 - the dialog is still being built
        pass
    if entry is not None and save is not None:
        break
    time.sleep(0.2)
    dialog = app("zenity", timeout=5)
if entry is None or save is None:
    buttons = [n.name for n in nodes(dialog) if n.getRoleName() == "push button"]
    fail(f"the file dialog's name field or Save button is not on the bus (buttons: {buttons})")
entry.queryEditableText().setTextContents(NOTE)
time.sleep(0.5)
save.queryAction().doAction(0)
for _ in range(100):
    if os.path.exists(NOTE) and os.path.getsize(NOTE) > 0:
        break
    time.sleep(0.1)
else:
    fail("the note was not written")
print(f"audit: the note was exported to {NOTE} through AT-SPI actions")
