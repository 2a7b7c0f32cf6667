"""A multilayer perceptron in NumPy with exact backpropagation (float64).

The network ``sizes = (d_in, h_1, ..., h_k, n_classes)`` maps a row ``x`` to
logits through ``k`` hidden layers ``h = act(W h_prev + b)`` and a linear output
layer; the loss is softmax cross-entropy averaged over the batch (torch's
``nn.CrossEntropyLoss()``). Parameters live in one flat float64 vector, in
torch's order and layout (``W_1`` of shape ``(out, in)`` row-major, ``b_1``,
``W_2``, ``b_2``, ...), so a vector moves between this class and an
``nn.Sequential`` of ``nn.Linear`` layers unchanged. :attr:`MLP.layers` gives
each layer's slice of that vector (its weights and bias together): the
per-layer effective learning rate is read from those slices.

Backpropagation, with ``n`` the batch size, ``P = softmax(z_L)`` and ``Y`` the
one-hot labels::

    dz_L = (P - Y) / n
    dW_l = dz_l^T h_(l-1)        db_l = sum over the batch of dz_l
    dz_(l-1) = (dz_l W_l) * act'(z_(l-1))

with ``act'`` = ``1[z > 0]`` (ReLU; 0 at 0, as torch), ``1 - h^2`` (tanh),
``h (1 - h)`` (sigmoid). ``tests/problems/golden`` checks loss and gradient
against torch autograd to 1e-10.

Initialisation from a seed: He (``N(0, 2 / fan_in)``, torch's
``kaiming_normal_``) for ReLU, Xavier/Glorot (``N(0, 2 / (fan_in + fan_out))``,
``xavier_normal_``) for tanh and sigmoid (``init="auto"``), biases 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

__all__ = ["ACTIVATIONS", "INITS", "MLP"]

ACTIVATIONS = ("relu", "tanh", "sigmoid")
INITS = ("auto", "he", "xavier")


def _sigmoid(z: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-z))


@dataclass(frozen=True)
class MLP:
    """A fully connected network with the given layer ``sizes`` and hidden ``activation``."""

    sizes: tuple[int, ...]
    activation: str = "relu"
    #: per layer: (slice of the weights, slice of the bias, weight shape (out, in))
    _parts: tuple[tuple[slice, slice, tuple[int, int]], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        sizes = tuple(int(s) for s in self.sizes)
        if len(sizes) < 2 or any(s < 1 for s in sizes):
            raise ValueError(f"an MLP needs at least an input and an output size, all >= 1, got {self.sizes!r}")
        if self.activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {', '.join(ACTIVATIONS)}, got {self.activation!r}")
        object.__setattr__(self, "sizes", sizes)
        parts = []
        off = 0
        for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
            w = slice(off, off + fan_in * fan_out)
            off += fan_in * fan_out
            b = slice(off, off + fan_out)
            off += fan_out
            parts.append((w, b, (fan_out, fan_in)))
        object.__setattr__(self, "_parts", tuple(parts))

    # ----------------------------------------------------------------- layout
    @property
    def n_params(self) -> int:
        return self._parts[-1][1].stop

    @property
    def layers(self) -> tuple[slice, ...]:
        """Each layer's slice of the flat parameter vector (weights then bias)."""
        return tuple(slice(w.start, b.stop) for w, b, _ in self._parts)

    @property
    def tensor_shapes(self) -> tuple[tuple[int, ...], ...]:
        """The parameter tensors of the flat vector in order, as torch holds them: W_1 (out, in), b_1 (out,), ..."""
        return tuple(shape for _, _, (fan_out, fan_in) in self._parts for shape in ((fan_out, fan_in), (fan_out,)))

    @property
    def weight_slices(self) -> tuple[slice, ...]:
        return tuple(w for w, _, _ in self._parts)

    @property
    def n_layers(self) -> int:
        return len(self._parts)

    def unpack(self, theta: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
        """Views ``(W, b)`` per layer into ``theta`` (W of shape (out, in))."""
        return [(theta[w].reshape(shape), theta[b]) for w, b, shape in self._parts]

    def init(self, seed: int = 0, scheme: str = "auto") -> np.ndarray:
        """A fresh parameter vector: He or Xavier normal weights from ``seed``, zero biases."""
        if scheme not in INITS:
            raise ValueError(f"init must be one of {', '.join(INITS)}, got {scheme!r}")
        if scheme == "auto":
            scheme = "he" if self.activation == "relu" else "xavier"
        rng = np.random.default_rng(np.random.SeedSequence(int(seed)))
        theta = np.zeros(self.n_params)
        for w, _, (fan_out, fan_in) in self._parts:
            std = np.sqrt(2.0 / fan_in) if scheme == "he" else np.sqrt(2.0 / (fan_in + fan_out))
            theta[w] = std * rng.standard_normal(fan_in * fan_out)
        return theta

    # ---------------------------------------------------------------- forward
    def _act(self, z: np.ndarray) -> np.ndarray:
        """The activation of ``z``, in place where it can be (``z`` is a fresh product nobody else holds)."""
        if self.activation == "relu":
            return np.maximum(z, 0.0, out=z)
        if self.activation == "tanh":
            return np.tanh(z, out=z)
        return _sigmoid(z)

    def logits(self, theta: np.ndarray, X: np.ndarray) -> np.ndarray:
        h = X
        layers = self.unpack(theta)
        for i, (W, b) in enumerate(layers):
            z = h @ W.T
            z += b
            h = z if i == len(layers) - 1 else self._act(z)
        return h

    @staticmethod
    def _log_softmax(z: np.ndarray) -> np.ndarray:
        shifted = z - z.max(axis=1, keepdims=True)
        return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))

    def loss(self, theta: np.ndarray, X: np.ndarray, y: np.ndarray) -> float:
        """Mean softmax cross-entropy of the batch ``(X, y)``."""
        logp = self._log_softmax(self.logits(theta, X))
        return float(-logp[np.arange(len(y)), y].mean())

    def loss_and_accuracy(self, theta: np.ndarray, X: np.ndarray, y: np.ndarray) -> tuple[float, float]:
        """Mean cross-entropy and the fraction of rows whose largest logit is the label."""
        z = self.logits(theta, X)
        logp = self._log_softmax(z)
        return float(-logp[np.arange(len(y)), y].mean()), float(np.mean(z.argmax(axis=1) == y))

    # --------------------------------------------------------------- backward
    def loss_and_grad(self, theta: np.ndarray, X: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
        """Mean cross-entropy of ``(X, y)`` and its exact gradient (a new flat vector)."""
        layers = self.unpack(theta)
        last = len(layers) - 1
        hs = [X]  # inputs of each layer (activations)
        h = X
        for i, (W, b) in enumerate(layers):
            z = h @ W.T
            z += b
            h = z if i == last else self._act(z)
            hs.append(h)
        z = hs[-1]
        n = len(y)
        rows = np.arange(n)
        shifted = z - z.max(axis=1, keepdims=True)
        e = np.exp(shifted)
        s = e.sum(axis=1, keepdims=True)
        loss = float(-(shifted[rows, y] - np.log(s[:, 0])).mean())
        dz = e / s
        dz[rows, y] -= 1.0
        dz /= n
        grad = np.empty(self.n_params)
        for i in range(last, -1, -1):
            ws, bs, shape = self._parts[i]
            np.matmul(dz.T, hs[i], out=grad[ws].reshape(shape))
            np.sum(dz, axis=0, out=grad[bs])
            if i:
                dh = dz @ layers[i][0]
                a = hs[i]
                if self.activation == "relu":
                    dh *= a > 0
                elif self.activation == "tanh":
                    dh *= 1.0 - a * a
                else:
                    dh *= a * (1.0 - a)
                dz = dh
        return loss, grad
