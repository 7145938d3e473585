"""Drives scripts/crash-window.sh: the real app killed with SIGKILL while an
officer types, again and again; after each kill the draft on disk must read
and hold what was typed up to a second before, and the restarted app must
offer it for recovery and resume it where it was.

Environment: CRASH_BIN (the app), CRASH_KILLS (rounds), CRASH_DRAFTS (the
drafts folder), CRASH_LOG (the app's output). Debian's /usr/bin/python3 (pyatspi).
"""

import glob
import os
import random
import re
import subprocess
import sys
import threading
import time

from atspi_window import find_app, find_node

BIN = os.environ["CRASH_BIN"]
KILLS = int(os.environ.get("CRASH_KILLS", "200"))
DRAFTS = os.environ["CRASH_DRAFTS"]
LOG = os.environ["CRASH_LOG"]
NAME = "Your name or collar number"
DELAY_MS = int(os.environ.get("CRASH_DELAY_MS", "40"))
rng = random.Random(17)


def fail(why):
    print(f"crash: FAILED: {why}")
    sys.exit(1)


def app(pid):
    a = find_app(lambda a: a.get_process_id() == pid, timeout=10.0)
    if a is None:
        fail("the app did not appear on the accessibility bus")
    return a


def find(pid, role, name=None, prefix=None, timeout=15.0):
    n = find_node(lambda: app(pid), role, name=name, prefix=prefix, timeout=timeout)
    if n is None:
        fail(f"no {role} named {name or prefix!r}")
    return n


def window():
    for _ in range(200):
        r = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", "^Victim First$"],
            capture_output=True,
            text=True,
        )
        if r.stdout.split():
            return r.stdout.split()[0]
        time.sleep(0.05)
    fail("no window appeared")


def key(wid, *keys):
    subprocess.run(["xdotool", "windowfocus", "--sync", wid], check=True)
    for k in keys:
        subprocess.run(["xdotool", "key", "--clearmodifiers", k], check=True)
        time.sleep(0.15)


def draft_name():
    """The officer's name in the one draft on disk, or None without a draft."""
    found = glob.glob(os.path.join(DRAFTS, "*.ron"))
    if not found:
        return None
    if len(found) > 1:
        fail(f"more than one draft: {found}")
    text = open(found[0], encoding="utf-8").read()
    if not text.rstrip().endswith(")"):
        fail(f"a damaged draft: {text[-200:]!r}")
    m = re.search(r'\bname: "([^"]*)"', text)
    return m.group(1) if m else ""


def start():
    log = open(LOG, "a", encoding="utf-8")
    p = subprocess.Popen([BIN], stdout=log, stderr=log)
    return p, window()


worst = 0.0
kept = ""
for round_ in range(KILLS):
    p, wid = start()
    if round_ == 0:
        find(p.pid, "push button", name="New case")
        key(wid, "ctrl+n")
        find(p.pid, "heading", name="The report and the person")
        for _ in range(6):
            key(wid, "alt+Right")
    else:
        resume = find(p.pid, "push button", prefix="Resume ")
        resume.queryAction().doAction(0)
    find(p.pid, "heading", name="Review and finish")
    entry = find(p.pid, "entry", name=NAME)
    t = entry.queryText()
    shown = t.getText(0, t.characterCount)
    if shown != kept:
        fail(f"round {round_}: the recovered case shows {shown!r}, the draft held {kept!r}")
    entry.queryComponent().grabFocus()
    time.sleep(0.2)
    # Start each round from an empty field, so the name stays short.
    key(wid, "ctrl+a", "BackSpace")
    word = f"r{round_}" + "abcdefghijklmnopqrstuvwxyz" * 2
    sent = []  # when each key had been sent
    stop = threading.Event()

    def type_keys():
        for c in word:
            if stop.is_set():
                return
            subprocess.run(["xdotool", "key", c], check=False)
            sent.append(time.time())
            time.sleep(DELAY_MS / 1000)

    typing = threading.Thread(target=type_keys)
    typing.start()
    if os.environ.get("CRASH_CHECK_TYPING"):
        typing.join()
        time.sleep(0.5)
        t = find(p.pid, "entry", name=NAME).queryText()
        got = t.getText(0, t.characterCount)
        print(f"crash: round {round_}: typed {word!r}, the field holds {got!r}: {'same' if got == word else 'DIFFERENT'}")
    time.sleep(rng.uniform(0.3, 2.0))
    p.kill()
    killed = time.time()
    stop.set()
    typing.join()
    p.wait()
    # A key pressed as the app died may be left down in the X server, and its
    # next press would be lost: release them all.
    subprocess.run(["xdotool", "keyup", *sorted(set(word))], check=False)
    name = draft_name()
    if name is None:
        fail(f"round {round_}: no draft after the kill")
    if not word.startswith(name):
        if os.environ.get("CRASH_SHOW"):
            print(open(glob.glob(os.path.join(DRAFTS, "*.ron"))[0]).read())
        fail(f"round {round_}: the draft holds {name!r}, not what was typed ({word!r})")
    added = len(name)
    # Every key sent a second or more before the kill must be in the draft.
    due = sum(1 for t in sent if t <= killed - 1.0)
    if added < due:
        fail(f"round {round_}: {added} keys in the draft, {due} were typed a second before the kill")
    typed = len(sent)
    if added < typed:
        # How long before the kill the first key missing from the draft was sent.
        worst = max(worst, killed - sent[added])
    kept = name
    if round_ % 20 == 0:
        print(f"crash: round {round_}: {added} keys kept of about {typed} typed")

# The last kill's draft is offered and resumed too.
p, wid = start()
find(p.pid, "push button", prefix="Resume ").queryAction().doAction(0)
find(p.pid, "heading", name="Review and finish")
t = find(p.pid, "entry", name=NAME).queryText()
if t.getText(0, t.characterCount) != kept:
    fail(f"after the last kill the recovered case shows {t.getText(0, t.characterCount)!r}, the draft held {kept!r}")
p.kill()
p.wait()
print(f"crash: {KILLS} kills, every draft whole and offered again; at most {worst:.2f} s of typing lost")
