"""Surfaces typed by the user: ``formula:x**2/20 + y**2``.

Spec syntax (the text ``--surface`` takes, sessions save and the GUI's editor shows)::

    formula:EXPRESSION [; NAME=VALUE, ...] [; x=XMIN..XMAX] [; y=YMIN..YMAX] [; start=(X0, Y0)]

e.g. ``formula:a*x**2 + b*y**2; a=1, b=10; x=-3..3; y=-2..2; start=(-2.5, 1.5)``.
Settings after the expression are separated by ``;`` or ``,`` and may come in any
order: ``NAME=VALUE`` declares a parameter (a number), ``x=LOW..HIGH`` and
``y=LOW..HIGH`` the plotted domain (default ``-5..5`` each) and ``start=(X, Y)`` the
default start (default: a point in the upper-left part of the domain).

The expression is Python arithmetic in ``x``, ``y``, the declared parameters and the
constants ``pi`` and ``e``: numbers, ``+ - * / **``, unary ``-``/``+``, parentheses and
one-argument calls of the functions in `FUNCTIONS` (``sin cos tan exp log sqrt abs
tanh sinh cosh arctan``/``atan`` ...).  Nothing else is accepted.  The text is never
handed to ``eval`` or ``sympy.sympify`` (both run arbitrary code): it is read with
Python's `ast` parser, every node is checked against that whitelist, sizes are
bounded (`MAX_CHARS` characters, `MAX_NODES` nodes, constant exponents at most
`MAX_EXPONENT` in size, only ASCII), and only the checked tree is rebuilt as a SymPy
expression from SymPy's own constructors.  A refusal is a `FormulaError` naming the
column and the offending text.

SymPy gives the exact gradient and Hessian; `surfaces.formula_kernels` prints them as one
Python module of scalar kernels (cached on disk by formula), which the NumPy path calls on
arrays and the engine's compiled path compiles with numba, with the same bits.  Minima are found numerically by damped
Newton iterations from many starts (gradient steps where the Hessian is not positive
definite), then deduplicated; the lowest are the global ones when nothing on a grid
over the domain lies lower (otherwise the minimum is not known: ``f_min`` is None).

Formula surfaces run on the engine's compiled path like the built-in ones: the functions
whose NumPy loops round differently from the C library (``exp``, ``log``, ...) are evaluated
by the C library on both paths (see `surfaces.formula_kernels`).  An expression the kernel
printer cannot write keeps to the NumPy path through ``sympy.lambdify``; ``numpy_only`` on
the surface says why.
"""

from __future__ import annotations

import ast
import functools
import keyword
import math
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np

from .base import Minimum, Surface
from .kernels import Scalar, constants

__all__ = [
    "FUNCTIONS",
    "FormulaError",
    "FormulaSpec",
    "MAX_CHARS",
    "MAX_DERIVATIVE_COST",
    "MAX_EXPONENT",
    "MAX_NODES",
    "SYNTAX_HELP",
    "build_formula_surface",
    "check_expression",
    "is_formula_spec",
    "parse_formula_spec",
    "sympy_expression",
]

PREFIX = "formula:"
MAX_CHARS = 2000
MAX_NODES = 400
MAX_EXPONENT = 100
MAX_PARAMS = 12
MAX_DEPTH = 60
#: bound on `derivative_cost`'s estimate of the Hessian's size (Ackley's is about 2,300; SymPy takes
#: about 2-4 s at 10,000 on a loaded 2-core machine)
MAX_DERIVATIVE_COST = 10_000
DEFAULT_RANGE = (-5.0, 5.0)

#: function name -> SymPy constructor name (all of one argument)
FUNCTIONS: dict[str, str] = {
    "sin": "sin",
    "cos": "cos",
    "tan": "tan",
    "exp": "exp",
    "log": "log",
    "sqrt": "sqrt",
    "abs": "Abs",
    "tanh": "tanh",
    "sinh": "sinh",
    "cosh": "cosh",
    "arctan": "atan",
    "atan": "atan",
    "arcsin": "asin",
    "asin": "asin",
    "arccos": "acos",
    "acos": "acos",
    "arcsinh": "asinh",
    "asinh": "asinh",
}
CONSTANTS = ("pi", "e")
_RESERVED = {"x", "y", "start", *FUNCTIONS, *CONSTANTS}

SYNTAX_HELP = (
    "formula:EXPR[; NAME=VALUE, ...][; x=XMIN..XMAX][; y=YMIN..YMAX][; start=(X0, Y0)]\n"
    "  EXPR: Python arithmetic in x, y and the parameters: numbers, + - * / ** (powers are **, not ^),\n"
    "  unary -, parentheses, pi, e and the functions " + " ".join(sorted(set(FUNCTIONS))) + ".\n"
    f"  At most {MAX_CHARS} characters and {MAX_NODES} terms; constant exponents at most {MAX_EXPONENT}.\n"
    "  Default domain x=-5..5, y=-5..5.  Example: formula:a*x**2 + b*y**2; a=1, b=10; x=-3..3; y=-2..2"
)

_NAME = re.compile(r"\A[A-Za-z_][A-Za-z0-9_]*\Z")
# Printable ASCII only (no Unicode look-alikes: Python would read a fullwidth x as x), and none of
# # (a comment would hide text), \\ (line continuation), $ ? `.  The rest is judged on the syntax tree.
_ALLOWED_CHARS = {chr(c) for c in range(32, 127)} - set("#\\$?`") | {"\t"}


class FormulaError(ValueError):
    """A typed formula was refused.  ``column`` (1-based, in the expression) and ``token``
    (the offending text) say where, when there is a place to point at."""

    def __init__(self, message: str, column: int | None = None, token: str | None = None):
        self.column, self.token = column, token
        super().__init__(message)


def is_formula_spec(text: object) -> bool:
    """True for text that names a formula surface (``formula:...``, case-insensitive)."""
    return isinstance(text, str) and text.strip().lower().startswith(PREFIX)


# ---------------------------------------------------------------------------- the spec


@dataclass(frozen=True)
class FormulaSpec:
    """A parsed spec: the expression text, parameter values, domain and default start."""

    expression: str
    params: tuple[tuple[str, float], ...] = ()
    xrange: tuple[float, float] = DEFAULT_RANGE
    yrange: tuple[float, float] = DEFAULT_RANGE
    start: tuple[float, float] | None = None

    @property
    def text(self) -> str:
        """The canonical spec: parses back to this one."""
        parts = [self.expression]
        if self.params:
            parts.append(", ".join(f"{k}={_num(v)}" for k, v in self.params))
        if self.xrange != DEFAULT_RANGE:
            parts.append(f"x={_num(self.xrange[0])}..{_num(self.xrange[1])}")
        if self.yrange != DEFAULT_RANGE:
            parts.append(f"y={_num(self.yrange[0])}..{_num(self.yrange[1])}")
        if self.start is not None:
            parts.append(f"start=({_num(self.start[0])}, {_num(self.start[1])})")
        return PREFIX + "; ".join(parts)


def _num(v: float) -> str:
    return repr(int(v)) if float(v).is_integer() and abs(v) < 1e15 else repr(float(v))


def _number(text: str, what: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise FormulaError(f"{what}: {text!r} is not a number") from None
    if not math.isfinite(value):
        raise FormulaError(f"{what}: {text!r} must be a finite number")
    return value


def _split_settings(text: str) -> list[str]:
    """Split on ';' and ',' outside parentheses."""
    items: list[str] = []
    cur: list[str] = []
    depth = 0
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch in ";," and depth == 0:
            items.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    items.append("".join(cur))
    return [item.strip() for item in items]


def parse_formula_spec(text: object) -> FormulaSpec:
    """Read ``formula:EXPR; settings`` (the ``formula:`` prefix is optional) into a `FormulaSpec`.

    Only the settings are read here; the expression is checked by `check_expression`.
    """
    if not isinstance(text, str):
        raise FormulaError(f"a formula must be text, got {type(text).__name__}")
    if len(text) > MAX_CHARS + 200:
        raise FormulaError(f"the formula is {len(text)} characters long; at most {MAX_CHARS} are allowed")
    body = text.strip()
    if body.lower().startswith(PREFIX):
        body = body[len(PREFIX) :]
    expression, _, rest = body.partition(";")
    expression = expression.strip()
    params: dict[str, float] = {}
    ranges: dict[str, tuple[float, float]] = {}
    start = None
    for item in _split_settings(rest) if rest.strip() else []:
        if not item:
            continue
        key, equals, value = item.partition("=")
        key, value = key.strip(), value.strip()
        if not equals or not key or not value:
            raise FormulaError(f"setting {item!r}: expected NAME=VALUE, x=LOW..HIGH, y=LOW..HIGH or start=(X, Y)")
        if key in params or key in ranges or (key == "start" and start is not None):
            raise FormulaError(f"setting {key!r} is given twice")
        if key in ("x", "y"):
            low, dots, high = value.partition("..")
            if not dots:
                raise FormulaError(f"{key}={value}: a range is written LOW..HIGH, e.g. {key}=-5..5")
            lo, hi = _number(low.strip(), f"{key} range"), _number(high.strip(), f"{key} range")
            if not lo < hi:
                raise FormulaError(f"{key}={value}: the range is empty (LOW must be below HIGH)")
            ranges[key] = (lo, hi)
        elif key == "start":
            inner = value[1:-1] if value.startswith("(") and value.endswith(")") else value
            coords = [v.strip() for v in inner.split(",")]
            if len(coords) != 2:
                raise FormulaError(f"start={value}: expected two numbers, start=(X, Y)")
            start = (_number(coords[0], "start"), _number(coords[1], "start"))
        else:
            if not _NAME.match(key) or keyword.iskeyword(key):
                raise FormulaError(f"parameter name {key!r}: use letters, digits and _ (not starting with a digit)")
            if key in _RESERVED:
                raise FormulaError(f"parameter name {key!r} is taken (x, y, start, pi, e and the function names are)")
            params[key] = _number(value, f"parameter {key}")
    if len(params) > MAX_PARAMS:
        raise FormulaError(f"{len(params)} parameters: at most {MAX_PARAMS} are allowed")
    spec = FormulaSpec(
        expression=expression,
        params=tuple(params.items()),
        xrange=ranges.get("x", DEFAULT_RANGE),
        yrange=ranges.get("y", DEFAULT_RANGE),
        start=start,
    )
    if start is not None:
        (x0, x1), (y0, y1) = spec.xrange, spec.yrange
        if not (x0 <= start[0] <= x1 and y0 <= start[1] <= y1):
            raise FormulaError(
                f"start {start} is outside the domain x={_num(x0)}..{_num(x1)}, y={_num(y0)}..{_num(y1)}"
            )
    return spec


# ------------------------------------------------------------------ checking the expression


def _where(node: ast.AST, source: str) -> tuple[int, str]:
    col = getattr(node, "col_offset", 0) + 1
    segment = ast.get_source_segment(source, node) or ""
    return col, segment if len(segment) <= 40 else segment[:37] + "..."


def _refuse(node: ast.AST, source: str, reason: str) -> FormulaError:
    col, token = _where(node, source)
    return FormulaError(f"column {col}, at {token!r}: {reason}", col, token)


def _refuse_operator(node: ast.BinOp, source: str) -> FormulaError:
    """Point at the operator itself (between the two operands)."""
    lines = source.splitlines() or [""]
    left_end, right_start = getattr(node.left, "end_col_offset", None), node.right.col_offset
    if left_end is None or node.left.end_lineno != node.right.lineno or len(lines) != 1:
        return _refuse(node, source, "only + - * / ** are allowed")
    gap = lines[0][left_end:right_start]
    token = gap.strip().strip("()").strip() or gap.strip()
    col = left_end + gap.index(token) + 1 if token and token in gap else left_end + 1
    return FormulaError(f"column {col}, at {token!r}: only + - * / ** are allowed", col, token)


_BINOPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}
_NODE_WORDS = {
    ast.Attribute: "attribute access (.name) is not allowed",
    ast.Subscript: "indexing ([...]) is not allowed",
    ast.Lambda: "lambda is not allowed",
    ast.ListComp: "comprehensions are not allowed",
    ast.GeneratorExp: "comprehensions are not allowed",
    ast.JoinedStr: "strings are not allowed",
    ast.Compare: "comparisons are not allowed",
    ast.BoolOp: "and/or are not allowed",
    ast.IfExp: "if/else is not allowed",
    ast.Tuple: "tuples are not allowed",
    ast.NamedExpr: ":= is not allowed",
}


def check_expression(source: str, names: set[str] | dict[str, float]) -> ast.Expression:
    """Parse `source` and check every node against the whitelist; return the tree.

    `names` are the declared parameter names, or a dict of their values (then exponents made of
    parameters are bounded too).  Nothing is evaluated.
    """
    if not isinstance(source, str):
        raise FormulaError("a formula must be text")
    if len(source) > MAX_CHARS:
        raise FormulaError(f"the formula is {len(source)} characters long; at most {MAX_CHARS} are allowed")
    if not source.strip():
        raise FormulaError("the formula is empty: type an expression in x and y, e.g. x**2/20 + y**2")
    for i, ch in enumerate(source):
        if ch not in _ALLOWED_CHARS or ch == "^":
            col = i + 1
            if ch == "^":
                raise FormulaError(f"column {col}, at '^': write powers as ** (x**2), not ^", col, ch)
            shown = ch if ch.isprintable() and ord(ch) < 128 else f"U+{ord(ch):04X}"
            raise FormulaError(
                f"column {col}, at {shown!r}: character not allowed (a formula is ASCII arithmetic: letters, digits,"
                " spaces, + - * / ** ( ) and function calls)",
                col,
                shown,
            )
    try:
        with warnings.catch_warnings():  # "invalid decimal literal" and the like: the text is refused below anyway
            warnings.simplefilter("ignore")
            tree = ast.parse(source.strip(), mode="eval")
    except (RecursionError, MemoryError):
        raise FormulaError(f"the formula is nested too deeply (more than {MAX_DEPTH} levels)") from None
    except SyntaxError as exc:
        col = (exc.offset or 1) + (len(source) - len(source.lstrip()))
        token = source[col - 1 : col + 9].strip() if 0 < col <= len(source) else ""
        raise FormulaError(
            f"column {col}{f', at {token!r}' if token else ''}: the formula is not valid arithmetic ({exc.msg})",
            col,
            token,
        ) from None
    offset = len(source) - len(source.lstrip())
    source = source.strip()
    count = 0
    for _node in ast.walk(tree):
        count += 1
        if count > MAX_NODES:
            raise FormulaError(f"the formula is too large: more than {MAX_NODES} terms")
    try:
        _check(tree.body, source, names)
    except FormulaError as exc:
        if exc.column is not None and offset:
            exc.column += offset
            exc.args = (re.sub(r"\Acolumn \d+", f"column {exc.column}", str(exc)),)
        raise
    cost = derivative_cost(tree)[2]
    if cost > MAX_DERIVATIVE_COST:
        raise FormulaError(
            f"the formula is too involved to differentiate quickly: its second derivatives would have about "
            f"{cost:,.0f} terms (at most {MAX_DERIVATIVE_COST:,}); long products of sums and deeply nested "
            "functions grow fastest"
        )
    return tree


def _check(node: ast.AST, source: str, names: set[str] | dict[str, float], depth: int = 0) -> float | None:
    """Check `node` (recursively); return its value when it is a constant (no x, y or parameter)."""
    if depth > MAX_DEPTH:
        raise _refuse(node, source, f"the formula is nested too deeply (more than {MAX_DEPTH} levels)")
    if isinstance(node, ast.Constant):
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _refuse(node, source, "only numbers are allowed here")
        try:
            number = float(value)
        except OverflowError:
            raise _refuse(node, source, "number too large") from None
        if not math.isfinite(number):
            raise _refuse(node, source, "number too large")
        return number
    if isinstance(node, ast.Name):
        if node.id in ("x", "y"):
            return None
        if node.id in names:
            return names[node.id] if isinstance(names, dict) else None
        if node.id == "pi":
            return math.pi
        if node.id == "e":
            return math.e
        if node.id in FUNCTIONS:
            raise _refuse(node, source, f"{node.id} is a function: write {node.id}(...)")
        declared = f"; parameters: {', '.join(sorted(names))}" if names else ""
        raise _refuse(
            node,
            source,
            f"unknown name {node.id!r} (use x, y, pi, e or declare a parameter: ...; {node.id}=1){declared}",
        )
    if isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, (ast.USub, ast.UAdd)):
            raise _refuse(node, source, "only unary - and + are allowed")
        value = _check(node.operand, source, names, depth + 1)
        return None if value is None else (-value if isinstance(node.op, ast.USub) else value)
    if isinstance(node, ast.BinOp):
        if type(node.op) not in _BINOPS:
            raise _refuse_operator(node, source)
        left = _check(node.left, source, names, depth + 1)
        right = _check(node.right, source, names, depth + 1)
        if isinstance(node.op, ast.Pow):
            if right is not None and abs(right) > MAX_EXPONENT:
                raise _refuse(node.right, source, f"exponent too large (at most {MAX_EXPONENT} in size)")
        if left is None or right is None:
            return None
        try:
            with np.errstate(all="raise"):
                value = _fold(node.op, left, right)
        except (OverflowError, ZeroDivisionError, ValueError, FloatingPointError, TypeError):
            raise _refuse(
                node, source, "this constant part has no finite value (overflow or division by zero)"
            ) from None
        if isinstance(value, complex) or not math.isfinite(value):
            raise _refuse(node, source, "this constant part has no finite real value")
        return value
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            what = node.func.id if isinstance(node.func, ast.Name) else ast.get_source_segment(source, node.func)
            raise _refuse(
                node.func,
                source,
                f"{what!r} is not an allowed function; allowed: {', '.join(sorted(set(FUNCTIONS)))}",
            )
        if node.keywords or len(node.args) != 1 or isinstance(node.args[0], ast.Starred):
            raise _refuse(node, source, f"{node.func.id}() takes exactly one argument")
        _check(node.args[0], source, names, depth + 1)
        return None  # function of a constant: left to SymPy (exact), checked for a finite value later
    for kind, reason in _NODE_WORDS.items():
        if isinstance(node, kind):
            raise _refuse(node, source, reason)
    raise _refuse(node, source, f"{type(node).__name__} is not allowed in a formula")


def derivative_cost(node: ast.AST) -> tuple[float, float, float]:
    """Rough sizes of (the expression, its first derivatives, its second derivatives), in nodes.

    The product and chain rules multiply sizes: a product of k factors or k nested functions
    has second derivatives of about k³ terms, which SymPy takes seconds to build.  Constant
    parts count as size 1 with no derivative.
    """
    if isinstance(node, ast.Expression):
        return derivative_cost(node.body)
    if isinstance(node, (ast.Constant, ast.Name)):
        return 1.0, 1.0, 1.0
    if isinstance(node, ast.UnaryOp):
        s, d1, d2 = derivative_cost(node.operand)
        return s + 1, d1, d2
    if isinstance(node, ast.Call):
        s, d1, d2 = derivative_cost(node.args[0])
        return s + 1, s + d1 + 1, 2 * s + 2 * d1 + d2 + 2  # f'(u) u' ; f''(u) u'² + f'(u) u''
    if isinstance(node, ast.BinOp):
        sl, d1l, d2l = derivative_cost(node.left)
        sr, d1r, d2r = derivative_cost(node.right)
        s = sl + sr + 1
        if isinstance(node.op, (ast.Add, ast.Sub)):
            return s, d1l + d1r, d2l + d2r
        if isinstance(node.op, ast.Mult):
            return s, d1l + sr + sl + d1r, d2l + sr + 2 * (d1l + d1r) + sl + d2r
        # / and **: the quotient and power rules bring in both sides again
        return s, 2 * (s + d1l + d1r), 2 * (s + d2l + d2r) + 4 * (d1l + d1r)
    return 1.0, 1.0, 1.0


def _fold(op: ast.operator, a: float, b: float) -> float:
    if isinstance(op, ast.Add):
        return a + b
    if isinstance(op, ast.Sub):
        return a - b
    if isinstance(op, ast.Mult):
        return a * b
    if isinstance(op, ast.Div):
        return a / b
    return float(a**b)


# ------------------------------------------------------------------------ to SymPy


def _symbols() -> tuple[Any, Any]:
    import sympy

    return sympy.Symbol("x", real=True), sympy.Symbol("y", real=True)


def _to_sympy(node: ast.AST, table: dict[str, Any]) -> Any:
    import sympy

    if isinstance(node, ast.Constant):
        value = node.value
        return sympy.Integer(value) if isinstance(value, int) else sympy.Float(repr(float(value)), 17)  # type: ignore[arg-type]
    if isinstance(node, ast.Name):
        return table[node.id]
    if isinstance(node, ast.UnaryOp):
        operand = _to_sympy(node.operand, table)
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BinOp):
        a, b = _to_sympy(node.left, table), _to_sympy(node.right, table)
        if isinstance(node.op, ast.Add):
            return a + b
        if isinstance(node.op, ast.Sub):
            return a - b
        if isinstance(node.op, ast.Mult):
            return a * b
        if isinstance(node.op, ast.Div):
            return a / b
        return a**b
    if isinstance(node, ast.Call):
        assert isinstance(node.func, ast.Name)
        return getattr(sympy, FUNCTIONS[node.func.id])(_to_sympy(node.args[0], table))
    raise AssertionError(f"unchecked node {type(node).__name__}")  # _check refuses everything else


def sympy_expression(spec: FormulaSpec | str, substitute: bool | frozenset[str] = True) -> Any:
    """The checked expression of `spec` as SymPy, in the real symbols x and y.

    With ``substitute`` the parameters are replaced by their values; otherwise they stay symbols
    (a set of names: those are replaced, the others stay).
    """
    import sympy

    if isinstance(spec, str):
        spec = parse_formula_spec(spec)
    params = dict(spec.params)
    tree = check_expression(spec.expression, params)
    x, y = _symbols()
    table: dict[str, Any] = {"x": x, "y": y, "pi": sympy.pi, "e": sympy.E}
    for name, value in params.items():
        put = name in substitute if isinstance(substitute, frozenset) else substitute
        table[name] = sympy.Float(repr(value), 17) if put else sympy.Symbol(name, real=True)
    expr = _to_sympy(tree.body, table)
    if expr.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) or expr.has(sympy.I):
        raise FormulaError(
            "the formula has no finite real value (e.g. a division by zero or log of a negative constant)"
        )
    return expr


# -------------------------------------------------------------------------- building


@dataclass(frozen=True, slots=True, eq=False)
class FormulaSurface(Surface):
    """A `Surface` from a typed formula; ``spec`` is its canonical ``formula:...`` text."""

    formula_spec: str = field(default="", repr=False)
    sympy_expr: Any = field(default=None, repr=False)
    #: why the formula steps on NumPy only (None: the compiled path runs it too, bit for bit)
    numpy_only: str | None = field(default=None, repr=False)

    @property
    def spec(self) -> str:
        return self.formula_spec

    def _key(self) -> tuple[str, Any]:
        return ("formula", self.formula_spec)

    def __reduce__(self) -> Any:
        return (build_formula_surface, (self.formula_spec,))


def _derivatives(expr: Any) -> tuple[Any, tuple[Any, Any], tuple[Any, Any, Any]]:
    """(f, (fx, fy), (fxx, fxy, fyy)) by SymPy, exactly."""
    import sympy

    x, y = _symbols()
    gx, gy = sympy.diff(expr, x), sympy.diff(expr, y)
    hxx, hxy, hyy = sympy.diff(gx, x), sympy.diff(gx, y), sympy.diff(gy, y)

    def clean(e: Any) -> Any:  # |x|'' and sign'(x) are Dirac deltas at 0: the Hessian there is taken as 0
        return e.replace(sympy.DiracDelta, lambda *args: sympy.Integer(0))

    hessian = (clean(hxx), clean(hxy), clean(hyy))
    for d in (gx, gy, *hessian):
        left = d.atoms(sympy.Derivative)
        if left:  # abs(x**0.5): d/dx re(x**0.5) stays unevaluated, and nothing can compute it
            inner = min((str(a.expr) for a in left), key=len)
            raise FormulaError(
                f"SymPy cannot write the derivatives of this formula (it leaves the derivative of {inner} "
                "unevaluated: a part that is not real for every x and y); write it so that every part is real, "
                "e.g. abs(x)**0.5 rather than abs(x**0.5)"
            )
    return expr, (gx, gy), hessian


def _compile(expr: Any) -> dict[str, Any]:
    """NumPy functions by ``sympy.lambdify`` (for formulas `formula_kernels` cannot print: NumPy path only)."""
    import sympy

    x, y = _symbols()
    f_, (gx, gy), (hxx, hxy, hyy) = _derivatives(expr)

    def lam(*exprs: Any) -> Callable[..., Any]:
        # lambdify runs SymPy's own printout of an expression built from checked parts only
        fn = sympy.lambdify((x, y), list(exprs), modules="numpy", cse=True)

        def real(*args: Any) -> list[Any]:  # complex values (d/dy (-1)**y): their real part, without a warning
            return [np.real(v) for v in fn(*args)]

        return real

    vg, hs = lam(f_, gx, gy), lam(hxx, hxy, hyy)
    return _array_functions(vg, hs, ())


def _array_functions(vg: Callable[..., Any], hs: Callable[..., Any], params: tuple[float, ...]) -> dict[str, Any]:
    """``f``, ``grad``, ``hessian``, ``value_and_grad`` on points ``(..., 2)`` from kernels of ``x, y, *params``."""
    consts = constants(*params)

    def f(p: Any) -> Any:
        # from the same code as value_and_grad: the two give the same bits
        return value_and_grad(p)[0]

    def value_and_grad(p: Any) -> tuple[Any, np.ndarray]:
        p = np.asarray(p, dtype=np.float64)
        g = np.empty(p.shape)
        with np.errstate(all="ignore"):
            value, g[..., 0], g[..., 1] = vg(p[..., 0], p[..., 1], *consts)
        if np.shape(value) != p.shape[:-1]:  # a formula without x and y
            value = np.broadcast_to(value, p.shape[:-1]).astype(np.float64)
        return value, g

    def grad(p: Any) -> np.ndarray:
        return value_and_grad(p)[1]

    def hessian(p: Any) -> np.ndarray:
        p = np.asarray(p, dtype=np.float64)
        h = np.empty(p.shape + (2,))
        with np.errstate(all="ignore"):
            a, b, c = hs(p[..., 0], p[..., 1], *consts)
        h[..., 0, 0], h[..., 0, 1], h[..., 1, 0], h[..., 1, 1] = a, b, b, c
        return h

    return {"f": f, "grad": grad, "hessian": hessian, "value_and_grad": value_and_grad}


def formula_module(spec: FormulaSpec) -> Any:
    """The generated kernel module of ``spec`` (see `surfaces.formula_kernels`): loaded from the kernel
    cache when this formula was built before, else derived by SymPy and written there.  Raises
    `formula_kernels.Unsupported` for expressions the printer cannot write."""
    from . import formula_kernels as fk

    params = dict(spec.params)
    tree = check_expression(spec.expression, params)
    fixed = _in_exponents(tree)
    # parameters stay arguments of the kernels (one module for every value), except in exponents: SymPy
    # writes d/dx x**n as n*x**n/x, which is 0/0 at x = 0; with n's value in it is n*x**(n - 1)
    names = tuple(k for k in params if k not in fixed)
    values = ",".join(f"{k}={params[k]!r}" for k in params if k in fixed)
    key = fk.formula_key(ast.dump(tree) + "|" + values, names)
    text = fk.cached_text(key)
    if text is None:
        expr = sympy_expression(spec, substitute=fixed)
        f_, grad, hess = _derivatives(expr)
        text = fk.kernel_source(key, spec.expression.strip(), names, f_, grad, hess)
    return fk.load_module(key, text)


def _in_exponents(tree: ast.AST) -> frozenset[str]:
    """The names that appear in an exponent of ``tree`` (``n`` in ``x**n`` or ``2**(n*x)``)."""
    return frozenset(
        name.id
        for node in ast.walk(tree)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow)
        for name in ast.walk(node.right)
        if isinstance(name, ast.Name)
    )


def _kernels(spec: FormulaSpec, expr: Any) -> tuple[dict[str, Any], dict[str, Any], str | None]:
    """The surface's functions and ``scalar_kernels``; the same on NumPy's vectorised functions (faster, a few
    ulps apart: for finding the minima); and why it stays on the NumPy path (None: it does not)."""
    from .formula_kernels import Unsupported, numpy_variant

    try:
        module = formula_module(spec)
    except Unsupported as exc:
        fns = _compile(expr)
        return {**fns, "scalar_kernels": None}, fns, str(exc)
    values = tuple(float(dict(spec.params)[k]) for k in module.PARAMS)
    fns = _array_functions(module.value_and_grad, module.hessian, values)
    quick = _array_functions(numpy_variant(module.value_and_grad), numpy_variant(module.hessian), values)
    return {**fns, "scalar_kernels": Scalar(module.value_and_grad, None, module.hessian, values)}, quick, None


def find_minima(
    fns: dict[str, Callable[..., Any]], domain: tuple[tuple[float, float], tuple[float, float]], limit: int = 12
) -> tuple[list[Minimum], bool]:
    """Local minima inside `domain` by damped Newton from many starts; (minima, lowest is global).

    Starts: a 9 x 9 lattice and the 40 lowest points of a 60 x 60 grid.  Each iteration takes
    the Newton step where the Hessian is positive definite and a gradient step scaled by the
    curvature elsewhere, halving it until f decreases.  Converged points (gradient tiny,
    Hessian positive semi-definite, inside the domain) are deduplicated.  The lowest found
    is called global only if no grid point lies lower.
    """
    (x0, x1), (y0, y1) = domain
    scale = max(x1 - x0, y1 - y0)
    gx, gy = np.meshgrid(np.linspace(x0, x1, 60), np.linspace(y0, y1, 60), indexing="ij")
    grid = np.stack([gx.ravel(), gy.ravel()], axis=-1)
    fgrid = np.asarray(fns["f"](grid), dtype=np.float64)
    finite = np.where(np.isfinite(fgrid), fgrid, np.inf)
    best = grid[np.argsort(finite)[:40]]
    lx, ly = np.meshgrid(np.linspace(x0, x1, 9), np.linspace(y0, y1, 9), indexing="ij")
    p = np.concatenate([np.stack([lx.ravel(), ly.ravel()], axis=-1), best])
    f = fns["f"]
    with np.errstate(all="ignore"):
        fp = np.asarray(f(p), dtype=np.float64)
        for _ in range(80):
            g = fns["grad"](p)
            h = fns["hessian"](p)
            a, b, c = h[:, 0, 0], h[:, 0, 1], h[:, 1, 1]
            det = a * c - b * b
            pd = (a > 0) & (det > 0)
            newton = -np.stack([c * g[:, 0] - b * g[:, 1], a * g[:, 1] - b * g[:, 0]], axis=-1) / det[:, None]
            lam_max = np.abs(0.5 * (a + c)) + np.sqrt(0.25 * (a - c) ** 2 + b * b)
            gradient_step = -g / np.maximum(lam_max, 1e-8)[:, None]
            step = np.where(pd[:, None], newton, gradient_step)
            step = np.where(np.isfinite(step), step, 0.0)
            alpha = np.ones(len(p))
            for _ in range(40):
                trial = p + alpha[:, None] * step
                ft = np.asarray(f(trial), dtype=np.float64)
                ok = ft <= fp
                if ok.all():
                    break
                alpha = np.where(ok, alpha, alpha * 0.5)
            accept = ft <= fp
            p = np.where(accept[:, None], trial, p)
            fp = np.where(accept, ft, fp)
        g = fns["grad"](p)
        h = fns["hessian"](p)
        a, b, c = h[:, 0, 0], h[:, 0, 1], h[:, 1, 1]
        gnorm = np.hypot(g[:, 0], g[:, 1])
        gscale = 1e-7 * (1.0 + np.abs(fp)) / scale
        psd = (a + c >= 0) & (a * c - b * b >= -1e-9 * (a * a + c * c + 1.0))
    inside = (p[:, 0] >= x0) & (p[:, 0] <= x1) & (p[:, 1] >= y0) & (p[:, 1] <= y1)
    good = np.isfinite(fp) & (gnorm <= gscale) & psd & inside
    found: list[tuple[float, np.ndarray]] = []
    angles = np.linspace(0.0, 2.0 * np.pi, 24, endpoint=False)
    ring = 1e-3 * scale * np.stack([np.cos(angles), np.sin(angles)], axis=-1)
    for i in np.argsort(np.where(good, fp, np.inf)):
        if not good[i]:
            break
        if not all(np.hypot(*(p[i] - q)) > 1e-5 * scale for _, q in found):
            continue
        with np.errstate(all="ignore"):
            around = np.asarray(f(p[i] + ring), dtype=np.float64)
        if np.all(around >= fp[i] - 1e-12 * (1.0 + abs(fp[i]))):  # not a flat saddle (x³ − 3xy² at 0)
            point = np.where(np.abs(p[i]) < 1e-13 * scale, 0.0, p[i])  # 4e-38 is 0 to the eye and to Newton
            found.append((float(fp[i]), point))
    if not found:
        return [], False
    lowest = found[0][0]
    tol = 1e-9 * (1.0 + abs(lowest))
    known = bool(np.min(finite) >= lowest - 1e-6 * (1.0 + abs(lowest)))
    minima = [
        Minimum.of(q, value, "global" if known and value <= lowest + tol else "local") for value, q in found[:limit]
    ]
    return minima, known


def build_formula_surface(text: str | FormulaSpec) -> FormulaSurface:
    """The surface of a spec ``formula:EXPR; ...`` (see the module docstring).

    Raises `FormulaError` (a ValueError) with the column and the offending text.  Surfaces
    are immutable: the last few built are kept and returned again for the same spec.
    """
    spec = text if isinstance(text, FormulaSpec) else parse_formula_spec(text)
    return _build(spec)


@functools.lru_cache(maxsize=16)
def _build(spec: FormulaSpec) -> FormulaSurface:
    expr = sympy_expression(spec)  # checked, parameters in: refuses formulas without a finite real value
    fns, quick, numpy_only = _kernels(spec, expr)
    domain = (spec.xrange, spec.yrange)
    (x0, x1), (y0, y1) = domain
    minima, known = find_minima(quick, domain)
    start = spec.start
    if start is None:  # upper left, away from the middle where minima often are
        start = (float(f"{x0 + 0.2 * (x1 - x0):.6g}"), float(f"{y1 - 0.2 * (y1 - y0):.6g}"))
    contour = "linear"
    if known and minima:
        fmin = min(m.value for m in minima if m.kind == "global")
        gx, gy = np.meshgrid(np.linspace(x0, x1, 40), np.linspace(y0, y1, 40), indexing="ij")
        values = np.asarray(quick["f"](np.stack([gx, gy], axis=-1)), dtype=np.float64) - fmin
        values = values[np.isfinite(values)]
        if values.size and np.median(values) > 0 and values.max() > 1e3 * np.median(values):
            contour = "log"  # values spanning decades (Rosenbrock-like): log-spaced levels
    params = dict(spec.params)
    shown = spec.expression.strip()
    where = f"; {', '.join(f'{k}={_num(v)}' for k, v in params.items())}" if params else ""
    base = Surface.create(
        name="formula",
        title="Your formula",
        formula=shown + where,
        description="a surface you typed (exact derivatives by SymPy; minima found numerically)",
        domain=domain,
        start=start,
        minima=minima,
        contour=contour,
        params=params,
        **fns,
    )
    parts = {f.name: getattr(base, f.name) for f in fields(Surface)}
    return FormulaSurface(**parts, formula_spec=spec.text, sympy_expr=expr, numpy_only=numpy_only)
