#!/usr/bin/python3
"""Prints SRKit's figures next to its peers' with the speed ratios, from the JSON files that
srkit-benchmarks (--json) and the peer scripts (--json) write.

Usage: compare.py [--check] srkit.json decode_peers.json resize_peers.json

Then checks the targets in Benchmarks/Thresholds/targets.json (SRKit rate / peer rate from
median times at least `minRatio`); with --check the exit status is 1 when one is missed.

ratio = SRKit rate / peer rate from median times, above 1 means SRKit is faster; "min ratio" is
the same from the fastest runs, which other jobs on a shared machine disturb less.
"""

import json
import os
import sys

TARGETS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Thresholds", "targets.json")

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


def check_targets(srkit, peers):
    """Prints each target with the measured ratio; returns False when one is missed or absent."""
    with open(TARGETS) as f:
        targets = json.load(f)["targets"]
    ok = True
    print(f"== targets ({os.path.relpath(os.path.normpath(TARGETS))}; ratio from median times)")
    for t in targets:
        a, b = srkit.get(t["srkit"]), peers.get(t["peer"])
        if a is None or b is None:
            print(f"missing  {t['srkit']} vs {t['peer']}: not measured")
            ok = False
            continue
        ratio = a["rate"] / b["rate"]
        met = ratio >= t["minRatio"]
        ok = ok and met
        print(f"{'met   ' if met else 'MISSED'}   {t['srkit']} vs {t['peer']}: {ratio:.2f}x (target >= {t['minRatio']:g}x)")
    print()
    return ok


def main():
    args = sys.argv[1:]
    check = "--check" in args
    args = [a for a in args if a != "--check"]
    if len(args) < 2:
        sys.exit(__doc__)
    srkit = load(args[0:1])
    peers = load(args[1:])
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
    if not check_targets(srkit, peers) and check:
        sys.exit(1)


if __name__ == "__main__":
    main()
