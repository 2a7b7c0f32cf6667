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

__all__ = ["Curvature", "local_curvature", "observed_rate", "RATE_MODELS"]

#: optimizers whose linear rate on a quadratic :meth:`Curvature.predicted_rate` knows (fixed-rate SGD family)
RATE_MODELS = ("sgd", "momentum", "nesterov")


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

    def predicted_rate(self, optimizer: str, hyperparams) -> float | None:
        """The error contraction per step that ``optimizer`` (one of :data:`RATE_MODELS`) with these
        (resolved) hyperparameters reaches on this quadratic model: the spectral radius of its iteration.

        Per eigenvalue λ (plus any weight decay), with a = lr·λ: gradient descent multiplies the error by
        ``1 − a``; torch's momentum (``b = β b + (1 − d) g``, ``θ −= lr b``) and its Nesterov form
        (``θ −= lr (g + β b)``) are linear maps of (error, b) whose largest eigenvalue modulus is the rate.
        ``None`` where the model has no minimum or the optimizer adapts its rates (no fixed linear map).
        """
        if optimizer not in RATE_MODELS or not self.positive_definite:
            return None
        lr = float(hyperparams["lr"])
        beta = float(hyperparams.get("momentum", 0.0) or 0.0)
        damp = float(hyperparams.get("dampening", 0.0) or 0.0)
        nesterov = bool(hyperparams.get("nesterov", False))
        wd = float(hyperparams.get("weight_decay", 0.0) or 0.0)
        worst = 0.0
        for lam in self.eigenvalues + wd:
            if beta == 0.0:
                radius = abs(1.0 - lr * lam)
            else:
                if nesterov:  # b' = β b + λe;  e' = e − lr (λe + β b')
                    m = np.array([[1.0 - lr * lam * (1.0 + beta), -lr * beta * beta], [lam, beta]])
                else:  # b' = β b + (1 − d) λe;  e' = e − lr b'
                    m = np.array([[1.0 - lr * (1.0 - damp) * lam, -lr * beta], [(1.0 - damp) * lam, beta]])
                radius = float(np.max(np.abs(np.linalg.eigvals(m))))
            worst = max(worst, float(radius))
        return worst

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
