"""Data-fit surfaces: linear_regression and logistic_regression.

Each is the loss of a two-parameter model fitted to a small synthetic data set,
drawn from the parameters (a pure function of them: the same parameters give
the same data, bit for bit; another ``data_seed`` gives other data).  The map's
axes are the model's two parameters.  Besides the usual ``f``, ``grad``,
``hessian`` and ``value_and_grad`` on the full data, ``surface.data`` (a
`LinearData` or `LogisticData`, frozen) holds the data and computes the loss
and gradient of any subset of it, so that the engine can take mini-batch
steps::

    s = get_surface("linear_regression", n=200, noise=0.5)
    s.data.n, s.data.x, s.data.y, s.data.kind        # 200, (200,), (200,), "linear"
    f, g = s.data.batch_value_and_grad(p, idx)       # p (B, 2), idx (b,) ints -> (B,), (B, 2)

The mini-batch loss is the mean over the batch of the per-point losses, so the
mean over an epoch's equal-sized batches of their gradients is the full
gradient, and a batch drawn uniformly at random has the full gradient as its
expectation.  Every row of ``p`` is computed on its own (elementwise arithmetic
and a sum per row, no matrix products whose blocking depends on B): row i of a
(B, 2) call equals the call for that row alone, bit for bit, so a racer's path
does not depend on who else is racing.  Cost (one core, n = 1000): about 10 µs
per call for B = 1, b = 32, of which about 3.5 µs is NumPy's floor
(``asarray`` + ``take`` + one ufunc + one sum + ``errstate``).

**linear_regression.**  Data ``yᵢ = intercept + slope·xᵢ + noise·εᵢ`` with
``xᵢ ~ Uniform[x_min, x_max]`` and ``εᵢ ~ N(0, 1)``.  Loss: the plain mean
squared error (no ½), ``f(b₀, b₁) = (1/n) Σᵢ (b₀ + b₁ xᵢ − yᵢ)²``, map x = the
intercept ``b₀``, map y = the slope ``b₁``.  With ``X = [1, x]`` (n × 2) the
Hessian is the constant ``(2/n) XᵀX`` and the minimum is the least-squares
solution ``b*`` (``np.linalg.lstsq``).  On the full data ``f`` is evaluated in
closed form, ``f(b) = f* + (d₀ + x̄ d₁)² + s² d₁²`` with ``d = b − b*``, ``x̄``
the mean and ``s`` the (population) standard deviation of the xᵢ (an identity
for the least-squares ``b*``): it costs the same for any n (the GUI samples
f on a 300 × 300 grid), is exactly ``f*`` with a zero gradient at ``b*``, and
is never below ``f*``.  ``data.batch_value_and_grad`` sums the per-point
squared residuals instead; with all indices the two agree to rounding
(relative 1e-12 of the size of the terms, see the tests), not bit for bit.

**logistic_regression.**  Features ``xᵢ = separation · uᵢ`` with
``uᵢ ~ N(0, I₂)``; labels ``yᵢ ~ Bernoulli(σ(w*·xᵢ))`` with ``w* = (w1, w2)``
(no bias).  A larger separation makes the true margins ``w*·xᵢ`` larger, so the
labels are more often on the side of ``w*`` and the classes overlap less
(separation 0 puts every point at the origin: the loss is log 2 everywhere).
Loss: the mean binary cross-entropy ``f(w) = (1/n) Σᵢ softplus(zᵢ) − yᵢ zᵢ``,
``zᵢ = w·xᵢ``, map (x, y) = ``(w₁, w₂)``.  It is computed as
``softplus(uᵢ)`` with ``uᵢ = (1 − 2yᵢ) zᵢ`` (equal, for labels 0 and 1),
``softplus(u) = max(u, 0) + log1p(exp(−|u|))``: no overflow and no log(0) at
any margin.  Gradient ``(1/n) Σᵢ σ(uᵢ)(1 − 2yᵢ) xᵢ = (1/n) Σᵢ (σ(zᵢ) − yᵢ) xᵢ``
with ``σ(u) = exp(u − softplus(u))`` (the exponent is ≤ 0); Hessian
``(1/n) Σᵢ σ(zᵢ)(1 − σ(zᵢ)) xᵢ xᵢᵀ``, ``σ(1 − σ) = e/(1 + e)²``, ``e = exp(−|u|)``.
The full-data functions run the very kernel of ``batch_value_and_grad`` on all
the data (in chunks of rows, which does not change any row's result), so
``batch_value_and_grad(p, all indices)`` equals ``value_and_grad(p)`` bit for
bit.  Their cost grows with n: about 5 ns per (point, datum), so the GUI's
300 × 300 contour grid takes about 0.1 s at n = 200 and 0.4 s at n = 1000
(40 s at the maximum n = 100000).  The minimum is the maximum-likelihood estimate, found at build time by
damped Newton iterations to machine precision.  It exists (and is unique)
unless the data are separable by a line through the origin, tested exactly in
2-D: the signed points ``(2yᵢ − 1) xᵢ`` leave an angular gap of at least π.
For separable data (or separation 0) ``minima`` is empty and ``f_min`` None.
With the defaults (n=200, w*=(1.5, −1), separation 1, data_seed 0) the data
are far from separable (a fifth of the labels disagree with the sign of w*·x).

**Start and plot domain** (both surfaces, same rule).  ``c`` is the minimum
(for logistic data without an MLE: ``w*``).  The start is the first of two
candidates at least 1 away from ``c`` in some coordinate (max-norm): linear
``(0, 0)`` (the untrained model) then ``(−2, 2)``; logistic ``(−2, 2)`` (a
classifier pointing roughly against the default ``w*``) then ``(2, −2)``.
The domain is centred on ``c`` with half-widths ``1.5 |startⱼ − cⱼ|``, the
shorter widened to at least half the longer: it shows the start, the minimum,
the way between them and, across it, the ravine of the linear fit (long axis
about ``(1, −1/x̄)`` for data away from x = 0).  Contours: ``"log"``: the
excess loss ``f − f*`` spans 2 to 2.5 decades between its 2nd and 98th
percentiles over the box (like booth and matyas; the sphere, drawn linear, spans
1.8), and log levels show the basin and the valley floor, which linear levels
leave blank (checked by rendering both); logistic data without a minimum get
``"linear"``.

Same data for the same parameters: ``np.random.SeedSequence(data_seed)`` spawns
one generator for the xᵢ and one for the noise (or labels), so the first k
points are the same for every n ≥ k, and changing noise, slope, intercept or
the x range moves the same points (likewise w1, w2, separation for the labels'
uniform draws).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from specs import Param, ParamError

from .base import Minimum, Surface, SurfaceDef
from .kernels import constants, coordinatewise

__all__ = ["LINEAR_REGRESSION", "LOGISTIC_REGRESSION", "LinearData", "LogisticData", "surface_from_data"]

Box = tuple[tuple[float, float], tuple[float, float]]

# Full-data evaluations run the per-point kernel on blocks of rows holding at most this many
# (row, point) pairs: 128 KB temporaries, which stay in cache and in the allocator's free lists
# (blocks of 64K pairs ran 3x slower per pair), whatever the grid size.
_CHUNK = 1 << 14
_0 = constants(0.0)[0]


def _frozen(array: np.ndarray) -> np.ndarray:
    array = np.ascontiguousarray(array, dtype=np.float64)
    array.flags.writeable = False
    return array


def _generators(data_seed: int) -> tuple[np.random.Generator, np.random.Generator]:
    first, second = np.random.SeedSequence(int(data_seed)).spawn(2)
    return np.random.default_rng(first), np.random.default_rng(second)


def _rows(p: Any) -> tuple[np.ndarray, tuple[int, ...]]:
    p = np.asarray(p, dtype=np.float64)
    return (p if p.ndim == 2 else p.reshape(-1, 2)), p.shape


def _clip_line(a0: float, a1: float, c: float, extent: Box) -> np.ndarray:
    """End points ((x, y), (x, y)) of the line ``a0 x + a1 y = c`` inside the box `extent`.

    All NaN when the line misses the box or is undefined (``a = 0`` or non-finite numbers).
    """
    out = np.full((2, 2), np.nan)
    (x0, x1), (y0, y1) = (float(extent[0][0]), float(extent[0][1])), (float(extent[1][0]), float(extent[1][1]))
    scale = max(abs(a0), abs(a1))
    if not (math.isfinite(scale) and scale > 0.0 and math.isfinite(c)):
        return out
    a0, a1, c = a0 / scale, a1 / scale, c / scale
    norm2 = a0 * a0 + a1 * a1
    origin = (c * a0 / norm2, c * a1 / norm2)  # the line's point nearest (0, 0)
    direction = (-a1, a0)
    lo, hi = -math.inf, math.inf
    for q, d, low, high in ((origin[0], direction[0], x0, x1), (origin[1], direction[1], y0, y1)):
        if d == 0.0:
            if not (low <= q <= high):
                return out
            continue
        t1, t2 = (low - q) / d, (high - q) / d
        lo, hi = max(lo, min(t1, t2)), min(hi, max(t1, t2))
    if not (lo <= hi) or not (math.isfinite(lo) and math.isfinite(hi)):
        return out
    for row, t in enumerate((lo, hi)):
        out[row, 0] = min(max(origin[0] + t * direction[0], x0), x1)
        out[row, 1] = min(max(origin[1] + t * direction[1], y0), y1)
    return out


def _start_and_domain(centre: np.ndarray, candidates) -> tuple[tuple[float, float], Box]:
    """The start (first candidate at least 1 away from `centre` in some coordinate) and the domain
    (centred on `centre`, half-widths 1.5 |start − centre| per axis, the shorter at least half the longer)."""
    cx, cy = float(centre[0]), float(centre[1])
    for start in candidates:
        if max(abs(start[0] - cx), abs(start[1] - cy)) >= 1.0:
            break
    hx, hy = 1.5 * abs(start[0] - cx), 1.5 * abs(start[1] - cy)
    hx, hy = max(hx, hy / 2.0), max(hy, hx / 2.0)
    return (float(start[0]), float(start[1])), ((cx - hx, cx + hx), (cy - hy, cy + hy))


# --- linear regression -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, eq=False)
class LinearData:
    """The data of a linear_regression surface (immutable; arrays read-only); build with `LinearData.create`.

    ``kind`` ``"linear"``; ``n``; ``x`` (n,) inputs; ``y`` (n,) targets; ``x_range``
    (x_min, x_max); ``true_params`` (intercept, slope) the data were drawn from (None for loaded
    data: unknown); ``source`` None for generated data, else the file loaded data came from ("" unknown);
    ``extent`` ((x_min, x_max), (y_low, y_high)), a box for a data plot (the targets
    plus 5 %).  Parameters ``p`` are (intercept b₀, slope b₁) as on the map.
    """

    kind: ClassVar[str] = "linear"
    n: int
    x: np.ndarray
    y: np.ndarray
    x_range: tuple[float, float]
    true_params: tuple[float, float] | None
    extent: Box
    cols: np.ndarray  # rows 1, x, y: one take per batch
    source: str | None = None

    @classmethod
    def create(
        cls, x: np.ndarray, y: np.ndarray, x_range: Any, true_params: Any, source: str | None = None
    ) -> LinearData:
        x, y = _frozen(x), _frozen(y)
        lo, hi = float(y.min()), float(y.max())
        pad = 0.05 * (hi - lo) if hi > lo else 1.0
        return cls(
            n=int(x.shape[0]),
            x=x,
            y=y,
            x_range=(float(x_range[0]), float(x_range[1])),
            true_params=None if true_params is None else (float(true_params[0]), float(true_params[1])),
            extent=((float(x_range[0]), float(x_range[1])), (lo - pad, hi + pad)),
            cols=_frozen(np.stack([np.ones_like(x), x, y])),
            source=source,
        )

    def __repr__(self) -> str:
        return f"<LinearData n={self.n}>"

    def batch_value_and_grad(self, p: Any, idx: Any) -> tuple[np.ndarray, np.ndarray]:
        """Mean squared error over the points `idx` and its gradient, for every row of `p`.

        `p`: shape (B, 2) (any (..., 2) works); `idx`: integer array (b,), b ≥ 1, the same
        mini-batch for every row (repeats allowed).  Returns f (B,) and gradient (B, 2).
        Not checked (the engine's hot path).
        """
        p = np.asarray(p, dtype=np.float64)
        shape = p.shape
        if p.ndim != 2:
            p = p.reshape(-1, 2)
        with np.errstate(all="ignore"):
            cols = self.cols.take(idx, axis=1)
            b = cols.shape[1]
            r = p[:, 1:2] * cols[1]
            r += p[:, 0:1]
            r -= cols[2]
            f = np.add.reduce(r * r, axis=-1) / b
            g = np.add.reduce(r[:, None, :] * cols[:2], axis=-1) * (2.0 / b)
        if len(shape) != 2:
            return f.reshape(shape[:-1])[()], g.reshape(shape)
        return f, g

    def predict(self, p: Any, x: Any) -> np.ndarray:
        """The fitted line's values ``b₀ + b₁ x`` for one parameter vector `p` (2,)."""
        b0, b1 = (float(v) for v in np.asarray(p, dtype=np.float64))
        return b0 + b1 * np.asarray(x, dtype=np.float64)

    def predict_line(self, p: Any) -> np.ndarray:
        """End points ((x_min, ŷ), (x_max, ŷ)) of the fitted line ``y = b₀ + b₁ x`` for `p` (2,)."""
        xs = np.array(self.x_range)
        return np.column_stack([xs, self.predict(p, xs)])

    def boundary_points(self, p: Any, extent: Box | None = None) -> np.ndarray:
        """The fitted line ``y = b₀ + b₁ x`` for `p` (2,), clipped to `extent` ((x0, x1), (y0, y1)).

        Default extent: ``self.extent``.  Returns (2, 2) end points, rows (x, y), left to right;
        all NaN when the line misses the box.
        """
        b0, b1 = (float(v) for v in np.asarray(p, dtype=np.float64))
        ends = _clip_line(-b1, 1.0, b0, self.extent if extent is None else extent)
        return ends if not (ends[0, 0] > ends[1, 0]) else ends[::-1].copy()


def _make_linear_regression(
    definition: SurfaceDef,
    n: int,
    noise: float,
    intercept: float,
    slope: float,
    x_min: float,
    x_max: float,
    data_seed: int,
) -> Surface:
    if not x_min < x_max:
        raise ParamError(
            f"parameters 'x_min' and 'x_max' of surface '{definition.name}' must satisfy x_min < x_max, "
            f"got x_min={x_min:g}, x_max={x_max:g}",
            "x_max",
            "must be > x_min",
        )
    if x_max - x_min < 1e-6 * max(1.0, abs(x_min), abs(x_max)):
        raise ParamError(
            f"parameters 'x_min' and 'x_max' of surface '{definition.name}' give too narrow an x range "
            f"for a fit (x_min={x_min:g}, x_max={x_max:g}): the width must be at least "
            f"1e-6 times max(1, |x_min|, |x_max|)",
            "x_max",
            "gives too narrow an x range",
        )
    rng_x, rng_noise = _generators(data_seed)
    x = x_min + (x_max - x_min) * rng_x.random(n)
    y = intercept + slope * x + noise * rng_noise.standard_normal(n)
    data = LinearData.create(x, y, (x_min, x_max), (intercept, slope))
    params = {
        "n": n,
        "noise": noise,
        "intercept": intercept,
        "slope": slope,
        "x_min": x_min,
        "x_max": x_max,
        "data_seed": data_seed,
    }
    return _linear_surface(definition, data, params)


def _linear_surface(definition: SurfaceDef, data: LinearData, params: dict[str, Any]) -> Surface:
    """The least-squares loss of ``data`` (generated or loaded) as a surface."""
    x, y, n = data.x, data.y, data.n
    best = np.linalg.lstsq(np.column_stack([np.ones(n), x]), y, rcond=None)[0]
    residual = best[0] + best[1] * x - y
    f_best = float(np.mean(residual * residual))
    mean = float(np.mean(x))
    spread = float(np.sqrt(np.mean((x - mean) ** 2)))
    b_star = _frozen(best)
    f_star, x_bar, s_x = constants(f_best, mean, spread)
    # f(b) = f* + ‖(b − b*) L‖², L = [[1, 0], [x̄, s]], L Lᵀ = XᵀX / n; gradient 2 L Lᵀ (b − b*).
    # Elementwise (no matrix products), so a row's result does not depend on the batch shape.
    hess = _frozen(2.0 * np.array([[1.0, mean], [mean, mean * mean + spread * spread]]))

    def excess(p: np.ndarray, want_grad: bool) -> tuple[Any, Any]:
        d = p - b_star
        d1 = d[..., 1]
        t0 = x_bar * d1
        t0 += d[..., 0]
        t1 = s_x * d1
        q = t0 * t0
        q += t1 * t1
        if not want_grad:
            return q, None
        g = np.empty(d.shape)
        np.add(t0, t0, out=g[..., 0])
        g1 = x_bar * t0
        g1 += s_x * t1
        np.add(g1, g1, out=g[..., 1])
        return q, g

    def value_and_grad(p: np.ndarray) -> tuple[Any, Any]:
        q, g = excess(p, True)
        return f_star + q, g

    hxx, hxy, hyy = float(hess[0, 0]), float(hess[0, 1]), float(hess[1, 1])
    functions = coordinatewise(
        f=lambda p: f_star + excess(p, False)[0],
        grad=lambda p: excess(p, True)[1],
        hessian=lambda p: (hxx, hxy, hyy),
        value_and_grad=value_and_grad,
        compiled=False,  # closures over the data's statistics: NumPy path
    )

    start, domain = _start_and_domain(best, ((0.0, 0.0), (-2.0, 2.0)))
    return definition.assemble(
        params,
        domain=domain,
        start=start,
        minima=(Minimum((float(best[0]), float(best[1])), f_best, "global"),),
        contour="log",
        data=data,
        **functions,
    )


LINEAR_REGRESSION = SurfaceDef(
    name="linear_regression",
    title="Linear regression (MSE)",
    formula="(1/n) Σᵢ (b₀ + b₁xᵢ − yᵢ)²,  (b₀, b₁) = (x, y)",
    description=(
        "the mean squared error of a straight line fitted to noisy points, over its intercept and slope: "
        "a long ravine, narrower the farther the data lie from x = 0"
    ),
    params=(
        Param("n", "int", 100, "number of data points", low=2, high=100_000),
        Param("noise", "float", 1.0, "standard deviation of the Gaussian noise on the targets", low=0.0, high=100.0),
        Param("intercept", "float", 5.0, "true intercept the data are drawn from", low=-100.0, high=100.0),
        Param("slope", "float", 2.0, "true slope the data are drawn from", low=-100.0, high=100.0),
        Param("x_min", "float", 0.0, "inputs are uniform on [x_min, x_max]", low=-1000.0, high=1000.0),
        Param("x_max", "float", 10.0, "inputs are uniform on [x_min, x_max]", low=-1000.0, high=1000.0),
        Param("data_seed", "int", 0, "seed of the random data (same seed, same data)", low=0, high=2**31 - 1),
    ),
    make=_make_linear_regression,
)


# --- logistic regression -----------------------------------------------------------------------


def _logistic_kernel(p: np.ndarray, v: np.ndarray, want_grad: bool = True):
    """Mean of softplus(p·vᵢ) over the columns of `v` (2, m), and its gradient, for rows of `p` (B, 2).

    ``vᵢ = (1 − 2yᵢ) xᵢ``, so ``p·vᵢ`` is minus the signed margin and softplus of it is the
    cross-entropy of point i.  Call under ``np.errstate(all="ignore")``.
    """
    u = p[:, 0:1] * v[0]
    u += p[:, 1:2] * v[1]
    e = np.abs(u)
    np.negative(e, out=e)
    np.exp(e, out=e)  # exp(−|u|) in [0, 1]: never overflows
    loss = np.log1p(e)
    loss += np.maximum(u, _0)  # softplus(u), > 0 and finite for finite u: no log(0)
    m = v.shape[1]
    f = np.add.reduce(loss, axis=-1) / m
    if not want_grad:
        return f, None
    np.subtract(u, loss, out=u)  # u − softplus(u) = −softplus(−u) ≤ 0
    np.exp(u, out=u)  # σ(u) in [0, 1]
    g = np.add.reduce(u[:, None, :] * v, axis=-1) / m
    return f, g


def _logistic_hessian_kernel(p: np.ndarray, v: np.ndarray, products: np.ndarray) -> np.ndarray:
    """(B, 3): the mean of σ(1 − σ) · (v₀², v₀v₁, v₁²) over the data, for rows of `p` (B, 2)."""
    u = p[:, 0:1] * v[0]
    u += p[:, 1:2] * v[1]
    e = np.abs(u)
    np.negative(e, out=e)
    np.exp(e, out=e)
    d = e + 1.0
    d *= d
    e /= d  # σ(u)(1 − σ(u)) = e / (1 + e)²
    return np.add.reduce(e[:, None, :] * products, axis=-1) / v.shape[1]


def _chunked(kernel, rows: np.ndarray, width: int, columns: int):
    """Run ``kernel(block) -> tuple of (b, ...) arrays`` over blocks of `rows`; concatenate."""
    step = max(1, _CHUNK // max(width, 1))
    if rows.shape[0] <= step:
        return kernel(rows)
    pieces = [kernel(rows[s : s + step]) for s in range(0, rows.shape[0], step)]
    return tuple(
        None if pieces[0][k] is None else np.concatenate([piece[k] for piece in pieces]) for k in range(columns)
    )


@dataclass(frozen=True, slots=True, eq=False)
class LogisticData:
    """The data of a logistic_regression surface (immutable; arrays read-only); build with `LogisticData.create`.

    ``kind`` ``"logistic"``; ``n``; ``x`` (n, 2) features; ``y`` (n,) labels 0.0 / 1.0;
    ``true_params`` (w1, w2) the labels were drawn with (None for loaded data); ``source`` as
    `LinearData`'s; ``extent`` ((−a, a), (−a, a)), a
    square around the origin holding every point with 5 % to spare, for a data plot.
    Parameters ``p`` are the weights (w₁, w₂) as on the map.
    """

    kind: ClassVar[str] = "logistic"
    n: int
    x: np.ndarray
    y: np.ndarray
    true_params: tuple[float, float] | None
    extent: Box
    v: np.ndarray  # (2, n): the loss of point i is softplus(w·vᵢ), vᵢ = (1 − 2yᵢ) xᵢ
    products: np.ndarray  # (3, n): v₀², v₀v₁, v₁²
    source: str | None = None

    @classmethod
    def create(cls, x: np.ndarray, y: np.ndarray, true_params: Any, source: str | None = None) -> LogisticData:
        x, y = _frozen(x), _frozen(y)
        v = _frozen(((1.0 - 2.0 * y)[:, None] * x).T)
        reach = float(np.abs(x).max()) if x.size else 0.0
        half = 1.05 * reach if reach > 0 else 1.0
        return cls(
            n=int(x.shape[0]),
            x=x,
            y=y,
            true_params=None if true_params is None else (float(true_params[0]), float(true_params[1])),
            extent=((-half, half), (-half, half)),
            v=v,
            products=_frozen(np.stack([v[0] * v[0], v[0] * v[1], v[1] * v[1]])),
            source=source,
        )

    def __repr__(self) -> str:
        return f"<LogisticData n={self.n}>"

    def batch_value_and_grad(self, p: Any, idx: Any) -> tuple[np.ndarray, np.ndarray]:
        """Mean cross-entropy over the points `idx` and its gradient, for every row of `p`.

        `p`: shape (B, 2) (any (..., 2) works); `idx`: integer array (b,), b ≥ 1, the same
        mini-batch for every row (repeats allowed).  Returns f (B,) and gradient (B, 2).
        Not checked (the engine's hot path).
        """
        p = np.asarray(p, dtype=np.float64)
        shape = p.shape
        if p.ndim != 2:
            p = p.reshape(-1, 2)
        with np.errstate(all="ignore"):
            f, g = _logistic_kernel(p, self.v.take(idx, axis=1))
        if len(shape) != 2:
            return f.reshape(shape[:-1])[()], g.reshape(shape)
        return f, g

    def predict(self, p: Any, x: Any) -> np.ndarray:
        """P(label 1) = σ(w·x) for one weight vector `p` (2,) and features `x` (..., 2)."""
        w = np.asarray(p, dtype=np.float64)
        x = np.asarray(x, dtype=np.float64)
        with np.errstate(all="ignore"):
            z = x[..., 0] * w[0] + x[..., 1] * w[1]
            e = np.exp(-np.abs(z))
            return np.where(z >= 0, 1.0, e) / (1.0 + e)

    def boundary_points(self, p: Any, extent: Box | None = None) -> np.ndarray:
        """The decision boundary ``w·x = 0`` for `p` (2,) (the line through the origin perpendicular to w),
        clipped to `extent` ((x0, x1), (y0, y1)); default ``self.extent``.

        Returns (2, 2) end points, rows (x, y); all NaN for w = 0 or a line missing the box.
        """
        w0, w1 = (float(v) for v in np.asarray(p, dtype=np.float64))
        return _clip_line(w0, w1, 0.0, self.extent if extent is None else extent)

    # full-data functions (the surface's f, grad, value_and_grad, hessian) -------------------
    def _full(self, p: Any, want_grad: bool):
        rows, shape = _rows(p)
        v = self.v
        with np.errstate(all="ignore"):
            f, g = _chunked(lambda block: _logistic_kernel(block, v, want_grad), rows, self.n, 2)
        return f.reshape(shape[:-1])[()], (g.reshape(shape) if want_grad else None)

    def _hessian(self, p: Any) -> np.ndarray:
        rows, shape = _rows(p)
        v, products = self.v, self.products
        with np.errstate(all="ignore"):
            (h,) = _chunked(lambda block: (_logistic_hessian_kernel(block, v, products),), rows, self.n, 1)
        out = np.empty((h.shape[0], 2, 2))
        out[:, 0, 0] = h[:, 0]
        out[:, 0, 1] = h[:, 1]
        out[:, 1, 0] = h[:, 1]
        out[:, 1, 1] = h[:, 2]
        return out.reshape(shape + (2,))


def _separable(v: np.ndarray) -> bool:
    """True when some w ≠ 0 has w·vᵢ ≤ 0 for every i, i.e. the MLE does not exist (or is not unique).

    In 2-D: the nonzero vᵢ lie in a closed half-plane through the origin exactly when their
    directions leave an angular gap of at least π (no nonzero vᵢ at all: the loss is flat).
    """
    nonzero = (v[0] != 0.0) | (v[1] != 0.0)
    if not nonzero.any():
        return True
    angles = np.sort(np.arctan2(v[1, nonzero], v[0, nonzero]))
    gaps = np.append(np.diff(angles), angles[0] + 2.0 * math.pi - angles[-1])
    return bool(gaps.max() >= math.pi - 1e-9)


def _newton_step(data: LogisticData, w: np.ndarray, g: np.ndarray) -> np.ndarray | None:
    try:
        step = np.linalg.solve(data._hessian(w), g)
    except np.linalg.LinAlgError:
        return None
    return step if np.all(np.isfinite(step)) else None


def _logistic_mle(data: LogisticData) -> np.ndarray | None:
    """The maximum-likelihood weights by damped Newton from 0, to machine precision; None if there
    are none (separable data) or the iterations do not settle."""
    if _separable(data.v):
        return None

    def value_and_grad(w):
        f, g = data._full(w, True)
        return float(f), g

    w = np.zeros(2)
    f, g = value_and_grad(w)
    # Damped Newton (Armijo backtracking) while the Newton decrement λ² = gᵀH⁻¹g says f can
    # still drop by more than rounding; then plain Newton steps (quadratic convergence) while
    # they shrink the gradient.
    for _ in range(100):
        step = _newton_step(data, w, g)
        if step is None:
            return None
        decrement = float(g @ step)
        if decrement <= 1e-12 * (1.0 + abs(f)):
            break
        t = 1.0
        while True:
            w_new = w - t * step
            f_new, g_new = value_and_grad(w_new)
            if f_new <= f - 1e-4 * t * decrement:
                break
            t *= 0.5
            if t < 1e-10:
                return None
        w, f, g = w_new, f_new, g_new
    else:
        return None
    for _ in range(8):
        step = _newton_step(data, w, g)
        if step is None:
            break
        w_new = w - step
        f_new, g_new = value_and_grad(w_new)
        if not np.linalg.norm(g_new) < np.linalg.norm(g):
            break
        w, f, g = w_new, f_new, g_new
    scale = max(1.0, float(np.abs(data._hessian(w)).max()))
    if not (np.all(np.isfinite(w)) and np.linalg.norm(g) <= 1e-11 * scale):
        return None
    if np.linalg.eigvalsh(data._hessian(w)).min() <= 0.0:
        return None
    return w


def _make_logistic_regression(
    definition: SurfaceDef, n: int, w1: float, w2: float, separation: float, data_seed: int
) -> Surface:
    rng_x, rng_labels = _generators(data_seed)
    x = separation * rng_x.standard_normal((n, 2))
    z = x[:, 0] * w1 + x[:, 1] * w2
    e = np.exp(-np.abs(z))
    prob = np.where(z >= 0, 1.0, e) / (1.0 + e)
    y = (rng_labels.random(n) < prob).astype(np.float64)
    data = LogisticData.create(x, y, (w1, w2))
    params = {"n": n, "w1": w1, "w2": w2, "separation": separation, "data_seed": data_seed}
    return _logistic_surface(definition, data, params, _logistic_mle(data))


def _logistic_surface(
    definition: SurfaceDef, data: LogisticData, params: dict[str, Any], mle: np.ndarray | None
) -> Surface:
    """The mean cross-entropy of ``data`` (generated or loaded) as a surface; ``mle`` its minimum, if any."""
    centre = mle if mle is not None else np.array(data.true_params or (0.0, 0.0))
    start, domain = _start_and_domain(centre, ((-2.0, 2.0), (2.0, -2.0)))
    minima: tuple[Minimum, ...] = ()
    if mle is not None:
        point = (float(mle[0]), float(mle[1]))
        minima = (Minimum(point, float(data._full(np.array(point), False)[0]), "global"),)

    def f(p):
        return data._full(p, False)[0]

    def grad(p):
        return data._full(p, True)[1]

    def value_and_grad(p):
        return data._full(p, True)

    return definition.assemble(
        params,
        domain=domain,
        start=start,
        minima=minima,
        contour="log" if minima else "linear",
        f=f,
        grad=grad,
        hessian=data._hessian,
        value_and_grad=value_and_grad,
        data=data,
    )


LOGISTIC_REGRESSION = SurfaceDef(
    name="logistic_regression",
    title="Logistic regression (cross-entropy)",
    formula="(1/n) Σᵢ (log(1 + exp(w·xᵢ)) − yᵢ w·xᵢ),  w = (x, y)",
    description=(
        "the mean cross-entropy of a two-weight linear classifier on noisy labelled points: "
        "a smooth basin with nearly straight walls far from the minimum"
    ),
    params=(
        Param("n", "int", 200, "number of data points (the contour map costs O(n): at most 2000)", low=2, high=2_000),
        Param("w1", "float", 1.5, "true weight of feature 1 the labels are drawn with", low=-10.0, high=10.0),
        Param("w2", "float", -1.0, "true weight of feature 2 the labels are drawn with", low=-10.0, high=10.0),
        Param(
            "separation",
            "float",
            1.0,
            "features are separation × N(0, I): larger margins, so the classes overlap less",
            low=0.0,
            high=20.0,
        ),
        Param("data_seed", "int", 0, "seed of the random data (same seed, same data)", low=0, high=2**31 - 1),
    ),
    make=_make_logistic_regression,
)


# --- loaded data (surfaces.datafile) -----------------------------------------------------------


@functools.lru_cache(maxsize=8)
def surface_from_data(data: Any) -> Surface:
    """The surface of a loaded :class:`surfaces.datafile.DataSet` (one per data set: cached by identity).

    Its ``params`` are ``{"n": rows}``; ``surface.data.source`` the file's name and ``true_params`` None (the
    model behind the user's points is not known: only the best fit, the minimum, is)."""
    rows, source = data.rows, data.source
    if data.kind == "linear":
        x, y = rows[:, 0], rows[:, 1]
        linear = LinearData.create(x, y, (float(x.min()), float(x.max())), None, source)
        return _linear_surface(LINEAR_REGRESSION, linear, {"n": data.n})
    logistic = LogisticData.create(rows[:, :2], rows[:, 2], None, source)
    return _logistic_surface(LOGISTIC_REGRESSION, logistic, {"n": data.n}, _logistic_mle(logistic))
