"""The loss landscape around the racers' paths: a plane through parameter space, the loss on a grid of it.

Two ways to choose the plane (Li et al. 2018, "Visualizing the Loss Landscape of
Neural Nets"):

* ``pca``: the plane that fits the racers' paths best: through the mean of every
  snapshot of every path, spanned by the first two principal components of the
  concatenated trajectories (orthonormal). ``explained`` gives the share of the
  paths' variance each direction holds.
* ``random``: two random Gaussian directions, *filter-normalized*: in every
  layer each row of the direction (the weights into one unit, a "filter") is
  scaled to the norm of the same row of the weights at the centre; bias entries
  are 0 (Li et al. leave biases out). The plane is centred on ``center`` (the
  best racer's final weights, say).

Paths are projected onto the plane by least squares (for PCA: the dot products).
The loss is the mean cross-entropy over a fixed sample of at most ``n_points``
training points, computed in float32 in batches of grid points (the first layer
once per direction, the others by stacked matrix products): a picture, not the
float64 numbers the racers see.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .problem import NetworkProblem

__all__ = ["Landscape", "filter_normalized_directions", "landscape", "pca_directions", "plane_losses"]


@dataclass(frozen=True, eq=False)
class Landscape:
    """The loss on a ``len(betas) x len(alphas)`` grid of the plane ``origin + a d1 + b d2``."""

    method: str
    origin: np.ndarray
    d1: np.ndarray
    d2: np.ndarray
    alphas: np.ndarray
    betas: np.ndarray
    losses: np.ndarray  # shape (len(betas), len(alphas))
    paths: list[np.ndarray]  # per racer, (k, 2) plane coordinates of its snapshots
    explained: tuple[float, float] | None = None

    def project(self, points: np.ndarray) -> np.ndarray:
        """Plane coordinates (k, 2) of parameter vectors (k, P), by least squares (new snapshots, live)."""
        return _project([np.atleast_2d(points)], self.origin, self.d1, self.d2)[0]


def pca_directions(trajectories: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray, tuple[float, float]]:
    """(origin, d1, d2, explained variance ratios) of the concatenated trajectories (each (k_i, P))."""
    X = np.concatenate([np.asarray(t, dtype=np.float64) for t in trajectories])
    if len(X) < 3:
        raise ValueError("a PCA plane needs at least 3 snapshots of the paths")
    origin = X.mean(axis=0)
    C = X - origin
    # k snapshots of P parameters, k << P: the eigenvectors of the k x k Gram matrix C C^T give the
    # principal directions C^T u / sqrt(lambda) (the SVD of C itself costs ~20x more at P = 38,000)
    lam, U = np.linalg.eigh(C @ C.T)
    lam, U = lam[::-1], U[:, ::-1]
    total = lam.clip(0).sum()
    if total == 0 or len(lam) < 2 or lam[1] <= 1e-12 * lam[0]:
        raise ValueError("the paths do not move, or move along a line: no plane to draw")
    d1 = C.T @ U[:, 0] / np.sqrt(lam[0])
    d2 = C.T @ U[:, 1] / np.sqrt(lam[1])
    var = lam
    # a stable orientation: the paths' largest coordinate change is positive along each direction
    for d in (d1, d2):
        if np.dot(X[-1] - X[0], d) < 0:
            d *= -1
    return origin, d1, d2, (float(var[0] / total), float(var[1] / total))


def filter_normalized_directions(
    problem: NetworkProblem, center: np.ndarray, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Two random directions, filter-normalized against ``center`` (Li et al. 2018), biases 0."""
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(5,)))
    model = problem.model
    out = []
    for _ in range(2):
        d = np.zeros(model.n_params)
        for (W, _b), (Wd, _bd) in zip(model.unpack(center), model.unpack(d)):
            r = rng.standard_normal(W.shape)
            norms = np.linalg.norm(r, axis=1, keepdims=True)
            Wd[...] = r * (np.linalg.norm(W, axis=1, keepdims=True) / np.where(norms > 0, norms, 1.0))
        out.append(d)
    return out[0], out[1]


def _project(paths: list[np.ndarray], origin: np.ndarray, d1: np.ndarray, d2: np.ndarray) -> list[np.ndarray]:
    D = np.column_stack([d1, d2])
    gram = D.T @ D
    return [np.linalg.solve(gram, D.T @ (np.asarray(p, dtype=np.float64) - origin).T).T for p in paths]


def plane_losses(
    problem: NetworkProblem,
    origin: np.ndarray,
    d1: np.ndarray,
    d2: np.ndarray,
    alphas: np.ndarray,
    betas: np.ndarray,
    n_points: int = 200,
    chunk: int = 16,
) -> np.ndarray:
    """Mean cross-entropy on a fixed sample of the training set at every ``origin + a d1 + b d2``
    (float32), shape ``(len(betas), len(alphas))``."""
    model, data = problem.model, problem.data
    rng = np.random.default_rng(np.random.SeedSequence(problem.spec.seed, spawn_key=(6,)))
    n = data.n
    idx = np.sort(rng.choice(n, min(n_points, n), replace=False))
    X = data.rows(data.X_train, idx).astype(np.float32)
    y = data.y_train[idx]
    A, B = np.meshgrid(np.asarray(alphas, dtype=np.float32), np.asarray(betas, dtype=np.float32))
    a, b = A.ravel(), B.ravel()
    parts = [model.unpack(v.astype(np.float32)) for v in (origin, d1, d2)]
    first = [X @ W.T for W, _ in (p[0] for p in parts)]  # first layer, per direction: (n, h1)
    act = model.activation
    last = model.n_layers - 1
    out = np.empty(len(a), dtype=np.float64)
    rows = np.arange(len(y))
    with np.errstate(all="ignore"):
        for lo in range(0, len(a), chunk):
            ca, cb = a[lo : lo + chunk, None, None], b[lo : lo + chunk, None, None]
            (_, b0), (_, b1), (_, b2) = parts[0][0], parts[1][0], parts[2][0]
            z = first[0][None] + ca * first[1][None] + cb * first[2][None]
            z += (b0[None] + ca[:, :, 0] * b1[None] + cb[:, :, 0] * b2[None])[:, None, :]
            for i in range(1, last + 1):
                h = _activate(z, act)
                (W0, c0), (W1, c1), (W2, c2) = parts[0][i], parts[1][i], parts[2][i]
                W = W0[None] + ca * W1[None] + cb * W2[None]  # (g, out, in)
                c = c0[None] + ca[:, :, 0] * c1[None] + cb[:, :, 0] * c2[None]
                z = np.matmul(h, W.transpose(0, 2, 1))
                z += c[:, None, :]
            m = z.max(axis=2, keepdims=True)
            lse = (m[..., 0] + np.log(np.exp(z - m).sum(axis=2))).astype(np.float64)
            out[lo : lo + chunk] = (lse - z[:, rows, y].astype(np.float64)).mean(axis=1)
    return out.reshape(A.shape)


def _activate(z: np.ndarray, act: str) -> np.ndarray:
    if act == "relu":
        return np.maximum(z, 0, out=z)
    if act == "tanh":
        return np.tanh(z, out=z)
    return 1.0 / (1.0 + np.exp(-z))


def landscape(
    problem: NetworkProblem,
    trajectories: list[np.ndarray],
    method: str = "pca",
    resolution: int = 60,
    *,
    center: np.ndarray | None = None,
    seed: int = 0,
    margin: float = 0.25,
    n_points: int = 200,
) -> Landscape:
    """The loss landscape of ``problem`` on a plane through ``trajectories`` (per racer, (k, P) snapshots)."""
    if method not in ("pca", "random"):
        raise ValueError(f"method must be 'pca' or 'random', got {method!r}")
    if resolution < 2:
        raise ValueError(f"resolution must be >= 2, got {resolution}")
    explained = None
    if method == "pca":
        origin, d1, d2, explained = pca_directions(trajectories)
    else:
        origin = np.asarray(center if center is not None else trajectories[0][-1], dtype=np.float64)
        d1, d2 = filter_normalized_directions(problem, origin, seed)
    paths = _project(trajectories, origin, d1, d2)
    pts = np.concatenate(paths)
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    if method == "random":  # Li et al. draw [-1, 1]: at least that
        lo, hi = np.minimum(lo, -1.0), np.maximum(hi, 1.0)
    span = np.maximum(hi - lo, 1e-12)
    lo, hi = lo - margin * span, hi + margin * span
    alphas = np.linspace(lo[0], hi[0], resolution)
    betas = np.linspace(lo[1], hi[1], resolution)
    losses = plane_losses(problem, origin, d1, d2, alphas, betas, n_points=n_points)
    return Landscape(method, origin, d1, d2, alphas, betas, losses, paths, explained)
