"""Reference timings for benchmarks/engine.py: torch.optim, plain Python floats and JAX (jit + lax.scan).

Runs in any interpreter; prints one JSON object {name: {optimizer: us_per_step}, ...}. torch and
JAX are optional (not dependencies of Gradient Arena): run it with a Python that has them,
e.g. /work/torchvenv/bin/python benchmarks/reference_loops.py.
"""

from __future__ import annotations

import json
import math
import statistics
import sys
import time

STEPS, ROUNDS = 2000, 9
START = (-1.5, 2.0)


def rosen_vg(x, y):
    u = x - 1.0
    r = y - x * x
    t = 200.0 * r
    return u * u + 100.0 * (r * r), 2.0 * (u - x * t), t


def plain(name):
    x, y = START
    rec = []
    if name == "sgd":
        lr = 1e-3
        f, gx, gy = rosen_vg(x, y)
        for _ in range(STEPS):
            x, y = x - lr * gx, y - lr * gy
            f, gx, gy = rosen_vg(x, y)
            rec.append((x, y, f, gx, gy, lr, lr))
    elif name in ("adam", "radam"):
        lr, b1, b2, eps = 1e-3, 0.9, 0.999, 1e-8
        mx = my = vx = vy = 0.0
        f, gx, gy = rosen_vg(x, y)
        rho_inf = 2 / (1 - b2) - 1
        for t in range(1, STEPS + 1):
            mx += (gx - mx) * (1 - b1)
            my += (gy - my) * (1 - b1)
            vx = vx * b2 + (1 - b2) * gx * gx
            vy = vy * b2 + (1 - b2) * gy * gy
            bc1, bc2 = 1 - b1**t, 1 - b2**t
            if name == "adam":
                s = lr / bc1
                dx = math.sqrt(vx) / math.sqrt(bc2) + eps
                dy = math.sqrt(vy) / math.sqrt(bc2) + eps
                ex, ey = s / dx, s / dy
                x, y = x - ex * mx, y - ey * my
            else:
                rho_t = rho_inf - 2 * t * b2**t / bc2
                if rho_t > 5:
                    rect = ((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t)) ** 0.5
                    ex = lr * rect * bc2**0.5 / (math.sqrt(vx) + eps)
                    ey = lr * rect * bc2**0.5 / (math.sqrt(vy) + eps)
                else:
                    ex = ey = lr
                x, y = x - ex * mx / bc1, y - ey * my / bc1
            f, gx, gy = rosen_vg(x, y)
            rec.append((x, y, f, gx, gy, ex, ey))
    elif name == "newton":
        f, gx, gy = rosen_vg(x, y)
        for _ in range(STEPS):
            a, b, c = 1200.0 * x * x - 400.0 * y + 2.0, -400.0 * x, 200.0
            hd, mean = 0.5 * (a - c), 0.5 * (a + c)
            r = math.hypot(hd, b)
            lh, ll = abs(mean + r), abs(mean - r)
            ih, il = 1 / lh, 1 / ll
            u, v = (hd / r, b / r) if r else (1.0, 0.0)
            s, d = 0.5 * (ih + il), 0.5 * (ih - il)
            ma, mb, mc = s + d * u, d * v, s - d * u
            x, y = x - (ma * gx + mb * gy), y - (mb * gx + mc * gy)
            f, gx, gy = rosen_vg(x, y)
            rec.append((x, y, f, gx, gy, ma, mc))
    return rec


def timed(fn, name):
    runs = []
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        fn(name)
        runs.append((time.perf_counter() - t0) / STEPS * 1e6)
    return statistics.median(runs)


def torch_loop(name):
    import torch

    cls, kw = {"sgd": ("SGD", {"lr": 1e-3}), "adam": ("Adam", {"lr": 1e-3}), "radam": ("RAdam", {"lr": 1e-3})}[name]
    p = torch.tensor(START, dtype=torch.float64, requires_grad=True)
    opt = getattr(torch.optim, cls)([p], foreach=False, **kw)
    rec = torch.empty((STEPS, 5), dtype=torch.float64)
    for i in range(STEPS):
        opt.zero_grad()
        loss = (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2
        loss.backward()
        opt.step()
        with torch.no_grad():
            rec[i, :2] = p
            rec[i, 2] = loss
            rec[i, 3:] = p.grad
    return rec


def torch_newton(name):
    import torch
    from torch.autograd.functional import hessian

    f = lambda p: (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2
    p = torch.tensor(START, dtype=torch.float64)
    for _ in range(STEPS):
        q = p.clone().requires_grad_(True)
        loss = f(q)
        (g,) = torch.autograd.grad(loss, q)
        H = hessian(f, p)
        w, V = torch.linalg.eigh(H)
        p = p - V @ ((V.T @ g) / w.abs())
    return p


def torch_batched(batch, steps):
    import torch

    gen = torch.Generator().manual_seed(0)
    p = (torch.rand((batch, 2), generator=gen, dtype=torch.float64) * 2 - 1).requires_grad_(True)
    opt = torch.optim.Adam([p], lr=0.01, foreach=False)
    t0 = time.perf_counter()
    for _ in range(steps):
        opt.zero_grad()
        loss = ((1 - p[:, 0]) ** 2 + 100 * (p[:, 1] - p[:, 0] ** 2) ** 2).sum()
        loss.backward()
        opt.step()
    return batch * steps / (time.perf_counter() - t0)


def jax_loops():
    import jax
    import jax.numpy as jnp

    jax.config.update("jax_enable_x64", True)

    def vg(p):
        return jax.value_and_grad(lambda q: (1 - q[0]) ** 2 + 100 * (q[1] - q[0] ** 2) ** 2)(p)

    def make(name):
        def step(carry, t):
            p, m, v = carry
            f, g = vg(p)
            if name == "sgd":
                p2 = p - 1e-3 * g
            elif name == "newton":
                H = jax.hessian(lambda q: (1 - q[0]) ** 2 + 100 * (q[1] - q[0] ** 2) ** 2)(p)
                w, V = jnp.linalg.eigh(H)
                p2 = p - V @ ((V.T @ g) / jnp.abs(w))
            else:
                m = m + (g - m) * 0.1
                v = v * 0.999 + 0.001 * g * g
                bc1, bc2 = 1 - 0.9**t, 1 - 0.999**t
                if name == "adam":
                    p2 = p - (1e-3 / bc1) * m / (jnp.sqrt(v) / jnp.sqrt(bc2) + 1e-8)
                else:
                    rho_inf = 2 / (1 - 0.999) - 1
                    rho_t = rho_inf - 2 * t * 0.999**t / bc2
                    rect = jnp.sqrt(
                        jnp.maximum((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t), 0)
                    )
                    ad = jnp.sqrt(bc2) / (jnp.sqrt(v) + 1e-8)
                    p2 = jnp.where(rho_t > 5, p - 1e-3 * m / bc1 * ad * rect, p - 1e-3 * m / bc1)
            return (p2, m, v), (p2, f, g)

        run = jax.jit(lambda p0: jax.lax.scan(step, (p0, jnp.zeros(2), jnp.zeros(2)), jnp.arange(1.0, STEPS + 1)))
        return run

    out = {}
    for name in ("sgd", "adam", "radam", "newton"):
        run = make(name)
        p0 = jnp.array(START)
        jax.block_until_ready(run(p0))
        runs = []
        for _ in range(ROUNDS):
            t0 = time.perf_counter()
            jax.block_until_ready(run(p0))
            runs.append((time.perf_counter() - t0) / STEPS * 1e6)
        out[name] = statistics.median(runs)
    return out


def main() -> int:
    names = ("sgd", "adam", "radam", "newton")
    result: dict = {"plain": {n: timed(plain, n) for n in names}}
    try:
        import torch

        torch.set_num_threads(2)
        result["torch"] = {n: timed(torch_newton if n == "newton" else torch_loop, n) for n in names}
        batch = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
        best = 0.0
        for threads in (1, 2):  # the better of one and two threads (on a busy machine one can win)
            torch.set_num_threads(threads)
            best = max(best, statistics.median(torch_batched(batch, 50) for _ in range(3)))
        result["torch_batched_point_steps_per_s"] = best
    except ImportError:
        pass
    try:
        result["jax"] = jax_loops()
    except ImportError:
        pass
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
