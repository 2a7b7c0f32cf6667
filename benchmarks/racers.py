"""The ten racers the GUI benchmarks race on Rosenbrock (one list for benchmarks/gui.py and gui_frames.py)."""

SPECS = [
    "sgd:lr=0.001",
    "momentum:lr=0.0002",
    "nesterov:lr=0.0002",
    "adagrad:lr=0.1",
    "rmsprop:lr=0.001",
    "adadelta",
    "adam:lr=0.01",
    "amsgrad:lr=0.01",
    "nadam:lr=0.01",
    "adamax:lr=0.01",
]
