"""The live window's budget on long races (issue 15): memory per recorded step and the items a frame
makes stay bounded. (Frame times are measured by benchmarks/gui.py and gui_frames.py, not here.)"""

import tracemalloc

from arena import PALETTE, RaceConfig, RacerConfig


def ten_racers(steps):
    racers = [RacerConfig("adam", {"lr": 1e-3 * (i + 1)}, f"adam {i}", PALETTE[i]) for i in range(10)]
    return RaceConfig("rosenbrock", {}, (-1.5, 2.0), steps, None, 0, racers)


def scene_items(w):
    return sum(len(view.scene().items()) for view in (w.contour, w.loss.plot_widget, w.lr.plot_widget))


def test_playing_on_makes_no_new_plot_items(qtbot, make_window):
    """Curves fold their oldest points into a decimated history every few hundred steps: a frame
    that does so reuses the curve's items (a chunk start used to add ~40 items at once)."""
    w = make_window(ten_racers(60_000))
    c = w.controller
    w._on_playing(True)  # what play tells the window: panels take turns
    c.step(100)
    before = scene_items(w)
    grown = []
    for _ in range(150):  # 15,000 steps: every curve folds dozens of times
        n = scene_items(w)
        c.step(100)
        grown.append(scene_items(w) - n)
    w._on_playing(False)
    assert max(grown) <= 0 and scene_items(w) == before


def test_the_window_holds_little_memory_per_recorded_step_beyond_the_engine(qtbot, make_window):
    """What the panels keep grows by far less than 100 bytes per step per racer (measured:
    ~20 B, mostly the learning-rate panel's observed rates); the engine's own record is not counted
    (its history was reserved before the measurement and is not traced)."""
    from engine import fast
    from surfaces import get_surface

    # the compiled path loads (numba's modules, the kernels: tens of MB) before the measurement, not during it
    fast.wait_for(get_surface("rosenbrock").scalar_kernels, 300)
    w = make_window(ten_racers(60_000))
    c = w.controller
    w._on_playing(True)
    c.step(2_000)
    w.lr.set_mode("observed")  # the mode that keeps a buffer of its own
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        for _ in range(100):  # 20,000 steps at 200 a frame
            c.step(200)
        w._on_playing(False)
        grown = tracemalloc.get_traced_memory()[0] - start
    finally:
        tracemalloc.stop()
    per_step = grown / (20_000 * 10)
    assert per_step < 100, per_step
