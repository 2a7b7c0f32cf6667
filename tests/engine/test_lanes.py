"""The blocked lane loops (engine.fast.lanes) give the NumPy path's bits: every compiled surface x every
optimizer variant, many runs, stops and divergence included, across calls.

In a file of its own so that pytest-xdist (``--dist loadfile``) runs it beside test_fast.py: the first
run compiles one lane loop per surface x family (about 1-2 s each, in child processes).
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from engine import Runner, fast
from surfaces import SURFACES

from .test_fast import COMPILED_SURFACES, VARIANTS, assert_same

pytestmark = pytest.mark.skipif(fast.disabled(), reason="GRADIENT_ARENA_NO_JIT=1")


def _many_starts(surface, n):
    """n starts over the surface's domain, with runs that diverge at once or later and one that is not a number."""
    (x0, x1), (y0, y1) = surface.domain
    starts = np.random.default_rng(7).uniform([x0, y0], [x1, y1], size=(n, 2))
    starts[:6] = [surface.start, (x0, y0), (x1, y1), (1e8, 1.0), (np.nan, 0.0), (0.5 * (x0 + x1), y1)]
    starts[6:40] *= 30.0  # far out: some run away and diverge mid-run
    return starts


@pytest.mark.parametrize("name", COMPILED_SURFACES)
def test_many_runs_take_the_blocked_lane_loop_with_the_numpy_bits(name):
    """Big record='final' batches run on engine.fast.lanes (one vectorized loop per surface x family, on
    all cores): every optimizer variant gives the NumPy path's bits, stops included, across calls."""
    from engine.fast.lanes import MIN_LANES

    surface = SURFACES[name].build()
    numpy = dataclasses.replace(surface, scalar_kernels=None)
    starts = _many_starts(surface, MIN_LANES + 9)
    assert fast.wait_for(surface.scalar_kernels, 600)
    specs = [s for s in VARIANTS if not (s.startswith("newton") and surface.scalar_kernels.hessian is None)]
    fams = [Runner(surface, spec, start=starts, record="final")._fast_run.fam for spec in specs]
    for fam in fams:  # asked for together: one child process compiles them all (when not cached yet)
        fast.prepare_lanes(surface.scalar_kernels, fam)
    seen = set()
    for spec, fam in zip(specs, fams):
        assert fast.lanes_for(surface.scalar_kernels, fam, timeout=600) is not None, fast.lanes_error(
            surface.scalar_kernels, fam
        )
        a, b = (Runner(obj, spec, start=starts, max_steps=90, tol=1e-6, record="final") for obj in (surface, numpy))
        for runner in (a, b):
            runner.advance(30)
            runner.advance(90)
        assert a.fast and not b.fast
        assert a._fast_run.batch.blocked_calls == 1 + (a.steps > 30), (spec, a.steps)  # every call that moved
        assert_same(a, b)
        seen.update(a.record().status_all.tolist())
    assert seen == {"running", "converged", "diverged"}, seen


@pytest.mark.parametrize("spec", ["adam:lr=0.05", "nadam", "sgd:lr=0.01,momentum=0.9"])
def test_a_big_batch_split_between_threads_gives_the_numpy_bits(spec, monkeypatch):
    """Enough point-steps and the lanes are cut into chunks that threads take in turn: same bits, same stops."""
    from engine.fast import lanes

    monkeypatch.setenv("GRADIENT_ARENA_THREADS", "3")
    surface = SURFACES["rosenbrock"].build()
    numpy = dataclasses.replace(surface, scalar_kernels=None)
    starts = _many_starts(surface, 8 * lanes.BLOCK + 77)  # not a whole number of blocks
    assert fast.wait_for(surface.scalar_kernels, 600)
    a = Runner(surface, spec, start=starts, max_steps=150, tol=1e-6, record="final")
    assert fast.lanes_for(surface.scalar_kernels, a._fast_run.fam, timeout=600) is not None
    calls = []
    real = lanes.run

    def spy(fn, k, *rest):
        calls.append(min(lanes.threads(), (len(starts) * k) // lanes.MIN_THREAD_POINT_STEPS))
        return real(fn, k, *rest)

    monkeypatch.setattr(lanes, "run", spy)
    b = Runner(numpy, spec, start=starts, max_steps=150, tol=1e-6, record="final")
    for runner in (a, b):
        runner.advance(140)
        runner.advance(10)
    assert calls and calls[0] >= 2  # the first call went to more than one thread
    assert_same(a, b)
    assert {"diverged", "running"} <= set(a.record().status_all.tolist())  # runs stopped mid-call too
