#!/usr/bin/env python3
"""torch_plan_gmm.py — the peer of the GPU benchmark: runs a gddim-java plan (exported by GpuReport.planJson:
eval and fused-step ops with their coefficients) as eager PyTorch tensor ops, the way diffusers-style
schedulers run a step (every a*x and x+y its own kernel), with the exact score of a Gaussian mixture written
in batched torch (the same maths as org.gddim.model.GmmScore: eigenbasis, log-sum-exp responsibilities).

  python3 tools/peers/torch_plan_gmm.py --plan plan.json --model models/gmm/gmm-8d-5.json --batch 4096 \
      --device cuda --repeats 20                      # prints ms_per_run=...
  ... --init z.npy --save x.npy --repeats 1            # correctness: start from x_T in z.npy, save the samples

Timing: torch.cuda.synchronize around `repeats` runs, median of 5 blocks after a warm-up block, like GpuReport.
"""
import argparse
import json
import statistics
import time

import numpy as np
import torch


def load_gmm(path, device):
    m = json.load(open(path))
    w = torch.tensor(m["weights"], dtype=torch.float64)
    w = w / w.sum()
    mu = torch.tensor(m["means"], dtype=torch.float64)
    if "covariances" in m:
        cov = torch.tensor(m["covariances"], dtype=torch.float64)
        lam, u = torch.linalg.eigh(cov)                     # cov = U diag(lam) U^T
    else:
        lam = torch.tensor(m["variances"], dtype=torch.float64)
        u = torch.diag_embed(torch.ones_like(lam))
    return w.to(device), mu.to(device), u.to(device), lam.to(device)


def gmm_eps(x, alpha, sigma, gmm):
    """eps = -sigma * score of the diffused mixture at (alpha, sigma); x (B, D) float32 -> float32."""
    w, mu, u, lam = gmm
    xd = x.double()
    var = alpha * alpha * lam + sigma * sigma                         # (K, D)
    diff = xd[:, None, :] - alpha * mu[None, :, :]                    # (B, K, D)
    y = torch.einsum("bki,kij->bkj", diff, u)                        # U^T (x - a m)
    v = y / var[None]                                                 # C^{-1}(x - mu) in eigen coordinates
    logits = torch.log(w)[None] - 0.5 * torch.log(var).sum(-1)[None] - 0.5 * (y * v).sum(-1)
    pi = torch.softmax(logits, dim=1)                                 # (B, K)
    cv = torch.einsum("kij,bkj->bki", u, v)                          # U v
    return (sigma * (pi[:, :, None] * cv).sum(1)).float()


def run(plan, gmm, x0):
    bufs = [None] * plan["buffers"]
    bufs[0] = x0.clone()
    for op in plan["ops"]:
        if op["op"] == "eval":
            bufs[op["dst"]] = gmm_eps(bufs[op["src"]], op["alpha"], op["sigma"], gmm)
        else:                                                         # separate tensor ops, as eager schedulers do
            out = op["psi"] * bufs[op["src"]]
            for term, c in zip(op["terms"], op["c"]):
                out = out + c * bufs[term]
            bufs[op["dst"]] = out
    return bufs[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--plan", required=True)
    ap.add_argument("--model", required=True)
    ap.add_argument("--batch", type=int, default=4096)
    ap.add_argument("--device", default="cuda")
    ap.add_argument("--repeats", type=int, default=20)
    ap.add_argument("--init", help="x_T as .npy (batch, D); default: torch.randn with seed 0")
    ap.add_argument("--save", help="write the samples of one run to this .npy")
    a = ap.parse_args()
    if a.device == "cuda" and not torch.cuda.is_available():
        raise SystemExit("no CUDA device for torch")
    torch.set_num_threads(2)
    plan = json.load(open(a.plan))
    gmm = load_gmm(a.model, a.device)
    if a.init:
        x0 = torch.from_numpy(np.load(a.init)).float().to(a.device)
    else:
        g = torch.Generator(device="cpu").manual_seed(0)
        x0 = torch.randn(a.batch, gmm[1].shape[1], generator=g).to(a.device)
    sync = torch.cuda.synchronize if a.device == "cuda" else (lambda: None)
    if a.save:
        np.save(a.save, run(plan, gmm, x0).cpu().numpy())
    blocks = []
    for block in range(6):
        sync()
        t0 = time.perf_counter()
        for _ in range(a.repeats):
            run(plan, gmm, x0)
        sync()
        if block > 0:
            blocks.append((time.perf_counter() - t0) / a.repeats)
    print(f"device={a.device} batch={x0.shape[0]} ms_per_run={1e3 * statistics.median(blocks):.3f}")


if __name__ == "__main__":
    main()
