"""Network problems: a data set and an MLP, written as a spec (``mlp:digits,layers=100x100``).

A problem spec follows the spec grammar (:func:`specs.split_spec`), with one
shorthand: the first setting may be the data set's name alone
(``mlp:digits,...`` is ``mlp:data=digits,...``). Keys (:data:`PROBLEM_PARAMS`):

* ``data``: a data set of :data:`problems.datasets.DATASETS` (default digits);
* ``layers``: hidden widths joined by ``x`` (``100x100``; ``none`` for softmax
  regression); input and output sizes come from the data;
* ``activation``: relu, tanh or sigmoid; ``init``: auto (He for ReLU, Xavier
  otherwise), he or xavier;
* ``seed``: the problem's own seed: generated points, the train/test split and
  the initial weights (every racer starts from the same weights; the race's seed
  draws the mini-batches);
* ``n``, ``noise``: points and noise of a generated data set; ``test_fraction``;
* ``eval_every``: test loss and accuracy are evaluated every k steps;
  ``eval_size``: at most this many test points are used for that (a fixed,
  seeded subset: MNIST's 10,000 would cost more than the steps in between).
  The training curve is the loss of each step's mini-batch.

A problem is immutable and built once per (spec, data folder): :func:`get_problem`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np

from specs import Param, ParamError, split_spec

from .datasets import DATASETS, DataError, Split, load_dataset
from .mlp import ACTIVATIONS, INITS, MLP

__all__ = [
    "PROBLEM_PARAMS",
    "PROBLEMS",
    "NetworkProblem",
    "ProblemSpec",
    "get_problem",
    "parse_problem_spec",
]

#: problem kinds (one today): name -> description
PROBLEMS = {"mlp": "a multilayer perceptron trained with softmax cross-entropy on a data set"}

PROBLEM_PARAMS = (
    Param("seed", "int", 0, "data, train/test split and initial weights", low=0, high=2**63 - 1),
    Param("n", "int", 1000, "points of a generated data set (moons, circles, spirals)", low=4, high=10_000_000),
    Param("noise", "float", 0.1, "noise of a generated data set (circles 0.05, spirals 0.03 unless given)", low=0.0),
    Param(
        "test_fraction",
        "float",
        0.2,
        "share of a bundled/generated set held out for testing",
        low=0.0,
        high=1.0,
        low_open=True,
        high_open=True,
    ),
    Param("eval_every", "int", 10, "evaluate test loss and accuracy every k steps", low=1, high=1_000_000),
    Param("eval_size", "int", 1000, "at most this many test points are evaluated", low=1, high=10_000_000),
)
_PARAMS = {p.name: p for p in PROBLEM_PARAMS}
_CHOICES = {"data": tuple(DATASETS), "activation": ACTIVATIONS, "init": INITS}
_DEFAULTS = {"data": "digits", "layers": (100, 100), "activation": "relu", "init": "auto"}
_MAX_WIDTH = 100_000


def _read_layers(text: str) -> tuple[int, ...]:
    raw = text.strip().lower()
    if raw in ("none", "0", "-"):
        return ()
    parts = raw.split("x")
    if not all(p.strip().isdigit() for p in parts) or not all(1 <= int(p) <= _MAX_WIDTH for p in parts):
        raise ParamError(
            f"layers={text}: expected hidden widths joined by x, each 1..{_MAX_WIDTH} (e.g. 100x100), or none",
            "layers",
            "expected widths joined by x, e.g. 100x100",
        )
    return tuple(int(p) for p in parts)


@dataclass(frozen=True)
class ProblemSpec:
    """The validated settings of a network problem."""

    data: str = "digits"
    layers: tuple[int, ...] = (100, 100)
    activation: str = "relu"
    init: str = "auto"
    seed: int = 0
    n: int = 1000
    noise: float | None = None
    test_fraction: float = 0.2
    eval_every: int = 10
    eval_size: int = 1000

    @property
    def text(self) -> str:
        """The canonical spec: data and layers always, other keys where they differ from the defaults."""
        items = [self.data, f"layers={'x'.join(map(str, self.layers)) or 'none'}"]
        if self.activation != "relu":
            items.append(f"activation={self.activation}")
        if self.init != "auto":
            items.append(f"init={self.init}")
        for p in PROBLEM_PARAMS:
            value = getattr(self, p.name)
            if value is not None and value != p.default:
                items.append(f"{p.name}={value:g}" if isinstance(value, float) else f"{p.name}={value}")
        return "mlp:" + ",".join(items)


def parse_problem_spec(text: object) -> ProblemSpec:
    """Read ``mlp:digits,layers=100x100,activation=relu,...``; a ValueError names the bad part."""
    if isinstance(text, str):
        name, colon, rest = text.strip().partition(":")
        first = rest.split(",", 1)
        if colon and first[0].strip() and "=" not in first[0]:  # the data set's name alone
            text = f"{name}:data={first[0].strip()}" + ("," + first[1] if len(first) > 1 else "")
    name, items = split_spec(text, "problem")
    if name not in PROBLEMS:
        raise ParamError(f"unknown problem {name!r}; valid: {', '.join(PROBLEMS)} (e.g. mlp:digits,layers=100x100)")
    given: dict = {}
    for key, value in items:
        if key in _CHOICES:
            if value not in _CHOICES[key]:
                raise ParamError(
                    f"{key}={value}: must be one of {', '.join(_CHOICES[key])}",
                    key,
                    f"must be one of {', '.join(_CHOICES[key])}",
                )
            given[key] = value
        elif key == "layers":
            given[key] = _read_layers(value)
        elif key in _PARAMS:
            given[key] = _PARAMS[key].parse(value, "mlp")
        else:
            valid = ", ".join([*_CHOICES, "layers", *_PARAMS])
            raise ParamError(
                f"unknown problem setting {key!r}; valid: {valid}", key, f"is not a setting (valid: {valid})"
            )
    return ProblemSpec(**given)


@dataclass(frozen=True, eq=False)
class NetworkProblem:
    """A data set split into train and test, an MLP sized for it, and the initial weights."""

    spec: ProblemSpec
    data: Split
    model: MLP
    theta0: np.ndarray = field(repr=False)
    data_dir: str | None = None
    _eval: tuple = field(default=(), repr=False)

    @classmethod
    def build(cls, spec: ProblemSpec, data_dir: str | None = None) -> NetworkProblem:
        one_blas_thread()
        data = load_dataset(
            spec.data, seed=spec.seed, n=spec.n, noise=spec.noise, test_fraction=spec.test_fraction, data_dir=data_dir
        )
        model = MLP((data.n_features, *spec.layers, data.n_classes), spec.activation)
        theta0 = model.init(np.random.SeedSequence(spec.seed, spawn_key=(2,)).generate_state(1)[0], spec.init)
        rng = np.random.default_rng(np.random.SeedSequence(spec.seed, spawn_key=(3,)))

        y = data.y_test
        idx = np.sort(rng.permutation(len(y))[: spec.eval_size]) if len(y) > spec.eval_size else None
        evals = (data.rows(data.X_test, idx), y if idx is None else y[idx])
        theta0.setflags(write=False)
        return cls(spec, data, model, theta0, data_dir, evals)

    # ------------------------------------------------------------ description
    @property
    def name(self) -> str:
        return self.spec.text

    @property
    def title(self) -> str:
        sizes = "-".join(map(str, self.model.sizes))
        return f"MLP {sizes} ({self.spec.activation}) on {self.spec.data}"

    @property
    def n_params(self) -> int:
        return self.model.n_params

    @property
    def layer_names(self) -> list[str]:
        s = self.model.sizes
        return [f"layer {i + 1} ({a}->{b})" for i, (a, b) in enumerate(zip(s[:-1], s[1:]))]

    # ---------------------------------------------------------------- numbers
    def batch_value_and_grad(self, theta: np.ndarray, idx) -> tuple[float, np.ndarray]:
        """Loss and gradient on the training rows ``idx`` (engine.runner.BatchLoader's batches)."""
        d = self.data
        return self.model.loss_and_grad(theta, d.rows(d.X_train, idx), d.y_train[idx])

    def value_and_grad(self, theta: np.ndarray) -> tuple[float, np.ndarray]:
        """Loss and gradient on the whole training set (full-batch gradient descent)."""
        d = self.data
        return self.model.loss_and_grad(theta, self._train_X, d.y_train)

    @functools.cached_property
    def _train_X(self) -> np.ndarray:
        return self.data.rows(self.data.X_train)

    def evaluate(self, theta: np.ndarray) -> tuple[float, float]:
        """(test loss, test accuracy) on the fixed evaluation subset of the test set."""
        X, y = self._eval
        with np.errstate(all="ignore"):
            return self.model.loss_and_accuracy(theta, X, y)


_BLAS_LIMITED: list = []


def one_blas_thread() -> None:
    """Run BLAS on one thread from the first network problem on (once per process).

    A network step multiplies matrices of about 100 x 100: a second BLAS thread gains little on an
    idle machine, and on a busy one (other processes on every core) it waits its turn at every
    product: a race step of the homework network measured 1.3 s with two OpenBLAS threads against
    54 ms with one, on a loaded 2-core machine. ``GRADIENT_ARENA_BLAS_THREADS=N`` keeps N threads.
    """
    if _BLAS_LIMITED:
        return
    import os

    threads = int(os.environ.get("GRADIENT_ARENA_BLAS_THREADS", "1") or 1)
    try:
        from threadpoolctl import threadpool_limits  # installed with scikit-learn
    except ImportError:  # pragma: no cover - without it BLAS keeps its own thread count
        _BLAS_LIMITED.append(None)
        return
    _BLAS_LIMITED.append(threadpool_limits(limits=threads, user_api="blas"))


@functools.lru_cache(maxsize=8)
def _cached(spec: ProblemSpec, data_dir: str | None) -> NetworkProblem:
    return NetworkProblem.build(spec, data_dir)


def get_problem(spec: str | ProblemSpec, data_dir: str | None = None) -> NetworkProblem:
    """The problem of a spec (built once per spec and data folder); ValueError when it cannot be built."""
    parsed = spec if isinstance(spec, ProblemSpec) else parse_problem_spec(spec)
    if parsed.data in ("mnist", "fashion") and data_dir:
        import os

        data_dir = os.path.abspath(data_dir)
    elif parsed.data not in ("mnist", "fashion"):
        data_dir = None
    try:
        return _cached(parsed, data_dir)
    except DataError:
        raise
    except MemoryError:
        raise DataError(f"{parsed.text}: not enough memory for this network and data set") from None
