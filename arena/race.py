"""A running race: one :class:`engine.Runner` per racer, stepped together."""

from __future__ import annotations

from engine import Runner

from .config import RaceConfig


class Race:
    """Runs the racers of a :class:`RaceConfig` from its start, in lockstep.

    ``advance(k)`` takes up to ``k`` steps for every racer that is still
    running; a racer that converged or diverged stops while the others go on.
    """

    def __init__(self, config: RaceConfig):
        config.validate()
        self.config = config
        self.surface = config.build_surface()
        self.runners = [
            Runner(
                self.surface,
                r.optimizer,
                r.resolved(),
                start=config.start,
                max_steps=config.steps,
                tol=config.tol,
                label=r.name,
                options=r.run_options(),
                seed=config.seed,
                stream=i,
            )
            for i, r in enumerate(config.racers)
        ]
        self.steps = 0

    @property
    def done(self) -> bool:
        return all(r.done for r in self.runners) or self.steps >= self.config.steps

    def advance(self, k: int = 1) -> int:
        """Advance every running racer by up to ``k`` steps; return the steps the race moved."""
        k = min(k, self.config.steps - self.steps)
        if k <= 0:
            return 0
        for runner in self.runners:
            runner.advance(k)
        self.steps += k
        return k

    def set_budget(self, steps: int) -> None:
        """Change the step budget without restarting (a longer budget lets a finished race go on)."""
        self.config.steps = steps
        for runner in self.runners:
            runner.max_steps = steps

    def records(self):
        return [r.record() for r in self.runners]
