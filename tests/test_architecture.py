"""The package layering holds: no import cycle between align's top-level packages and
modules (every import counted, lazy ones inside functions included)."""
from __future__ import annotations

import ast
from pathlib import Path

ALIGN = Path(__file__).resolve().parents[1] / "align"


def package_imports() -> dict[str, set[str]]:
    """``{"scorers": {"text", "types", ...}, ...}``: which top-level parts each imports."""
    edges: dict[str, set[str]] = {}
    for path in ALIGN.rglob("*.py"):
        part = path.relative_to(ALIGN).with_suffix("").parts[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            for name in names:
                bits = name.split(".")
                if bits[0] == "align" and len(bits) > 1 and bits[1] != part:
                    edges.setdefault(part, set()).add(bits[1])
    return edges


def find_cycle(edges: dict[str, set[str]]) -> list[str]:
    """One cycle of the graph (its nodes in order), or [] when there is none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return []

    for start in sorted(edges):
        if start not in state and (found := visit(start)):
            return found
    return []


def test_the_cycle_finder_finds_one() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}}) == []


def test_no_import_cycle_between_align_packages() -> None:
    edges = package_imports()
    assert "scorers" in edges and "qa" in edges  # the walk saw the packages
    assert find_cycle(edges) == []


def test_the_stores_edit_logic_has_no_sql() -> None:
    """align/store/edit is pure logic: it imports neither SQLAlchemy nor the store's SQL."""
    for path in (ALIGN / "store" / "edit").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                     else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            for name in names:
                assert not name.startswith(("sqlalchemy", "align.store.sql")), (path.name, name)
