#!/usr/bin/python3
"""Prints SRKit's figures next to its peers' with the speed ratios, from the JSON files that
srkit-benchmarks (--json) and the peer scripts (--json) write.

Usage: compare.py srkit.json decode_peers.json resize_peers.json

ratio = SRKit rate / peer rate from median times, above 1 means SRKit is faster; "min ratio" is
the same from the fastest runs, which other jobs on a shared machine disturb less.
"""

import json
import sys

# (SRKit case, peer case, what is compared)
PAIRS = [
    ("decode png", "opencv decode png", "Set14 PNG decode"),
    ("decode png", "pillow decode png", "Set14 PNG decode"),
    ("decode bmp", "opencv decode bmp", "T91 BMP decode"),
    ("decode bmp", "pillow decode bmp", "T91 BMP decode"),
    ("matlab-bicubic x1/4", "opencv INTER_AREA x1/4", "x1/4 down"),
    ("matlab-bicubic x1/4", "opencv INTER_CUBIC x1/4", "x1/4 down"),
    ("matlab-bicubic x1/4", "basicsr imresize x1/4", "x1/4 down"),
    ("matlab-bicubic x4", "opencv INTER_CUBIC x4", "x4 up"),
    ("matlab-bicubic x4", "basicsr imresize x4", "x4 up"),
    ("pillow-bicubic x1/4", "pillow BICUBIC x1/4", "x1/4 down"),
    ("pillow-bicubic x4", "pillow BICUBIC x4", "x4 up"),
]


def load(paths):
    cases = {}
    for path in paths:
        with open(path) as f:
            for r in json.load(f)["results"]:
                name = r.get("case") or r.get("name")
                cases[name] = r
    return cases


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    srkit = load(sys.argv[1:2])
    peers = load(sys.argv[2:])
    header = ["what", "SRKit case", "SRKit", "peer case", "peer", "unit", "ratio", "min ratio"]
    rows = []
    for mine, theirs, what in PAIRS:
        if mine not in srkit or theirs not in peers:
            continue
        a, b = srkit[mine], peers[theirs]
        rows.append([what, mine, f"{a['rate']:.1f}", theirs, f"{b['rate']:.1f}", a["unit"],
                     f"{a['rate'] / b['rate']:.2f}x", f"{b['minMilliseconds'] / a['minMilliseconds']:.2f}x"])
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]
    print("== SRKit vs peers (ratio = SRKit rate / peer rate from median times, min ratio from fastest runs; "
          "> 1 means SRKit is faster)")
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print("  ".join(c.rjust(w) if i in (2, 4, 6, 7) else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))))
    print()


if __name__ == "__main__":
    main()
