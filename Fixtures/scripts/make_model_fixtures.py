#!/usr/bin/python3
"""Writes the SRModels test fixtures into Fixtures/models/ with Debian's python3-torch.

Run from the repository root:  /usr/bin/python3 Fixtures/scripts/make_model_fixtures.py

Outputs (all small):
  input_24x20.f32                      fixture image, 1x20x24 float32 LE in [0, 1] (H=20, W=24)
  srcnn_small.pth                      SRCNN 9-3-5, widths 8/4, 1 channel: torch.save(state_dict)
  srcnn_small_lightning.ckpt           the same weights as a Lightning-style checkpoint
                                       (state_dict with 'model.' prefix, optimizer_states, hyper_parameters)
  srcnn_small.safetensors              the same weights, safetensors written by hand (F32)
  srcnn_small_expected.f32             torch's output of the SRCNN (zero padding k//2) on the fixture image
  srcnn_small_fp16.pth                 the weights as float16
  srcnn_small_fp16_expected.f32        torch's output with those float16 weights (run in float32)
  srcnn_small_single.mat               the SRCNN in the authors' MAT layout, float32, uncompressed (scipy)
  srcnn_small_double_z.mat             the same, float64, zlib-compressed
  srcnn_small_replicate_expected.f32   torch's output with replicate padding (the authors' protocol)
  espcn_small_x2.pth / _expected.f32   ESPCN 5-3-3, widths 8/4, x2 (tanh, pixel shuffle); output 1x40x48
  fsrcnn_small.pth / _x2_expected.f32  FSRCNN d=8 s=4 m=1, ConvTranspose2d(8,1,9,2,4,1); output 1x40x48
  srcnn_rgb_915.safetensors            SRCNN 9-1-5, widths 6/3, 3 channels (1x1 middle layer)
  input_rgb_24x20.f32 / srcnn_rgb_915_expected.f32   its 3x20x24 input and torch's output
  evil_os_system.pth                   a torch-style zip whose data.pkl calls os.system (must be refused)
  unknown_arch.pth                     conv + batch norm + linear (no supported architecture)
  srcnn_shape_mismatch.safetensors     SRCNN whose conv2 reads 7 channels while conv1 makes 8
  fsrcnn_m4_sorted.safetensors / _x3_expected.f32   FSRCNN d=8 s=4 m=4, x3, laid out by name as the
                                       safetensors library does (first_part, last_part, mid_part.0,
                                       mid_part.1, mid_part.10, ...): the registration order is lost
"""
import io
import json
import os
import pickle
import struct
import zipfile
from collections import OrderedDict

import numpy as np
import scipy.io
import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "models")
os.makedirs(OUT, exist_ok=True)
torch.manual_seed(0)
torch.set_num_threads(1)


def path(name):
    return os.path.join(OUT, name)


def save_f32(name, t):
    t.detach().to(torch.float32).contiguous().numpy().astype("<f4").tofile(path(name))


class SRCNN(nn.Module):
    def __init__(self, c=1, n1=8, n2=4, f1=9, f2=3, f3=5):
        super().__init__()
        self.conv1 = nn.Conv2d(c, n1, f1, padding=f1 // 2)
        self.conv2 = nn.Conv2d(n1, n2, f2, padding=f2 // 2)
        self.conv3 = nn.Conv2d(n2, c, f3, padding=f3 // 2)

    def forward(self, x):
        return self.conv3(F.relu(self.conv2(F.relu(self.conv1(x)))))


class ESPCN(nn.Module):
    def __init__(self, c=1, r=2):
        super().__init__()
        self.first_part = nn.Sequential(nn.Conv2d(c, 8, 5, padding=2), nn.Tanh(), nn.Conv2d(8, 4, 3, padding=1), nn.Tanh())
        self.last_part = nn.Sequential(nn.Conv2d(4, c * r * r, 3, padding=1), nn.PixelShuffle(r))

    def forward(self, x):
        return self.last_part(self.first_part(x))


class FSRCNN(nn.Module):
    def __init__(self, c=1, d=8, s=4, m=1, r=2):
        super().__init__()
        self.first_part = nn.Sequential(nn.Conv2d(c, d, 5, padding=2), nn.PReLU(d))
        mid = [nn.Conv2d(d, s, 1), nn.PReLU(s)]
        for _ in range(m):
            mid += [nn.Conv2d(s, s, 3, padding=1), nn.PReLU(s)]
        mid += [nn.Conv2d(s, d, 1), nn.PReLU(d)]
        self.mid_part = nn.Sequential(*mid)
        self.last_part = nn.ConvTranspose2d(d, c, 9, stride=r, padding=4, output_padding=r - 1)

    def forward(self, x):
        return self.last_part(self.mid_part(self.first_part(x)))


def randomize(model):
    # Non-trivial weights of a realistic size (the default init leaves outputs near constant).
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(torch.randn_like(p) * 0.3)
        for m in model.modules():
            if isinstance(m, nn.PReLU):
                m.weight.copy_(torch.rand_like(m.weight) * 0.5)


def write_safetensors(name, tensors):
    """safetensors by hand: 8-byte LE header length, JSON header, raw LE data, in the given order."""
    header, blobs, offset = {}, [], 0
    for key, t in tensors.items():
        data = t.detach().contiguous().numpy().astype("<f4").tobytes()
        header[key] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    header["__metadata__"] = {"format": "pt"}
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path(name), "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


def mat_layout(model):
    """The authors' SRCNN MAT layout (reference README): conv1 k²×n1, conv2 n1×k²×n2, conv3 n2×k²."""
    w1, w2, w3 = (m.weight.detach().double().numpy() for m in (model.conv1, model.conv2, model.conv3))
    # MATLAB reshapes each k² column column-major into k×k, so column p = ky + k·kx: W[ky, kx].T.flatten().
    c1 = np.stack([w1[i, 0].T.flatten() for i in range(w1.shape[0])], axis=1)
    c2 = np.stack([np.stack([w2[i, j].T.flatten() for j in range(w2.shape[1])], axis=0) for i in range(w2.shape[0])], axis=2)
    c3 = np.stack([w3[0, j].T.flatten() for j in range(w3.shape[1])], axis=0)
    b = [m.bias.detach().double().numpy().reshape(-1, 1) for m in (model.conv1, model.conv2, model.conv3)]
    return {"weights_conv1": c1, "weights_conv2": c2, "weights_conv3": c3,
            "biases_conv1": b[0], "biases_conv2": b[1], "biases_conv3": b[2]}


def replicate_forward(model, x):
    def conv(layer, t):
        p = layer.kernel_size[0] // 2
        return F.conv2d(F.pad(t, (p, p, p, p), mode="replicate"), layer.weight, layer.bias)
    return conv(model.conv3, F.relu(conv(model.conv2, F.relu(conv(model.conv1, x)))))


def main():
    h, w = 20, 24
    yy, xx = torch.meshgrid(torch.arange(h, dtype=torch.float32), torch.arange(w, dtype=torch.float32), indexing="ij")
    image = (0.5 + 0.3 * torch.sin(xx / 3.0) * torch.cos(yy / 4.0) + 0.1 * torch.rand(h, w)).clamp(0, 1)
    x = image.reshape(1, 1, h, w)
    save_f32("input_24x20.f32", x)

    srcnn = SRCNN()
    randomize(srcnn)
    srcnn.eval()
    with torch.no_grad():
        save_f32("srcnn_small_expected.f32", srcnn(x))
        save_f32("srcnn_small_replicate_expected.f32", replicate_forward(srcnn, x))
    state = OrderedDict((k, v.clone()) for k, v in srcnn.state_dict().items())
    torch.save(state, path("srcnn_small.pth"))

    # Lightning-style: the LightningModule holds the net as self.model.
    optimizer = torch.optim.Adam(srcnn.parameters(), lr=1e-4)
    srcnn(x).mean().backward()
    optimizer.step()
    with torch.no_grad():
        srcnn.load_state_dict(state)  # keep the expected weights; the optimizer state is realistic noise
    ckpt = {
        "epoch": 3, "global_step": 120, "pytorch-lightning_version": "1.9.0",
        "state_dict": OrderedDict(("model." + k, v) for k, v in state.items()),
        "loops": {"fit_loop": {"epoch_progress": {"total": {"ready": 4, "completed": 3}}}},
        "callbacks": {}, "optimizer_states": [optimizer.state_dict()], "lr_schedulers": [],
        "hyper_parameters": {"n1": 8, "n2": 4, "kernels": [9, 3, 5], "lr": 1e-4, "name": "srcnn-small"},
    }
    torch.save(ckpt, path("srcnn_small_lightning.ckpt"))
    write_safetensors("srcnn_small.safetensors", state)

    half = OrderedDict((k, v.half()) for k, v in state.items())
    torch.save(half, path("srcnn_small_fp16.pth"))
    srcnn16 = SRCNN()
    srcnn16.load_state_dict(OrderedDict((k, v.float()) for k, v in half.items()))
    with torch.no_grad():
        save_f32("srcnn_small_fp16_expected.f32", srcnn16(x))

    mat = mat_layout(srcnn)
    scipy.io.savemat(path("srcnn_small_single.mat"), {k: v.astype(np.float32) for k, v in mat.items()},
                     format="5", do_compression=False)
    scipy.io.savemat(path("srcnn_small_double_z.mat"), mat, format="5", do_compression=True)

    espcn = ESPCN()
    randomize(espcn)
    torch.save(espcn.state_dict(), path("espcn_small_x2.pth"))
    with torch.no_grad():
        save_f32("espcn_small_x2_expected.f32", espcn(x))

    fsrcnn = FSRCNN()
    randomize(fsrcnn)
    torch.save(fsrcnn.state_dict(), path("fsrcnn_small.pth"))
    with torch.no_grad():
        save_f32("fsrcnn_small_x2_expected.f32", fsrcnn(x))

    rgb = torch.rand(1, 3, h, w)
    save_f32("input_rgb_24x20.f32", rgb)
    srcnn_rgb = SRCNN(c=3, n1=6, n2=3, f1=9, f2=1, f3=5)
    randomize(srcnn_rgb)
    write_safetensors("srcnn_rgb_915.safetensors", srcnn_rgb.state_dict())
    with torch.no_grad():
        save_f32("srcnn_rgb_915_expected.f32", srcnn_rgb(rgb))

    # A pickle that would run os.system if loaded with pickle.load; built, never loaded.
    class Evil:
        def __reduce__(self):
            return (os.system, ("echo SRKIT-PWNED > /tmp/srkit-pwned",))
    payload = pickle.dumps({"conv1.weight": Evil()}, protocol=2)
    with zipfile.ZipFile(path("evil_os_system.pth"), "w", zipfile.ZIP_STORED) as z:
        z.writestr("evil_os_system/data.pkl", payload)
        z.writestr("evil_os_system/version", "3\n")

    unknown = nn.Sequential(nn.Conv2d(1, 4, 3), nn.BatchNorm2d(4), nn.Flatten(), nn.Linear(4, 2))
    torch.save(unknown.state_dict(), path("unknown_arch.pth"))

    bad = OrderedDict(state)
    bad["conv2.weight"] = torch.randn(4, 7, 3, 3)
    write_safetensors("srcnn_shape_mismatch.safetensors", bad)

    # safetensors.torch.save_file sorts tensors by dtype, then name, before laying them out, so
    # a file keeps no layer order: last_part lands before mid_part, mid_part.10 before mid_part.2.
    fsrcnn4 = FSRCNN(m=4, r=3)
    randomize(fsrcnn4)
    write_safetensors("fsrcnn_m4_sorted.safetensors", OrderedDict(sorted(fsrcnn4.state_dict().items())))
    with torch.no_grad():
        save_f32("fsrcnn_m4_sorted_x3_expected.f32", fsrcnn4(x))


if __name__ == "__main__":
    main()
