"""``race --inspect STEP``: each racer's optimizer state at a step, with its rule and numbers; ``list`` says
what each optimizer's state holds."""

from __future__ import annotations

import pytest

from engine import OPTIMIZERS


def test_inspect_prints_every_racers_state_and_equations(cli):
    res = cli("race", "--preset", "textbook", "--inspect", "10", "-q")
    assert res.returncode == 0, res.stderr
    out = res.stdout
    for name in ("SGD", "Momentum", "AdaGrad", "Adam"):
        assert f"== {name} (" in out and "at step 10: from step 9 to step 10" in out
    assert "exp_avg" in out and "m: first moment" in out
    assert "m = β1·m + (1 − β1)·g = 0.9·(" in out
    assert "b = momentum·b + (1 − dampening)·g = 0.9·(" in out
    assert "S = S + g² = (" in out
    assert out.count("θ = θ − ") == 4


def test_inspect_names_a_racer_that_stopped_before_the_step(cli):
    res = cli(
        "race", "--surface", "sphere", "--start", "1,1", "--optimizer", "sgd:lr=0.5", "--optimizer", "adam:lr=0.01",
        "--tol", "1e-6", "--steps", "200", "--inspect", "150", "-q",
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert "== sgd:lr=0.5 stopped at step 1 (converged): it took no step 150" in res.stdout
    assert "== adam:lr=0.01 (adam) at step 150" in res.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--inspect", "0"], "--inspect 0: give a step from 1 to the budget (30)"),
        (["--inspect", "31"], "--inspect 31: give a step from 1 to the budget (30)"),
        (["--inspect", "3", "--csv", "-"], "--inspect prints to the terminal: it cannot share stdout with --csv -"),
        (["--inspect", "x"], "invalid int value: 'x'"),
    ],
)
def test_bad_inspect_requests_exit_2_with_the_reason(cli, args, message):
    res = cli("race", "--preset", "textbook", *args)
    assert res.returncode == 2
    assert message in res.stderr and "Traceback" not in res.stderr


def test_list_says_what_each_optimizers_state_holds(cli):
    res = cli("list")
    assert res.returncode == 0
    for opt in OPTIMIZERS.values():
        assert opt.state_doc, f"{opt.name} documents its state"
        assert "state: " + "; ".join(doc for _, doc in opt.state_doc) in res.stdout
