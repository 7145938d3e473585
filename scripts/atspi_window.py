"""What the scripts that drive the real window over AT-SPI share (the smoke
test, the crash test, the accessibility audit, the training screenshots):
walking the accessibility tree, finding the app, and finding a control by its
role and name, waiting for it to appear. Debian's /usr/bin/python3 (pyatspi).
"""

import time

import pyatspi


def nodes(node):
    """Every accessible below `node`, depth first."""
    for c in node:
        if c is None:
            continue
        yield c
        yield from nodes(c)


def find_app(matches, timeout=20.0):
    """The first application on the bus for which `matches(app)` holds and
    that has drawn something, waiting up to `timeout` seconds; else None."""
    end = time.time() + timeout
    while time.time() < end:
        for a in pyatspi.Registry.getDesktop(0):
            try:
                if a is not None and matches(a) and a.childCount:
                    return a
            except Exception:  # noqa: BLE001 - an app that went away while asked
                pass
        time.sleep(0.1)
    return None


def find_node(root, role, name=None, contains=None, prefix=None, timeout=10.0):
    """The first control under `root()` with this role whose name is `name`,
    contains `contains` or starts with `prefix`, waiting up to `timeout`
    seconds (the tree is read again each time: it changes as the app draws);
    else None."""
    end = time.time() + timeout
    while time.time() < end:
        try:
            for n in nodes(root()):
                if n.getRoleName() != role:
                    continue
                label = n.name or ""
                if name is not None and label != name:
                    continue
                if contains is not None and contains not in label:
                    continue
                if prefix is not None and not label.startswith(prefix):
                    continue
                return n
        except Exception:  # noqa: BLE001 - the tree changed while it was read
            pass
        time.sleep(0.1)
    return None
