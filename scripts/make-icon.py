#!/usr/bin/python3
"""Draws the app's icon, assets/victim-first.png (256x256 RGBA), with the
standard library alone: a dark blue rounded square, a white shield, and a
blue tick on the shield. Deterministic: the same bytes every run.

Usage: scripts/make-icon.py [OUT] [SIZE]
"""

import struct
import sys
import zlib

OUT = sys.argv[1] if len(sys.argv) > 1 else "assets/victim-first.png"
SIZE = int(sys.argv[2]) if len(sys.argv) > 2 else 256
SS = 4  # samples per pixel along each axis, for smooth edges

NAVY = (22, 49, 97)
WHITE = (255, 255, 255)
BLUE = (0, 94, 184)


def in_rounded_square(x, y):
    r, lo, hi = 0.18, 0.02, 0.98
    if not (lo <= x <= hi and lo <= y <= hi):
        return False
    cx = min(max(x, lo + r), hi - r)
    cy = min(max(y, lo + r), hi - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def in_shield(x, y):
    # Flat top with a shallow dip, straight sides, then curving to a point.
    top, side, bottom = 0.17, 0.24, 0.88
    if y < top + 0.04 * (1 - abs(x - 0.5) / (0.5 - side)) or y > bottom:
        return False
    half = 0.5 - side
    if y > 0.52:
        t = (y - 0.52) / (bottom - 0.52)
        half *= (1 - t * t) ** 0.5
    return abs(x - 0.5) <= half


def near_segment(x, y, a, b, w):
    ax, ay = a
    bx, by = b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
    px, py = ax + t * dx, ay + t * dy
    return (x - px) ** 2 + (y - py) ** 2 <= w * w


def in_tick(x, y):
    w = 0.045
    return near_segment(x, y, (0.37, 0.52), (0.47, 0.63), w) or near_segment(
        x, y, (0.47, 0.63), (0.65, 0.38), w
    )


def sample(x, y):
    if not in_rounded_square(x, y):
        return None
    if in_shield(x, y):
        return BLUE if in_tick(x, y) else WHITE
    return NAVY


def pixel(px, py):
    r = g = b = a = 0
    for sy in range(SS):
        for sx in range(SS):
            c = sample((px + (sx + 0.5) / SS) / SIZE, (py + (sy + 0.5) / SS) / SIZE)
            if c is not None:
                r, g, b, a = r + c[0], g + c[1], b + c[2], a + 1
    if a == 0:
        return (0, 0, 0, 0)
    return (r // a, g // a, b // a, 255 * a // (SS * SS))


def png(rows):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\0" + bytes(v for p in row for v in p) for row in rows)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


rows = [[pixel(x, y) for x in range(SIZE)] for y in range(SIZE)]
with open(OUT, "wb") as f:
    f.write(png(rows))
print(f"wrote {OUT} ({SIZE}x{SIZE})")
