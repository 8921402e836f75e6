"""Timing harness shared by the Python peer benchmarks.

Mirrors the Swift harness (Benchmarks/Sources/srkit-benchmarks/Harness.swift): warm up, run
each case several times, report median and min wall-clock time and a throughput computed from
the median, in the same table layout so the two outputs can be read side by side.
"""

import json
import statistics
import time


class Result:
    """One measured case: `work` units (MB or MP) processed per run, run times in seconds."""

    def __init__(self, case, input_desc, unit, work, times, file_mb=None):
        self.case = case
        self.input = input_desc
        self.unit = unit
        self.work = work
        self.times = times
        self.file_mb = file_mb

    @property
    def median(self):
        return statistics.median(self.times)

    @property
    def minimum(self):
        return min(self.times)

    @property
    def rate(self):
        return self.work / self.median

    def as_dict(self):
        return {
            "case": self.case,
            "input": self.input,
            "unit": self.unit,
            "work": self.work,
            "rate": self.rate,
            "fileMBPerSecond": None if self.file_mb is None else self.file_mb / self.median,
            "medianMilliseconds": self.median * 1e3,
            "minMilliseconds": self.minimum * 1e3,
            "runs": len(self.times),
            "seconds": self.times,
        }


def measure(case, input_desc, unit, work, body, warmup=2, min_runs=10, min_seconds=1.0,
            max_runs=2000, file_mb=None):
    """Runs `body` `warmup` times untimed, then at least `min_runs` times and at least
    `min_seconds` in total (capped at `max_runs`), timing each run with perf_counter."""
    for _ in range(warmup):
        body()
    times = []
    total = 0.0
    while len(times) < max_runs and (len(times) < min_runs or total < min_seconds):
        start = time.perf_counter()
        body()
        elapsed = time.perf_counter() - start
        times.append(elapsed)
        total += elapsed
    return Result(case, input_desc, unit, work, times, file_mb)


def print_table(title, results):
    """Prints `results` as the fixed-width table both harnesses use."""
    header = ["case", "input", "rate", "unit", "file MB/s", "median ms", "min ms", "runs"]
    rows = []
    for r in results:
        rows.append([
            r.case,
            r.input,
            f"{r.rate:.1f}",
            r.unit,
            "-" if r.file_mb is None else f"{r.file_mb / r.median:.1f}",
            f"{r.median * 1e3:.2f}",
            f"{r.minimum * 1e3:.2f}",
            str(len(r.times)),
        ])
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(header)]
    print(f"== {title}")
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(
            cell.ljust(w) if i in (0, 1, 3) else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths))))
    print()


def load_average():
    """The 1, 5 and 15 minute load averages from /proc/loadavg, or "unknown"."""
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "unknown"


def save_json(path, title, results, extra=None):
    """Writes `results` as JSON (`{"title", "results": [...]}` plus `extra`) to `path`."""
    payload = {"title": title, "loadAverage": load_average(), "results": [r.as_dict() for r in results]}
    if extra:
        payload.update(extra)
    with open(path, "w") as f:
        json.dump(payload, f, indent=2)
        f.write("\n")
