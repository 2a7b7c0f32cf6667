"""Data sets for network problems: bundled, generated, or read from the user's IDX files.

* ``digits``: scikit-learn's bundled handwritten digits (1,797 8x8 images, 10
  classes, pixels 0..16 scaled to [0, 1]); scikit-learn is imported only here,
  when the data set is first built, so ``main.py list`` stays fast.
* ``moons``, ``circles``, ``spirals``: 2-D points generated with NumPy from a seed
  (two interleaving half circles; two concentric circles; three spiral arms),
  with Gaussian noise of the given standard deviation.
* ``mnist``, ``fashion``: MNIST or Fashion-MNIST from the four IDX files (plain or
  ``.gz``) in a folder the user gives (``--data DIR``); nothing is downloaded.
  Their own train/test split (60,000/10,000) is used; pixels are scaled to [0, 1].

Features are kept as stored (uint8 images) and scaled to float64 when rows are
taken (:meth:`Split.rows`), so MNIST takes 55 MB rather than 440 MB.
The split of the bundled and generated sets into train and test is drawn from
the problem's seed.
"""

from __future__ import annotations

import gzip
import os
from dataclasses import dataclass

import numpy as np

__all__ = ["DATASETS", "IDX_FILES", "DataError", "Split", "load_dataset", "read_idx"]


class DataError(ValueError):
    """A data set could not be built or read (the message names the file)."""


#: name -> what it is (``list`` and messages read this)
DATASETS = {
    "digits": "scikit-learn's handwritten digits: 1,797 8x8 images, 10 classes",
    "moons": "two interleaving half circles, 2-D, 2 classes (n points, noise)",
    "circles": "two concentric circles, 2-D, 2 classes (n points, noise)",
    "spirals": "three spiral arms, 2-D, 3 classes (n points, noise)",
    "mnist": "MNIST from the IDX files in --data DIR: 28x28 images, 10 classes",
    "fashion": "Fashion-MNIST from the IDX files in --data DIR: 28x28 images, 10 classes",
}
#: the file names (without .gz) MNIST and Fashion-MNIST are distributed under
IDX_FILES = {
    "train_images": "train-images-idx3-ubyte",
    "train_labels": "train-labels-idx1-ubyte",
    "test_images": "t10k-images-idx3-ubyte",
    "test_labels": "t10k-labels-idx1-ubyte",
}


@dataclass(frozen=True, eq=False)
class Split:
    """A data set split into train and test: features as stored, scaled by ``1 / divisor`` when read."""

    name: str
    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray
    n_classes: int
    divisor: float = 1.0

    @property
    def n_features(self) -> int:
        return int(self.X_train.shape[1])

    @property
    def n(self) -> int:
        """Training points (what ``batch_size`` is checked against)."""
        return int(len(self.y_train))

    def rows(self, X: np.ndarray, idx=None) -> np.ndarray:
        """Rows ``idx`` (all when None) of ``X`` as float64 features."""
        part = X if idx is None else X[idx]
        if self.divisor == 1.0 and part.dtype == np.float64:
            return part
        return part / self.divisor


# ---------------------------------------------------------------- generated
def _moons(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    n0 = n // 2
    t = np.pi * rng.random(n)
    y = (np.arange(n) >= n0).astype(np.intp)
    x0 = np.where(y == 0, np.cos(t), 1.0 - np.cos(t))
    x1 = np.where(y == 0, np.sin(t), 0.5 - np.sin(t))
    X = np.column_stack([x0, x1]) + noise * rng.standard_normal((n, 2))
    return X, y


def _circles(n: int, noise: float, rng: np.random.Generator, factor: float = 0.5) -> tuple[np.ndarray, np.ndarray]:
    y = (np.arange(n) >= n // 2).astype(np.intp)
    t = 2 * np.pi * rng.random(n)
    r = np.where(y == 0, 1.0, factor)
    X = np.column_stack([r * np.cos(t), r * np.sin(t)]) + noise * rng.standard_normal((n, 2))
    return X, y


def _spirals(n: int, noise: float, rng: np.random.Generator, arms: int = 3) -> tuple[np.ndarray, np.ndarray]:
    y = np.arange(n) % arms
    r = rng.random(n)
    t = 4.0 * r + y * (2 * np.pi / arms)
    X = np.column_stack([r * np.sin(t), r * np.cos(t)]) + noise * rng.standard_normal((n, 2))
    return X, y.astype(np.intp)


_GENERATORS = {"moons": _moons, "circles": _circles, "spirals": _spirals}


def _split(name, X, y, n_classes, test_fraction, rng, divisor=1.0) -> Split:
    n = len(y)
    n_test = int(round(test_fraction * n))
    if n_test < 1 or n - n_test < 1:
        raise DataError(f"{name}: test_fraction={test_fraction:g} of {n} points leaves no train or no test points")
    perm = rng.permutation(n)
    test, train = np.sort(perm[:n_test]), np.sort(perm[n_test:])
    return Split(name, X[train], y[train], X[test], y[test], n_classes, divisor)


def load_dataset(
    name: str,
    *,
    seed: int = 0,
    n: int = 1000,
    noise: float | None = None,
    test_fraction: float = 0.2,
    data_dir: str | None = None,
) -> Split:
    """Build data set ``name`` (see :data:`DATASETS`) split into train and test from ``seed``."""
    data_seq, split_seq = np.random.SeedSequence(int(seed), spawn_key=(1,)).spawn(2)
    split_rng = np.random.default_rng(split_seq)
    if name in _GENERATORS:
        default_noise = {"moons": 0.1, "circles": 0.05, "spirals": 0.03}[name]
        X, y = _GENERATORS[name](
            int(n), default_noise if noise is None else float(noise), np.random.default_rng(data_seq)
        )
        return _split(name, X, y, int(y.max()) + 1, test_fraction, split_rng)
    if name == "digits":
        try:
            from sklearn.datasets import load_digits  # lazy: only a digits problem pays for it
        except ImportError:
            raise DataError("the digits data set needs scikit-learn: pip install scikit-learn") from None
        bunch = load_digits()
        X = np.asarray(bunch.data).astype(np.uint8)  # pixel counts 0..16
        y = np.asarray(bunch.target, dtype=np.intp)
        return _split(name, X, y, 10, test_fraction, split_rng, divisor=16.0)
    if name in ("mnist", "fashion"):
        return _load_idx_set(name, data_dir)
    raise DataError(f"unknown data set {name!r}; valid: {', '.join(DATASETS)}")


# --------------------------------------------------------------------- IDX
_IDX_TYPES: dict[int, str] = {0x08: "u1", 0x09: "i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}


def read_idx(path: str) -> np.ndarray:
    """Read one IDX file (plain or gzip-compressed); a bad file raises :class:`DataError` naming it."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise DataError(f"cannot read {path}: {exc.strerror or exc}") from None
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, ValueError) as exc:
            raise DataError(f"{path}: damaged gzip file ({exc})") from None
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0 or raw[2] not in _IDX_TYPES:
        raise DataError(f"{path}: not an IDX file (it should start with 00 00, a type byte and a dimension count)")
    dtype = np.dtype(_IDX_TYPES[raw[2]])
    ndim = raw[3]
    head = 4 + 4 * ndim
    if ndim == 0 or len(raw) < head:
        raise DataError(f"{path}: truncated IDX header")
    shape = tuple(int(d) for d in np.frombuffer(raw, dtype=">u4", count=ndim, offset=4))
    expected = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    if len(raw) - head != expected:
        raise DataError(
            f"{path}: IDX header says {'x'.join(map(str, shape))} values ({expected} bytes) "
            f"but the file holds {len(raw) - head} bytes of data"
        )
    return np.frombuffer(raw, dtype=dtype, offset=head).reshape(shape)


def _find(folder: str, stem: str) -> str:
    for name in (stem, stem + ".gz", stem.replace("-idx", ".idx"), stem.replace("-idx", ".idx") + ".gz"):
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            return path
    raise DataError(f"{folder}: no {stem} (or {stem}.gz) in this folder")


def _load_idx_set(name: str, data_dir: str | None) -> Split:
    if not data_dir:
        raise DataError(f"the {name} data set is read from its IDX files: give the folder that holds them (--data DIR)")
    if not os.path.isdir(data_dir):
        raise DataError(f"--data {data_dir}: not a folder")
    arrays = {}
    for key, stem in IDX_FILES.items():
        path = _find(data_dir, stem)
        arr = read_idx(path)
        if key.endswith("images") and (arr.ndim != 3 or arr.dtype != np.uint8):
            raise DataError(f"{path}: expected uint8 images (an IDX file of 3 dimensions), got shape {arr.shape}")
        if key.endswith("labels") and (arr.ndim != 1 or arr.dtype != np.uint8 or (arr.size and arr.max() > 9)):
            raise DataError(f"{path}: expected uint8 labels 0..9 (an IDX file of 1 dimension)")
        arrays[key] = (path, arr)
    for part in ("train", "test"):
        (ipath, images), (lpath, labels) = arrays[f"{part}_images"], arrays[f"{part}_labels"]
        if len(images) != len(labels):
            raise DataError(f"{ipath} holds {len(images)} images but {lpath} holds {len(labels)} labels")
        if len(images) == 0:
            raise DataError(f"{ipath}: no images")
    tr, te = arrays["train_images"][1], arrays["test_images"][1]
    if tr.shape[1:] != te.shape[1:]:
        raise DataError(f"{data_dir}: train images are {tr.shape[1:]} but test images are {te.shape[1:]}")
    return Split(
        name,
        tr.reshape(len(tr), -1),
        arrays["train_labels"][1].astype(np.intp),
        te.reshape(len(te), -1),
        arrays["test_labels"][1].astype(np.intp),
        10,
        divisor=255.0,
    )
