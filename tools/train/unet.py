"""unet.py — the small time-conditioned U-Net of gddim-java's shipped models (tools/train/README.md): 28x28 inputs,
channels (base, 2 base, 2 base) at 28/14/7, one residual block per level with GroupNorm + SiLU and a sinusoidal
time embedding. Exported to ONNX opset 17 it uses only Conv, Gemm/MatMul, InstanceNormalization (GroupNorm),
Sigmoid/Mul (SiLU), Add, Concat, Resize, Sin/Cos, Reshape — the op family of the engine's GPU executor."""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


def timestep_embedding(t, dim):
    """Sinusoidal embedding of a (B,) tensor of time labels (already scaled, e.g. 1000 t)."""
    half = dim // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32, device=t.device) / half)
    args = t[:, None].float() * freqs[None]
    return torch.cat([torch.sin(args), torch.cos(args)], dim=1)


class ResBlock(nn.Module):
    def __init__(self, cin, cout, tdim):
        super().__init__()
        self.n1, self.c1 = nn.GroupNorm(8, cin), nn.Conv2d(cin, cout, 3, padding=1)
        self.t = nn.Linear(tdim, cout)
        self.n2, self.c2 = nn.GroupNorm(8, cout), nn.Conv2d(cout, cout, 3, padding=1)
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else nn.Identity()

    def forward(self, x, emb):
        h = self.c1(F.silu(self.n1(x))) + self.t(emb)[:, :, None, None]
        h = self.c2(F.silu(self.n2(h)))
        return h + self.skip(x)


class UNet(nn.Module):
    def __init__(self, channels=1, base=32, tdim=128, time_scale=1000.0, out_channels=None):
        super().__init__()
        self.time_scale, self.tdim = time_scale, tdim
        self.emb = nn.Sequential(nn.Linear(tdim, tdim), nn.SiLU(), nn.Linear(tdim, tdim))
        c1, c2 = base, 2 * base
        self.inp = nn.Conv2d(channels, c1, 3, padding=1)
        self.d1 = ResBlock(c1, c1, tdim)
        self.down1 = nn.Conv2d(c1, c2, 3, stride=2, padding=1)      # 28 -> 14
        self.d2 = ResBlock(c2, c2, tdim)
        self.down2 = nn.Conv2d(c2, c2, 3, stride=2, padding=1)      # 14 -> 7
        self.mid = ResBlock(c2, c2, tdim)
        self.u2 = ResBlock(2 * c2, c2, tdim)
        self.u1 = ResBlock(c2 + c1, c1, tdim)
        self.up = nn.Conv2d(c2, c2, 3, padding=1)
        self.out = nn.Sequential(nn.GroupNorm(8, c1), nn.SiLU(), nn.Conv2d(c1, out_channels or channels, 3, padding=1))

    def forward(self, x, t):
        emb = self.emb(timestep_embedding(t * self.time_scale, self.tdim))
        h1 = self.d1(self.inp(x), emb)                              # (B, c1, 28, 28)
        h2 = self.d2(self.down1(h1), emb)                           # (B, c2, 14, 14)
        h = self.mid(self.down2(h2), emb)                           # (B, c2, 7, 7)
        h = self.u2(torch.cat([F.interpolate(h, scale_factor=2.0, mode="nearest"), h2], 1), emb)
        h = self.up(F.interpolate(h, scale_factor=2.0, mode="nearest"))
        h = self.u1(torch.cat([h, h1], 1), emb)
        return self.out(h)
