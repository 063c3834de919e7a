#!/usr/bin/python3
"""Independent float64 reference for DiffusersFullLoopTest's Euler and Heun cases (numpy only).

diffusers' own Euler and Heun full-loop tests cannot be compared: their loop writes the scaled model input back into
the state (sample = scheduler.scale_model_input(sample, t) before step), and they use 1100 training steps, whose
linspace timesteps fall between integer labels. This script runs the loop as a pipeline does, on the tests' dummy
model eps(x, t) = x t/(t + 1) and dummy sample, with diffusers' EulerDiscreteScheduler / HeunDiscreteScheduler
algorithm (Karras et al. 2022, Algorithm 1 without churn; sigmas sqrt((1 - abar)/abar) at the timesteps, then 0;
the state in the sigma frame x = x_vp sqrt(1 + sigma^2), the network fed x / sqrt(1 + sigma^2)):
1000 linear betas 1e-4 .. 0.02, linspace timesteps of 10 steps (999, 888, .., 0, all integers), epsilon prediction.

Usage: /usr/bin/python3 tools/diffusers/euler_heun_reference.py   (prints sum and mean of |x| for both)
"""
import numpy as np

x_vp = (np.arange(768).reshape(3, 8, 8, 4) / 768).transpose(3, 0, 1, 2).astype(np.float64)
T = 1000
abar = np.cumprod(1 - np.linspace(1e-4, 0.02, T))
ts = np.linspace(0, T - 1, 10)[::-1]
sig = np.sqrt((1 - abar) / abar)
s = [sig[int(round(t))] for t in ts] + [0.0]


def eps(x, i):
    t = ts[i]
    return (x / np.sqrt(1 + s[i] ** 2)) * t / (t + 1)


x = x_vp * np.sqrt(1 + s[0] ** 2)
for i in range(len(ts)):
    x = x + (s[i + 1] - s[i]) * eps(x, i)
print("euler sum %.4f mean %.6f" % (np.abs(x).sum(), np.abs(x).mean()))

x = x_vp * np.sqrt(1 + s[0] ** 2)
for i in range(len(ts)):
    d = eps(x, i)
    if s[i + 1] == 0:  # the last step, to sigma = 0, is Euler's
        x = x + (s[i + 1] - s[i]) * d
        continue
    xp = x + (s[i + 1] - s[i]) * d
    x = x + (s[i + 1] - s[i]) * (d + eps(xp, i + 1)) / 2
print("heun sum %.4f mean %.6f" % (np.abs(x).sum(), np.abs(x).mean()))
