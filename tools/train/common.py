"""common.py — shared pieces of gddim-java's training scripts: the MNIST data (get_mnist.sh), EMA, the training
loop with a logged loss curve, and the ONNX export that writes the engine's metadata (docs/models.md lists the
keys: gddim.prediction, gddim.process, gddim.time_input, gddim.input_shape, ...)."""
import json
import math
import os
import time

import numpy as np
import onnx
import torch

HERE = os.path.dirname(os.path.abspath(__file__))


def mnist(device="cpu"):
    """(10000, 1, 28, 28) float32 in [-1, 1] and labels."""
    data = np.load(os.path.join(HERE, "data", "mnist10k.npz"))
    x = torch.from_numpy(data["images"].astype(np.float32) / 127.5 - 1.0)[:, None]
    return x.to(device), torch.from_numpy(data["labels"].astype(np.int64)).to(device)


class Ema:
    def __init__(self, model, decay):
        self.decay = decay
        self.shadow = {k: v.detach().clone() for k, v in model.state_dict().items()}

    def update(self, model, step=None):
        """One EMA step; with step given, the decay warms up as min(decay, (1 + step)/(10 + step)), so that the
        random initial weights do not linger in short runs (0.999^1200 = 0.30 of them would be left without it)."""
        decay = self.decay if step is None else min(self.decay, (1 + step) / (10 + step))
        with torch.no_grad():
            for k, v in model.state_dict().items():
                self.shadow[k].mul_(decay).add_(v.detach(), alpha=1 - decay) if v.dtype.is_floating_point \
                    else self.shadow[k].copy_(v)

    def copy_to(self, model):
        model.load_state_dict(self.shadow)


def train(model, loss_fn, x0, iterations, batch, lr, seed, log_path, ema_decay=0.999, ema_warmup=False):
    """Adam with linear warm-up (200 steps) and cosine decay; EMA weights end up in the model (with ema_warmup, the
    EMA's decay warms up, Ema.update; the BDM and CLD scripts use it, the older ones were trained without). Writes a CSV
    of (iteration, loss, smoothed loss, seconds) to log_path; returns the wall time in seconds."""
    torch.manual_seed(seed)
    g = torch.Generator().manual_seed(seed)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    ema = Ema(model, ema_decay)
    smooth, start = None, time.time()
    with open(log_path, "w") as log:
        log.write("iteration,loss,smoothed,seconds\n")
        for it in range(1, iterations + 1):
            idx = torch.randint(0, len(x0), (batch,), generator=g)
            scale = min(1.0, it / 200) * 0.5 * (1 + math.cos(math.pi * it / iterations))
            for group in opt.param_groups:
                group["lr"] = lr * scale
            loss = loss_fn(model, x0[idx], g)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            ema.update(model, it if ema_warmup else None)
            smooth = loss.item() if smooth is None else 0.99 * smooth + 0.01 * loss.item()
            if it % 20 == 0 or it == iterations:
                log.write(f"{it},{loss.item():.6f},{smooth:.6f},{time.time() - start:.1f}\n")
                log.flush()
            if it % 500 == 0:
                print(f"  iteration {it}/{iterations}: loss {smooth:.4f} ({time.time() - start:.0f} s)", flush=True)
    ema.copy_to(model)
    return time.time() - start


def export(model, channels, path, metadata, card, probes=None):
    """ONNX opset 17 with inputs x (B, C, 28, 28), t (B,) and output out (B, C, 28, 28), dynamic batch, plus
    metadata_props gddim.*; writes the model card JSON next to it. probes = (u, t): also writes the PyTorch module's
    output on them, models/probes/NAME-{u,t,out}.npy (float32), which the engine's tests run through ONNX Runtime."""
    model.eval()
    if probes is not None:
        u, t = probes
        with torch.no_grad():
            out = model(u, t)
        folder = os.path.join(os.path.dirname(path), "probes")
        os.makedirs(folder, exist_ok=True)
        stem = os.path.basename(path).replace(".onnx", "")
        for name, arr in (("u", u), ("t", t), ("out", out)):
            np.save(os.path.join(folder, f"{stem}-{name}.npy"), arr.numpy().astype(np.float32))
    x, t = torch.randn(2, channels, 28, 28), torch.rand(2)
    torch.onnx.export(model, (x, t), path, input_names=["x", "t"], output_names=["out"], opset_version=17,
                      dynamic_axes={"x": {0: "batch"}, "t": {0: "batch"}, "out": {0: "batch"}})
    m = onnx.load(path)
    for k, v in metadata.items():
        p = m.metadata_props.add()
        p.key, p.value = k, str(v)
    onnx.checker.check_model(m)
    onnx.save(m, path)
    with open(path.replace(".onnx", ".card.json"), "w") as f:
        json.dump(card, f, indent=1)
    print(f"✓ wrote {path} ({os.path.getsize(path) / 1e6:.2f} MB)")
