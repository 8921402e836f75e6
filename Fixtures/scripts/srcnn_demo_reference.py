#!/usr/bin/python3
"""Independent float64 re-implementation of the SRCNN authors' demo, to cross-check `bench score`.

MATLAB imresize (bicubic, antialiased downscale, mirrored borders; written from
../shared/reference/README.md) in NumPy float64, the SRCNN layers as replicate-padded
correlations in torch float64 (float32 with a 4th argument), uint8 rounding, PSNR on Y with
shave = scale. It shares no code with SRKit.

Usage: /usr/bin/python3 Fixtures/scripts/srcnn_demo_reference.py SET5_DIR MAT_FILE SCALE [float32]
Result (2026-11-25, ../shared/datasets/Set5/original, 9-5-5(ImageNet)/x4.mat): baby 33.1268,
bird 32.5204, butterfly 25.4475, head 32.4437, woman 28.8817, mean 30.4840 — the same as
`bench score` to 4 decimals.
"""
import os
import sys

import numpy as np, scipy.io, torch, torch.nn.functional as F
from PIL import Image

def cubic(x):
    a = np.abs(x); a2 = a*a; a3 = a2*a
    return (1.5*a3 - 2.5*a2 + 1)*(a <= 1) + (-0.5*a3 + 2.5*a2 - 4*a + 2)*((a > 1) & (a <= 2))

def contributions(n_in, n_out, scale):
    kw = 4.0
    if scale < 1:
        h = lambda x: scale*cubic(scale*x); kw = kw/scale
    else:
        h = cubic
    x = np.arange(1, n_out+1, dtype=np.float64)
    u = x/scale + 0.5*(1 - 1/scale)
    left = np.floor(u - kw/2)
    P = int(np.ceil(kw)) + 2
    ind = left[:, None] + np.arange(P)[None, :]
    w = h(u[:, None] - ind)
    w = w / w.sum(1, keepdims=True)
    aux = np.concatenate([np.arange(1, n_in+1), np.arange(n_in, 0, -1)])
    ind = aux[np.mod(ind - 1, len(aux)).astype(int)] - 1
    keep = np.any(w != 0, axis=0)
    return w[:, keep], ind[:, keep]

def resize_dim(a, dim, scale, n_out):
    w, ind = contributions(a.shape[dim], n_out, scale)
    a = np.moveaxis(a, dim, 0)
    out = np.einsum('op,op...->o...', w, a[ind])
    return np.moveaxis(out, 0, dim)

def imresize(a, scale):
    h, w = a.shape
    oh, ow = int(np.ceil(h*scale)), int(np.ceil(w*scale))
    a = resize_dim(a, 0, scale, oh)  # equal scales: rows first
    return resize_dim(a, 1, scale, ow)

def srcnn(mat, x, dtype):
    m = scipy.io.loadmat(mat)
    w1, w2, w3 = m['weights_conv1'], m['weights_conv2'], m['weights_conv3']
    k1 = int(round(w1.shape[0]**0.5)); k2 = int(round(w2.shape[1]**0.5)); k3 = int(round(w3.shape[1]**0.5))
    t1 = np.stack([w1[:, i].reshape(k1, k1, order='F') for i in range(w1.shape[1])])[:, None]
    t2 = np.stack([np.stack([w2[j, :, i].reshape(k2, k2, order='F') for j in range(w2.shape[0])]) for i in range(w2.shape[2])])
    t3 = np.stack([w3[j, :].reshape(k3, k3, order='F') for j in range(w3.shape[0])])[None]
    bs = [m['biases_conv%d' % i].reshape(-1) for i in (1, 2, 3)]
    t = torch.tensor(x, dtype=dtype)[None, None]
    for i, (w, b) in enumerate([(t1, bs[0]), (t2, bs[1]), (t3, bs[2])]):
        p = w.shape[-1]//2
        t = F.conv2d(F.pad(t, (p, p, p, p), mode='replicate'), torch.tensor(w, dtype=dtype), torch.tensor(b, dtype=dtype))
        if i < 2: t = F.relu(t)
    return t[0, 0].numpy().astype(np.float64)

def main():
    root, mat, s = sys.argv[1], sys.argv[2], int(sys.argv[3])
    dtype = torch.float64 if len(sys.argv) < 5 else torch.float32
    names = sorted(f for f in os.listdir(root) if f.endswith('.png'))
    ps = []
    for n in names:
        im = np.asarray(Image.open(os.path.join(root, n)).convert('RGB'), dtype=np.float64)
        y = np.round(16 + (65.481*im[..., 0] + 128.553*im[..., 1] + 24.966*im[..., 2])/255)
        h, w = y.shape; y = y[:h - h % s, :w - w % s]
        g = y/255
        lr = imresize(g, 1/s); b = imresize(lr, s)
        out = srcnn(mat, b, dtype)
        sr = np.clip(np.floor(out*255 + 0.5), 0, 255)
        d = (sr - y)[s:-s, s:-s]
        ps.append(10*np.log10(255**2/np.mean(d*d)))
        print(n, '%.4f' % ps[-1])
    print('mean %.4f' % np.mean(ps))

if __name__ == "__main__":
    main()
