"""Optimizer update rules as pure functions over explicit state.

Each module holds one family. Every optimizer is a pair of functions in the
shape of optax's ``GradientTransformation``::

    init(params, hp) -> state
    update(grad, state, params, hp, hessian=None) -> (new_params, new_state, effective_lr)

``params`` and ``grad`` have shape ``(B, 2)``: a leading batch axis over runs,
so one run and ten thousand runs are the same code. ``hp`` is the validated
hyperparameter dict (registry names). ``state`` is a NamedTuple of arrays with
the same leading batch axis plus the step count ``t`` (steps taken so far), so
a batch can be sliced by indexing every array field.

``effective_lr`` (shape ``(B, 2)``) is the optimizer's own per-parameter
learning rate for this step: the factor it multiplies its (momentum-)gradient
by, as defined in shared/reference/optimizers.md ("Effective per-parameter
learning rate"). The engine records it next to the observed ratio
``-delta_theta / g``.

The arithmetic mirrors torch.optim's ``_single_tensor_*`` code (``foreach=False``)
operation for operation, so float64 trajectories agree with torch to rounding.
"""
