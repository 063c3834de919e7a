#!/usr/bin/env python3
"""plot_losses.py — loss curves of the shipped models for their cards (models/cards/<name>-loss.png) and the FDM
comparison (models/cards/fdm-vs-edm-loss.png: the same network and budget with and without FDM's momentum c_in).
Reads tools/train/runs/<run>/loss.csv. Run: /usr/bin/python3 tools/train/plot_losses.py"""
import csv
import os

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
CARDS = os.path.join(HERE, "..", "..", "models", "cards")


def read(run):
    path = os.path.join(HERE, "runs", run, "loss.csv")
    if not os.path.exists(path):
        return None
    rows = list(csv.DictReader(open(path)))
    return [int(r["iteration"]) for r in rows], [float(r["smoothed"]) for r in rows]


def plot(curves, title, out, ylabel="training loss (EMA of batches)", log=True):
    plt.figure(figsize=(7, 4))
    for label, (x, y) in curves:
        plt.plot(x, y, label=label)
    plt.xlabel("iteration (batch 128)")
    plt.ylabel(ylabel)
    if log:
        plt.yscale("log")
    plt.title(title)
    plt.grid(alpha=0.3)
    plt.legend()
    plt.tight_layout()
    plt.savefig(out, dpi=110)
    plt.close()
    print("✓", out)


def main():
    os.makedirs(CARDS, exist_ok=True)
    for run, name in [("vp", "mnist-vp"), ("edm", "mnist-edm"), ("fdm", "mnist-fdm"), ("cld", "mnist-cld"), ("bdm", "mnist-bdm")]:
        c = read(run)
        if c:
            plot([(name, c)], f"{name}: training loss", os.path.join(CARDS, f"{name}-loss.png"))
    edm, fdm = read("edm"), read("fdm")
    if edm and fdm:
        plot([("EDM preconditioning", edm), ("FDM momentum c_in (m = 1)", fdm)],
             "MNIST, same U-Net and budget: EDM vs FDM (weighted EDM loss)",
             os.path.join(CARDS, "fdm-vs-edm-loss.png"))


if __name__ == "__main__":
    main()
