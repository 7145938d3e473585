"""Drives the real window for scripts/screenshots-training.sh: presses buttons by
their accessible names over AT-SPI (as a screen reader would), types and moves
between steps with real key events (xdotool), and takes each screenshot with
ImageMagick's import.

Environment: SHOT_WID (the X window), SHOT_OUT (where the PNGs go), SHOT_CLASS
(the folder of example results). Run with Debian's /usr/bin/python3 (pyatspi).
"""

import os
import subprocess
import sys
import time

from atspi_window import find_app, find_node, nodes

WID = os.environ["SHOT_WID"]
OUT = os.environ["SHOT_OUT"]
CLASS = os.environ["SHOT_CLASS"]


def fail(why):
    print(f"screenshots: FAILED: {why}")
    sys.exit(1)


def xdo(*args):
    subprocess.run(["xdotool", *args], check=True)


def key(*keys):
    xdo("windowfocus", "--sync", WID)
    for k in keys:
        xdo("key", "--clearmodifiers", k)
        time.sleep(0.6)


def app():
    a = find_app(lambda a: a.name == "victim-first")
    if a is None:
        fail("the app did not appear on the accessibility bus")
    return a


def find(role, name=None, contains=None, timeout=10.0):
    n = find_node(app, role, name=name, contains=contains, timeout=timeout)
    if n is not None:
        return n
    fail(f"no {role} named {name or contains!r} on screen")


def press(role, name=None, contains=None):
    find(role, name=name, contains=contains).queryAction().doAction(0)
    time.sleep(0.8)


def type_into(entry_name, text):
    entry = find("entry", name=entry_name)
    entry.queryComponent().grabFocus()
    time.sleep(0.4)
    xdo("windowfocus", "--sync", WID)
    xdo("type", "--delay", "20", text)
    time.sleep(0.6)


def shot(name):
    time.sleep(0.8)
    path = os.path.join(OUT, f"{name}.png")
    subprocess.run(["import", "-window", WID, path], check=True)
    print(f"wrote {path}")


ROLE = "Who is the person you are dealing with?"
OFFENCE = "What kind of offence is being reported?"

# Writing a scenario from the case in progress (the example case, opened at start).
press("push button", name="Start")
press("push button", name="Save the case in progress as a scenario…")
type_into("Title", "Domestic abuse at medium risk: a threat to ring the Home Office")
type_into("What the person said", "Grace Okafor, 34, says her partner slapped her and said he would ring the Home Office if she called the police.")
type_into("What a colleague proposes", "A PNC check on the partner for the risk assessment, and one on Grace to see if she is allowed to be here.")
press("push button", name="Add a teaching point")
type_into("Teaching point 1: what to take away", "Threats about status are controlling behaviour: record them as evidence.")
type_into("Teaching point 1: the rules behind it (ids, apart by spaces)", "CCB-01 RISK-01")
shot("training-author")
press("push button", name="Training")
press("radio button", contains="Scenario 1:")
shot("training-choose")

# Practice: scenario 1, a wrong answer on the concern step, feedback on leaving it.
press("radio button", contains="Scenario 1:")
press("push button", name="Start practice")
press("radio button", name=f"{ROLE} A victim of the crime reported")
press("radio button", name=f"{OFFENCE} Domestic abuse")
key("alt+Right")
press("check box", contains="The suspect alleged it")
press("radio button", contains="Clear evidence of an immigration offence")
key("alt+Right")
shot("training-practice")
press("push button", name="Leave training")

# Assessment: the same scenario, no feedback, then the score.
type_into("Your name or collar number", "PC 2207")
press("push button", name="Start assessment")
press("radio button", name=f"{ROLE} A victim of the crime reported")
press("radio button", name=f"{OFFENCE} Domestic abuse")
key("alt+Right")
press("check box", contains="The suspect alleged it")
press("radio button", contains="Only concerns or doubts")
key("alt+Right")
shot("training-assessment")
press("push button", name="Hand in for scoring")
shot("training-score")

# A class's results, from the example folder typed in.
press("push button", name="Back to training")
type_into("Folder of results", CLASS)
press("push button", name="Read the folder")
find("push button", name="Export as CSV…")
shot("training-class")

# The presenter: the class's choices on two steps, revealed.
press("push button", name="Presenter view")
reveal = [
    n.name
    for n in nodes(app())
    if n.getRoleName() == "push button" and (n.name or "").startswith("Reveal the class's choices:")
]
if len(reveal) < 2:
    fail(f"the presenter offers {reveal!r}")
for name in reveal[-3:-1]:
    press("push button", name=name)
shot("training-presenter")
print("screenshots: training done")
