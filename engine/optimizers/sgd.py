"""SGD, heavy-ball momentum and Nesterov momentum (torch.optim.SGD).

With ``g = grad + weight_decay * theta``::

    b = g                                   at the first step (momentum != 0)
    b = momentum * b + (1 - dampening) * g  afterwards
    g = g + momentum * b   if nesterov else   g = b
    theta = theta - lr * g

Effective learning rate: ``lr`` for every parameter.
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .common import constant_rate, l2


class SGDState(NamedTuple):
    t: int
    buf: np.ndarray | None  # momentum buffer; None until the first step
    rate: np.ndarray  # the effective learning rate: lr for every parameter (rebuilt when lr changes)


def init(params, hp) -> SGDState:
    return SGDState(0, None, constant_rate(params, hp["lr"]))


def update(grad, state: SGDState, params, hp, hessian=None):
    lr = hp["lr"]
    momentum = hp["momentum"]
    g = l2(grad, params, hp["weight_decay"])
    buf = state.buf
    if momentum != 0.0:
        if buf is None:
            buf = g.copy()
        else:
            buf = buf * momentum + (1.0 - hp["dampening"]) * g
        g = g + momentum * buf if hp["nesterov"] else buf
    new_params = params + (-lr) * g
    rate = state.rate
    if rate.size and rate.flat[0] != lr:  # a learning-rate schedule changed lr
        rate = constant_rate(params, lr)
    return new_params, SGDState(state.t + 1, buf, rate), rate
