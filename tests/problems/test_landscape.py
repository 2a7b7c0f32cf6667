"""The loss landscape: the PCA plane of the paths, filter-normalized random directions (Li et al. 2018),
the paths projected onto the plane, and the loss on the grid."""

import numpy as np
import pytest

from problems import NetworkRunner, filter_normalized_directions, get_problem, landscape, pca_directions
from problems.landscape import plane_losses

SPEC = "mlp:spirals,layers=12x12,n=300,activation=tanh"


@pytest.fixture(scope="module")
def problem():
    return get_problem(SPEC)


@pytest.fixture(scope="module")
def paths(problem):
    out = []
    for i, (name, hp) in enumerate([("sgd", {"lr": 0.3}), ("adam", {"lr": 0.02}), ("momentum", {"lr": 0.05})]):
        r = NetworkRunner(problem, name, hp, max_steps=120, options={"batch_size": 30}, stream=i)
        r.advance(120)
        out.append(r.snapshots()[1].astype(np.float64))
    return out


def test_pca_recovers_a_plane_that_holds_the_paths():
    rng = np.random.default_rng(0)
    P = 500
    origin = rng.standard_normal(P)
    basis, _ = np.linalg.qr(rng.standard_normal((P, 2)))
    coords = [np.cumsum(rng.standard_normal((15, 2)), axis=0) for _ in range(3)]
    trajectories = [origin + c @ basis.T for c in coords]
    o, d1, d2, explained = pca_directions(trajectories)
    assert d1 @ d1 == pytest.approx(1) and d2 @ d2 == pytest.approx(1) and abs(d1 @ d2) < 1e-12
    assert explained[0] >= explained[1] and sum(explained) == pytest.approx(1.0)
    D = np.column_stack([d1, d2])
    np.testing.assert_allclose(D @ (D.T @ basis), basis, atol=1e-10)  # the same plane
    for t in trajectories:
        np.testing.assert_allclose(o + ((t - o) @ D) @ D.T, t, atol=1e-10)  # every point lies in it


def test_pca_refuses_paths_that_do_not_span_a_plane():
    with pytest.raises(ValueError, match="no plane"):
        pca_directions([np.ones((5, 10)), np.ones((4, 10))])


def test_filter_normalized_directions_match_each_filters_norm(problem):
    center = np.array(problem.theta0) + 0.1
    d1, d2 = filter_normalized_directions(problem, center, seed=1)
    assert not np.allclose(d1, d2)
    for (W, _b), (D, c) in zip(problem.model.unpack(center), problem.model.unpack(d1)):
        np.testing.assert_allclose(np.linalg.norm(D, axis=1), np.linalg.norm(W, axis=1), rtol=1e-12)
        assert not c.any()  # biases are left out, as Li et al.
    again, _ = filter_normalized_directions(problem, center, seed=1)
    np.testing.assert_array_equal(again, d1)


def test_grid_losses_are_the_networks_loss_on_the_plane(problem, paths):
    land = landscape(problem, paths, "pca", resolution=12)
    assert land.losses.shape == (12, 12) and land.explained is not None
    rng = np.random.default_rng(np.random.SeedSequence(problem.spec.seed, spawn_key=(6,)))
    idx = np.sort(rng.choice(problem.data.n, min(200, problem.data.n), replace=False))
    X, y = problem.data.rows(problem.data.X_train, idx), problem.data.y_train[idx]
    for j, k in [(0, 0), (5, 7), (11, 3)]:
        theta = land.origin + land.alphas[k] * land.d1 + land.betas[j] * land.d2
        assert land.losses[j, k] == pytest.approx(problem.model.loss(theta, X, y), rel=1e-4)  # float32 grid


def test_paths_are_projected_inside_the_grid_and_end_where_they_end(problem, paths):
    land = landscape(problem, paths, "pca", resolution=10)
    for path, xy in zip(paths, land.paths):
        assert xy.shape == (len(path), 2)
        assert land.alphas[0] < xy[:, 0].min() and xy[:, 0].max() < land.alphas[-1]
        assert land.betas[0] < xy[:, 1].min() and xy[:, 1].max() < land.betas[-1]

    # the loss where the trained paths end is lower than where they started
    def loss_at(xy):
        return plane_losses(problem, land.origin, land.d1, land.d2, xy[:1], xy[1:])[0, 0]

    start = loss_at(land.paths[0][0])
    assert max(loss_at(p[-1]) for p in land.paths) < start


def test_random_plane_is_centred_on_the_given_weights(problem, paths):
    center = paths[1][-1]
    land = landscape(problem, paths, "random", resolution=8, center=center, seed=2)
    np.testing.assert_array_equal(land.origin, center)
    np.testing.assert_allclose(land.paths[1][-1], [0.0, 0.0], atol=1e-9)
    assert land.alphas[0] <= -1 and land.alphas[-1] >= 1  # at least Li et al.'s [-1, 1]
    with pytest.raises(ValueError, match="method"):
        landscape(problem, paths, "hessian")
