"""The arrows point down (ARCHITECTURE.md, "Where things live"): read every module's imports
with `ast`, including those inside functions and TYPE_CHECKING blocks, and fail when a layer
reaches up or a pure part imports a third-party package."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHAINS = ROOT / "chains"
STDLIB = sys.stdlib_module_names | {"__future__"}

# layer -> the parts of chains/ it may import (itself included)
ALLOWED: dict[str, set[str]] = {
    "guard": {"guard"},
    "edge": {"edge"},
    "week": {"week"},
    "request": {"request", "week"},
    "rules": {"rules", "request", "week"},
    "answer": {"answer", "rules", "request", "week"},
    "session": {"session", "guard", "request", "answer", "week"},
    # coach: for typing only
    "page": {"page", "edge", "session", "guard", "answer", "week", "wording", "coach"},
    "style": {"style"},
    "wording": {"wording"},
}
# the pure parts: third-party packages they may import, and why
THIRD_PARTY: dict[str, set[str]] = {
    "guard": set(),
    "edge": set(),
    "week": {"icalendar"},  # week/export.py writes .ics; the model itself is stdlib only
    "request": set(),
    "rules": set(),
    "session": set(),
    "page": set(),
    "style": set(),
    "wording": set(),
}


def _layer(path: Path) -> str:
    rel = path.relative_to(CHAINS)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            if node.module == "chains":  # "from chains import guard"
                names += [f"chains.{a.name}" for a in node.names]
    return names


MODULES = sorted(p for p in CHAINS.rglob("*.py") if _layer(p) in ALLOWED)


def test_every_layer_has_modules() -> None:
    assert {_layer(p) for p in MODULES} == set(ALLOWED)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_a_layer_imports_only_what_is_below_it(path: Path) -> None:
    layer = _layer(path)
    for name in _imports(path):
        parts = name.split(".")
        if parts[0] == "chains" and len(parts) > 1:
            assert parts[1] in ALLOWED[layer], f"{path.name} ({layer}) imports {name}"
        elif name == "knowledge.errors":  # the errors a person can cause: stdlib only
            assert layer in {"answer", "page"}, f"{path.name} ({layer}) imports {name}"
        elif parts[0] == "knowledge":
            assert layer == "answer", f"{path.name} ({layer}) imports {name}"


@pytest.mark.parametrize(
    "path",
    [p for p in MODULES if _layer(p) in THIRD_PARTY],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_the_pure_parts_import_no_third_party_package(path: Path) -> None:
    allowed = THIRD_PARTY[_layer(path)] | STDLIB | {"chains", "knowledge"}
    outside = {n.split(".")[0] for n in _imports(path)} - allowed
    assert not outside, f"{path.name} imports {sorted(outside)}"


def test_the_checker_sees_an_upward_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from chains.coach import Coach\n    import gradio\n")
    assert {"chains.coach", "gradio"} <= set(_imports(bad))


@pytest.mark.parametrize(
    ("module", "heavy"),
    [
        ("chains.session", ("rank_bm25", "langchain_core", "pydantic", "chromadb", "torch")),
        ("chains.guard", ("icalendar", "rank_bm25", "langchain_core")),
        ("chains.rules", ("icalendar", "rank_bm25", "langchain_core")),
        ("chains.page", ("gradio", "pandas", "rank_bm25", "langchain_core", "torch")),
    ],
)
def test_importing_a_light_part_loads_nothing_heavy(module: str, heavy: tuple[str, ...]) -> None:
    code = f"import sys, {module}; print(' '.join(m for m in {heavy!r} if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == ""


def test_only_the_ui_module_of_chains_imports_gradio() -> None:
    users = {
        str(p.relative_to(ROOT))
        for p in CHAINS.rglob("*.py")
        if any(n.split(".")[0] in {"gradio", "gradio_client"} for n in _imports(p))
    }
    assert users == {"chains/ui.py"}


DATA_TABLES = {"chains/guard/lexicon.py"}  # the rules' words and patterns, one per line


def test_app_and_every_module_of_chains_are_at_most_300_lines_but_the_data_tables() -> None:
    sizes = {str(p.relative_to(ROOT)): len(p.read_text().splitlines())
             for p in [ROOT / "app.py", *CHAINS.rglob("*.py")]}  # fmt: skip
    assert {name: n for name, n in sizes.items() if n > 300}.keys() == DATA_TABLES
