"""The import graph of the package: layers point one way, module-level imports form no cycle, and
an import inside a function is there only to defer a heavy dependency, which its comment says.

Read from the source with ``ast``, so the rules hold for code paths no other test happens to run.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
PKG = SRC / "openmfm"

# From the bottom up: a module may import its own layer and the layers before it in this list.
LAYERS = [
    {"", "records", "config", "errors", "text", "dates", "migrations", "audit"},
    {"models"},
    {"safety"},
    {"knowledge"},
    {"answering", "consult", "structure"},
    {"evaluation"},
    {"loop"},
    {"cli", "interfaces"},
]


def _name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _target(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports():
    """(module, imported openmfm module, line, inside a function?, source lines) for every import."""
    modules = {_name(p) for p in PKG.rglob("*.py")}
    for path in sorted(PKG.rglob("*.py")):
        module, source = _name(path), path.read_text(encoding="utf-8")
        lines = source.splitlines()
        tree = ast.parse(source)
        local: set[int] = set()
        for fn in ast.walk(tree):
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                local |= {id(n) for n in ast.walk(fn) if isinstance(n, (ast.Import, ast.ImportFrom))}
        guarded = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
                   for n in ast.walk(node)}
        for node in ast.walk(tree):
            if not isinstance(node, (ast.Import, ast.ImportFrom)) or id(node) in guarded:
                continue
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                base = _target(module, node, path.name == "__init__.py")
                # `from . import x` imports the submodule x when there is one
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
            yield module, targets, node.lineno, id(node) in local, lines


def _layer(module: str) -> int:
    part = module.split(".")[1] if "." in module else ""
    return next(i for i, names in enumerate(LAYERS) if part in names)


def test_layers_point_one_way():
    wrong = [f"{m}:{line} imports {t}" for m, targets, line, _, _ in _imports() for t in targets
             if t.startswith("openmfm") and _layer(t) > _layer(m)]
    assert not wrong, "imports against the layer order (docs/architecture.md):\n" + "\n".join(wrong)


def test_module_level_imports_form_no_cycle():
    graph: dict[str, set[str]] = defaultdict(set)
    for m, targets, _, local, _ in _imports():
        if not local:
            graph[m] |= {t for t in targets if t.startswith("openmfm") and t != m}
    # a package's __init__ is imported on the way to any of its modules
    for m in list(graph):
        for t in list(graph[m]):
            parent = t.rsplit(".", 1)[0]
            while parent.startswith("openmfm.") and not m.startswith(parent + ".") and m != parent:
                graph[m].add(parent)
                parent = parent.rsplit(".", 1)[0]
    index, low, stack, on, cycles, counter = {}, {}, [], set(), [], [0]

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for v in list(graph):
        if v not in index:
            visit(v)
    assert not cycles, f"import cycles: {cycles}"


def test_function_level_imports_say_what_they_defer():
    """A function-level import is a promise that importing the module at the top would cost
    something real (a model runtime, Presidio, faiss); the comment names it."""
    unexplained = []
    for m, targets, line, local, lines in _imports():
        if not local:
            continue
        here, above = lines[line - 1], lines[line - 2] if line > 1 else ""
        if "deferred" not in here and "deferred" not in above:
            unexplained.append(f"{m}:{line} {here.strip()}")
    assert not unexplained, "function-level imports without a '# deferred: ...' comment:\n" + "\n".join(unexplained)
