#!/usr/bin/python3
"""PyTorch CPU peer for Benchmarks/srcnn_vs_torch.sh: SRCNN 9-5-5 forward passes on Set14 x3.

Loads the authors' MAT weights (scipy), builds the same network as SRKit's native SRCNN
(three 'same' convolutions with replicate padding, ReLU after the first two), and times the
forward pass on the 14 Set14 images' bicubic-upscaled Y planes (modcrop 3, Y = BT.601 of the
PNG, Pillow bicubic down and up: the values do not affect the timing, the sizes do).

Prints one JSON line: threads, per-run seconds for the 14 images, best and median.
Usage: /usr/bin/python3 srcnn_torch_cpu.py DATASETS_DIR MAT_FILE [THREADS] [RUNS]
"""
import json
import os
import statistics
import sys
import time

import numpy as np
import scipy.io
import torch
import torch.nn.functional as F
from PIL import Image


def load_srcnn(mat_path):
    m = scipy.io.loadmat(mat_path)
    w1, w2, w3 = m["weights_conv1"], m["weights_conv2"], m["weights_conv3"]
    k1, n1 = int(round(w1.shape[0] ** 0.5)), w1.shape[1]
    c2, kk2, n2 = w2.shape
    k2 = int(round(kk2 ** 0.5))
    k3 = int(round(w3.shape[1] ** 0.5))
    # MATLAB reshapes each k² column column-major, so element p = ky + k·kx.
    t1 = torch.tensor(np.stack([w1[:, i].reshape(k1, k1, order="F") for i in range(n1)])[:, None], dtype=torch.float32)
    t2 = torch.tensor(np.stack([np.stack([w2[j, :, i].reshape(k2, k2, order="F") for j in range(c2)]) for i in range(n2)]),
                      dtype=torch.float32)
    t3 = torch.tensor(np.stack([w3[j, :].reshape(k3, k3, order="F") for j in range(w3.shape[0])])[None], dtype=torch.float32)
    b = [torch.tensor(m[f"biases_conv{i}"].reshape(-1), dtype=torch.float32) for i in (1, 2, 3)]
    return [(t1, b[0]), (t2, b[1]), (t3, b[2])]


def forward(layers, x):
    for i, (w, b) in enumerate(layers):
        p = w.shape[-1] // 2
        x = F.conv2d(F.pad(x, (p, p, p, p), mode="replicate"), w, b)
        if i < 2:
            x = F.relu(x)
    return x


def inputs(datasets, scale=3):
    folder = os.path.join(datasets, "Set14")
    for root, _, files in os.walk(folder):
        pngs = sorted(f for f in files if f.endswith(".png"))
        if len(pngs) == 14:
            folder = root
            break
    out = []
    for name in sorted(f for f in os.listdir(folder) if f.endswith(".png")):
        im = Image.open(os.path.join(folder, name)).convert("RGB")
        w, h = im.size
        im = im.crop((0, 0, w - w % scale, h - h % scale))
        rgb = np.asarray(im, dtype=np.float64) / 255
        y = np.round(16 + 65.481 * rgb[..., 0] + 128.553 * rgb[..., 1] + 24.966 * rgb[..., 2]).astype(np.uint8)
        lr = Image.fromarray(y).resize((y.shape[1] // scale, y.shape[0] // scale), Image.BICUBIC)
        up = lr.resize((y.shape[1], y.shape[0]), Image.BICUBIC)
        out.append(torch.tensor(np.asarray(up, dtype=np.float32) / 255)[None, None])
    return out


def main():
    datasets, mat = sys.argv[1], sys.argv[2]
    threads = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    torch.set_num_threads(threads)
    layers = load_srcnn(mat)
    images = inputs(datasets)
    times = []
    with torch.no_grad():
        forward(layers, images[0])  # warm-up
        for _ in range(runs):
            start = time.perf_counter()
            for x in images:
                forward(layers, x)
            times.append(time.perf_counter() - start)
    pixels = sum(x.numel() for x in images)
    print(json.dumps({"tool": f"torch {torch.__version__}", "threads": threads, "images": len(images), "pixels": pixels,
                      "runs": times, "best": min(times), "median": statistics.median(times)}))


if __name__ == "__main__":
    main()
