#!/usr/bin/python3
"""Records per second of the ways a PyTorch training loop can read the same SR training pairs.

    /usr/bin/python3 Benchmarks/python_loader.py [--dataset DIR] [--repeat 3] [--batch-size 16]

Without --dataset it runs `prep run Pipelines/t91.yaml` (22,227 pairs of 32x32x3 uint8 HR + LR)
into a temporary folder with the built `.build/release/prep` (T91 from $SRKIT_SHARED/datasets,
default ../shared beside the repository). From the same records it then
writes, in a temporary folder:
  - an HDF5 file (h5py): datasets "hr" and "lr" of shape (N, 32, 32, 3) uint8, contiguous;
  - BasicSR-style LMDBs (one for hr, one for lr; key = 8-digit record number, value = the record
    encoded as PNG with cv2.imencode, compression 1, as scripts/data_preparation/create_lmdb.py);
  - a PNG folder (hr/NNNNNNNN.png, lr/...) with the same PNG bytes.
Each reader returns the same thing: {"hr": uint8 tensor (B, 32, 32, 3), "lr": ...}, decoded
to uint8 (BasicSR would go on to float32 / 255; that conversion is left out for every reader).

Cases, one epoch each, `DataLoader(batch_size=16, shuffle=True)` unless said otherwise, warm page
cache (every file is read once before timing), worker start-up included (default DataLoader,
no persistent workers), the median of --repeat epochs:
  plain loop           for i in a permutation: copy ds[i] (numpy, no DataLoader)
  ShardDataset         srkit_shards.torch.ShardDataset, one record per item
  loader()             srkit_shards.torch.loader(...): one worker call reads 1024 records (whole
                       batches, one tensor per field, into shared memory), split into batches in
                       the main process; a new loader per epoch (workers not kept), so worker start-up is included
  loader(), one per run  the same, one loader kept for all epochs (workers persist, loader()'s
                       default), timed after a warm-up epoch: what each later epoch of training costs
  h5py per index       a Dataset holding an open h5py.File, f["hr"][i], f["lr"][i] per item
  LMDB (PNG values)    BasicSR LmdbBackend-style: txn.get(key) + cv2.imdecode per item
  PNG folder           cv2.imread per item
each with num_workers 0 and 2. --verify also times Dataset.verify() (SHA-256 of every shard)
and verify(records=True) (plus every CRC32C), with the compiled CRC32C and with numpy.
Prints one table (and --json FILE writes every run time).
"""

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def cpu_model():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def load():
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def make_dataset(tmp):
    prep = os.path.join(REPO, ".build", "release", "prep")
    if not os.path.exists(prep):
        sys.exit(f"{prep} is missing: run `swift build -c release` first, or pass --dataset DIR")
    out = os.path.join(tmp, "t91")
    shared = os.environ.get("SRKIT_SHARED", os.path.join(os.path.dirname(REPO), "shared"))
    subprocess.run([prep, "run", os.path.join(REPO, "Pipelines", "t91.yaml"), "--output", out, "--quiet",
                    "--source", f"images={os.path.join(shared, 'datasets', 'T91')}"], check=True)
    return out


def build_peers(ds, tmp):
    import cv2
    import h5py
    import lmdb
    n = len(ds)
    arrays = ds.read_batch(np.arange(n))
    h5 = os.path.join(tmp, "pairs.h5")
    with h5py.File(h5, "w") as f:
        for name in ("hr", "lr"):
            f.create_dataset(name, data=arrays[name])
    pngs = {name: [cv2.imencode(".png", arrays[name][i], [cv2.IMWRITE_PNG_COMPRESSION, 1])[1].tobytes() for i in range(n)]
            for name in ("hr", "lr")}
    for name in ("hr", "lr"):
        env = lmdb.open(os.path.join(tmp, f"{name}.lmdb"), map_size=sum(map(len, pngs[name])) * 2 + (64 << 20))
        with env.begin(write=True) as txn:
            for i, data in enumerate(pngs[name]):
                txn.put(f"{i:08d}".encode(), data)
        env.close()
        os.makedirs(os.path.join(tmp, "png", name))
        for i, data in enumerate(pngs[name]):
            with open(os.path.join(tmp, "png", name, f"{i:08d}.png"), "wb") as f:
                f.write(data)
    return h5, {name: os.path.join(tmp, f"{name}.lmdb") for name in ("hr", "lr")}, os.path.join(tmp, "png")


def warm(paths):
    for root in paths:
        for dirpath, _, files in os.walk(root) if os.path.isdir(root) else [(os.path.dirname(root), [], [os.path.basename(root)])]:
            for name in files:
                with open(os.path.join(dirpath, name), "rb") as f:
                    while f.read(8 << 20):
                        pass


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dataset")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--workers", type=int, nargs="+", default=[0, 2])
    ap.add_argument("--verify", action="store_true")
    ap.add_argument("--json")
    args = ap.parse_args()

    import cv2
    import h5py
    import lmdb
    import torch
    from torch.utils.data import DataLoader, Dataset as TorchDataset

    import srkit_shards as ss
    from srkit_shards.torch import ShardDataset, loader

    cv2.setNumThreads(1)
    tmp = tempfile.mkdtemp(prefix="srkit-loader-bench-")
    try:
        path = args.dataset or make_dataset(tmp)
        ds = ss.open_dataset(path)
        n = len(ds)
        h5_path, lmdb_paths, png_dir = build_peers(ds, tmp)
        warm([path, h5_path, *lmdb_paths.values(), png_dir])

        class H5(TorchDataset):
            def __init__(self):
                self.f = None

            def __len__(self):
                return n

            def __getitem__(self, i):
                if self.f is None:
                    self.f = h5py.File(h5_path, "r")
                return {"hr": torch.from_numpy(self.f["hr"][i]), "lr": torch.from_numpy(self.f["lr"][i])}

            def __getstate__(self):
                return {"f": None}

        class LMDB(TorchDataset):
            def __init__(self):
                self.envs = None

            def __len__(self):
                return n

            def __getitem__(self, i):
                if self.envs is None:  # as BasicSR's LmdbBackend: readonly, lock=False, readahead=False
                    self.envs = {k: lmdb.open(p, readonly=True, lock=False, readahead=False, meminit=False) for k, p in lmdb_paths.items()}
                key = f"{i:08d}".encode()
                out = {}
                for k, env in self.envs.items():
                    with env.begin(write=False) as txn:
                        buf = txn.get(key)
                    out[k] = torch.from_numpy(cv2.imdecode(np.frombuffer(buf, np.uint8), cv2.IMREAD_COLOR))
                return out

            def __getstate__(self):
                return {"envs": None}

        class PNG(TorchDataset):
            def __len__(self):
                return n

            def __getitem__(self, i):
                return {k: torch.from_numpy(cv2.imread(os.path.join(png_dir, k, f"{i:08d}.png"), cv2.IMREAD_COLOR)) for k in ("hr", "lr")}

        def epoch_of(make):
            def run():
                count = 0
                for batch in make():
                    count += len(batch["hr"])
                return count
            return run

        def plain():
            order = ss.epoch_indices(n, seed=int(time.time()))
            count = 0
            for i in order:
                rec = ds[int(i)]
                np.array(rec["hr"]), np.array(rec["lr"])
                count += 1
            return count

        bs = args.batch_size

        def kept_loader(w):
            # One loader for every epoch, as a training loop keeps it: with workers they persist
            # (loader()'s default), so only the first epoch pays for starting them; that warm-up
            # epoch runs here, before the timed ones.
            kept = loader(path, batch_size=bs, shuffle=True, num_workers=w, seed=1)
            for _ in kept:
                pass
            return kept

        cases = [("plain loop", None, plain)]
        for w in args.workers:
            cases += [
                ("ShardDataset", w, epoch_of(lambda w=w: DataLoader(ShardDataset(path), batch_size=bs, shuffle=True, num_workers=w))),
                ("loader()", w, epoch_of(lambda w=w: loader(path, batch_size=bs, shuffle=True, num_workers=w, seed=int(time.time()),
                                                           **({"persistent_workers": False} if w else {})))),
                ("loader(), one per run", w, epoch_of(lambda kept=kept_loader(w): kept)),
                ("h5py per index", w, epoch_of(lambda w=w: DataLoader(H5(), batch_size=bs, shuffle=True, num_workers=w))),
                ("LMDB (PNG values)", w, epoch_of(lambda w=w: DataLoader(LMDB(), batch_size=bs, shuffle=True, num_workers=w))),
                ("PNG folder", w, epoch_of(lambda w=w: DataLoader(PNG(), batch_size=bs, shuffle=True, num_workers=w))),
            ]
        order = ["plain loop", "ShardDataset", "loader()", "loader(), one per run", "h5py per index", "LMDB (PNG values)", "PNG folder"]
        cases.sort(key=lambda c: (order.index(c[0]), -1 if c[1] is None else c[1]))

        load_before = load()
        results = []
        for name, workers, run in cases:
            times = []
            for _ in range(args.repeat):
                t = time.perf_counter()
                got = run()
                times.append(time.perf_counter() - t)
                assert got == n, (name, got, n)
            results.append((name, workers, times))
            print(f"  {name:<18} workers {'-' if workers is None else workers}: {n / np.median(times):>9,.0f} records/s", file=sys.stderr)

        verify_rows = []
        if args.verify:
            size = sum(e.bytes for e in ds.info.shards)
            for label, records, env in [("verify(): SHA-256 of every shard", False, {}),
                                        (f"verify(records=True), CRC32C by {ss.CRC_IMPLEMENTATION}", True, {}),
                                        ("verify(records=True), CRC32C by numpy", True, {"SRKIT_PURE_CRC": "1"})]:
                code = ("import sys, time, srkit_shards as ss; ds = ss.open_dataset(sys.argv[1]); ts = []\n"
                        "for _ in range(int(sys.argv[3])):\n"
                        " t = time.perf_counter(); p = ds.verify(records=sys.argv[2] == '1'); ts.append(time.perf_counter() - t); assert p == []\n"
                        "print(sorted(ts)[len(ts) // 2])")
                out = subprocess.run([sys.executable, "-c", code, path, "1" if records else "0", str(args.repeat)],
                                     env=dict(os.environ, **env), capture_output=True, text=True, check=True)
                seconds = float(out.stdout.strip())
                verify_rows.append((label, size / seconds / 1e6, seconds))
        load_after = load()

        print(f"\nPython readers, {n:,} records of {' + '.join(f'{f.name} {list(f.shape)} {f.dtype}' for f in ds.schema)} "
              f"({path if args.dataset else 'prep run Pipelines/t91.yaml'}), batch {bs}, shuffled, warm cache, median of {args.repeat} epochs")
        print(f"CPU: {cpu_model()}, {os.cpu_count()} cores; load average before {load_before}, after {load_after}; "
              f"torch {torch.__version__}, numpy {np.__version__}, h5py {h5py.__version__}, lmdb {lmdb.__version__}, OpenCV {cv2.__version__}")
        print()
        print(f"| reader | workers | records/s | epoch s (median) |")
        print(f"|---|---:|---:|---:|")
        for name, workers, times in results:
            print(f"| {name} | {'-' if workers is None else workers} | {n / np.median(times):,.0f} | {np.median(times):.2f} |")
        if verify_rows:
            print()
            print(f"| verification ({size / 1e6:.0f} MB, warm cache) | MB/s | s |")
            print(f"|---|---:|---:|")
            for label, rate, seconds in verify_rows:
                print(f"| {label} | {rate:,.0f} | {seconds:.2f} |")
        if args.json:
            with open(args.json, "w") as f:
                json.dump({"cpu": cpu_model(), "load_before": load_before, "load_after": load_after, "records": n,
                           "cases": [{"reader": r, "workers": w, "seconds": t} for r, w, t in results],
                           "verify": [{"case": l, "MBps": r, "seconds": s} for l, r, s in verify_rows]}, f, indent=1)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
