"""The MLP's numbers: exact backpropagation (against central differences here; against torch
autograd in test_golden_mlp.py), the flat layout, and the seeded He/Xavier initialisation."""

import numpy as np
import pytest

from problems import MLP


def _data(sizes, n=13, seed=0):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n, sizes[0])), rng.integers(0, sizes[-1], n)


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid"])
@pytest.mark.parametrize("sizes", [(3, 2), (5, 7, 3), (4, 6, 5, 3)])
def test_gradient_matches_central_differences(activation, sizes):
    model = MLP(sizes, activation)
    theta = model.init(seed=3)
    theta += 0.05 * np.random.default_rng(1).standard_normal(theta.shape)  # non-zero biases too
    X, y = _data(sizes)
    loss, grad = model.loss_and_grad(theta, X, y)
    assert loss == pytest.approx(model.loss(theta, X, y), rel=1e-14)
    h = 1e-6
    fd = np.array(
        [(model.loss(theta + e, X, y) - model.loss(theta - e, X, y)) / (2 * h) for e in h * np.eye(theta.size)]
    )
    np.testing.assert_allclose(grad, fd, atol=1e-8)


def test_layout_is_torch_linear_order_and_layers_cover_the_vector():
    model = MLP((4, 3, 2))
    assert model.n_params == 4 * 3 + 3 + 3 * 2 + 2
    assert model.layers == (slice(0, 15), slice(15, 23))
    theta = np.arange(model.n_params, dtype=float)
    (W1, b1), (W2, b2) = model.unpack(theta)
    assert W1.shape == (3, 4) and W1[0, 1] == 1 and b1.tolist() == [12, 13, 14]
    assert W2.shape == (2, 3) and b2.tolist() == [21, 22]
    W1[0, 0] = 99  # views, not copies
    assert theta[0] == 99


def test_logits_are_affine_layers_with_activation():
    model = MLP((2, 2, 2), "relu")
    theta = np.array(
        [1.0, 0, 0, -1, 0.5, 0, 1, 1, 2, 0, 0, 1]
    )  # W1 = [[1,0],[0,-1]], b1=[.5,0], W2=[[1,1],[2,0]], b2=[0,1]
    x = np.array([[1.0, 2.0]])
    # h = relu([1.5, -2]) = [1.5, 0]; z = [1.5, 3 + 1]
    np.testing.assert_allclose(model.logits(theta, x), [[1.5, 4.0]])
    loss, acc = model.loss_and_accuracy(theta, x, np.array([1]))
    assert loss == pytest.approx(np.log1p(np.exp(1.5 - 4.0))) and acc == 1.0


@pytest.mark.parametrize(
    "activation,scheme,expected",
    [("relu", "auto", "he"), ("tanh", "auto", "xavier"), ("sigmoid", "he", "he"), ("relu", "xavier", "xavier")],
)
def test_initialisation_is_he_or_xavier_from_the_seed(activation, scheme, expected):
    model = MLP((400, 300, 10), activation)
    theta = model.init(seed=7, scheme=scheme)
    np.testing.assert_array_equal(theta, model.init(seed=7, scheme=scheme))
    assert not np.array_equal(theta, model.init(seed=8, scheme=scheme))
    (W1, b1), (W2, b2) = model.unpack(theta)
    assert not b1.any() and not b2.any()
    for W, (fan_out, fan_in) in ((W1, (300, 400)), (W2, (10, 300))):
        std = np.sqrt(2 / fan_in) if expected == "he" else np.sqrt(2 / (fan_in + fan_out))
        assert W.std() == pytest.approx(std, rel=0.05)
        assert abs(W.mean()) < 4 * std / np.sqrt(W.size)


def test_bad_shapes_and_names_are_refused():
    with pytest.raises(ValueError, match="activation"):
        MLP((2, 2), "gelu")
    with pytest.raises(ValueError, match="at least"):
        MLP((2,))
    with pytest.raises(ValueError, match="init"):
        MLP((2, 2)).init(0, "orthogonal")


def test_softmax_is_stable_for_huge_logits():
    model = MLP((1, 2))
    theta = np.array([1000.0, -1000.0, 0.0, 0.0])
    loss, grad = model.loss_and_grad(theta, np.array([[1.0]]), np.array([1]))
    assert loss == pytest.approx(2000.0) and np.isfinite(grad).all()
