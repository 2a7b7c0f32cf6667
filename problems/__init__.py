"""Network problems: an MLP in NumPy with exact backpropagation, its data sets, and racing optimizers on it.

Qt-free like the engine. The layers: ``problems`` sits over ``engine`` (it races
the engine's optimizers, unchanged, on flat parameter vectors) and under the
race model (``arena``). scikit-learn is imported only when the digits data set
is built.

>>> from problems import get_problem, NetworkRunner
>>> problem = get_problem("mlp:moons,layers=16")
>>> runner = NetworkRunner(problem, "adam", {"lr": 0.01}, max_steps=20, options={"batch_size": 32})
>>> runner.advance(20)
20
"""

from .datasets import DATASETS, DataError, Split, load_dataset, read_idx
from .landscape import Landscape, filter_normalized_directions, landscape, pca_directions
from .mlp import ACTIVATIONS, INITS, MLP
from .problem import PROBLEM_PARAMS, PROBLEMS, NetworkProblem, ProblemSpec, get_problem, parse_problem_spec
from .runner import (
    QUANTILES,
    NetworkRecord,
    NetworkRunner,
    layer_quantiles,
    network_optimizers,
    network_refusal,
    refuse_hessian,
)

__all__ = [
    "ACTIVATIONS",
    "DATASETS",
    "DataError",
    "INITS",
    "Landscape",
    "MLP",
    "NetworkProblem",
    "NetworkRecord",
    "NetworkRunner",
    "PROBLEMS",
    "PROBLEM_PARAMS",
    "ProblemSpec",
    "QUANTILES",
    "Split",
    "filter_normalized_directions",
    "get_problem",
    "landscape",
    "layer_quantiles",
    "load_dataset",
    "network_optimizers",
    "network_refusal",
    "parse_problem_spec",
    "pca_directions",
    "read_idx",
    "refuse_hessian",
]
