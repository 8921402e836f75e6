#!/usr/bin/python3
"""Synthetic image pairs and scikit-image PSNR/SSIM goldens for Tests/SRMetricsTests.

Rerun from the repository root with Debian's Python (the one that has python3-skimage):

    /usr/bin/python3 Fixtures/scripts/make_metric_goldens.py

Made with scikit-image 0.19.3, NumPy 1.24.2, Pillow 9.4.0 (Debian bookworm packages); the script
refuses other scikit-image versions unless --any-version is given, because the goldens name the
version they came from.

Writes
  Fixtures/images/metrics/{gray,rgb}_{sr,hr}.png     48x40 8-bit PNGs (Pillow, modes L and RGB)
  Fixtures/golden/metrics/skimage.json               expected values per (pair, options) case, and
                                                     the SHA-256 of each PNG's HWC pixel bytes

Reference calls (equal to Wang et al.'s ssim_index and BasicSR's calculate_ssim):
  structural_similarity(sr, hr, gaussian_weights=True, sigma=1.5,
                        use_sample_covariance=False, data_range=255[, channel_axis=-1])
  peak_signal_noise_ratio(hr, sr, data_range=255)

scikit-image filters the whole image with mode='reflect' and then averages the map after
cropping (win_size - 1) // 2 = 5 pixels per side (win_size = 2*int(3.5*1.5 + 0.5) + 1 = 11 from
sigma and truncate). The cropped region is exactly the valid region, where no reflected pixel
enters the window, so its mean equals SRKit's valid-only map mean; the script checks this
by recomputing the mean of the cropped full map.

Y is computed like SRImage's YCbCr.luma: Y = 16 + (65.481 R + 128.553 G + 24.966 B) / 255 in
float64, stored as float32; rounded Y rounds half away from zero (MATLAB uint8()). A grey image
goes "through RGB" (Y = 16 + 219 v / 255) or is "used as Y" unchanged.
"""
import hashlib
import json
import os
import sys

import numpy as np
import PIL
import skimage
from PIL import Image
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
IMAGES = os.path.join(ROOT, "Fixtures", "images", "metrics")
GOLDEN = os.path.join(ROOT, "Fixtures", "golden", "metrics")
WIDTH, HEIGHT = 48, 40
EXPECTED_SKIMAGE = "0.19.3"


def make_pair(rng, channels):
    """A smooth textured HR and an SR that is HR blurred a little plus noise, both uint8."""
    yy, xx = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float64)
    planes = []
    for c in range(channels):
        phase = 0.7 * c
        base = (110 + 60 * np.sin(xx / 5.0 + phase) * np.cos(yy / 7.0 - phase)
                + 1.5 * (xx - yy) + 20 * c)
        planes.append(base + rng.normal(0, 6, size=base.shape))
    hr = np.clip(np.rint(np.stack(planes, axis=-1)), 0, 255)
    # SR: a 3-tap horizontal box blur of HR (a plausible upscaler error) plus fresh noise.
    padded = np.pad(hr, ((0, 0), (1, 1), (0, 0)), mode="edge")
    blurred = (padded[:, :-2] + padded[:, 1:-1] + padded[:, 2:]) / 3.0
    sr = np.clip(np.rint(blurred + rng.normal(0, 4, size=hr.shape)), 0, 255)
    hr, sr = hr.astype(np.uint8), sr.astype(np.uint8)
    if channels == 1:
        return sr[..., 0], hr[..., 0]
    return sr, hr


def luma(img, gray, rounded):
    """SRImage YCbCr.luma / lumaRounded."""
    x = img.astype(np.float64)
    if x.ndim == 3:
        y = 16 + (65.481 * x[..., 0] + 128.553 * x[..., 1] + 24.966 * x[..., 2]) / 255
    elif gray == "use-as-y":
        return x  # unchanged, rounded or not
    else:
        y = 16 + (65.481 + 128.553 + 24.966) / 255 * x
    y = y.astype(np.float32).astype(np.float64)
    if rounded:
        y = np.floor(y + 0.5)  # half away from zero; Y is positive
    return y


def prepare(img, opts):
    if opts["channel"] == "y":
        img = luma(img, opts["gray"], opts["round_y"])
    else:
        img = img.astype(np.float64)
    s = opts["shave"]
    if s:
        img = img[s:-s, s:-s]
    return img


def metrics(sr, hr):
    multichannel = sr.ndim == 3
    kwargs = dict(gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=255)
    if multichannel:
        kwargs["channel_axis"] = -1
    ssim, full = structural_similarity(sr, hr, full=True, **kwargs)
    pad = 5
    cropped = full[pad:-pad, pad:-pad]
    assert abs(cropped.mean() - ssim) < 1e-12, (cropped.mean(), ssim)
    psnr = peak_signal_noise_ratio(hr, sr, data_range=255)
    return float(psnr), float(ssim)


def main():
    if skimage.__version__ != EXPECTED_SKIMAGE and "--any-version" not in sys.argv:
        sys.exit(f"scikit-image {skimage.__version__} found, goldens were made with {EXPECTED_SKIMAGE}; "
                 "pass --any-version to regenerate anyway and update the header")
    os.makedirs(IMAGES, exist_ok=True)
    os.makedirs(GOLDEN, exist_ok=True)
    rng = np.random.default_rng(20240503)
    pairs = {"gray": make_pair(rng, 1), "rgb": make_pair(rng, 3)}
    for name, (sr, hr) in pairs.items():
        Image.fromarray(sr).save(os.path.join(IMAGES, f"{name}_sr.png"))
        Image.fromarray(hr).save(os.path.join(IMAGES, f"{name}_hr.png"))

    option_sets = [
        dict(channel="rgb", shave=0, round_y=False, gray="through-rgb"),
        dict(channel="rgb", shave=4, round_y=False, gray="through-rgb"),
        dict(channel="y", shave=0, round_y=False, gray="through-rgb"),
        dict(channel="y", shave=3, round_y=True, gray="through-rgb"),
        dict(channel="y", shave=2, round_y=False, gray="use-as-y"),
        dict(channel="y", shave=0, round_y=True, gray="use-as-y"),
    ]
    cases = []
    for name, (sr, hr) in pairs.items():
        # Decode what was written, so the goldens describe the files and not the arrays.
        sr = np.asarray(Image.open(os.path.join(IMAGES, f"{name}_sr.png")))
        hr = np.asarray(Image.open(os.path.join(IMAGES, f"{name}_hr.png")))
        for opts in option_sets:
            psnr, ssim = metrics(prepare(sr, opts), prepare(hr, opts))
            cases.append(dict(image=f"{name}_sr.png", reference=f"{name}_hr.png",
                              options=opts, psnr=psnr, ssim=ssim))
    # Pixel digests let the Swift tests tell a decoder difference from a metric difference.
    pixels = {}
    for name in pairs:
        for role in ("sr", "hr"):
            file = f"{name}_{role}.png"
            data = np.ascontiguousarray(np.asarray(Image.open(os.path.join(IMAGES, file))))
            pixels[file] = hashlib.sha256(data.tobytes()).hexdigest()
    golden = dict(
        pixel_sha256=pixels,
        generator="Fixtures/scripts/make_metric_goldens.py",
        versions=dict(skimage=skimage.__version__, numpy=np.__version__, pillow=PIL.__version__),
        reference="skimage.metrics.structural_similarity(gaussian_weights=True, sigma=1.5, "
                  "use_sample_covariance=False, data_range=255) and peak_signal_noise_ratio(data_range=255)",
        cases=cases,
    )
    with open(os.path.join(GOLDEN, "skimage.json"), "w") as f:
        json.dump(golden, f, indent=2, sort_keys=True)
        f.write("\n")
    for c in cases:
        print(c["image"], c["options"], f"{c['psnr']:.6f}", f"{c['ssim']:.8f}")


if __name__ == "__main__":
    main()
