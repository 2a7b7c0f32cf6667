"""Every torch-equivalent optimizer reproduces torch.optim (float64, foreach=False)
step for step: golden trajectories made by tests/engine/golden/make_golden.py."""

import json
from pathlib import Path

import numpy as np
import pytest

from engine import OPTIMIZERS, simulate
from surfaces import get_surface

GOLDEN = Path(__file__).parent / "golden"
TORCH_OPTIMIZERS = [name for name, opt in OPTIMIZERS.items() if opt.torch_equivalent]
CASES = [
    (name, case) for name in TORCH_OPTIMIZERS for case in json.loads((GOLDEN / f"{name}.json").read_text())["cases"]
]


def test_every_torch_optimizer_has_golden_cases():
    assert {name for name, _ in CASES} == set(TORCH_OPTIMIZERS)
    assert len(TORCH_OPTIMIZERS) >= 12


@pytest.mark.parametrize("name,case", CASES, ids=[c["id"] for _, c in CASES])
def test_trajectory_matches_torch(name, case):
    surface = get_surface(case["surface"])
    run = simulate(surface, name, start=case["start"], steps=case["steps"], **case["hyperparams"])
    expected = np.array(case["positions"])
    assert run.status == "running" and run.positions.shape == expected.shape
    np.testing.assert_allclose(run.positions, expected, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(run.losses, case["losses"], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(run.gradients, case["gradients"], rtol=1e-9, atol=1e-9)
    # the golden trajectory really moves, so the comparison means something
    assert np.linalg.norm(expected[-1] - expected[0]) > 1e-3


def test_every_hyperparameter_is_exercised_by_some_golden_case():
    """Per torch class (SGD covers sgd, momentum and nesterov), every hyperparameter
    is set to a non-default value in at least one golden case."""
    by_class: dict[str, tuple[set, set]] = {}
    for name in TORCH_OPTIMIZERS:
        cls = OPTIMIZERS[name].torch_equivalent.split("(")[0]
        names, covered = by_class.setdefault(cls, (set(), set()))
        names |= {p.name for p in OPTIMIZERS[name].hyperparams}
        for n, case in CASES:
            if n == name:
                covered |= {k for k, v in case["hyperparams"].items() if v != OPTIMIZERS[name].defaults[k]}
    for cls, (names, covered) in by_class.items():
        assert names - covered == set(), f"{cls}: no golden case sets {sorted(names - covered)}"
