"""Problem specs (``mlp:digits,layers=100x100``) and the problems they build."""

import numpy as np
import pytest

from problems import get_problem, parse_problem_spec


def test_spec_shorthand_and_canonical_text():
    spec = parse_problem_spec("mlp:digits,layers=100x100x100x100")
    assert spec.data == "digits" and spec.layers == (100, 100, 100, 100) and spec.activation == "relu"
    assert spec.text == "mlp:digits,layers=100x100x100x100"
    spec = parse_problem_spec("mlp:data=moons,layers=none,activation=tanh,seed=3,n=200,noise=0.2")
    assert spec.layers == () and spec.n == 200 and spec.noise == 0.2
    assert parse_problem_spec(spec.text) == spec
    assert parse_problem_spec("mlp") == parse_problem_spec("mlp:digits")


@pytest.mark.parametrize(
    "text,match",
    [
        ("net:digits", "unknown problem 'net'"),
        ("mlp:cifar", "data=cifar: must be one of digits"),
        ("mlp:digits,layers=100xx", "layers=100xx: expected hidden widths"),
        ("mlp:digits,activation=gelu", "must be one of relu, tanh, sigmoid"),
        ("mlp:digits,depth=3", "unknown problem setting 'depth'"),
        ("mlp:digits,seed=-1", "seed=-1"),
        ("mlp:digits,,", "empty setting"),
    ],
)
def test_bad_specs_say_what_is_wrong(text, match):
    with pytest.raises(ValueError, match=match):
        parse_problem_spec(text)


def test_problem_is_sized_from_its_data_and_cached():
    p = get_problem("mlp:digits,layers=100x100x100x100")
    assert p.model.sizes == (64, 100, 100, 100, 100, 10)
    assert p.n_params == 64 * 100 + 100 + 3 * (100 * 100 + 100) + 100 * 10 + 10
    assert p.layer_names[0] == "layer 1 (64->100)" and len(p.layer_names) == 5
    assert get_problem("mlp:digits,layers=100x100x100x100") is p
    with pytest.raises(ValueError):
        p.theta0[0] = 1.0  # shared by every racer: read-only


def test_full_batch_gradient_is_the_mean_of_batch_gradients():
    p = get_problem("mlp:moons,layers=8,n=100")
    theta = p.theta0.copy()
    loss, grad = p.value_and_grad(theta)
    half = p.data.n // 2
    l1, g1 = p.batch_value_and_grad(theta, np.arange(half))
    l2, g2 = p.batch_value_and_grad(theta, np.arange(half, p.data.n))
    np.testing.assert_allclose(grad, (half * g1 + (p.data.n - half) * g2) / p.data.n, atol=1e-15)
    assert loss == pytest.approx((half * l1 + (p.data.n - half) * l2) / p.data.n, rel=1e-14)


def test_evaluation_subset_is_capped():
    p = get_problem("mlp:moons,layers=4,n=1000,eval_size=50")
    loss, acc = p.evaluate(p.theta0)
    assert np.isfinite(loss) and 0.0 <= acc <= 1.0
    assert len(p._eval[1]) == 50
