#!/usr/bin/python3
"""Measures the Victim First window against a bare eframe window, interleaved.

Run by scripts/bench-window.sh, which builds both and starts Xvfb. For each
round, and each of the two programs in turn:

- first content: from process start until the window's pixels change from the
  Xvfb background (Xlib XGetImage on a patch of the window, polled every ms);
- frames while idle: X DAMAGE events on the window over a quiet spell,
  weighted by the damaged area (a full-window repaint counts 1);
- CPU per frame: N pointer moves over the window with xdotool, the process's
  utime+stime before and after, divided by the frames DAMAGE counted;
- peak memory: the process's VmHWM at the end.

Prints each round and the medians of the per-round ratios. Only the X server
on $DISPLAY is touched; nothing leaves the machine.
"""

import ctypes
import ctypes.util
import os
import statistics
import subprocess
import sys
import time

X = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
XD = ctypes.CDLL(ctypes.util.find_library("Xdamage") or "libXdamage.so.1")

X.XOpenDisplay.restype = ctypes.c_void_p
X.XOpenDisplay.argtypes = [ctypes.c_char_p]
X.XDefaultRootWindow.restype = ctypes.c_ulong
X.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
X.XGetImage.restype = ctypes.c_void_p
X.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int,
                        ctypes.c_uint, ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
X.XFree.argtypes = [ctypes.c_void_p]
X.XQueryTree.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong),
                         ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.POINTER(ctypes.c_ulong)),
                         ctypes.POINTER(ctypes.c_uint)]
X.XPending.argtypes = [ctypes.c_void_p]
X.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
X.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
X.XFlush.argtypes = [ctypes.c_void_p]


class XWindowAttributes(ctypes.Structure):
    _fields_ = [("x", ctypes.c_int), ("y", ctypes.c_int), ("width", ctypes.c_int),
                ("height", ctypes.c_int), ("border_width", ctypes.c_int), ("depth", ctypes.c_int),
                ("visual", ctypes.c_void_p), ("root", ctypes.c_ulong), ("class_", ctypes.c_int),
                ("bit_gravity", ctypes.c_int), ("win_gravity", ctypes.c_int),
                ("backing_store", ctypes.c_int), ("backing_planes", ctypes.c_ulong),
                ("backing_pixel", ctypes.c_ulong), ("save_under", ctypes.c_int),
                ("colormap", ctypes.c_ulong), ("map_installed", ctypes.c_int),
                ("map_state", ctypes.c_int), ("all_event_masks", ctypes.c_long),
                ("your_event_mask", ctypes.c_long), ("do_not_propagate_mask", ctypes.c_long),
                ("override_redirect", ctypes.c_int), ("screen", ctypes.c_void_p)]


X.XGetWindowAttributes.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(XWindowAttributes)]
XD.XDamageQueryExtension.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int)]
XD.XDamageCreate.restype = ctypes.c_ulong
XD.XDamageCreate.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int]
XD.XDamageDestroy.argtypes = [ctypes.c_void_p, ctypes.c_ulong]

ZPIXMAP = 2
ALL_PLANES = 0xFFFFFFFF
RAW_RECTANGLES = 0

dpy = X.XOpenDisplay(None)
if not dpy:
    sys.exit("bench-window: cannot open the X display")
root = X.XDefaultRootWindow(dpy)
ev_base = ctypes.c_int()
err_base = ctypes.c_int()
if not XD.XDamageQueryExtension(dpy, ctypes.byref(ev_base), ctypes.byref(err_base)):
    sys.exit("bench-window: the X server has no DAMAGE extension")
XD.XDamageQueryVersion.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int)]
major, minor = ctypes.c_int(1), ctypes.c_int(1)
XD.XDamageQueryVersion(dpy, ctypes.byref(major), ctypes.byref(minor))


def patch_nonblack(x, y, w, h):
    img = X.XGetImage(dpy, root, x, y, w, h, ALL_PLANES, ZPIXMAP)
    if not img:
        return False
    # XImage: int width, height, xoffset, format; char *data; ...; int bytes_per_line at 44.
    data = ctypes.cast(img + 16, ctypes.POINTER(ctypes.c_void_p)).contents.value
    bpl = ctypes.cast(img + 44, ctypes.POINTER(ctypes.c_int)).contents.value
    raw = ctypes.string_at(data, bpl * h)
    X.XFree(ctypes.c_void_p(data))
    X.XFree(ctypes.c_void_p(img))
    return any(b != 0 for b in raw)


def app_window():
    """The largest mapped child of the root (there is no window manager)."""
    r, p = ctypes.c_ulong(), ctypes.c_ulong()
    kids = ctypes.POINTER(ctypes.c_ulong)()
    n = ctypes.c_uint()
    X.XQueryTree(dpy, root, ctypes.byref(r), ctypes.byref(p), ctypes.byref(kids), ctypes.byref(n))
    best, area = None, 0
    for i in range(n.value):
        a = XWindowAttributes()
        X.XGetWindowAttributes(dpy, kids[i], ctypes.byref(a))
        if a.map_state == 2 and a.width * a.height > area:
            best, area = kids[i], a.width * a.height
    if n.value:
        X.XFree(kids)
    return best, area


def drain(window_area):
    """Frames (damage weighted by area) received since the last call."""
    buf = ctypes.create_string_buffer(192)
    frames = 0.0
    X.XSync(dpy, 0)
    while X.XPending(dpy):
        X.XNextEvent(dpy, buf)
        kind = ctypes.cast(buf, ctypes.POINTER(ctypes.c_int)).contents.value
        if kind == ev_base.value:
            w = int.from_bytes(buf.raw[68:70], "little")
            h = int.from_bytes(buf.raw[70:72], "little")
            frames += (w * h) / window_area
    return frames


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def xdotool(*args):
    subprocess.run(["xdotool", *args], check=True, stdout=subprocess.DEVNULL)


def measure(cmd, busy_keys, moves):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    first = None
    while time.perf_counter() - start < 20:
        if patch_nonblack(300, 300, 32, 32):
            first = time.perf_counter() - start
            break
        time.sleep(0.001)
    time.sleep(1.0)
    win, area = app_window()
    if win is None or first is None:
        proc.kill()
        sys.exit(f"bench-window: no window from {cmd[0]}")
    xdotool("windowfocus", "--sync", str(win))
    for key in busy_keys:
        xdotool("key", "--window", str(win), key)
        time.sleep(0.3)
    xdotool("mousemove", "--window", str(win), "600", "400")
    time.sleep(1.0)
    damage = XD.XDamageCreate(dpy, win, RAW_RECTANGLES)
    drain(area)
    time.sleep(3.0)
    idle = drain(area)
    before = cpu_seconds(proc.pid)
    for i in range(moves):
        xdotool("mousemove", "--window", str(win), str(500 + (i % 2) * 200), str(300 + (i % 3) * 100))
        time.sleep(0.04)
    time.sleep(0.5)
    frames = drain(area)
    cpu = cpu_seconds(proc.pid) - before
    mem = peak_mib(proc.pid)
    XD.XDamageDestroy(dpy, damage)
    # Sent now: once the window is gone the server frees the damage itself.
    X.XSync(dpy, 0)
    proc.terminate()
    proc.wait(timeout=10)
    return {"first_ms": first * 1000, "idle_frames": idle, "frames": frames,
            "ms_per_frame": cpu * 1000 / max(frames, 1.0), "peak_mib": mem}


def main():
    app, bare, case, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    moves = 60
    ratios = {"first_ms": [], "ms_per_frame": [], "peak_mib": []}
    idle = []
    for r in range(rounds):
        # Interleaved: the order alternates each round.
        runs = [("bare", [bare], []), ("app", [app, "gui", "--case", case], ["alt+Right"] * 3)]
        if r % 2:
            runs.reverse()
        got = {}
        for name, cmd, keys in runs:
            got[name] = measure(cmd, keys, moves)
        a, b = got["app"], got["bare"]
        for k in ratios:
            ratios[k].append(a[k] / b[k])
        idle.append((a["idle_frames"], b["idle_frames"]))
        print(f"round {r + 1}: first content {a['first_ms']:.0f} ms vs {b['first_ms']:.0f} ms; "
              f"CPU/frame {a['ms_per_frame']:.1f} ms ({a['frames']:.0f} frames) vs "
              f"{b['ms_per_frame']:.1f} ms ({b['frames']:.0f} frames); "
              f"peak {a['peak_mib']:.0f} MiB vs {b['peak_mib']:.0f} MiB; "
              f"idle frames {a['idle_frames']:.1f} vs {b['idle_frames']:.1f}", flush=True)
    print()
    print("median ratios, the app over the bare window (target: first content and memory <= 1.2, CPU per frame <= 1.25):")
    for k, v in ratios.items():
        print(f"  {k}: {statistics.median(v):.2f}  (rounds: {', '.join(f'{x:.2f}' for x in v)})")
    print(f"  frames while idle (app, bare), 3 s each round: {idle}")


main()
