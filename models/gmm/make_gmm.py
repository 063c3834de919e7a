#!/usr/bin/env python3
"""Writes gmm-8d-5.json: the seeded 8-D, 5-component Gaussian mixture with full covariances used by the
convergence tests and docs/quality.md. Eigenvalues in [0.02, 0.3] under random rotations, means ~ 1.5 N(0, I).
Run: python3 models/gmm/make_gmm.py  (numpy; the output is committed, so this only documents provenance)."""
import json
import numpy as np

rng = np.random.default_rng(20261123)
d, k = 8, 5
weights = [0.3, 0.25, 0.2, 0.15, 0.1]
means = (1.5 * rng.standard_normal((k, d))).round(6)
covs = []
for _ in range(k):
    q, _ = np.linalg.qr(rng.standard_normal((d, d)))
    lam = rng.uniform(0.02, 0.3, d)
    c = (q * lam) @ q.T
    covs.append(((c + c.T) / 2).round(9).tolist())
json.dump({"comment": "8-D, 5-component GMM with full covariances (models/gmm/make_gmm.py, seed 20261123)",
           "weights": weights, "means": means.tolist(), "covariances": covs},
          open("gmm-8d-5.json", "w"), indent=1)
