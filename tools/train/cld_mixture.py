#!/usr/bin/env python3
"""cld_mixture.py — trains the CLD network of train_cld.py, through the same code path (its loss, tables, U-Net and
training loop), on samples of a Gaussian mixture whose exact eps the engine knows (`GmmScore` under cld), and writes
probes for comparing the network with that exact eps and with ONNX Runtime (docs/models.md, "The CLD divergence").

The mixture: the 10 class means of the MNIST digits (tools/train/data, [-1, 1]) with diagonal variances
`scale * (per-pixel class variance) + floor`, equal weights; shape 1x28x28; written as the engine's GMM JSON.
Probes: for each t in PROBE_T, 8 states u_t = Psi(t, 0)(x0, 0) + R_t z (x0 from the mixture), the PyTorch module's
output on them, and z. Outputs (under --out-dir): gmm.json, net.onnx, probe-u.npy (N, 2, 28, 28), probe-t.npy (N,),
probe-eps-torch.npy (N, 2, 28, 28), probe-z.npy.
Run: /usr/bin/python3 tools/train/cld_mixture.py --iterations 400 --out-dir out/cld-mixture [--variant eps|denoiser]"""
import argparse
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import train_cld  # noqa: E402
from common import export, mnist, train  # noqa: E402

PROBE_T = [1e-3, 1e-2, 0.1, 0.3, 0.6, 1.0]


def mixture(scale, floor):
    x, labels = mnist()
    x = x[:, 0].reshape(len(x), -1).double().numpy()
    labels = labels.numpy()
    means = np.stack([x[labels == k].mean(0) for k in range(10)])
    variances = np.stack([x[labels == k].var(0) for k in range(10)]) * scale + floor
    return np.full(10, 0.1), means, variances


def sample(weights, means, variances, n, rng):
    k = rng.choice(len(weights), size=n, p=weights)
    return means[k] + np.sqrt(variances[k]) * rng.standard_normal((n, means.shape[1]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--iterations", type=int, default=400)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--scale", type=float, default=0.25)
    ap.add_argument("--floor", type=float, default=1e-3)
    ap.add_argument("--variant", choices=train_cld.VARIANTS, default="eps")
    ap.add_argument("--out-dir", required=True)
    a = ap.parse_args()
    torch.set_num_threads(1)
    os.makedirs(a.out_dir, exist_ok=True)
    rng = np.random.default_rng(20261202)
    w, m, v = mixture(a.scale, a.floor)
    with open(os.path.join(a.out_dir, "gmm.json"), "w") as f:
        json.dump({"comment": f"MNIST class means, variances {a.scale} * class variance + {a.floor} "
                   "(tools/train/cld_mixture.py)", "shape": [1, 28, 28], "weights": w.tolist(),
                   "means": np.round(m, 7).tolist(), "variances": np.round(v, 7).tolist()}, f)
    m, v = np.round(m, 7), np.round(v, 7)
    x0 = torch.from_numpy(sample(w, m, v, 10000, rng).astype(np.float32)).reshape(-1, 1, 28, 28)
    model, loss = train_cld.build(a.variant)
    seconds = train(model, loss, x0, a.iterations, a.batch, 2e-3, 1, os.path.join(a.out_dir, "loss.csv"), ema_warmup=True)
    print(f"trained {a.iterations} iterations in {seconds:.0f} s")
    export(model, 2, os.path.abspath(os.path.join(a.out_dir, "net.onnx")), train_cld.metadata("cld-mixture"), {})
    os.remove(os.path.join(a.out_dir, "net.card.json"))
    tables = train_cld.Tables()
    t = np.repeat(PROBE_T, 8)
    xs = torch.from_numpy(sample(w, m, v, len(t), rng).astype(np.float32)).reshape(-1, 1, 28, 28)
    psi, r = (torch.from_numpy(arr).float() for arr in tables.at(t))
    z = torch.randn((len(t), 2, 28, 28), generator=torch.Generator().manual_seed(5))
    u = train_cld.diffuse(xs, psi, r, z)
    with torch.no_grad():
        eps = model(u, torch.from_numpy(t).float())
    for name, arr in (("u", u), ("t", torch.from_numpy(t).float()), ("eps-torch", eps), ("z", z)):
        np.save(os.path.join(a.out_dir, f"probe-{name}.npy"), arr.numpy().astype(np.float32))
    print("wrote probes to", a.out_dir)


if __name__ == "__main__":
    main()
