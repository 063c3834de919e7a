"""cld.py — critically-damped Langevin diffusion (Dockhorn et al. 2022) as gDDIM uses it (gddim-spec.md 3.1-3.4),
for training the shipped CLD model: beta = 4, M = 0.25, Gamma = 1 (critical, Gamma^2 = 4 M), gamma = 0.04,
eps_num = 1e-6; initial covariance diag(eps_num, gamma M + eps_num) (data enter with v0 = 0); transition Psi(t, 0),
covariance Sigma_t in closed form; gDDIM's frame R_t = L_t rot(theta_t) with L_t the Cholesky factor of Sigma_t and
d theta / dt = -beta M^-1 L_vv / L_xx, theta_0 = 0, tabulated once in float64 on a log-spaced grid (RK4) and
interpolated. Checked against the spec's reference values by `python3 cld.py`."""
import math

import numpy as np

BETA, M, GAMMA_DAMP, GAMMA, EPS_NUM = 4.0, 0.25, 1.0, 0.04, 1e-6
SX, SV = EPS_NUM, GAMMA * M + EPS_NUM


def psi(t, s=0.0):
    """Psi(t, s) (2x2) with B = beta (t - s), y = 4 B / Gamma."""
    b = BETA * (t - s)
    y = 4 * b / GAMMA_DAMP
    return math.exp(-y / 2) * np.array([[1 + y / 2, b / M], [-b, 1 - y / 2]])


def sigma(t):
    """Sigma_t (2x2) = Sigma0(y) + Psi Sigma_0 Psi^T, with expm1-based forms against cancellation at small y."""
    y = 4 * BETA * t / GAMMA_DAMP
    e = math.exp(-y)
    xx0 = e * (math.expm1(y) - y - y * y / 2) if y > 1e-2 else e * (y ** 3 / 6 + y ** 4 / 24 + y ** 5 / 120 + y ** 6 / 720)
    xv0 = e * GAMMA_DAMP * y * y / 4
    vv0 = M * e * (math.expm1(y) + y - y * y / 2)
    p = psi(t)
    return np.array([[xx0, xv0], [xv0, vv0]]) + p @ np.diag([SX, SV]) @ p.T


def cholesky(t):
    s = sigma(t)
    lxx = math.sqrt(s[0, 0])
    lvx = s[0, 1] / lxx
    return lxx, lvx, math.sqrt(s[1, 1] - lvx * lvx)


def dtheta(t):
    lxx, _, lvv = cholesky(t)
    return -BETA / M * lvv / lxx


class ThetaTable:
    """theta(t) by RK4 in log t from t = 1e-9 (theta ~ 0 there to 1e-7), tabulated for interpolation."""

    def __init__(self, t_max=1.05, n=20000):
        u = np.linspace(math.log(1e-9), math.log(t_max), n)
        theta = np.zeros(n)
        theta[0] = dtheta(1e-9) * 1e-9  # the integral from 0 to 1e-9 (integrand ~ constant there)
        f = lambda uu: dtheta(math.exp(uu)) * math.exp(uu)  # noqa: E731
        for i in range(n - 1):
            h = u[i + 1] - u[i]
            k1 = f(u[i])
            k2 = f(u[i] + h / 2)
            k3 = k2
            k4 = f(u[i + 1])
            theta[i + 1] = theta[i] + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
        self.u, self.theta = u, theta

    def __call__(self, t):
        return float(np.interp(math.log(t), self.u, self.theta))


def frame(t, table):
    """R_t (2x2)."""
    lxx, lvx, lvv = cholesky(t)
    th = table(t)
    c, s = math.cos(th), math.sin(th)
    return np.array([[lxx, 0.0], [lvx, lvv]]) @ np.array([[c, -s], [s, c]])


if __name__ == "__main__":
    table = ThetaTable()
    spec = {1e-3: (-1.14347, [[8.4875e-4, 1.86379e-3], [-0.0267363, 0.129784]]),
            0.01: (-2.70538, [[-0.026032, 0.0121352], [-0.272896, -0.0326213]]),
            0.1: (-4.95414, [[0.112752, -0.457273], [0.428948, -0.17822]]),
            0.5: (-8.48275, [[-0.584152, 0.80326], [-0.40581, -0.288534]]),
            1.0: (-12.48422, [[0.99662, -0.082057], [0.0410356, 0.49831]])}
    worst = 0
    for t, (th, r) in spec.items():
        got = frame(t, table)
        worst = max(worst, abs(table(t) - th), np.abs(got - np.array(r)).max())
        print(f"t={t}: theta {table(t):.5f} (spec {th}), R {np.round(got, 6).tolist()}")
    s01 = sigma(0.1)
    print("Sigma(0.1)", np.round([s01[0, 0], s01[0, 1], s01[1, 1]], 6), "(spec 0.221811, 0.12986, 0.215758)")
    print("Psi(0.3, 0.5)", np.round(psi(0.3, 0.5), 6).tolist(), "(spec -2.971819, -15.849704; 3.962426, 12.877884)")
    print("max deviation from the spec tables:", worst)
    assert worst < 2e-4, worst
