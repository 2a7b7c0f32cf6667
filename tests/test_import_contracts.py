"""The architecture holds: the import-linter contracts in .importlinter are kept, and no
module of ours imports itself back through others (no import cycles).

``python tests/test_import_contracts.py [PACKAGE ...]`` prints the import graph among our
modules (one ``module -> imported module`` line per direct import) and any cycle found."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("gui", "cli", "arena", "problems", "engine", "surfaces", "specs", "export")

grimp = pytest.importorskip("grimp")


def _lint_imports() -> str:
    exe = Path(sys.executable).with_name("lint-imports")
    return str(exe) if exe.exists() else (shutil.which("lint-imports") or "lint-imports")


def test_import_contracts_are_kept():
    res = subprocess.run([_lint_imports(), ".importlinter"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "0 broken" in res.stdout


def find_cycle(graph, modules) -> list[str] | None:
    """A cycle of direct imports among ``modules``, or None (iterative depth-first search)."""
    state: dict[str, int] = {}
    for root in sorted(modules):
        if root in state:
            continue
        stack = [(root, iter(sorted(graph.find_modules_directly_imported_by(root) & modules)))]
        path = [root]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            for child in children:
                if state.get(child) == 1:
                    return path[path.index(child) :] + [child]
                if child not in state:
                    state[child] = 1
                    path.append(child)
                    stack.append((child, iter(sorted(graph.find_modules_directly_imported_by(child) & modules))))
                    break
            else:
                state[node] = 2
                stack.pop()
                path.pop()
    return None


def our_graph(packages=PACKAGES):
    """grimp's graph of our packages (third-party imports left out)."""
    sys.path.insert(0, str(ROOT))
    return grimp.build_graph(*packages, include_external_packages=False)


def test_no_import_cycles():
    graph = our_graph()
    cycle = find_cycle(graph, set(graph.modules))  # every module, packages' __init__ included
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_the_cycle_finder_finds_cycles():
    class Graph:
        edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}

        def find_modules_directly_imported_by(self, m):
            return self.edges[m]

    assert find_cycle(Graph(), {"a", "b", "c", "d"}) == ["a", "b", "c", "a"]
    Graph.edges["c"] = set()
    assert find_cycle(Graph(), {"a", "b", "c", "d"}) is None


if __name__ == "__main__":
    graph = our_graph(tuple(sys.argv[1:]) or PACKAGES)
    for module in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            print(f"{module} -> {imported}")
    cycle = find_cycle(graph, set(graph.modules))
    print("import cycle: " + " -> ".join(cycle) if cycle else "no import cycle", file=sys.stderr)
