#!/usr/bin/env python3
"""Writes gmm-3x16x16-8.json: the seeded image-shaped oracle of the quality atlas (docs/quality.md). Eight
components on 3x16x16 = 768 pixels with diagonal covariances: each mean is a smooth colour image (a few random
low-frequency cosines per channel, scaled into about [-0.9, 0.9]), each pixel's std is drawn in [0.05, 0.2].
Run: python3 models/gmm/make_gmm_image.py  (numpy; the output is committed, so this only documents provenance)."""
import json
import numpy as np

rng = np.random.default_rng(20261124)
c, h, w, k = 3, 16, 16, 8
yy, xx = np.meshgrid(np.arange(h) / h, np.arange(w) / w, indexing="ij")
means, variances = [], []
for _ in range(k):
    img = np.zeros((c, h, w))
    for ch in range(c):
        for _ in range(4):
            fy, fx = rng.integers(0, 3, size=2)
            phase = rng.uniform(0, 2 * np.pi)
            img[ch] += rng.normal() * np.cos(2 * np.pi * (fy * yy + fx * xx) + phase)
    img = 0.9 * img / np.abs(img).max()
    means.append(img.reshape(-1).round(6).tolist())
    std = rng.uniform(0.05, 0.2, size=c * h * w)
    variances.append((std ** 2).round(8).tolist())
weights = rng.dirichlet(np.full(k, 5.0)).round(6).tolist()
json.dump({"comment": "3x16x16 image-shaped GMM, K = 8, diagonal (models/gmm/make_gmm_image.py, seed 20261124)",
           "shape": [c, h, w], "weights": weights, "means": means, "variances": variances},
          open("gmm-3x16x16-8.json", "w"))
