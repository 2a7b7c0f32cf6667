""" "Copy as torch.optim code": the script reproduces the racer's positions with torch.

torch is not a dependency.  The scripts are run by a Python that has torch: $GRADIENT_ARENA_TORCH_PYTHON,
else /work/torchvenv/bin/python, else this interpreter if it imports torch; the test that runs them
is skipped (saying which were tried) when none has it.  The text checks run everywhere.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import shutil
import subprocess
import sys

import numpy as np
import pytest

from arena import RaceConfig, RacerConfig
from arena.torch_script import torch_expression, torch_script
from engine import OPTIMIZERS
from surfaces import SURFACES, parse_surface_spec

# (surface spec, start, racer spec, steps): every surface kind, schedules, Newton (not in torch.optim)
CASES = [
    ("rosenbrock", "-1.5,2", "adam:lr=0.01", 200),
    ("ill_conditioned:kappa=20,angle=30", "-3,2", "nesterov:lr=0.02,momentum=0.8", 150),
    ("beale", "1,1.5", "rmsprop:lr=0.005,centered=true,momentum=0.5", 150),
    ("himmelblau", "0,0", "adagrad:lr=0.3,lr_decay=0.01", 100),
    ("ackley", "1.5,-1", "adamw:lr=0.02,schedule=warmup_cosine,warmup_steps=5,T_max=50", 80),
    ("rastrigin", "2.2,-1.3", "sgd:lr=0.001,schedule=step,step_size=10,gamma=0.5", 60),
    ("easom", "2.5,2.5", "nadam:lr=0.05", 80),
    ("goldstein_price", "0.5,1.5", "radam:lr=0.01,schedule=cosine,T_max=40", 60),
    ("formula:a*sin(x)*cos(y) + 0.1*(x**2 + y**2) + exp(-x**2); a=1.5", "-3,3", "adamax:lr=0.05", 100),
    ("formula:abs(x - 1) + sqrt(1 + y**2) + arctan(x*y)/4", "-2,2", "adadelta:lr=1", 60),
    ("formula:x**2/20 + y**2", "-4,3", "newton:lr=0.5,damping=0.1", 20),
    ("six_hump_camel", "-2.5,-1.5", "newton:lr=0.3,saddle_free=false,damping=1", 20),
    ("linear_regression:n=50", "0,0", "sgd:lr=0.002,momentum=0.9,schedule=linear", 80),
    ("logistic_regression:n=80", "2,2", "amsgrad:lr=0.05,weight_decay=0.01", 80),
]


# every other optimizer of the registry, at its defaults, on Booth
CASES += [
    ("booth", "-3,4", name, 40) for name in OPTIMIZERS if name not in {racer.split(":")[0] for _, _, racer, _ in CASES}
]


def _torch_python():
    tried = []
    for candidate in (os.environ.get("GRADIENT_ARENA_TORCH_PYTHON"), "/work/torchvenv/bin/python"):
        if candidate:
            tried.append(candidate)
            if shutil.which(candidate) or os.path.exists(candidate):
                return candidate, tried
    tried.append(sys.executable)
    if importlib.util.find_spec("torch") is not None:
        return sys.executable, tried
    return None, tried


def _csv_positions(path):
    with open(path, newline="") as fh:
        rows = list(csv.DictReader(fh))
    return np.array([[float(r["x"]), float(r["y"])] for r in rows])


def test_every_analytic_surface_has_a_torch_expression():
    for name, definition in SURFACES.items():
        surface = definition.build()
        text = torch_expression(surface)
        assert (text is None) == (surface.data is not None), name
        if text is not None:
            assert "torch." in text or "x" in text


def test_the_script_spells_out_the_optimizer_and_says_what_it_cannot_replay():
    config = RaceConfig(
        "rosenbrock",
        {},
        (-1.5, 2.0),
        40,
        None,
        0,
        [
            RacerConfig("adam", {"lr": 0.02, "beta2": 0.99}, "Adam"),
            RacerConfig("sgd", {"lr": 0.001}, "Noisy", options={"noise": 0.1}),
        ],
    )
    text = torch_script(config, 0)
    compile(text, "script.py", "exec")
    assert "torch.optim.Adam([p], lr=0.02, betas=(0.9, 0.99)" in text and "range(40)" in text
    noisy = torch_script(config, 1)
    compile(noisy, "script.py", "exec")
    assert "NOT REPRODUCED" in noisy and "noise" in noisy


def test_race_torch_script_refuses_a_bad_file_name(cli, tmp_path):
    done = cli("race", "--surface", "sphere", "--optimizer", "adam", "--torch-script", str(tmp_path / "x.txt"))
    assert done.returncode != 0 and ".py" in done.stderr


def test_running_the_scripts_with_torch_gives_the_csv_positions(cli, tmp_path):
    python, tried = _torch_python()
    if python is None:
        pytest.skip(f"torch is not installed in any of: {', '.join(tried)} (set GRADIENT_ARENA_TORCH_PYTHON)")
    jobs = []
    for i, (surface, start, racer, steps) in enumerate(CASES):
        parse_surface_spec(surface)  # a typo in the table fails here, not in torch
        out, script = tmp_path / f"race{i}.csv", tmp_path / f"race{i}.py"
        done = cli(
            "race", "--surface", surface, "--start", start, "--optimizer", racer, "--steps", str(steps),
            "--csv", str(out), "--torch-script", str(script), "-q",
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        if "raise SystemExit" in script.read_text():  # no torch equivalent: the script says so and stops
            assert "no torch.optim equivalent" in script.read_text(), racer
            continue
        jobs.append((str(script), _csv_positions(out)))
    # one torch process runs every script (torch's import is the slow part)
    driver = (
        "import contextlib, io, json, runpy, sys\n"
        "out = {}\n"
        "for path in sys.argv[1:]:\n"
        "    buf = io.StringIO()\n"
        "    with contextlib.redirect_stdout(buf):\n"
        "        runpy.run_path(path, run_name='__main__')\n"
        "    out[path] = buf.getvalue()\n"
        "print(json.dumps(out))\n"
    )
    ran = subprocess.run(
        [python, "-c", driver, *[path for path, _ in jobs]], capture_output=True, text=True, timeout=300
    )
    assert ran.returncode == 0, ran.stderr[-2000:]
    printed = json.loads(ran.stdout)
    for path, expected in jobs:
        lines = printed[path].strip().splitlines()
        assert lines[0] == "step,x,y"
        got = np.array([[float(v) for v in line.split(",")[1:]] for line in lines[1:]])
        assert got.shape == expected.shape, path
        np.testing.assert_allclose(got, expected, rtol=0, atol=1e-9, err_msg=path)
