"""Data sets: digits split by seed, generated sets from a seed, MNIST-style IDX files read with NumPy."""

import gzip
import struct

import numpy as np
import pytest

from problems import DataError, load_dataset, read_idx
from problems.datasets import IDX_FILES


def test_digits_split_by_seed():
    a = load_dataset("digits", seed=0)
    assert a.n + len(a.y_test) == 1797 and a.n_features == 64 and a.n_classes == 10
    assert len(a.y_test) == round(0.2 * 1797)
    X = a.rows(a.X_train)
    assert X.dtype == np.float64 and X.min() == 0.0 and X.max() == 1.0
    b = load_dataset("digits", seed=0)
    np.testing.assert_array_equal(a.y_test, b.y_test)
    c = load_dataset("digits", seed=1)
    assert not np.array_equal(a.X_test, c.X_test)
    # train and test are a partition of the data set: same multiset of images
    whole = np.concatenate([a.X_train, a.X_test])
    other = np.concatenate([c.X_train, c.X_test])
    assert sorted(map(bytes, whole)) == sorted(map(bytes, other))


@pytest.mark.parametrize("name,classes", [("moons", 2), ("circles", 2), ("spirals", 3)])
def test_generated_sets_are_seeded_and_balanced(name, classes):
    a = load_dataset(name, seed=4, n=300)
    assert a.n_features == 2 and a.n_classes == classes and a.n + len(a.y_test) == 300
    np.testing.assert_array_equal(a.X_train, load_dataset(name, seed=4, n=300).X_train)
    assert not np.array_equal(a.X_train, load_dataset(name, seed=5, n=300).X_train)
    counts = np.bincount(np.concatenate([a.y_train, a.y_test]))
    assert counts.max() - counts.min() <= 1
    quiet, noisy = load_dataset(name, seed=4, n=300, noise=0.0), load_dataset(name, seed=4, n=300, noise=0.3)
    assert np.std(noisy.X_train - quiet.X_train) > 0.1


def test_moons_without_noise_lie_on_their_half_circles():
    d = load_dataset("moons", n=200, noise=0.0)
    X, y = np.concatenate([d.X_train, d.X_test]), np.concatenate([d.y_train, d.y_test])
    np.testing.assert_allclose(np.hypot(X[y == 0, 0], X[y == 0, 1]), 1.0)
    np.testing.assert_allclose(np.hypot(X[y == 1, 0] - 1.0, X[y == 1, 1] - 0.5), 1.0)


def _idx(dtype_code: int, arr: np.ndarray) -> bytes:
    return bytes([0, 0, dtype_code, arr.ndim]) + struct.pack(f">{arr.ndim}I", *arr.shape) + arr.tobytes()


def _write_mnist(folder, n_train=12, n_test=5, compress=False, rng=None):
    rng = rng or np.random.default_rng(0)
    arrays = {
        "train_images": rng.integers(0, 256, (n_train, 28, 28), dtype=np.uint8),
        "train_labels": rng.integers(0, 10, n_train, dtype=np.uint8),
        "test_images": rng.integers(0, 256, (n_test, 28, 28), dtype=np.uint8),
        "test_labels": rng.integers(0, 10, n_test, dtype=np.uint8),
    }
    for key, arr in arrays.items():
        raw = _idx(0x08, arr)
        name = IDX_FILES[key] + (".gz" if compress else "")
        (folder / name).write_bytes(gzip.compress(raw) if compress else raw)
    return arrays


@pytest.mark.parametrize("compress", [False, True])
def test_mnist_from_idx_files(tmp_path, compress):
    arrays = _write_mnist(tmp_path, compress=compress)
    d = load_dataset("mnist", data_dir=str(tmp_path))
    assert d.n == 12 and len(d.y_test) == 5 and d.n_features == 784 and d.n_classes == 10
    np.testing.assert_array_equal(d.y_train, arrays["train_labels"])
    np.testing.assert_array_equal(d.rows(d.X_test, [2])[0], arrays["test_images"][2].ravel() / 255.0)
    fashion = load_dataset("fashion", data_dir=str(tmp_path))
    np.testing.assert_array_equal(fashion.X_train, d.X_train)


def test_read_idx_other_types(tmp_path):
    arr = np.arange(6, dtype=">f8").reshape(2, 3)
    (tmp_path / "a").write_bytes(_idx(0x0E, arr))
    np.testing.assert_array_equal(read_idx(str(tmp_path / "a")), arr)


def test_bad_idx_files_are_named(tmp_path):
    _write_mnist(tmp_path)
    path = tmp_path / IDX_FILES["train_labels"]
    path.write_bytes(b"PK\x03\x04 not idx")
    with pytest.raises(DataError, match=f"{path}: not an IDX file"):
        load_dataset("mnist", data_dir=str(tmp_path))
    good = _idx(0x08, np.zeros((12, 28, 28), dtype=np.uint8))
    path = tmp_path / IDX_FILES["train_images"]
    path.write_bytes(good[:-100])
    with pytest.raises(DataError, match=f"{path}: IDX header says 12x28x28 values"):
        read_idx(str(path))
    path.write_bytes(b"\x1f\x8b" + b"garbage")
    with pytest.raises(DataError, match=f"{path}: damaged gzip"):
        read_idx(str(path))


def test_mismatched_counts_missing_files_and_folder(tmp_path):
    _write_mnist(tmp_path)
    (tmp_path / IDX_FILES["test_labels"]).write_bytes(_idx(0x08, np.zeros(4, dtype=np.uint8)))
    with pytest.raises(DataError, match="holds 5 images but .* holds 4 labels"):
        load_dataset("mnist", data_dir=str(tmp_path))
    (tmp_path / IDX_FILES["test_labels"]).unlink()
    with pytest.raises(DataError, match="no t10k-labels-idx1-ubyte"):
        load_dataset("mnist", data_dir=str(tmp_path))
    with pytest.raises(DataError, match="--data DIR"):
        load_dataset("mnist")
    with pytest.raises(DataError, match="not a folder"):
        load_dataset("mnist", data_dir=str(tmp_path / "nope"))
    with pytest.raises(DataError, match="unknown data set"):
        load_dataset("cifar")
