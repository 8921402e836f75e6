#!/usr/bin/python3
"""Small deterministic image files for every decoder variant, and what SRKit must decode.

Rerun from the repository root with Debian's Python (Pillow 9.4, NumPy 1.24):

    /usr/bin/python3 Fixtures/scripts/make_codec_fixtures.py

Writes:
  Fixtures/images/codecs/*.{png,jpg,tif,bmp}   one file per variant (a few hundred bytes each)
  Fixtures/images/codecs/bad/*                  headers declaring absurd sizes
  Fixtures/golden/decode/codecs.json            per file: info, decoded shape, SHA-256 of the
                                                decoded HWC bytes (8-bit) and, for 16-bit sources,
                                                of decode16's samples as little-endian uint16;
                                                or the error kind SRKit must throw.

Expected pixels follow the decode policy documented on ImageDecoder (SRImage/Codecs):
  - Pillow's own decode followed by convert("L") for grey files (and BMP grey palettes, which
    Pillow opens as "L"/"1") or convert("RGB") otherwise; alpha dropped, palettes looked up;
  - 16-bit sources: round(v / 257) of the stored values, computed here from the NumPy array the
    file was written from (Pillow 9.4 keeps only the high byte of 16-bit RGB, see SampleDepth);
  - gAMA/sRGB chunks ignored, as Pillow ignores them.
Files Pillow cannot write (1/2/4-bit grey PNG, 16-bit PNG/TIFF, Adam7, tiles, big-endian,
top-down BMP, bitfields, 4-bit BMP, RLE) are written by the small writers below; wherever
Pillow can read one of them with the same policy, the script asserts Pillow agrees.
Deterministic: fixed seed, no timestamps; rerunning reproduces identical bytes.
"""
import hashlib
import io
import json
import os
import struct
import zlib

import numpy as np
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Fixtures", "images", "codecs")
BAD = os.path.join(OUT, "bad")
GOLDEN = os.path.join(ROOT, "Fixtures", "golden", "decode", "codecs.json")

W, H = 21, 13  # odd sizes: partial JPEG MCUs, BMP row padding, partial TIFF tiles
rng = np.random.RandomState(20240601)


def base_rgb(w=W, h=H):
    """A smooth gradient plus noise, so JPEG has both edges and flat areas."""
    y, x = np.mgrid[0:h, 0:w]
    r = (x * 255 // max(w - 1, 1)).astype(np.int32)
    g = (y * 255 // max(h - 1, 1)).astype(np.int32)
    b = ((x + y) * 9 % 256).astype(np.int32)
    img = np.stack([r, g, b], axis=-1) + rng.randint(-20, 21, size=(h, w, 3))
    return np.clip(img, 0, 255).astype(np.uint8)


RGB = base_rgb()
GRAY = RGB[:, :, 1].copy()
ALPHA = rng.randint(0, 256, size=(H, W)).astype(np.uint8)
RGB16 = rng.randint(0, 65536, size=(H, W, 3)).astype(np.uint16)
GRAY16_RAMP = np.arange(65536, dtype=np.uint16).reshape(256, 256)  # every 16-bit value once
ALPHA16 = rng.randint(0, 65536, size=(H, W)).astype(np.uint16)


def narrow(v):
    """round(v / 257), the documented 16 -> 8 rule, computed independently of the C formula."""
    return np.floor(v.astype(np.float64) / 257.0 + 0.5).astype(np.uint8)


assert np.array_equal(narrow(GRAY16_RAMP.ravel()),
                      ((GRAY16_RAMP.ravel().astype(np.uint32) * 255 + 32895) >> 16).astype(np.uint8))

golden = {}


def sha(a):
    return hashlib.sha256(np.ascontiguousarray(a).tobytes()).hexdigest()


def record(name, data, fmt, info, expected=None, expected16=None, error=None):
    """Writes the fixture and its golden entry. expected: HxW or HxWxC uint8 array."""
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)
    entry = {"format": fmt, "info": info}
    if error is not None:
        entry["error"] = error
    if expected is not None:
        e = expected if expected.ndim == 3 else expected[:, :, None]
        entry.update(width=int(e.shape[1]), height=int(e.shape[0]), channels=int(e.shape[2]),
                     sha256=sha(e.astype(np.uint8)), firstPixel=[int(v) for v in e[0, 0]])
    if expected16 is not None:
        e = expected16 if expected16.ndim == 3 else expected16[:, :, None]
        entry["sha256_16"] = sha(e.astype("<u2"))
    golden[name] = entry


def info(w, h, src, bits, model, ch):
    return {"width": w, "height": h, "sourceChannels": src, "bitDepth": bits, "colorModel": model, "channels": ch}


def pillow_policy(data):
    """Pillow's pixels after SRKit's policy: "L"/"1"/"LA" -> L, everything else -> RGB."""
    im = Image.open(io.BytesIO(data))
    im.load()
    if im.mode in ("L", "1", "LA"):
        return np.asarray(im.convert("L"))
    return np.asarray(im.convert("RGB"))


def pillow_save(img, fmt, **kw):
    buf = io.BytesIO()
    img.save(buf, fmt, **kw)
    return buf.getvalue()


# ---------------------------------------------------------------- PNG writer (any variant)

def png_chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def png_rows(a, bits, sub_filter):
    """Serialises rows of a HxWxC array at `bits` per sample, with filter 0 or 1 (Sub)."""
    h, w, c = a.shape
    out = []
    for y in range(h):
        row = a[y].reshape(-1)
        if bits == 16:
            raw = row.astype(">u2").tobytes()
        elif bits == 8:
            raw = row.astype(np.uint8).tobytes()
        else:
            per = 8 // bits
            padded = np.zeros(((len(row) + per - 1) // per) * per, dtype=np.uint32)
            padded[:len(row)] = row
            packed = np.zeros(len(padded) // per, dtype=np.uint32)
            for k in range(per):
                packed |= padded[k::per] << (8 - bits * (k + 1))
            raw = packed.astype(np.uint8).tobytes()
        if sub_filter:
            bpp = max(1, c * bits // 8)
            b = np.frombuffer(raw, dtype=np.uint8).astype(np.int32)
            f = b.copy()
            f[bpp:] = (b[bpp:] - b[:-bpp]) % 256
            out.append(b"\x01" + f.astype(np.uint8).tobytes())
        else:
            out.append(b"\x00" + raw)
    return b"".join(out)


ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def png_bytes(a, colour_type, bits, interlace=False, before=(), palette=None, trns=None, sub_filter=False):
    if a.ndim == 2:
        a = a[:, :, None]
    h, w = a.shape[:2]
    if interlace:
        raw = b"".join(png_rows(a[y0::dy, x0::dx], bits, sub_filter)
                       for x0, y0, dx, dy in ADAM7 if a[y0::dy, x0::dx].size)
    else:
        raw = png_rows(a, bits, sub_filter)
    chunks = [png_chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, bits, colour_type, 0, 0, 1 if interlace else 0))]
    chunks += [png_chunk(k, v) for k, v in before]
    if palette is not None:
        chunks.append(png_chunk(b"PLTE", palette.astype(np.uint8).tobytes()))
    if trns is not None:
        chunks.append(png_chunk(b"tRNS", trns))
    chunks.append(png_chunk(b"IDAT", zlib.compress(raw, 9)))
    chunks.append(png_chunk(b"IEND", b""))
    return b"\x89PNG\r\n\x1a\n" + b"".join(chunks)


def make_png():
    rgba = np.dstack([RGB, ALPHA])
    la = np.dstack([GRAY, ALPHA])
    d = pillow_save(Image.fromarray(GRAY, "L"), "PNG")
    record("png_gray8.png", d, "png", info(W, H, 1, 8, "gray", 1), pillow_policy(d))
    d = pillow_save(Image.fromarray(la, "LA"), "PNG")
    record("png_gray_alpha8.png", d, "png", info(W, H, 2, 8, "gray+alpha", 1), pillow_policy(d))
    d = pillow_save(Image.fromarray(RGB, "RGB"), "PNG")
    record("png_rgb8.png", d, "png", info(W, H, 3, 8, "rgb", 3), pillow_policy(d))
    d = pillow_save(Image.fromarray(rgba, "RGBA"), "PNG")
    record("png_rgba8.png", d, "png", info(W, H, 4, 8, "rgba", 3), pillow_policy(d))
    assert np.array_equal(pillow_policy(d), RGB)

    # Palettes: 8-bit with 200 colours, 8-bit with tRNS, 4-bit, 1-bit (Pillow's bits= option).
    pal = rng.randint(0, 256, size=(256, 3)).astype(np.uint8)
    idx = rng.randint(0, 200, size=(H, W)).astype(np.uint8)
    p = Image.fromarray(idx, "P")
    p.putpalette(pal.ravel().tolist())
    d = pillow_save(p, "PNG")
    record("png_palette8.png", d, "png", info(W, H, 3, 8, "palette", 3), pillow_policy(d))
    assert np.array_equal(pillow_policy(d), pal[idx])
    d = png_bytes(idx, 3, 8, palette=pal[:200], trns=bytes(range(0, 200)))
    record("png_palette8_trns.png", d, "png", info(W, H, 3, 8, "palette", 3), pal[idx])
    assert np.array_equal(pillow_policy(d), pal[idx])
    idx4 = (idx % 16).astype(np.uint8)
    d = png_bytes(idx4, 3, 4, palette=pal[:16])
    record("png_palette4.png", d, "png", info(W, H, 3, 4, "palette", 3), pal[idx4])
    assert np.array_equal(pillow_policy(d), pal[idx4])
    idx1 = (idx % 2).astype(np.uint8)
    d = png_bytes(idx1, 3, 1, palette=pal[:2])
    record("png_palette1.png", d, "png", info(W, H, 3, 1, "palette", 3), pal[idx1])

    # Low-bit grey: libpng and Pillow scale v to v * 255 / (2^bits - 1).
    for bits in (1, 2, 4):
        levels = (GRAY >> (8 - bits)).astype(np.uint8)
        expected = (levels.astype(np.int32) * 255 // ((1 << bits) - 1)).astype(np.uint8)
        d = png_bytes(levels, 0, bits)
        record(f"png_gray{bits}.png", d, "png", info(W, H, 1, bits, "gray", 1), expected)
        assert np.array_equal(pillow_policy(d), expected), bits
    d = png_bytes(GRAY, 0, 8, trns=struct.pack(">H", int(GRAY[0, 0])))
    record("png_gray8_trns.png", d, "png", info(W, H, 1, 8, "gray", 1), GRAY)
    assert np.array_equal(pillow_policy(d), GRAY)

    # Interlaced (Adam7).
    d = png_bytes(RGB, 2, 8, interlace=True)
    record("png_rgb8_interlaced.png", d, "png", info(W, H, 3, 8, "rgb", 3), RGB)
    assert np.array_equal(pillow_policy(d), RGB)
    levels = (GRAY >> 4).astype(np.uint8)
    d = png_bytes(levels, 0, 4, interlace=True)
    record("png_gray4_interlaced.png", d, "png", info(W, H, 1, 4, "gray", 1), levels * 17)
    assert np.array_equal(pillow_policy(d), levels * 17)

    # Gamma chunks that libpng's simplified API would act on; Pillow ignores them, so must we.
    gama = [(b"gAMA", struct.pack(">I", 100000)), (b"cHRM", struct.pack(">8I", 31270, 32900, 64000, 33000, 30000, 60000, 15000, 6000))]
    d = png_bytes(RGB, 2, 8, before=gama)
    record("png_rgb8_gamma1.png", d, "png", info(W, H, 3, 8, "rgb", 3), RGB)
    assert np.array_equal(pillow_policy(d), RGB)
    d = png_bytes(rgba, 6, 8, before=[(b"gAMA", struct.pack(">I", 100000))])
    record("png_rgba8_gamma1.png", d, "png", info(W, H, 4, 8, "rgba", 3), RGB)

    # 16-bit: decode gives round(v/257), decode16 the stored values.
    d = png_bytes(GRAY16_RAMP, 0, 16, sub_filter=True)
    record("png_gray16_ramp.png", d, "png", info(256, 256, 1, 16, "gray", 1), narrow(GRAY16_RAMP), GRAY16_RAMP)
    d = png_bytes(RGB16, 2, 16)
    record("png_rgb16.png", d, "png", info(W, H, 3, 16, "rgb", 3), narrow(RGB16), RGB16)
    d = png_bytes(RGB16, 2, 16, before=[(b"sRGB", b"\x00")])
    record("png_rgb16_srgb.png", d, "png", info(W, H, 3, 16, "rgb", 3), narrow(RGB16), RGB16)
    d = png_bytes(RGB16, 2, 16, before=[(b"gAMA", struct.pack(">I", 45455))])
    record("png_rgb16_gamma.png", d, "png", info(W, H, 3, 16, "rgb", 3), narrow(RGB16), RGB16)
    d = png_bytes(np.dstack([RGB16, ALPHA16]), 6, 16)
    record("png_rgba16.png", d, "png", info(W, H, 4, 16, "rgba", 3), narrow(RGB16))
    golden["png_rgba16.png"]["error16"] = "unsupported"
    g16 = RGB16[:, :, 0]
    d = png_bytes(np.dstack([g16, ALPHA16]), 4, 16)
    record("png_gray_alpha16.png", d, "png", info(W, H, 2, 16, "gray+alpha", 1), narrow(g16))
    golden["png_gray_alpha16.png"]["error16"] = "unsupported"


# ---------------------------------------------------------------- JPEG (all via Pillow/libjpeg)

def make_jpeg():
    img = Image.fromarray(RGB, "RGB")
    d = pillow_save(img, "JPEG", quality=90)
    record("jpeg_baseline.jpg", d, "jpeg", info(W, H, 3, 8, "rgb", 3), pillow_policy(d))
    d = pillow_save(img, "JPEG", quality=90, progressive=True)
    record("jpeg_progressive.jpg", d, "jpeg", info(W, H, 3, 8, "rgb", 3), pillow_policy(d))
    d = pillow_save(img, "JPEG", quality=90, subsampling=0)
    record("jpeg_444.jpg", d, "jpeg", info(W, H, 3, 8, "rgb", 3), pillow_policy(d))
    d = pillow_save(img, "JPEG", quality=90, subsampling=1)
    record("jpeg_422.jpg", d, "jpeg", info(W, H, 3, 8, "rgb", 3), pillow_policy(d))
    d = pillow_save(Image.fromarray(GRAY, "L"), "JPEG", quality=90)
    record("jpeg_gray.jpg", d, "jpeg", info(W, H, 1, 8, "gray", 1), pillow_policy(d))
    d = pillow_save(img.convert("CMYK"), "JPEG", quality=90)
    record("jpeg_cmyk.jpg", d, "jpeg", info(W, H, 4, 8, "cmyk", 3), error="unsupported")


# ---------------------------------------------------------------- TIFF writer (strips or tiles)

def tiff_bytes(a, photometric, order="<", compression=1, predictor=1, tile=None, rows_per_strip=None, extra=None):
    if a.ndim == 2:
        a = a[:, :, None]
    h, w, c = a.shape
    bits = 16 if a.dtype == np.uint16 else 8
    dtype = np.dtype(order + ("u2" if bits == 16 else "u1"))

    def encode(block):
        block = block.astype(np.int64)
        if predictor == 2:
            block[:, 1:, :] = (block[:, 1:, :] - block[:, :-1, :]) % (1 << bits)
        raw = block.astype(dtype).tobytes()
        return zlib.compress(raw, 9) if compression == 8 else raw

    if tile:
        tw, th = tile
        segments = []
        for ty in range(0, h, th):
            for tx in range(0, w, tw):
                block = np.zeros((th, tw, c), dtype=a.dtype)
                part = a[ty:ty + th, tx:tx + tw]
                block[:part.shape[0], :part.shape[1]] = part
                segments.append(encode(block))
    else:
        rps = rows_per_strip or h
        segments = [encode(a[y:y + rps]) for y in range(0, h, rps)]

    u16, u32 = order + "H", order + "I"
    data = b"".join(segments)
    offsets, pos = [], 8
    for s in segments:
        offsets.append(pos)
        pos += len(s)
    tags = {256: (4, [w]), 257: (4, [h]), 258: (3, [bits] * c), 259: (3, [compression]),
            262: (3, [photometric]), 277: (3, [c]), 284: (3, [1])}
    if predictor != 1:
        tags[317] = (3, [predictor])
    if extra is not None:
        tags[338] = (3, [extra])
    if tile:
        tags.update({322: (4, [tile[0]]), 323: (4, [tile[1]]), 324: (4, offsets), 325: (4, [len(s) for s in segments])})
    else:
        tags.update({273: (4, offsets), 278: (4, [rows_per_strip or h]), 279: (4, [len(s) for s in segments])})
    ifd_at = pos + (pos & 1)
    entries, overflow = [], b""
    overflow_at = ifd_at + 2 + 12 * len(tags) + 4
    for tag in sorted(tags):
        kind, values = tags[tag]
        fmt = u16 if kind == 3 else u32
        payload = b"".join(struct.pack(fmt, v) for v in values)
        if len(payload) <= 4:
            field = payload.ljust(4, b"\0")
        else:
            field = struct.pack(u32, overflow_at + len(overflow))
            overflow += payload
        entries.append(struct.pack(order + "HHI", tag, kind, len(values)) + field)
    head = (b"II*\0" if order == "<" else b"MM\0*") + struct.pack(u32, ifd_at)
    return head + data + b"\0" * (ifd_at - pos) + struct.pack(u16, len(tags)) + b"".join(entries) + struct.pack(u32, 0) + overflow


def make_tiff():
    rgba = np.dstack([RGB, ALPHA])
    for comp in ("raw", "tiff_lzw", "tiff_deflate", "packbits"):
        d = pillow_save(Image.fromarray(RGB, "RGB"), "TIFF", compression=comp)
        record(f"tiff_rgb8_{comp.replace('tiff_', '')}.tif", d, "tiff", info(W, H, 3, 8, "rgb", 3), pillow_policy(d))
    for comp in ("raw", "tiff_lzw"):
        d = pillow_save(Image.fromarray(GRAY, "L"), "TIFF", compression=comp)
        record(f"tiff_gray8_{comp.replace('tiff_', '')}.tif", d, "tiff", info(W, H, 1, 8, "gray", 1), pillow_policy(d))
    d = pillow_save(Image.fromarray(rgba, "RGBA"), "TIFF", compression="tiff_lzw")
    record("tiff_rgba8_lzw.tif", d, "tiff", info(W, H, 4, 8, "rgba", 3), pillow_policy(d))
    assert np.array_equal(pillow_policy(d), RGB)
    d = tiff_bytes(np.dstack([GRAY, ALPHA]), 1, extra=2)
    record("tiff_gray_alpha8.tif", d, "tiff", info(W, H, 2, 8, "gray+alpha", 1), GRAY)
    assert np.array_equal(pillow_policy(d), GRAY)
    d = tiff_bytes(RGB, 2, compression=8, tile=(16, 16))
    record("tiff_rgb8_tiled_deflate.tif", d, "tiff", info(W, H, 3, 8, "rgb", 3), RGB)
    assert np.array_equal(pillow_policy(d), RGB)
    d = tiff_bytes(RGB, 2, rows_per_strip=4, compression=8, predictor=2)
    record("tiff_rgb8_strips_predictor.tif", d, "tiff", info(W, H, 3, 8, "rgb", 3), RGB)
    assert np.array_equal(pillow_policy(d), RGB)
    d = tiff_bytes(GRAY16_RAMP, 1, compression=8, predictor=2)
    record("tiff_gray16_ramp.tif", d, "tiff", info(256, 256, 1, 16, "gray", 1), narrow(GRAY16_RAMP), GRAY16_RAMP)
    d = tiff_bytes(RGB16, 2, order=">", rows_per_strip=5)
    record("tiff_rgb16_be.tif", d, "tiff", info(W, H, 3, 16, "rgb", 3), narrow(RGB16), RGB16)
    d = tiff_bytes(np.dstack([RGB16, ALPHA16]), 2, compression=8, tile=(16, 16), extra=2)
    record("tiff_rgba16_tiled.tif", d, "tiff", info(W, H, 4, 16, "rgba", 3), narrow(RGB16), RGB16)
    d = pillow_save(Image.fromarray(RGB, "RGB").convert("CMYK"), "TIFF")
    record("tiff_cmyk8.tif", d, "tiff", info(W, H, 4, 8, "cmyk", 3), error="unsupported")


# ---------------------------------------------------------------- BMP writer (variants Pillow does not write)

def bmp_bytes(pixels_rows, w, h, bits, palette=None, top_down=False, compression=0, masks=None, header=40):
    """pixels_rows: bytes of each stored row (unpadded), in file order."""
    stride = (w * bits + 31) // 32 * 4
    body = b"".join(r.ljust(stride, b"\0") for r in pixels_rows)
    pal = b"" if palette is None else b"".join(bytes([b, g, r, 0]) for r, g, b in palette)
    extra = b"" if masks is None or header > 40 else b"".join(struct.pack("<I", m) for m in masks)
    hdr = struct.pack("<IiiHHIIiiII", header, w, -h if top_down else h, 1, bits, compression, len(body), 2835, 2835,
                      0 if palette is None else len(palette), 0)
    if header > 40:
        hdr += b"".join(struct.pack("<I", m) for m in (masks or (0, 0, 0, 0)))
        hdr = hdr.ljust(header, b"\0")
    offset = 14 + len(hdr) + len(extra) + len(pal)
    return b"BM" + struct.pack("<IHHI", offset + len(body), 0, 0, offset) + hdr + extra + pal + body


def make_bmp():
    d = pillow_save(Image.fromarray(RGB, "RGB"), "BMP")
    record("bmp_rgb24.bmp", d, "bmp", info(W, H, 3, 8, "rgb", 3), pillow_policy(d))
    d = pillow_save(Image.fromarray(np.dstack([RGB, ALPHA]), "RGBA"), "BMP")
    record("bmp_rgba32.bmp", d, "bmp", info(W, H, 3, 8, "rgb", 3), pillow_policy(d))
    assert np.array_equal(pillow_policy(d), RGB)
    d = pillow_save(Image.fromarray(GRAY, "L"), "BMP")
    record("bmp_gray8.bmp", d, "bmp", info(W, H, 3, 8, "palette", 1), pillow_policy(d))
    assert Image.open(io.BytesIO(d)).mode == "L"
    pal = rng.randint(0, 256, size=(256, 3)).astype(np.uint8)
    idx = rng.randint(0, 256, size=(H, W)).astype(np.uint8)
    p = Image.fromarray(idx, "P")
    p.putpalette(pal.ravel().tolist())
    d = pillow_save(p, "BMP")
    record("bmp_palette8.bmp", d, "bmp", info(W, H, 3, 8, "palette", 3), pillow_policy(d))
    assert np.array_equal(pillow_policy(d), pal[idx])
    d = pillow_save(Image.fromarray(GRAY > 128), "BMP")
    record("bmp_bilevel1.bmp", d, "bmp", info(W, H, 3, 1, "palette", 1), pillow_policy(d))
    assert Image.open(io.BytesIO(d)).mode == "1"

    bgr_rows = [RGB[y, :, ::-1].tobytes() for y in range(H)]
    d = bmp_bytes(bgr_rows, W, H, 24, top_down=True)
    record("bmp_rgb24_topdown.bmp", d, "bmp", info(W, H, 3, 8, "rgb", 3), RGB)
    assert np.array_equal(pillow_policy(d), RGB)
    bgra_rows = [np.dstack([RGB[:, :, ::-1], ALPHA])[y].tobytes() for y in reversed(range(H))]
    d = bmp_bytes(bgra_rows, W, H, 32, compression=3, masks=(0xFF0000, 0xFF00, 0xFF, 0xFF000000), header=124)
    record("bmp_bitfields32_v5.bmp", d, "bmp", info(W, H, 4, 8, "rgba", 3), RGB)
    assert np.array_equal(pillow_policy(d), RGB)
    rgbx_rows = [np.dstack([RGB, ALPHA])[y].tobytes() for y in reversed(range(H))]
    d = bmp_bytes(rgbx_rows, W, H, 32, compression=3, masks=(0xFF, 0xFF00, 0xFF0000))
    record("bmp_bitfields32_rgbx.bmp", d, "bmp", info(W, H, 3, 8, "rgb", 3), RGB)
    idx4 = (idx % 16).astype(np.uint8)
    rows4 = []
    for y in reversed(range(H)):
        r = np.append(idx4[y], 0) if W % 2 else idx4[y]
        rows4.append(((r[0::2] << 4) | r[1::2]).astype(np.uint8).tobytes())
    d = bmp_bytes(rows4, W, H, 4, palette=[tuple(c) for c in pal[:16]])
    record("bmp_palette4.bmp", d, "bmp", info(W, H, 3, 4, "palette", 3), pal[:16][idx4])
    assert np.array_equal(pillow_policy(d), pal[:16][idx4])
    # A grey palette shorter than 256 entries is still grey for Pillow (mode "L").
    gray_idx = (GRAY // 2).astype(np.uint8)
    d = bmp_bytes([gray_idx[y].tobytes() for y in reversed(range(H))], W, H, 8,
                  palette=[(i, i, i) for i in range(128)])
    record("bmp_gray8_128.bmp", d, "bmp", info(W, H, 3, 8, "palette", 1), gray_idx)
    assert np.array_equal(pillow_policy(d), gray_idx)
    # RLE8: two rows of "3 x index 1", end of bitmap; refused.
    rle = bmp_bytes([b"\x03\x01\x00\x00", b"\x03\x01\x00\x01"], 3, 2, 8, palette=[(0, 0, 0), (255, 0, 0)], compression=1)
    record("bmp_rle8.bmp", rle, "bmp", info(3, 2, 3, 8, "palette", 3), error="unsupported")


# ---------------------------------------------------------------- absurd declared sizes

def make_bad():
    os.makedirs(BAD, exist_ok=True)
    n = 100000
    png = (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", n, n, 8, 2, 0, 0, 0))
           + png_chunk(b"IDAT", zlib.compress(b"\0" * 16)) + png_chunk(b"IEND", b""))
    bmp = bmp_bytes([], n, n, 24)
    tif = tiff_bytes(np.zeros((1, 1), dtype=np.uint8), 1)
    tif = tif.replace(struct.pack("<HHII", 256, 4, 1, 1), struct.pack("<HHII", 256, 4, 1, n))
    tif = tif.replace(struct.pack("<HHII", 257, 4, 1, 1), struct.pack("<HHII", 257, 4, 1, n))
    jpg = bytearray(pillow_save(Image.fromarray(RGB, "RGB"), "JPEG"))
    sof = jpg.index(b"\xff\xc0")
    jpg[sof + 5:sof + 9] = struct.pack(">HH", 65500, 65500)
    for name, data in (("png_100000x100000.png", png), ("bmp_100000x100000.bmp", bmp),
                       ("tiff_100000x100000.tif", tif), ("jpeg_65500x65500.jpg", bytes(jpg))):
        with open(os.path.join(BAD, name), "wb") as f:
            f.write(data)


def main():
    os.makedirs(OUT, exist_ok=True)
    os.makedirs(os.path.dirname(GOLDEN), exist_ok=True)
    make_png()
    make_jpeg()
    make_tiff()
    make_bmp()
    make_bad()
    with open(GOLDEN, "w") as f:
        json.dump({"generator": "Fixtures/scripts/make_codec_fixtures.py (Pillow 9.4, NumPy 1.24)",
                   "files": golden}, f, indent=1, sort_keys=True)
        f.write("\n")
    total = sum(os.path.getsize(os.path.join(dp, x)) for dp, _, fs in os.walk(OUT) for x in fs)
    print(f"{len(golden)} fixtures, {total} bytes")


if __name__ == "__main__":
    main()
