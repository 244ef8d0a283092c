"""The package layout: imports run down the stages (README, "How the code is laid out"), never up."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "summarizer"
# Rank of each top-level module or subpackage: code may import only from a lower or equal rank.
RANK = {
    "errors": 0, "coercion": 0, "text": 1, "documents": 2, "models": 2, "faithfulness": 3, "options": 4, "presets": 4,
    "translate": 5, "abstracts": 5, "result": 6, "pipeline": 6, "batch": 7, "cli": 8, "testing": 8,
    "__init__": 9,
}


def imports() -> list[tuple[str, str]]:
    """(importing group, imported group) for every relative import of the package."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        package, group = list(parts[:-1]), parts[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package[: len(package) - node.level + 1]
                target = base + (node.module.split(".") if node.module else [])
                found.append((group, target[0] if target else "__init__"))
    return found


def test_every_module_has_a_rank():
    groups = {path.relative_to(PACKAGE).parts[0].removesuffix(".py") for path in PACKAGE.glob("*")
              if path.suffix == ".py" or (path / "__init__.py").exists()}
    assert groups == set(RANK)


def test_imports_never_run_up_the_stages():
    upward = [(source, target) for source, target in imports() if RANK[target] > RANK[source]]
    assert imports() and upward == []


def test_every_subpackage_says_what_it_holds():
    for init in PACKAGE.glob("*/__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc) > 100, f"{init} needs a docstring saying what the folder holds"
