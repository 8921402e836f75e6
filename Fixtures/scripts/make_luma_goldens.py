#!/usr/bin/python3
"""Golden Y values for SRKit's luma definitions (Tests/SRImageTests/LumaDefinitionTests.swift).

    /usr/bin/python3 Fixtures/scripts/make_luma_goldens.py

Writes Fixtures/golden/luma/luma.json: RGB triples (a 0..255 lattice with step 51 plus seeded
random triples) and, for each definition, Y as float32 bit patterns (hex) computed two ways:
  float32: numpy on a float32 array, offset + (wR*R + wG*G + wB*B) / divisor, as
           yjn870/SRCNN-pytorch's convert_rgb_to_y evaluates it in prepare.py;
  float64: numpy in float64, offset + (wR/divisor)*R + (wG/divisor)*G + (wB/divisor)*B, left
           to right (MATLAB rgb2ycbcr's scaled matrix), then rounded to float32.
"""
import json
import os

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFINITIONS = {
    "matlab": ((65.481, 128.553, 24.966), 255.0, 16.0),
    "bt601-256": ((64.738, 129.057, 25.064), 256.0, 16.0),
    "bt709": ((46.5594, 156.6288, 15.8118), 255.0, 16.0),
}


def bits(a):
    return [f"{int(v):08x}" for v in np.asarray(a, dtype="<f4").view("<u4")]


def main():
    lattice = np.array([(r, g, b) for r in range(0, 256, 51) for g in range(0, 256, 51) for b in range(0, 256, 51)])
    rng = np.random.default_rng(601)
    rgb = np.concatenate([lattice, rng.integers(0, 256, (2000, 3))]).astype(np.uint8)
    f32 = rgb.astype(np.float32)
    f64 = rgb.astype(np.float64)
    out = {"numpy": np.__version__, "rgb": rgb.reshape(-1).tolist(), "definitions": {}}
    for name, ((wr, wg, wb), d, o) in DEFINITIONS.items():
        single = o + (wr * f32[:, 0] + wg * f32[:, 1] + wb * f32[:, 2]) / d
        assert single.dtype == np.float32
        double = ((o + (wr / d) * f64[:, 0]) + (wg / d) * f64[:, 1]) + (wb / d) * f64[:, 2]
        out["definitions"][name] = {"float32": bits(single), "float64": bits(double.astype(np.float32))}
    dst = os.path.join(ROOT, "Fixtures", "golden", "luma", "luma.json")
    with open(dst, "w") as f:
        json.dump(out, f, separators=(",", ":"), sort_keys=True)
        f.write("\n")
    print(f"{dst}: {len(rgb)} triples x {len(DEFINITIONS)} definitions")


if __name__ == "__main__":
    main()
