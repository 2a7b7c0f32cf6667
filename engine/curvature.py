"""Local curvature at a point and the best fixed settings for its quadratic model.

Near a point ``θ0`` a smooth loss is ``f(θ) ≈ f(θ0) + gᵀ(θ − θ0) + ½ (θ − θ0)ᵀ H (θ − θ0)``.
When ``H`` is positive definite with eigenvalues ``0 < λmin <= λmax`` and condition
number ``κ = λmax / λmin``, gradient descent and heavy-ball momentum on that
quadratic converge linearly, and their best fixed settings are known in closed
form (G. Goh, "Why Momentum Really Works", Distill 2017):

* gradient descent is stable for ``lr < 2 / λmax``; the best ``lr* = 2 / (λmin + λmax)``
  contracts the error by ``(κ − 1) / (κ + 1)`` per step;
* heavy-ball momentum (``torch.optim.SGD(momentum=β)``: ``b = β b + g``,
  ``θ = θ − lr b``) is best at ``lr* = (2 / (√λmin + √λmax))²`` and
  ``β* = ((√κ − 1) / (√κ + 1))²``, contracting by ``(√κ − 1) / (√κ + 1)`` per step.

:func:`observed_rate` measures the contraction a run achieved, to set beside the
prediction.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

__all__ = ["Curvature", "local_curvature", "observed_rate"]


@dataclass(frozen=True, slots=True)
class Curvature:
    """The Hessian at ``point`` and what it predicts (settings are ``None`` where H is not positive definite)."""

    point: np.ndarray  # (2,)
    hessian: np.ndarray  # (2, 2), symmetrised
    eigenvalues: np.ndarray  # (2,), ascending: λmin, λmax
    eigenvectors: np.ndarray  # (2, 2), column i belongs to eigenvalues[i]

    @property
    def positive_definite(self) -> bool:
        return bool(self.eigenvalues[0] > 0.0)

    @property
    def kind(self) -> str:
        """What the point looks like to a quadratic model, in a user's words."""
        lo, hi = self.eigenvalues
        if lo > 0:
            return "bowl (positive definite)"
        if hi < 0:
            return "cap (negative definite: a maximum)"
        if lo < 0 < hi:
            return "saddle (indefinite)"
        return "flat along one direction (singular)"

    @property
    def kappa(self) -> float:
        """Condition number λmax / λmin (``inf`` unless positive definite)."""
        lo, hi = self.eigenvalues
        return float(hi / lo) if lo > 0 else math.inf

    @property
    def max_stable_lr(self) -> float | None:
        """The largest stable learning rate of gradient descent, ``2 / λmax`` (None if λmax <= 0)."""
        hi = self.eigenvalues[1]
        return float(2.0 / hi) if hi > 0 else None

    @property
    def gd_lr(self) -> float | None:
        """Gradient descent's best fixed rate ``2 / (λmin + λmax)``."""
        lo, hi = self.eigenvalues
        return float(2.0 / (lo + hi)) if lo > 0 else None

    @property
    def gd_rate(self) -> float | None:
        """The error contraction per step at :attr:`gd_lr`: ``(κ − 1) / (κ + 1)``."""
        return (self.kappa - 1.0) / (self.kappa + 1.0) if self.positive_definite else None

    @property
    def momentum_lr(self) -> float | None:
        """Heavy-ball momentum's best rate ``(2 / (√λmin + √λmax))²``."""
        lo, hi = self.eigenvalues
        return float((2.0 / (math.sqrt(lo) + math.sqrt(hi))) ** 2) if lo > 0 else None

    @property
    def momentum(self) -> float | None:
        """Heavy-ball momentum's best β: ``((√κ − 1) / (√κ + 1))²``."""
        r = self.momentum_rate
        return None if r is None else r * r

    @property
    def momentum_rate(self) -> float | None:
        """The error contraction per step at the best momentum settings: ``(√κ − 1) / (√κ + 1)``."""
        if not self.positive_definite:
            return None
        s = math.sqrt(self.kappa)
        return (s - 1.0) / (s + 1.0)

    def settings(self) -> dict[str, dict[str, float]]:
        """The optimal fixed settings as racer specs take them: ``{"sgd": {...}, "momentum": {...}}`` (empty if
        not positive definite)."""
        if not self.positive_definite:
            return {}
        assert self.gd_lr is not None and self.momentum_lr is not None and self.momentum is not None
        return {"sgd": {"lr": self.gd_lr}, "momentum": {"lr": self.momentum_lr, "momentum": self.momentum}}


def local_curvature(objective, point) -> Curvature:
    """The curvature of ``objective`` (anything with ``hessian(p)`` on arrays of shape (..., 2)) at ``point``."""
    p = np.asarray(point, dtype=float).reshape(2)
    if not np.all(np.isfinite(p)):
        raise ValueError(f"point must be finite, got {tuple(p)}")
    hess = getattr(objective, "hessian", None)
    if hess is None:
        raise ValueError("the objective has no Hessian")
    H = np.asarray(hess(p[None]), dtype=float).reshape(2, 2)
    if not np.all(np.isfinite(H)):
        raise ValueError(f"the Hessian at ({p[0]:g}, {p[1]:g}) is not finite")
    H = 0.5 * (H + H.T)
    lam, vecs = np.linalg.eigh(H)
    return Curvature(point=p, hessian=H, eigenvalues=lam, eigenvectors=vecs)


def observed_rate(positions, minimum, *, floor: float = 1e-10) -> float:
    """The error contraction per step a run achieved: ``(|e_n| / |e_m|)^(1 / (n − m))``.

    ``e_k = θ_k − θ*``; the window runs from the first quarter of the run to the last
    step whose error is still above ``floor`` times the first error (before rounding
    noise takes over). ``nan`` when fewer than 4 steps qualify.
    """
    pos = np.asarray(positions, dtype=float).reshape(-1, 2)
    err = np.hypot(*(pos - np.asarray(minimum, dtype=float).reshape(1, 2)).T)
    if len(err) < 5 or not np.isfinite(err[0]) or err[0] == 0.0:
        return math.nan
    ok = np.nonzero(np.isfinite(err) & (err > floor * err[0]))[0]
    if len(ok) == 0:
        return math.nan
    last = int(ok[-1])
    first = last // 4
    if last - first < 4 or err[first] == 0.0:
        return math.nan
    return float((err[last] / err[first]) ** (1.0 / (last - first)))
