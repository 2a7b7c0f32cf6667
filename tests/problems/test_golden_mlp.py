"""The MLP and every optimizer on a network agree with torch: golden files made by
tests/problems/golden/make_golden_mlp.py (torch autograd and torch.optim, float64, foreach=False)."""

import json
from pathlib import Path

import numpy as np
import pytest

from engine import OPTIMIZERS
from problems import MLP, NetworkProblem, NetworkRunner, ProblemSpec, Split

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


#: the optimizers with a network golden case: the twelve torch.optim ones of the original registry. The
#: optimizers added later (Rprop, Lion, AdaBelief, Yogi, QHM, schedule-free, Lookahead ...) race networks
#: (tests/problems/test_network_runner.py) but have no network golden file yet.
NETWORK_GOLDEN = {"sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta", "adam", "amsgrad", "adamw",
                  "nadam", "radam", "adamax"}  # fmt: skip


def test_the_network_goldens_cover_the_torch_optim_optimizers():
    names = {c["optimizer"] for c in OPTIM_META["cases"]}
    assert names == NETWORK_GOLDEN and NETWORK_GOLDEN <= set(OPTIMIZERS)
    assert MLP(tuple(OPTIM_META["sizes"])).n_params >= 1000


@pytest.mark.parametrize("case", OPTIM_META["cases"], ids=[c["optimizer"] for c in OPTIM_META["cases"]])
def test_optimizer_trains_the_network_as_torch_optim(case):
    name = case["optimizer"]
    runner = NetworkRunner(_golden_problem(), name, case["hyperparams"], max_steps=OPTIM_META["steps"])
    done = 0
    for step in OPTIM_META["checkpoints"]:
        runner.advance(step - done)
        done = step
        expected = OPTIM[f"{name}/theta_{step}"]
        np.testing.assert_allclose(runner.theta, expected, rtol=1e-9, atol=1e-12, err_msg=f"{name} at step {step}")
    # the loss before every step (what the racer records as its training curve)
    np.testing.assert_allclose(runner.batch_losses[1:], OPTIM[f"{name}/losses"], rtol=1e-9, atol=1e-12)
    assert np.abs(OPTIM[f"{name}/theta_{done}"] - OPTIM["problem/theta0"]).max() > 1e-2  # it really moved
