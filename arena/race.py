"""A running race: one :class:`engine.Runner` per racer, stepped together."""

from __future__ import annotations

import time
from typing import Any

from engine import Runner, fast
from engine.fast.plan import FastBatch
from engine.inspect import StepInspection, inspect_step
from problems import NetworkRunner

from .config import RaceConfig, RacerConfig


def _racer_args(config: RaceConfig, racer: RacerConfig, stream: int) -> dict[str, Any]:
    """What a racer's run depends on besides its optimizer: one place for the race and the inspector."""
    return dict(
        start=config.start,
        tol=config.tol,
        label=racer.name,
        options=racer.run_options(),
        seed=config.seed,
        stream=stream,
    )


def inspect_racer(config: RaceConfig, index: int, step: int) -> StepInspection:
    """What racer ``index`` (0-based) of ``config`` did at ``step``: its optimizer's whole state before and
    after, and its update rule with the numbers (:func:`engine.inspect.inspect_step`, replayed exactly)."""
    config.validate()
    if config.is_network:
        raise ValueError("the step inspector shows 2-D surfaces; a network racer's state has thousands of numbers")
    racer = config.racers[index]
    stream = config.streams()[index]
    return inspect_step(
        config.build_surface(), racer.optimizer, racer.resolved(), step=step, **_racer_args(config, racer, stream)
    )


class Race:
    """Runs the racers of a :class:`RaceConfig` from its start, in lockstep.

    ``advance(k)`` takes up to ``k`` steps for every racer that is still
    running; a racer that converged or diverged stops while the others go on.
    Once the compiled kernels are loaded (``engine.fast``), every racer that can
    use them is stepped by one compiled call per ``advance``; the others (mini-batch
    or noisy racers) step on their own.
    """

    def __init__(self, config: RaceConfig):
        config.validate()
        self.config = config
        self.runners: list[Any]
        if config.is_network:  # a network: NetworkRunner (compiled flat-vector steps once loaded)
            self.problem = config.build_problem()
            self.surface = None
            self.runners = [
                NetworkRunner(
                    self.problem,
                    r.optimizer,
                    r.resolved(),
                    max_steps=config.steps,
                    label=r.name,
                    options=r.run_options(),
                    seed=config.seed,
                    stream=stream,
                )
                for r, stream in zip(config.racers, config.streams())
            ]
        else:
            self.problem = None
            self.surface = config.build_surface()
            self.runners = [
                Runner(
                    self.surface, r.optimizer, r.resolved(), max_steps=config.steps, **_racer_args(config, r, stream)
                )
                for r, stream in zip(config.racers, config.streams())
            ]
        self.steps = 0
        self._batch: FastBatch | None = None
        self._timed: list = []  # the batch's runs whose runners are in the race (they share its time)
        self._solo = list(self.runners)

    @property
    def done(self) -> bool:
        return all(r.done for r in self.runners) or self.steps >= self.config.steps

    def advance(self, k: int = 1) -> int:
        """Advance every running racer by up to ``k`` steps; return the steps the race moved."""
        k = min(k, self.config.steps - self.steps)
        if k <= 0:
            return 0
        batch = self._fast_batch()
        if batch is not None:
            t0 = time.perf_counter()
            batch.advance(k)
            timed = self._timed  # the batch's runs still in the race (a removed one keeps its lanes, idle)
            if timed:
                share = (time.perf_counter() - t0) / len(timed)
                for run in timed:
                    run.runner.elapsed += share
        for runner in self._solo:
            runner.advance(k)
        self.steps += k
        return k

    def _fast_batch(self) -> FastBatch | None:
        """One FastBatch over every racer that can take the compiled path (made once, when ready)."""
        if self._batch is not None or not fast.ready():
            return self._batch
        runs = [r._fast_run for r in self.runners if r._fast_run is not None]
        if not runs or not fast.ready_for(runs[0].kernels):
            return None
        try:
            batch = FastBatch(runs)
        except Exception:  # noqa: BLE001 - the compiled path refused: every racer on its own
            return None
        for run in runs:
            run.runner._fast_active = True
        self._batch = batch
        self._timed = list(runs)
        self._solo = [r for r in self.runners if r._fast_run is None]
        return batch

    def remove_runner(self, index: int):
        """Take racer ``index`` out of the race and return its runner. It takes no more steps: one on
        the compiled path keeps its lanes in the batch (made again, it would cost more than the lanes
        it saves), its budget set to the step it reached, so neither its lanes nor its record grow."""
        runner = self.runners.pop(index)
        if runner in self._solo:
            self._solo.remove(runner)
        run = getattr(runner, "_fast_run", None)
        if run is not None and run in self._timed:
            self._timed.remove(run)
        runner.max_steps = runner.steps
        return runner

    def set_budget(self, steps: int) -> None:
        """Change the step budget without restarting (a longer budget lets a finished race go on)."""
        self.config.steps = steps
        for runner in self.runners:
            runner.max_steps = steps

    def records(self):
        return [r.record() for r in self.runners]
