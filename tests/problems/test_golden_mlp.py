"""The MLP and every optimizer on a network agree with their references: golden files made by
tests/problems/golden/make_golden_mlp.py (torch autograd, torch.optim and pytorch-optimizer, float64,
foreach=False, one tensor per weight matrix and bias as a torch model holds them)."""

import json
from pathlib import Path

import numpy as np
import pytest

from engine import OPTIMIZERS
from problems import MLP, NetworkProblem, NetworkRunner, ProblemSpec, Split, network_optimizers

GOLDEN = Path(__file__).parent / "golden"
GRAD = np.load(GOLDEN / "mlp_grad.npz")
GRAD_META = json.loads(str(GRAD["meta"]))
OPTIM = np.load(GOLDEN / "mlp_optim.npz")
OPTIM_META = json.loads(str(OPTIM["meta"]))


def test_golden_files_come_from_torch():
    for meta in (GRAD_META, OPTIM_META):
        assert meta["torch_version"].startswith("2.") and meta["generated_by"].endswith("make_golden_mlp.py")
    assert {c["activation"] for c in GRAD_META["cases"]} == {"relu", "tanh", "sigmoid"}


@pytest.mark.parametrize("case", GRAD_META["cases"], ids=[c["id"] for c in GRAD_META["cases"]])
def test_loss_and_gradient_match_torch_autograd(case):
    key = case["id"]
    model = MLP(tuple(case["sizes"]), case["activation"])
    loss, grad = model.loss_and_grad(GRAD[f"{key}/theta"], GRAD[f"{key}/X"], GRAD[f"{key}/y"])
    expected = GRAD[f"{key}/grad"]
    assert abs(loss - float(GRAD[f"{key}/loss"])) <= 1e-10 * abs(float(GRAD[f"{key}/loss"]))
    np.testing.assert_allclose(grad, expected, rtol=1e-10, atol=1e-10 * np.abs(expected).max())


def _golden_problem() -> NetworkProblem:
    X, y = OPTIM["problem/X"], OPTIM["problem/y"]
    sizes = tuple(OPTIM_META["sizes"])
    spec = ProblemSpec(layers=sizes[1:-1], activation=OPTIM_META["activation"])
    data = Split("golden", X, y, X, y, sizes[-1])
    return NetworkProblem(spec, data, MLP(sizes, spec.activation), OPTIM["problem/theta0"], _eval=(X, y))


#: registry optimizers without a torch or pytorch-optimizer reference (textbook methods: tests/problems/
#: test_network_runner.py checks them on networks) and the ones networks refuse (Newton, BFGS)
NO_REFERENCE = {"gd_armijo", "cg_fr", "cg_pr"}


def test_the_network_goldens_cover_every_optimizer_with_a_reference():
    names = {c["optimizer"] for c in OPTIM_META["cases"]}
    racing = set(network_optimizers(MLP(tuple(OPTIM_META["sizes"])).n_params))
    assert names == racing - NO_REFERENCE and names <= set(OPTIMIZERS)
    assert {c["id"] for c in OPTIM_META["cases"] if c["optimizer"] == "lbfgs"} == {"lbfgs", "lbfgs_wolfe"}
    assert [c["hyperparams"].get("strong_wolfe", False) for c in OPTIM_META["cases"] if c["optimizer"] == "lbfgs"] == [
        False,
        True,
    ]
    assert MLP(tuple(OPTIM_META["sizes"])).n_params >= 1000


@pytest.mark.parametrize("case", OPTIM_META["cases"], ids=[c["id"] for c in OPTIM_META["cases"]])
def test_optimizer_trains_the_network_as_its_reference(case):
    key, name = case["id"], case["optimizer"]
    checkpoints = case["checkpoints"]
    runner = NetworkRunner(_golden_problem(), name, case["hyperparams"], max_steps=checkpoints[-1])
    done = 0
    for step in checkpoints:
        runner.advance(step - done)
        done = step
        expected = OPTIM[f"{key}/theta_{step}"]
        np.testing.assert_allclose(runner.theta, expected, rtol=1e-9, atol=1e-12, err_msg=f"{key} at step {step}")
    # the loss before every step (what the racer records as its training curve)
    np.testing.assert_allclose(runner.batch_losses[1:], OPTIM[f"{key}/losses"], rtol=1e-9, atol=1e-12)
    assert np.abs(OPTIM[f"{key}/theta_{done}"] - OPTIM["problem/theta0"]).max() > 1e-2  # it really moved


def test_adafactor_factors_the_weight_matrices_on_a_network():
    """As torch does for a model's parameters: a weight matrix keeps a running mean per row and per column,
    a bias its elementwise one; each tensor its own step size (from its own RMS)."""
    problem = _golden_problem()
    runner = NetworkRunner(problem, "adafactor", max_steps=1)
    runner.advance(1)
    variances = runner._state.variance
    assert [tv.shape for tv in variances] == list(problem.model.tensor_shapes)
    for tv in variances:
        if len(tv.shape) == 2:
            assert tv.row.shape == (tv.shape[0], 1) and tv.col.shape == (1, tv.shape[1])
        else:
            assert tv.row.shape == tv.shape and tv.col is None
