"""What the window needs to know of a network race besides its panels (those are ``gui.network_mode``'s):
the network problems the Surface dock offers, a race config made to train one, the speed a network race
plays at, and the Race dock's leaderboard rows. No panels or exports here: the docks import it."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from problems.csvio import network_standings

from .i18n import QT_TRANSLATE_NOOP, tr

PLAY_SECONDS = 10.0  # a network race's budget plays in about this long (at least one step per frame)
FRAME_MS = 16

#: the network problems the Surface dock offers: (data set, its title)
NETWORK_CHOICES = (
    ("digits", QT_TRANSLATE_NOOP("network", "MLP on digits")),
    ("moons", QT_TRANSLATE_NOOP("network", "MLP on two moons")),
    ("circles", QT_TRANSLATE_NOOP("network", "MLP on two circles")),
    ("spirals", QT_TRANSLATE_NOOP("network", "MLP on three spirals")),
)


def default_speed(steps: int) -> int:
    """Steps per frame that play a network race's budget in about PLAY_SECONDS."""
    return max(1, round(steps / (PLAY_SECONDS * 1000 / FRAME_MS)))


def network_config(config, spec: str, batch_size: int = -1):
    """``config`` (a surface or network race) made to train the network of ``spec``: the same racers,
    budget and seed, less those that cannot train a network (Newton and BFGS: a P x P matrix); every
    racer's mini-batch is ``batch_size`` (0: the whole training set; -1: as each racer has it).
    Returns (the new config, the names of the racers left out); ValueError when it cannot be built."""
    from engine import OPTIMIZERS, HyperparameterError
    from problems import refuse_hessian

    new = config.copy()
    new.problem = spec
    if not (config.is_network and config.problem and spec.partition(",")[0] == config.problem.partition(",")[0]):
        new.data_dir = None
    problem = new.build_problem()
    kept, dropped = [], []
    for racer in new.racers:
        try:
            refuse_hessian(OPTIMIZERS[racer.optimizer], problem.n_params)
        except HyperparameterError:
            dropped.append(racer.name)
            continue
        if batch_size >= 0:
            racer.options = {k: v for k, v in racer.options.items() if k != "batch_size"}
            if batch_size:
                racer.options["batch_size"] = min(int(batch_size), problem.data.n)
        elif racer.options.get("batch_size", 0) > problem.data.n:
            racer.options["batch_size"] = problem.data.n
        kept.append(racer)
    new.racers = kept
    new.validate()
    return new, dropped


# --------------------------------------------------------------- leaderboard
def network_rows(race) -> list[dict]:
    """The leaderboard of a network race (``problems.csvio.network_standings``, ranked by the last
    test loss) read from the runners as they are (no copy of their parameter snapshots)."""
    views = []
    for i, runner in enumerate(race.runners):
        n = runner.steps + 1
        views.append(
            SimpleNamespace(
                label=f"{i}\x00{runner.label}",  # the racer's index travels with its row
                optimizer=runner.optimizer.name,
                hyperparams=runner.hyperparams,
                status=runner.status,
                steps=runner.steps,
                batch_losses=runner._batch_loss[:n],
                test_losses=np.array([e[0] for e in runner._evals[-1:]]),
                test_accuracies=np.array([e[1] for e in runner._evals[-1:]]),
                seconds_per_step=runner.seconds_per_step,
            )
        )
    rows = network_standings(views, race.config.steps)
    for row in rows:
        index, _, row["racer"] = row["racer"].partition("\x00")
        row["index"] = int(index)
        row["seconds"] = race.runners[row["index"]].elapsed
    return rows


def network_leaderboard(race) -> tuple[list[SimpleNamespace], dict[int, tuple[str, str]]]:
    """The Race dock's leaderboard rows of a network race (rank, racer, index, status, status_text, steps,
    train_loss, test_accuracy, test_loss, seconds, seconds_per_step) and the column titles that differ
    from a surface race's: (rows, {column: (title, tooltip)})."""
    out = []
    for row in network_rows(race):
        status = row["status"]
        status_text = status
        if status == "diverged":
            status_text = tr("diverged at step {step}").format(step=race.runners[row["index"]].stop_step)
        out.append(
            SimpleNamespace(
                rank=row["rank"],
                racer=row["racer"],
                index=row["index"],
                status=status,
                status_text=status_text,
                stop_step=race.runners[row["index"]].stop_step,
                steps=row["steps"],
                train_loss=row["final_batch_loss"],
                test_accuracy=row["test_accuracy"],
                test_loss=row["test_loss"],
                seconds=row["seconds"],
                seconds_per_step=row["seconds_per_step"],
            )
        )
    titles = {
        2: (tr("Train loss"), tr("The loss of the racer's last mini-batch (the training curve's last point)")),
        3: (tr("Test accuracy"), tr("Accuracy on the test set at the racer's last evaluation")),
        6: (tr("Test loss"), tr("Cross-entropy on the test set at the last evaluation (the rank's order)")),
    }
    return out, titles
