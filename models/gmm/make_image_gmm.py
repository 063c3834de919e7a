#!/usr/bin/env python3
"""Writes images-8x8.json: the seeded image-like Gaussian mixture of the BDM study in docs/quality.md, 1 x 8 x 8
"images", 4 components. Each component's covariance is diagonal in the orthonormal 2-D DCT basis ("basis": "dct"),
with variances s / (1 + p^2 + q^2) + 1e-3 per frequency (p, q): a power spectrum falling like natural images'.
Means are smooth: a few random low-frequency DCT coefficients, inverse-transformed to pixels, scaled to about
[-1, 1]. Run: python3 models/gmm/make_image_gmm.py  (numpy + scipy; the output is committed)."""
import json
import numpy as np
from scipy.fft import idctn

rng = np.random.default_rng(20261124)
h = w = 8
k = 4
p, q = np.meshgrid(np.arange(h), np.arange(w), indexing="ij")
weights = [0.4, 0.3, 0.2, 0.1]
means, variances = [], []
for _ in range(k):
    coef = np.zeros((h, w))
    coef[:3, :3] = rng.standard_normal((3, 3)) * np.array([[3, 1.5, 0.8], [1.5, 1, 0.5], [0.8, 0.5, 0.3]])
    img = idctn(coef, norm="ortho")
    means.append((img / max(1.0, np.abs(img).max())).round(6).ravel().tolist())
    s = rng.uniform(0.05, 0.2)
    variances.append((s / (1 + p**2 + q**2) + 1e-3).round(9).ravel().tolist())
json.dump({"comment": "1x8x8 image GMM, covariances diagonal in the DCT basis (models/gmm/make_image_gmm.py, "
           "seed 20261124)", "weights": weights, "shape": [1, h, w], "basis": "dct", "means": means,
           "variances": variances}, open("images-8x8.json", "w"), indent=1)
