"""The optimizer registry: one table that drives validation, the CLI, ``list``,
the GUI's controls and the parametrized tests.

Names, hyperparameters and defaults follow torch.optim (shared/reference/
optimizers.md), with ``betas`` split into ``beta1`` and ``beta2`` so a setting
moves between this app and a PyTorch script unchanged.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from .hyperparams import HyperParam, HyperparameterError
from .optimizers import adadelta, adagrad, adam, adamax, nadam, newton, radam, rmsprop, sgd

__all__ = ["Optimizer", "OPTIMIZERS", "get_optimizer", "resolve_hyperparams"]

INF = math.inf


@dataclass(frozen=True)
class Optimizer:
    """A registered optimizer: its description and its two pure functions."""

    name: str
    title: str
    torch_equivalent: str  # e.g. "torch.optim.SGD(momentum=0.9)"; "" if none
    summary: str  # one sentence for users
    rule: str  # the update rule, for tooltips and ``list``
    hyperparams: tuple[HyperParam, ...]
    init: Callable = field(repr=False)
    update: Callable = field(repr=False)
    effective_lr: str = ""  # what the recorded effective learning rate is
    needs_hessian: bool = False
    check: Callable[[dict], None] | None = field(default=None, repr=False)

    @property
    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.hyperparams}

    def param(self, name: str) -> HyperParam:
        for p in self.hyperparams:
            if p.name == name:
                return p
        raise KeyError(name)


# ------------------------------------------------------------ hyperparameters
def _lr(default: float) -> HyperParam:
    return HyperParam("lr", "float", default, "learning rate (step size)",
                      low=0.0, low_open=True, log=True, gui_max=1e3)


def _weight_decay(default: float = 0.0, decoupled: bool = False) -> HyperParam:
    doc = ("decoupled weight decay: theta *= 1 - lr*weight_decay before the step" if decoupled
           else "L2 penalty: weight_decay * theta is added to the gradient")
    return HyperParam("weight_decay", "float", default, doc, low=0.0, gui_max=10.0)


def _eps(default: float) -> HyperParam:
    return HyperParam("eps", "float", default, "term added to the denominator for numerical stability",
                      low=0.0, log=True, gui_max=1.0)


def _beta1(default: float = 0.9) -> HyperParam:
    return HyperParam("beta1", "float", default,
                      "decay rate of the running mean of gradients (betas[0] in torch)",
                      low=0.0, high=1.0, high_open=True)


def _beta2(default: float = 0.999) -> HyperParam:
    return HyperParam("beta2", "float", default,
                      "decay rate of the running mean of squared gradients (betas[1] in torch)",
                      low=0.0, high=1.0, high_open=True)


def _decoupled(default: bool = False) -> HyperParam:
    return HyperParam("decoupled_weight_decay", "bool", default,
                      "apply weight decay as theta *= 1 - lr*weight_decay (AdamW style) instead of L2")


def _momentum(default: float) -> HyperParam:
    return HyperParam("momentum", "float", default, "momentum factor (0 = none)",
                      low=0.0, high=1.0, high_open=True)


def _sgd_params(momentum: float, nesterov: bool) -> tuple[HyperParam, ...]:
    return (
        _lr(1e-3),
        _momentum(momentum),
        HyperParam("dampening", "float", 0.0, "dampening of the momentum: b = momentum*b + (1-dampening)*g",
                   low=0.0, high=1.0),
        _weight_decay(),
        HyperParam("nesterov", "bool", nesterov, "use Nesterov momentum (needs momentum > 0 and dampening = 0)"),
    )


def _check_nesterov(hp: Mapping[str, Any]) -> None:
    if hp["nesterov"]:
        if hp["momentum"] <= 0:
            raise HyperparameterError(
                f"nesterov=true needs momentum > 0 (got momentum={hp['momentum']:g})",
                "nesterov", "needs momentum > 0")
        if hp["dampening"] != 0:
            raise HyperparameterError(
                f"nesterov=true needs dampening = 0 (got dampening={hp['dampening']:g})",
                "nesterov", "needs dampening = 0")


_ADAM_RATE = "(lr / (1 - beta1^t)) / (sqrt(v) / sqrt(1 - beta2^t) + eps)"
_ADAM_RULE = ("m = beta1 m + (1-beta1) g;  v = beta2 v + (1-beta2) g^2;\n"
              "theta -= lr/(1-beta1^t) * m / (sqrt(v)/sqrt(1-beta2^t) + eps)")


def _adam_params(lr: float, weight_decay: float, amsgrad: bool, decoupled: bool | None):
    params = [_lr(lr), _beta1(), _beta2(), _eps(1e-8), _weight_decay(weight_decay, decoupled=bool(decoupled)),
              HyperParam("amsgrad", "bool", amsgrad, "use the maximum of past v (AMSGrad variant)")]
    if decoupled is not None and not decoupled:
        params.append(_decoupled(False))
    return tuple(params)


def _fixed(hp_update: Callable, **fixed: Any) -> Callable:
    """An update function with some hyperparameters fixed (e.g. AdamW's decoupling)."""
    def update(grad, state, params, hp, hessian=None):
        return hp_update(grad, state, params, {**hp, **fixed}, hessian)
    update.__doc__ = hp_update.__doc__
    return update


OPTIMIZERS: dict[str, Optimizer] = {}


def _register(opt: Optimizer) -> None:
    OPTIMIZERS[opt.name] = opt


_register(Optimizer(
    "sgd", "SGD", "torch.optim.SGD",
    "plain gradient descent: a fixed step along the negative gradient",
    "theta -= lr * g   (with momentum: b = momentum b + (1-dampening) g; theta -= lr b)",
    _sgd_params(0.0, False), sgd.init, sgd.update, effective_lr="lr", check=_check_nesterov))
_register(Optimizer(
    "momentum", "Momentum", "torch.optim.SGD(momentum=0.9)",
    "heavy-ball momentum: a velocity that accumulates past gradients",
    "b = momentum b + (1-dampening) g;  theta -= lr * b",
    _sgd_params(0.9, False), sgd.init, sgd.update, effective_lr="lr", check=_check_nesterov))
_register(Optimizer(
    "nesterov", "Nesterov", "torch.optim.SGD(momentum=0.9, nesterov=True)",
    "Nesterov momentum: looks ahead along the velocity before stepping",
    "b = momentum b + g;  theta -= lr * (g + momentum b)",
    _sgd_params(0.9, True), sgd.init, sgd.update, effective_lr="lr", check=_check_nesterov))
_register(Optimizer(
    "adagrad", "AdaGrad", "torch.optim.Adagrad",
    "per-parameter rates that shrink with the sum of all past squared gradients",
    "S += g^2;  theta -= lr/(1+(t-1) lr_decay) * g / (sqrt(S) + eps)",
    (_lr(1e-2),
     HyperParam("lr_decay", "float", 0.0, "learning-rate decay: lr / (1 + (t-1) lr_decay)", low=0.0, gui_max=10.0),
     _weight_decay(),
     HyperParam("initial_accumulator_value", "float", 0.0, "starting value of the sum of squared gradients S",
                low=0.0, gui_max=1e3),
     _eps(1e-10)),
    adagrad.init, adagrad.update, effective_lr="lr / (1 + (t-1) lr_decay) / (sqrt(S) + eps)"))
_register(Optimizer(
    "rmsprop", "RMSProp", "torch.optim.RMSprop",
    "per-parameter rates from a running mean of squared gradients",
    "v = alpha v + (1-alpha) g^2;  theta -= lr * g / (sqrt(v) + eps)",
    (_lr(1e-2),
     HyperParam("alpha", "float", 0.99, "smoothing constant of the squared-gradient average", low=0.0, high=1.0),
     _eps(1e-8), _weight_decay(), _momentum(0.0),
     HyperParam("centered", "bool", False, "normalise by the estimated variance of the gradient")),
    rmsprop.init, rmsprop.update, effective_lr="lr / (sqrt(v) + eps)  (centered: sqrt(v - gbar^2))"))
_register(Optimizer(
    "adadelta", "Adadelta", "torch.optim.Adadelta",
    "rates from the ratio of running RMS of updates to running RMS of gradients",
    "v = rho v + (1-rho) g^2;  delta = sqrt(u+eps)/sqrt(v+eps) g;  u = rho u + (1-rho) delta^2;  theta -= lr delta",
    (_lr(1.0),
     HyperParam("rho", "float", 0.9, "decay rate of the running averages", low=0.0, high=1.0),
     _eps(1e-6), _weight_decay()),
    adadelta.init, adadelta.update, effective_lr="lr * sqrt(u_prev + eps) / sqrt(v + eps)"))
_register(Optimizer(
    "adam", "Adam", "torch.optim.Adam",
    "momentum plus per-parameter rates from bias-corrected moment estimates",
    _ADAM_RULE, _adam_params(1e-3, 0.0, False, False), adam.init, adam.update, effective_lr=_ADAM_RATE))
_register(Optimizer(
    "amsgrad", "AMSGrad", "torch.optim.Adam(amsgrad=True)",
    "Adam that never lets its per-parameter rates grow: uses the running maximum of v",
    _ADAM_RULE + "   with v replaced by max(past v)",
    _adam_params(1e-3, 0.0, True, False), adam.init, adam.update,
    effective_lr=_ADAM_RATE.replace("sqrt(v)", "sqrt(vmax)")))
_register(Optimizer(
    "adamw", "AdamW", "torch.optim.AdamW",
    "Adam with decoupled weight decay",
    "theta *= 1 - lr weight_decay;  then the Adam step",
    _adam_params(1e-3, 1e-2, False, None), adam.init, _fixed(adam.update, decoupled_weight_decay=True),
    effective_lr=_ADAM_RATE))
_register(Optimizer(
    "nadam", "NAdam", "torch.optim.NAdam",
    "Adam with Nesterov momentum and a momentum schedule",
    "mu_t = beta1 (1 - 0.5*0.96^(t momentum_decay));  theta -= lr (1-mu_t)/(1-P) g/d + lr mu_{t+1}/(1-P mu_{t+1}) m/d",
    (_lr(2e-3), _beta1(), _beta2(), _eps(1e-8), _weight_decay(),
     HyperParam("momentum_decay", "float", 4e-3, "momentum schedule: mu_t = beta1 (1 - 0.5 * 0.96^(t momentum_decay))",
                low=0.0, gui_max=1.0),
     _decoupled(False)),
    nadam.init, nadam.update, effective_lr="lr / (sqrt(v / (1 - beta2^t)) + eps)"))
_register(Optimizer(
    "radam", "RAdam", "torch.optim.RAdam",
    "Adam whose adaptive rate is switched on gradually (rectified) once v is reliable",
    "rho_t > 5: theta -= lr r mhat sqrt(1-beta2^t)/(sqrt(v)+eps);  else theta -= lr mhat",
    (_lr(1e-3), _beta1(), _beta2(), _eps(1e-8), _weight_decay(), _decoupled(False)),
    radam.init, radam.update, effective_lr="lr r sqrt(1 - beta2^t) / (sqrt(v) + eps) when rectified, else lr"))
_register(Optimizer(
    "adamax", "Adamax", "torch.optim.Adamax",
    "Adam with the infinity norm of past gradients in the denominator",
    "m = beta1 m + (1-beta1) g;  u = max(beta2 u, |g| + eps);  theta -= lr/(1-beta1^t) m/u",
    (_lr(2e-3), _beta1(), _beta2(), _eps(1e-8), _weight_decay()),
    adamax.init, adamax.update, effective_lr="(lr / (1 - beta1^t)) / u"))
_register(Optimizer(
    "newton", "Newton", "",
    "second-order steps using the surface's Hessian (saddle-free by default)",
    "theta -= lr * M^+ g,  M = |H| + damping I (saddle-free) or H + damping I",
    (HyperParam("lr", "float", 1.0, "step scale (1 = full Newton step)", low=0.0, low_open=True, log=True,
                gui_max=1e3),
     HyperParam("damping", "float", 0.0, "added to the Hessian's eigenvalues (Levenberg-Marquardt style)",
                low=0.0, gui_max=1e3),
     HyperParam("saddle_free", "bool", True,
                "use |eigenvalues| of the Hessian so saddles repel instead of attract (Dauphin et al. 2014)")),
    newton.init, newton.update, effective_lr="lr * diag(M^+)", needs_hessian=True))


def get_optimizer(name: str) -> Optimizer:
    """The registered optimizer ``name``; a ValueError lists the valid names."""
    try:
        return OPTIMIZERS[name]
    except (KeyError, TypeError):
        raise HyperparameterError(
            f"unknown optimizer {name!r}; valid optimizers: {', '.join(OPTIMIZERS)}") from None


def resolve_hyperparams(optimizer: Optimizer | str, given: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Defaults overlaid with ``given``, every value checked, cross-rules applied.

    Raises :class:`HyperparameterError` naming the offending hyperparameter and
    its allowed range.
    """
    opt = get_optimizer(optimizer) if isinstance(optimizer, str) else optimizer
    given = dict(given or {})
    unknown = [k for k in given if not any(p.name == k for p in opt.hyperparams)]
    if unknown:
        names = ", ".join(p.name for p in opt.hyperparams)
        raise HyperparameterError(
            f"unknown hyperparameter {unknown[0]!r} for {opt.name}; valid: {names}",
            unknown[0], f"is not a hyperparameter of {opt.name} (valid: {names})")
    hp = {}
    for p in opt.hyperparams:
        hp[p.name] = p.check(given[p.name], opt.name) if p.name in given else p.default
    if opt.check is not None:
        opt.check(hp)
    return hp
