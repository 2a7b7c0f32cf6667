"""A typed formula as Python source: the kernels both of the engine's paths run.

`kernel_source` prints SymPy expressions of ``f``, its gradient and its Hessian (common
subexpressions shared) as one small Python module of scalar functions of ``x, y`` and the
parameters::

    value_and_grad(x, y, k_a, ...) -> (f, df/dx, df/dy)
    hessian(x, y, k_a, ...)        -> (d2f/dx2, d2f/dxdy, d2f/dy2)

The NumPy path calls these very functions with arrays (`surfaces.kernels`' convention) and
the compiled path (``engine.fast``) compiles them with numba, so the two run the same
operations in the same order.  Both give the same bits because every operation is one of:

* ``+ - * /`` and NumPy's ``sqrt``, ``sin``, ``cos``, ``abs``, ``sign``: IEEE-exact, or
  rounding as the C library does on arrays too (checked: they agree bit for bit);
* integer powers written as multiplications (`_ipow`, the same chain on both paths; NumPy's
  ``x**3`` and numba's differ in the last bit on a quarter of inputs);
* ``exp log tan tanh sinh cosh atan asin acos asinh``, ``exp2`` (``2**u``) and real powers, which NumPy's
  vectorised loops round differently from the C library on 0.04-25 % of inputs (AVX-512):
  on arrays they are evaluated element by element by the C library (`libm`, through
  Python's ``math``), and compiled code calls the C library (the module's ``JIT_GLOBALS``
  name the ``math`` functions numba uses in their place).

So every accepted formula runs on the compiled path.  The price: those functions cost about
0.1 µs per element on arrays instead of a few ns (a 200 x 200 contour grid of a formula
with one ``exp`` takes milliseconds more), nothing for a race's few points.

The module text is written to the kernel cache (``~/.cache/gradient-arena/kernels/formulas``,
``$XDG_CACHE_HOME`` honoured), named by a hash of the checked formula (its syntax tree, the
parameter names and `GENERATOR`): the same formula finds its module again, with no SymPy
work, and two formulas never share one.  The parameters' values are not part of it (they
are arguments), so ``a=1`` and ``a=2`` share the module and its compiled code.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import math
import os
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

import numpy as np

__all__ = [
    "GENERATOR",
    "NUMPY_GLOBALS",
    "Unsupported",
    "formula_key",
    "kernel_source",
    "libm",
    "load_module",
    "module_path",
    "numpy_variant",
]

#: the generator's version: part of every module's name (a change here makes new modules)
GENERATOR = "3"

#: SymPy function name -> (name in the generated code, NumPy-exact?)
_FUNCS: dict[str, tuple[str, bool]] = {
    "sin": ("sin", True),
    "cos": ("cos", True),
    "Abs": ("fabs", True),
    "sign": ("sign", True),
    "exp": ("exp", False),
    "log": ("log", False),
    "tan": ("tan", False),
    "tanh": ("tanh", False),
    "sinh": ("sinh", False),
    "cosh": ("cosh", False),
    "atan": ("atan", False),
    "asin": ("asin", False),
    "acos": ("acos", False),
    "asinh": ("asinh", False),
}


class Unsupported(ValueError):
    """The expression holds something the printer does not write (the formula then stays on NumPy)."""


# ------------------------------------------------------------------ the C library on arrays


@functools.cache
def _c_function(name: str, arity: int) -> Any:
    """The C library's own ``name`` (through ctypes), or None where it cannot be found.  Looked up when
    first needed (finding the library runs ldconfig)."""
    try:
        import ctypes
        import ctypes.util

        lib = ctypes.CDLL(ctypes.util.find_library("m") or None)
        fn = getattr(lib, name)
    except (OSError, AttributeError, TypeError):
        return None
    fn.restype = ctypes.c_double
    fn.argtypes = [ctypes.c_double] * arity
    return fn


def _libm1(fn: Any, fallback: Any) -> Any:
    # Python's math raises where C returns inf or nan (exp(1000), log(-1)): those few points are asked of
    # the C function itself (through ctypes: the very bits, the sign of a nan included), else of NumPy
    def scalar(v: float) -> float:
        try:
            return fn(v)
        except (OverflowError, ValueError, ZeroDivisionError):
            c = _c_function(fn.__name__, 1)
            if c is not None:
                return float(c(v))
            with np.errstate(all="ignore"):
                return float(fallback(np.float64(v)))

    def apply(v: Any) -> Any:
        a = np.asarray(v, dtype=np.float64)
        values = a.ravel().tolist()
        try:  # about 50 ns an element
            out = np.fromiter(map(fn, values), dtype=np.float64, count=len(values))
        except (OverflowError, ValueError, ZeroDivisionError):
            out = np.fromiter(map(scalar, values), dtype=np.float64, count=len(values))
        return out.reshape(a.shape)

    apply.__name__ = fn.__name__
    return apply


def _libm_pow() -> Any:
    def scalar(a: float, b: float) -> float:
        try:
            return math.pow(a, b)
        except (OverflowError, ValueError, ZeroDivisionError):
            c = _c_function("pow", 2)
            if c is not None:
                return float(c(a, b))
            with np.errstate(all="ignore"):
                return float(np.power(np.float64(a), np.float64(b)))

    def pow(a: Any, b: Any) -> Any:  # noqa: A001 - the name the generated code uses
        x, y = np.broadcast_arrays(np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64))
        xs, ys = x.ravel().tolist(), y.ravel().tolist()
        try:
            out = np.fromiter(map(math.pow, xs, ys), dtype=np.float64, count=len(xs))
        except (OverflowError, ValueError, ZeroDivisionError):
            out = np.fromiter(map(scalar, xs, ys), dtype=np.float64, count=len(xs))
        return out.reshape(x.shape)

    return pow


#: the C library's functions on arrays, element by element (what compiled code calls)
libm: dict[str, Any] = {
    "exp": _libm1(math.exp, np.exp),
    "log": _libm1(math.log, np.log),
    "tan": _libm1(math.tan, np.tan),
    "tanh": _libm1(math.tanh, np.tanh),
    "sinh": _libm1(math.sinh, np.sinh),
    "cosh": _libm1(math.cosh, np.cosh),
    "atan": _libm1(math.atan, np.arctan),
    "asin": _libm1(math.asin, np.arcsin),
    "acos": _libm1(math.acos, np.arccos),
    "asinh": _libm1(math.asinh, np.arcsinh),
    "exp2": _libm1(math.exp2, np.exp2),
    "pow": _libm_pow(),
}

#: NumPy's own vectorised functions under the same names: fast, but not the compiled path's bits (a few
#: ulps apart); for work whose result is not a race's numbers (looking for the minima)
NUMPY_GLOBALS: dict[str, Any] = {
    "exp": np.exp, "log": np.log, "tan": np.tan, "tanh": np.tanh, "sinh": np.sinh, "cosh": np.cosh,
    "atan": np.arctan, "asin": np.arcsin, "acos": np.arccos, "asinh": np.arcsinh, "exp2": np.exp2, "pow": np.power,
}  # fmt: skip


def numpy_variant(fn: Any) -> Any:
    """``fn`` (a generated kernel) with NumPy's vectorised functions in place of the C library's."""
    import types

    return types.FunctionType(fn.__code__, {**fn.__globals__, **NUMPY_GLOBALS}, fn.__name__)


# ------------------------------------------------------------------------------ printing


class _Printer:
    def __init__(self, names: dict[Any, str]):
        self.names = names  # symbol -> name in the code
        self.used: set[str] = set()

    def number(self, value: Any) -> str:
        try:
            v = float(value)
        except TypeError:  # I*pi from d/dy (-1)**y: complex values, which the kernels do not compute
            raise Unsupported("its derivatives take complex values (a negative number to a power of x or y)") from None
        if not math.isfinite(v):
            raise Unsupported(f"a constant without a finite value ({v}; too large for a float)")
        return repr(v) if v >= 0 else f"({v!r})"

    def __call__(self, e: Any) -> str:
        import sympy

        if e in self.names:
            return self.names[e]
        if e.is_Number or (e.is_number and not e.free_symbols):
            return self.number(sympy.N(e, 30) if not e.is_Number else e)
        if e.is_Add:
            return "(" + " + ".join(self(a) for a in e.args) + ")"
        if e.is_Mul:
            num, den = [], []
            for a in e.args:
                if a.is_Pow and a.exp.is_Integer and a.exp < 0:
                    den.append(a.base if a.exp == -1 else sympy.Pow(a.base, -a.exp, evaluate=False))
                else:
                    num.append(a)
            top = " * ".join(self(a) for a in num) if num else "1.0"
            if not den:
                return "(" + top + ")"
            bottom = " * ".join(self(a) for a in den)
            return f"(({top}) / ({bottom}))"
        if e.is_Pow:
            return self.power(e.base, e.exp)
        if e.func is sympy.exp:  # exp(u) is not a Pow in SymPy
            return self.call("exp", e.args[0])
        name = type(e).__name__
        if name in _FUNCS and len(e.args) == 1:
            return self.call(_FUNCS[name][0], e.args[0])
        raise Unsupported(f"{name} has no kernel code")

    def call(self, fn: str, arg: Any) -> str:
        self.used.add(fn)
        if fn == "sign":  # NumPy's sign(-0.0) is 0.0, numba's -0.0: + 0.0 makes both 0.0 (and no compiler drops it)
            return f"(sign({self(arg)}) + 0.0)"
        return f"{fn}({self(arg)})"

    def power(self, base: Any, exp: Any) -> str:
        # Written so that no compiler rewrites them: LLVM turns pow(x, 0.5), pow(x, 2.0), pow(x, -1.0) and
        # pow(2**k, x) into sqrt, x*x, 1/x and exp2(k*x) (no fast-math needed), which round differently
        # from the C library's pow that the NumPy side calls
        if exp.is_Number and float(exp).is_integer():
            n = int(float(exp))
            if n == 0:
                return "1.0"
            if abs(n) > 10_000:
                raise Unsupported(f"an exponent of {n}")
            self.used.add("_ipow")
            text = self(base) if n in (1, -1) else f"_ipow({self(base)}, {abs(n)})"
            return text if n > 0 else f"(1.0 / {text})"
        if exp.is_Number and float(exp) in (0.5, -0.5):
            root = self.call("sqrt", base)
            return root if float(exp) > 0 else f"(1.0 / {root})"
        if base.is_Number and float(base) > 0:
            mantissa, power = math.frexp(float(base))
            if mantissa == 0.5:  # base 2**k
                k = power - 1
                if k == 0:
                    return "1.0"
                return self.call("exp2", exp) if k == 1 else f"exp2({float(k)!r} * {self(exp)})"
        self.used.add("pow")
        return f"pow({self(base)}, {self(exp)})"


_HEADER = '''"""Generated by surfaces.formula_kernels from a typed formula; do not edit (regenerated when deleted).

f(x, y) = {shown}
"""

import math

import numpy as np

from surfaces.formula_kernels import libm as _libm

#: the engine hashes this file alone for its compiled callbacks (it imports no helper of ours that numba compiles)
SELF_CONTAINED = True
KEY = {key!r}
PARAMS = {params!r}
sqrt, sin, cos, fabs, sign = np.sqrt, np.sin, np.cos, np.abs, np.sign
exp, log, tan, tanh, sinh, cosh = _libm["exp"], _libm["log"], _libm["tan"], _libm["tanh"], _libm["sinh"], _libm["cosh"]
atan, asin, acos, asinh, exp2 = _libm["atan"], _libm["asin"], _libm["acos"], _libm["asinh"], _libm["exp2"]
pow = _libm["pow"]
#: what compiled code calls in their place: the C library, as the NumPy side does element by element
JIT_GLOBALS = {{
    "exp": math.exp, "log": math.log, "tan": math.tan, "tanh": math.tanh, "sinh": math.sinh, "cosh": math.cosh,
    "atan": math.atan, "asin": math.asin, "acos": math.acos, "asinh": math.asinh, "exp2": math.exp2,
    "pow": math.pow,
}}


def _ipow(v, n):
    """v**n for an integer n >= 1 by repeated squaring: the same multiplications on arrays and floats."""
    r = v
    b = v
    k = n - 1
    while k:
        if k & 1:
            r = r * b
        k >>= 1
        if k:
            b = b * b
    return r
'''


def _function(name: str, args: str, assignments: list[tuple[Any, Any]], outputs: list[Any], pr: _Printer) -> str:
    lines = [f"def {name}({args}):"]
    for sym, value in assignments:
        lines.append(f"    {pr.names[sym]} = {pr(value)}")
    lines.append("    return (" + ", ".join(pr(o) for o in outputs) + ",)")
    return "\n".join(lines) + "\n"


def _cse(exprs: list[Any], prefix: str, names: dict[Any, str]) -> tuple[list[tuple[Any, Any]], list[Any]]:
    import sympy

    symbols = sympy.numbered_symbols(prefix, real=True)
    pairs, reduced = sympy.cse(exprs, symbols=symbols, order="none")
    for sym, _ in pairs:
        names[sym] = str(sym)
    return pairs, reduced


def kernel_source(key: str, shown: str, params: tuple[str, ...], f: Any, grad: Any, hessian: Any) -> str:
    """The module text for ``f``, ``grad = (fx, fy)`` and ``hessian = (fxx, fxy, fyy)`` (SymPy expressions
    in the real symbols x, y and the parameters' real symbols).  Raises `Unsupported`."""
    import sympy

    x, y = sympy.Symbol("x", real=True), sympy.Symbol("y", real=True)
    names: dict[Any, str] = {x: "x", y: "y"}
    for p in params:
        names[sympy.Symbol(p, real=True)] = f"k_{p}"
    args = ", ".join(["x", "y", *(f"k_{p}" for p in params)])
    vg_pairs, vg_out = _cse([f, *grad], "_t", names)
    hs_pairs, hs_out = _cse(list(hessian), "_h", names)
    pr = _Printer(names)
    body = [
        _function("value_and_grad", args, vg_pairs, vg_out, pr),
        _function("hessian", args, hs_pairs, hs_out, pr),
    ]
    header = _HEADER.format(shown=shown.replace('"""', "'''"), key=key, params=params)
    return header + "\n\n" + "\n\n".join(body)


# ---------------------------------------------------------------------------- the cache


def formula_key(tree_dump: str, params: tuple[str, ...]) -> str:
    """The name of a formula's module: a hash of its checked syntax tree, parameter names and `GENERATOR`."""
    digest = hashlib.sha256("\n".join([GENERATOR, tree_dump, ",".join(params)]).encode()).hexdigest()
    return f"ga_formula_{digest[:24]}"


def _writable(directory: Path) -> bool:
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory):
            pass
        return True
    except OSError:
        return False


def cache_dir() -> Path | None:
    """Where formula modules are written (None: nowhere writable; they are then loaded from memory)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    for candidate in (
        Path(base) / "gradient-arena" / "kernels" / "formulas",
        Path(tempfile.gettempdir()) / "gradient-arena-formulas",
    ):
        if _writable(candidate):
            return candidate
    return None


def module_path(key: str) -> Path | None:
    directory = cache_dir()
    return None if directory is None else directory / f"{key}.py"


_lock = threading.Lock()


def cached_text(key: str) -> str | None:
    """The module text written for ``key`` before, if it is there and whole."""
    path = module_path(key)
    try:
        if path is None or not path.exists():
            return None
        text = path.read_text()
    except OSError:
        return None
    return text if f"KEY = {key!r}" in text and "def hessian(" in text else None


def load_module(key: str, text: str) -> Any:
    """The module of ``text``, imported once per process as ``key`` (written to the cache first, so numba's
    disk cache and a build process find it); from memory where no cache is writable."""
    with _lock:
        module = sys.modules.get(key)
        if module is not None:
            return module
        path = module_path(key)
        if path is not None:
            try:
                if not path.exists() or path.read_text() != text:
                    tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
                    tmp.write_text(text)
                    tmp.replace(path)
                else:
                    os.utime(path)
            except OSError:
                path = None
        if path is not None:
            spec = importlib.util.spec_from_file_location(key, path)
            assert spec is not None and spec.loader is not None
            module = importlib.util.module_from_spec(spec)
            sys.modules[key] = module
            try:
                spec.loader.exec_module(module)
            except Exception:
                del sys.modules[key]
                raise
            return module
        import types

        module = types.ModuleType(key)
        exec(compile(text, f"<formula {key}>", "exec"), module.__dict__)  # our own printout of a checked tree
        return module
