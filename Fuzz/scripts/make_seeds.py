#!/usr/bin/python3
"""Writes the seed corpus of every fuzz target into Fuzz/corpus/<target>/.

Run from the repository root after `swift build -c release` (the shard seeds are written by
our own `prep run`), with Debian's Python (Pillow 9.4, NumPy 1.24, SciPy, python3-torch):

    /usr/bin/python3 Fuzz/scripts/make_seeds.py [--prep .build/release/prep]

Every seed is made here or by another of our scripts; nothing comes from a third party:
  png jpeg tiff bmp   Fixtures/images/codecs (Fixtures/scripts/make_codec_fixtures.py) plus
                      variants made here with Pillow and that script's PNG/TIFF/BMP writers
  mat                 scipy.io.savemat of small SRCNN-like and odd variables (v5, plain and zlib)
  torch               torch.save of small state dicts (dtypes, views, nesting, Lightning layout),
                      the same re-zipped deflated and with ZIP64 records
  pickle              the data.pkl of torch.save files whose storages fit PickleTarget's
                      (keys 0..15, at most 4096 bytes), and pickle.dumps of plain values
  safetensors         headers and data written here (every dtype, metadata, name orders)
  shard               shards written by `prep run` over small synthetic images (uint8/float32,
                      hwc/chw, several shards; format version 2), Fixtures/shards/tiny (version 1)
                      and Fixtures/shards/tiny-v2
  shard-index         Fixtures/shards/tiny-v2/index.json (whose shards the target uses), a
                      compact re-encoding of it and Fixtures/shards/tiny/index.json
  manifest            Pipelines/*.yaml, the example in Docs/pipelines.md and manifests written
                      here that use every operation and some malformed ones
Deterministic: fixed seeds and no timestamps, so rerunning rewrites identical files (the torch
files included: torch.save writes no time stamps).
"""
import argparse
import io
import json
import os
import pickle
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
from collections import OrderedDict

import numpy as np
import scipy.io
import torch
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "Fuzz", "corpus")
sys.path.insert(0, os.path.join(ROOT, "Fixtures", "scripts"))
import make_codec_fixtures as codec  # noqa: E402  (its writers; importing writes nothing)

rng = np.random.RandomState(12)


def folder(target):
    path = os.path.join(CORPUS, target)
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def write(target, name, data):
    with open(os.path.join(CORPUS, target, name), "wb") as f:
        f.write(data)


def copy_fixtures(target, prefix, src=os.path.join(ROOT, "Fixtures", "images", "codecs")):
    for sub in ("", "bad"):
        d = os.path.join(src, sub)
        for name in sorted(os.listdir(d)):
            if name.startswith(prefix) and os.path.isfile(os.path.join(d, name)):
                shutil.copyfile(os.path.join(d, name), os.path.join(CORPUS, target, ("bad_" if sub else "") + name))


def save(img, fmt, **kw):
    buf = io.BytesIO()
    img.save(buf, fmt, **kw)
    return buf.getvalue()


def small_rgb(w=7, h=5):
    return rng.randint(0, 256, size=(h, w, 3)).astype(np.uint8)


# ---------------------------------------------------------------- images

def make_png():
    folder("png")
    copy_fixtures("png", "png_")
    rgb = small_rgb()
    write("png", "pillow_rgb_text.png", save(Image.fromarray(rgb), "PNG", pnginfo=text_chunks()))
    write("png", "pillow_la.png", save(Image.fromarray(np.dstack([rgb[:, :, 0], rgb[:, :, 1]]), "LA"), "PNG"))
    write("png", "pillow_bilevel.png", save(Image.fromarray(rgb[:, :, 0] > 127), "PNG"))
    write("png", "pillow_i16.png", save(Image.fromarray(rng.randint(0, 65536, size=(5, 7)).astype(np.uint16)), "PNG"))
    p = Image.fromarray(rng.randint(0, 4, size=(5, 7)).astype(np.uint8), "P")
    p.putpalette([0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255])
    write("png", "pillow_palette2_trns.png", save(p, "PNG", transparency=1, bits=2))
    # Our writer: 16-bit RGBA interlaced with a Sub filter, and a 1x1 image.
    write("png", "rgba16_adam7_sub.png", codec.png_bytes(rng.randint(0, 65536, size=(9, 10, 4)).astype(np.uint16),
                                                         6, 16, interlace=True, sub_filter=True))
    write("png", "gray8_1x1.png", codec.png_bytes(np.array([[7]], dtype=np.uint8), 0, 8))


def text_chunks():
    from PIL import PngImagePlugin
    info = PngImagePlugin.PngInfo()
    info.add_text("Software", "SRKit fuzz seeds")
    info.add_text("Comment", "compressed", zip=True)
    return info


def make_jpeg():
    folder("jpeg")
    copy_fixtures("jpeg", "jpeg_")
    rgb = small_rgb(17, 9)
    write("jpeg", "pillow_q5.jpg", save(Image.fromarray(rgb), "JPEG", quality=5))
    write("jpeg", "pillow_q95_optimized.jpg", save(Image.fromarray(rgb), "JPEG", quality=95, optimize=True))
    write("jpeg", "pillow_progressive_gray.jpg", save(Image.fromarray(rgb[:, :, 0]), "JPEG", progressive=True))
    write("jpeg", "pillow_420_exif.jpg", save(Image.fromarray(rgb), "JPEG", subsampling=2, exif=b"Exif\0\0MM\0*\0\0\0\x08\0\0"))
    write("jpeg", "pillow_1x1.jpg", save(Image.fromarray(rgb[:1, :1]), "JPEG"))
    write("jpeg", "pillow_cmyk_progressive.jpg", save(Image.fromarray(rgb).convert("CMYK"), "JPEG", progressive=True))


def make_tiff():
    folder("tiff")
    copy_fixtures("tiff", "tiff_")
    rgb = small_rgb()
    im = Image.fromarray(rgb)
    for c in ("tiff_lzw", "tiff_adobe_deflate", "packbits", "jpeg"):
        write("tiff", "pillow_rgb_%s.tif" % c, save(im, "TIFF", compression=c))
    write("tiff", "pillow_bilevel_group4.tif", save(Image.fromarray(rgb[:, :, 0] > 127), "TIFF", compression="group4"))
    write("tiff", "pillow_float32.tif", save(Image.fromarray(rng.rand(5, 7).astype(np.float32), "F"), "TIFF"))
    write("tiff", "pillow_int32.tif", save(Image.fromarray(rng.randint(0, 1 << 20, size=(5, 7)).astype(np.int32), "I"), "TIFF"))
    p = Image.fromarray(rng.randint(0, 4, size=(5, 7)).astype(np.uint8), "P")
    p.putpalette([0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255])
    write("tiff", "pillow_palette.tif", save(p, "TIFF"))
    write("tiff", "pillow_ycbcr.tif", save(im.convert("YCbCr"), "TIFF"))
    write("tiff", "pillow_two_pages.tif", save(im, "TIFF", save_all=True, append_images=[Image.fromarray(rgb[:, :, 0])]))
    # Our writer: 16-bit grey big-endian tiles, and a 1x1 strip.
    write("tiff", "gray16_be_tiled.tif", codec.tiff_bytes(rng.randint(0, 65536, size=(5, 7)).astype(np.uint16), 1,
                                                          order=">", tile=(16, 16)))
    write("tiff", "rgb8_1x1.tif", codec.tiff_bytes(rgb[:1, :1], 2))


def make_bmp():
    folder("bmp")
    copy_fixtures("bmp", "bmp_")
    rgb = small_rgb()
    w, h = 7, 5
    bgr_rows = [rgb[y, :, ::-1].tobytes() for y in reversed(range(h))]
    write("bmp", "os2_rgb24.bmp", os2_bmp(bgr_rows, w, h))
    write("bmp", "v4_rgb24.bmp", codec.bmp_bytes(bgr_rows, w, h, 24, header=108))
    write("bmp", "bitfields24.bmp", codec.bmp_bytes(bgr_rows, w, h, 24, compression=3, masks=(0xFF0000, 0xFF00, 0xFF)))
    rows16 = [struct.pack("<%dH" % w, *[(int(r) >> 3) << 11 | (int(g) >> 2) << 5 | int(b) >> 3 for r, g, b in rgb[y]])
              for y in reversed(range(h))]
    write("bmp", "rgb565_16bit.bmp", codec.bmp_bytes(rows16, w, h, 16, compression=3, masks=(0xF800, 0x7E0, 0x1F)))
    rle4 = codec.bmp_bytes([b"\x04\x12\x00\x00", b"\x00\x01"], 4, 2, 4, palette=[(0, 0, 0), (255, 0, 0), (0, 255, 0)], compression=2)
    write("bmp", "rle4.bmp", rle4)
    write("bmp", "pillow_palette_1x1.bmp", save(Image.fromarray(rgb[:1, :1]).convert("P"), "BMP"))


def os2_bmp(rows, w, h):
    """OS/2 BITMAPCOREHEADER (12 bytes: u16 width and height), 24-bit."""
    stride = (w * 24 + 31) // 32 * 4
    body = b"".join(r.ljust(stride, b"\0") for r in rows)
    hdr = struct.pack("<IHHHH", 12, w, h, 1, 24)
    offset = 14 + len(hdr)
    return b"BM" + struct.pack("<IHHI", offset + len(body), 0, 0, offset) + hdr + body


# ---------------------------------------------------------------- checkpoints

def srcnn_state(c=1, n1=4, n2=2, f1=3, f2=1, f3=3, dtype=torch.float32):
    g = torch.Generator().manual_seed(3)
    shapes = OrderedDict([("conv1.weight", (n1, c, f1, f1)), ("conv1.bias", (n1,)),
                          ("conv2.weight", (n2, n1, f2, f2)), ("conv2.bias", (n2,)),
                          ("conv3.weight", (c, n2, f3, f3)), ("conv3.bias", (c,))])
    return OrderedDict((k, (torch.rand(s, generator=g) - 0.5).to(dtype)) for k, s in shapes.items())


def savemat_bytes(variables, compressed):
    """scipy.io.savemat into memory, with the header's "Created on" date replaced by a fixed
    text so that rerunning the script writes identical files."""
    buf = io.BytesIO()
    scipy.io.savemat(buf, variables, do_compression=compressed)
    data = bytearray(buf.getvalue())
    data[:116] = b"MATLAB 5.0 MAT-file, written by Fuzz/scripts/make_seeds.py".ljust(116, b" ")
    return bytes(data)


def make_mat():
    folder("mat")
    for name in ("srcnn_small_single.mat", "srcnn_small_double_z.mat"):
        shutil.copyfile(os.path.join(ROOT, "Fixtures", "models", name), os.path.join(CORPUS, "mat", name))
    state = srcnn_state()
    # The authors' layout: weights_convN as (in*k*k, out) for conv1 ... and biases_convN as (out, 1).
    mat = {}
    for i in (1, 2, 3):
        w = state["conv%d.weight" % i].numpy()
        o, c, k, _ = w.shape
        mat["weights_conv%d" % i] = w.transpose(1, 2, 3, 0).reshape(c * k * k, o) if i > 1 else w.reshape(o, k * k).T
        mat["biases_conv%d" % i] = state["conv%d.bias" % i].numpy().reshape(-1, 1)
    for compressed in (False, True):
        suffix = "_z" if compressed else ""
        write("mat", "srcnn_tiny%s.mat" % suffix, savemat_bytes(mat, compressed))
        odd = {"i8": np.arange(6, dtype=np.int8).reshape(2, 3), "u16": np.arange(4, dtype=np.uint16),
               "i32": np.array([[-1, 2]], dtype=np.int32), "f64": np.eye(2), "empty": np.zeros((0, 3)),
               "cube": np.arange(24, dtype=np.float32).reshape(2, 3, 4), "text": "conv", "flag": np.array([True, False]),
               "cplx": np.array([1 + 2j]), "cell": np.array([np.eye(1), "x"], dtype=object),
               "st": {"a": np.ones(2)}, "sparse": __import__("scipy.sparse").sparse.eye(3).tocsc()}
        write("mat", "odd_classes%s.mat" % suffix, savemat_bytes(odd, compressed))


def torch_bytes(obj):
    """torch.save into memory (the zip's top folder is then "archive")."""
    buf = io.BytesIO()
    torch.save(obj, buf)
    return buf.getvalue()


def rezip(data, compression=zipfile.ZIP_DEFLATED, force_zip64=False):
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=compression) as z:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = compression
            with z.open(zi, "w", force_zip64=force_zip64) as f:
                f.write(src.read(info.filename))
    return out.getvalue()


def torch_objects():
    state = srcnn_state()
    t = torch.arange(12, dtype=torch.float32).reshape(3, 4)
    yield "srcnn_tiny", state
    yield "srcnn_tiny_fp16", srcnn_state(dtype=torch.float16)
    yield "srcnn_tiny_bf16", srcnn_state(dtype=torch.bfloat16)
    yield "srcnn_tiny_f64", srcnn_state(dtype=torch.float64)
    yield "lightning", {"epoch": 3, "state_dict": OrderedDict(("model." + k, v) for k, v in state.items()),
                        "optimizer_states": [{"lr": 0.001, "betas": (0.9, 0.999)}], "hyper_parameters": {"name": "srcnn"}}
    yield "basicsr_params_ema", {"params": state, "params_ema": state}
    yield "views_and_ints", OrderedDict([("t", t), ("t_T", t.t()), ("row", t[1]), ("slice", t[:, 1:3]),
                                         ("i64", torch.arange(3)), ("i32", torch.arange(3, dtype=torch.int32)),
                                         ("u8", torch.arange(3, dtype=torch.uint8)), ("b", torch.tensor([True, False])),
                                         ("scalar", torch.tensor(2.5)), ("empty", torch.zeros(0, 2))])
    yield "parameter", {"w": torch.nn.Parameter(torch.ones(2, 2)), "nested": [torch.zeros(1), {"deep": torch.ones(1)}]}


def make_torch():
    folder("torch")
    for name in ("srcnn_small.pth", "srcnn_small_fp16.pth", "fsrcnn_small.pth", "espcn_small_x2.pth", "evil_os_system.pth"):
        shutil.copyfile(os.path.join(ROOT, "Fixtures", "models", name), os.path.join(CORPUS, "torch", name))
    for name, obj in torch_objects():
        data = torch_bytes(obj)
        write("torch", name + ".pth", data)
        if name == "srcnn_tiny":
            write("torch", name + "_deflated.pth", rezip(data))
            write("torch", name + "_zip64.pth", rezip(data, zipfile.ZIP_STORED, force_zip64=True))


def make_pickle():
    folder("pickle")
    for name, obj in torch_objects():
        z = zipfile.ZipFile(io.BytesIO(torch_bytes(obj)))
        storages = [n for n in z.namelist() if "/data/" in n]
        if all(int(n.rsplit("/", 1)[1]) < 16 and len(z.read(n)) <= 4096 for n in storages):
            write("pickle", name + ".pkl", z.read(next(n for n in z.namelist() if n.endswith("data.pkl"))))
    plain = {"ints": [0, 255, 65535, -1, 2**31, 2**70, -2**70], "float": 2.5, "text": "é", "bytes": b"\0\xff",
             "tuples": ((), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4)), "flags": [True, False, None], "set": {1},
             "shared": [[1]] * 2}
    for protocol in (0, 1, 2, 3, 4, 5):
        write("pickle", "plain_protocol%d.pkl" % protocol, pickle.dumps(plain, protocol=protocol))
    write("pickle", "ordered_dict.pkl", pickle.dumps(OrderedDict(a=1), protocol=2))


def safetensors(tensors, metadata=None, pad_to=8):
    header, blobs, offset = {}, [], 0
    for name, (dtype, shape, data) in tensors.items():
        header[name] = {"dtype": dtype, "shape": list(shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    if metadata is not None:
        header["__metadata__"] = metadata
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % pad_to)
    return struct.pack("<Q", len(text)) + text + b"".join(blobs)


def make_safetensors():
    folder("safetensors")
    for name in ("srcnn_small.safetensors", "fsrcnn_m4_sorted.safetensors", "srcnn_shape_mismatch.safetensors"):
        shutil.copyfile(os.path.join(ROOT, "Fixtures", "models", name), os.path.join(CORPUS, "safetensors", name))
    state = srcnn_state()
    np_dtypes = {"F32": "<f4", "F16": "<f2", "F64": "<f8", "I64": "<i8", "I32": "<i4", "I16": "<i2", "I8": "i1", "U8": "u1"}
    for code, np_type in np_dtypes.items():
        tensors = OrderedDict((k, (code, tuple(v.shape), v.numpy().astype(np_type).tobytes())) for k, v in state.items())
        write("safetensors", "srcnn_tiny_%s.safetensors" % code.lower(), safetensors(tensors, {"format": "pt"}))
    bf16 = OrderedDict((k, ("BF16", tuple(v.shape), v.to(torch.bfloat16).view(torch.int16).numpy().astype("<i2").tobytes()))
                       for k, v in state.items())
    write("safetensors", "srcnn_tiny_bf16.safetensors", safetensors(bf16))
    by_name = OrderedDict(sorted(((k, ("F32", tuple(v.shape), v.numpy().astype("<f4").tobytes())) for k, v in state.items())))
    write("safetensors", "srcnn_tiny_by_name.safetensors", safetensors(by_name))
    write("safetensors", "scalar_and_empty.safetensors",
          safetensors(OrderedDict([("s", ("F32", (), b"\0\0\x80?")), ("e", ("F32", (0, 4), b""))]), pad_to=1))


# ---------------------------------------------------------------- shards and manifests

SHARD_MANIFESTS = {
    "rgb_hwc_multi": """\
version: 1
seed: 5
sources:
  images: {folder: images, glob: "*.png"}
stages:
  - {id: decode, op: decode, input: images, params: {mode: rgb}}
  - {id: hr, op: patches, input: decode, params: {size: 8, stride: 8}}
  - {id: lr, op: degrade, input: hr, params: {scale: 2, up: false, precision: uint8}}
  - {id: shuffle, op: shuffle, input: outputs}
  - {id: write, op: shards, input: shuffle, params: {size: 1KiB}}
outputs:
  hr: {from: hr, dtype: uint8, layout: hwc}
  lr: {from: lr, dtype: uint8, layout: chw}
""",
    "y_float32_chw": """\
version: 1
sources:
  images: {folder: images, glob: "*.png"}
stages:
  - {id: decode, op: decode, input: images}
  - {id: y, op: to-y, input: decode, params: {round: false}}
  - {id: hr, op: patches, input: y, params: {size: 6, stride: 9}}
  - {id: lr, op: degrade, input: hr, params: {scale: 3, up: true, precision: float32}}
  - {id: write, op: shards, input: outputs}
outputs:
  hr: {from: hr, dtype: float32, layout: chw, normalize: true}
  lr: {from: lr, dtype: float32, layout: chw, normalize: true}
""",
    "grey_keep": """\
version: 1
sources:
  images: {folder: images, glob: "g*.png"}
stages:
  - {id: decode, op: decode, input: images, params: {mode: keep}}
  - {id: crop, op: center-crop, input: decode, params: {size: 4}}
  - {id: write, op: shards, input: outputs}
outputs:
  img: crop
""",
}


def make_shards(prep):
    folder("shard")
    folder("shard-index")
    tiny = os.path.join(ROOT, "Fixtures", "shards", "tiny")
    tiny_v2 = os.path.join(ROOT, "Fixtures", "shards", "tiny-v2")
    for name in sorted(os.listdir(tiny_v2)):
        if name.endswith(".srshard"):
            shutil.copyfile(os.path.join(tiny_v2, name), os.path.join(CORPUS, "shard", "tiny_v2_" + name))
    for name in sorted(os.listdir(tiny)):
        if name.endswith(".srshard"):
            shutil.copyfile(os.path.join(tiny, name), os.path.join(CORPUS, "shard", "tiny_" + name))
    # The target reads its index beside tiny-v2's shards: the sealed version-2 index, a compact
    # re-encoding (no checksum, so the legacy path) and tiny's version-1 index (a version mismatch).
    index = open(os.path.join(tiny_v2, "index.json"), "rb").read()
    write("shard-index", "tiny_v2_index.json", index)
    write("shard-index", "tiny_v2_index_compact.json", json.dumps(json.loads(index), separators=(",", ":")).encode())
    write("shard-index", "tiny_index.json", open(os.path.join(tiny, "index.json"), "rb").read())
    with tempfile.TemporaryDirectory() as tmp:
        images = os.path.join(tmp, "images")
        os.makedirs(images)
        for i in range(2):
            Image.fromarray(small_rgb(18, 17)).save(os.path.join(images, "c%d.png" % i))
        Image.fromarray(small_rgb(6, 5)[:, :, 0]).save(os.path.join(images, "g0.png"))
        for name, text in SHARD_MANIFESTS.items():
            path = os.path.join(tmp, name + ".yaml")
            with open(path, "w") as f:
                f.write(text)
            out = os.path.join(tmp, "out-" + name)
            subprocess.run([prep, "run", path, "--output", out, "--quiet"], check=True)
            for shard in sorted(os.listdir(out)):
                if shard.endswith(".srshard"):
                    shutil.copyfile(os.path.join(out, shard), os.path.join(CORPUS, "shard", name + "_" + shard))


MANIFESTS = {
    "every_operation.yaml": """\
version: 1
name: every-op
seed: 2014
variables:
  scale: 3
  size: 33
sources:
  hr: {folder: hr, glob: "*.{png,bmp,jpg,tif}"}
  extra: {folder: "${scale}x"}
stages:
  - {id: dec, op: decode, input: hr, params: {mode: keep}}
  - {id: rgb, op: to-rgb, input: dec}
  - {id: big, op: filter, input: rgb, params: {min_size: 64, min_width: 64, min_height: 48}}
  - {id: crop, op: center-crop, input: big, params: {width: 60, height: 48}}
  - {id: mod, op: modcrop, input: crop, params: {scale: "${scale}"}}
  - {id: half, op: resize, input: mod, params: {kernel: pillow-lanczos, width: 30, height: 24}}
  - {id: y, op: to-y, input: mod, params: {round: true, gray: through-rgb}}
  - {id: fy, op: resize, input: y, params: {scale: 0.5, kernel: matlab-bicubic, precision: float32}}
  - {id: lr, op: degrade, input: y, params: {scale: "${scale}", kernel: matlab-bicubic-uint8, up: true, precision: uint8}}
  - {id: pat, op: patches, inputs: {hr: y, lr: lr}, params: {size: "${size}", stride: 14, reference: hr, cover_edges: true}}
  - {id: aug, op: augment, inputs: {hr: pat.hr, lr: pat.lr}, params: {variants: dihedral, mode: random}}
  - {id: mix, op: shuffle, input: outputs}
  - {id: out, op: shards, input: mix, params: {size: 64MB}}
outputs:
  hr: {from: aug.hr, dtype: float32, layout: chw, normalize: true}
  lr: {from: aug.lr, dtype: uint8, layout: hwc}
  small: half
""",
    "anchors_and_flow.yaml": """\
version: "1"
sources: {a: {folder: "."}}
base: &base {op: decode, input: a}
stages:
  - <<: *base
    id: d
  - id: w
    op: shards
    input: outputs
    params:
      size: 1GiB
outputs:
  x: d
""",
    "duplicate_key.yaml": "version: 1\nversion: 1\nsources: {a: {folder: x}}\n",
    "python_tag.yaml": "version: 1\nname: !!python/object:os.system echo\nsources: {a: {folder: x}}\n",
    "nul_byte.yaml": "version: 1\nname: a\0b\n",
    "later_variable.yaml": "variables:\n  a: ${b}\n  b: 2\nsources: {s: {folder: \"${a}\"}}\n",
    "cycle.yaml": "sources: {s: {folder: x}}\nstages:\n  - {id: a, op: to-rgb, input: b}\n  - {id: b, op: to-rgb, input: a}\n",
    "tabs_and_bom.yaml": "\ufeffversion: 1\n\tname: x\n",
}


def make_manifests():
    folder("manifest")
    for name in sorted(os.listdir(os.path.join(ROOT, "Pipelines"))):
        if name.endswith(".yaml"):
            shutil.copyfile(os.path.join(ROOT, "Pipelines", name), os.path.join(CORPUS, "manifest", name))
    docs = open(os.path.join(ROOT, "Docs", "pipelines.md")).read()
    for i, block in enumerate(re.findall(r"```yaml\n(.*?)```", docs, re.S)):
        write("manifest", "docs_example_%d.yaml" % i, block.encode())
    for name, text in MANIFESTS.items():
        write("manifest", name, text.encode())
    for name, text in SHARD_MANIFESTS.items():
        write("manifest", "shard_" + name + ".yaml", text.encode())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--prep", default=os.path.join(ROOT, ".build", "release", "prep"))
    args = parser.parse_args()
    torch.manual_seed(0)
    make_png()
    make_jpeg()
    make_tiff()
    make_bmp()
    make_mat()
    make_torch()
    make_pickle()
    make_safetensors()
    make_shards(args.prep)
    make_manifests()
    for target in sorted(os.listdir(CORPUS)):
        files = os.listdir(os.path.join(CORPUS, target))
        size = sum(os.path.getsize(os.path.join(CORPUS, target, f)) for f in files)
        print("%-12s %3d seeds, %6d bytes" % (target, len(files), size))


if __name__ == "__main__":
    main()
