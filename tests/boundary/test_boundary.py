"""The MkDocs boundary: only generator/mkdocs_adapter/ imports mkdocs or material, and every private name of a
library that the adapter still uses is listed in one place and still there, with the shape it relies on."""
from __future__ import annotations

import ast
from pathlib import Path

from generator.mkdocs_adapter import private

PACKAGE = Path(__file__).resolve().parents[2] / "generator"
ADAPTER = PACKAGE / "mkdocs_adapter"
FOREIGN = ("mkdocs", "material")


def _imported_modules(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) in (
                "__import__", "import_module") and node.args and isinstance(node.args[0], ast.Constant):
            found.append((node.lineno, str(node.args[0].value)))
    return found


def test_only_the_adapter_imports_mkdocs_or_material():
    outside = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if ADAPTER in path.parents:
            continue
        for line, module in _imported_modules(path):
            if module.split(".")[0] in FOREIGN:
                outside.append(f"{path.relative_to(PACKAGE.parent)}:{line}: imports {module}")
    assert outside == [], "MkDocs/Material used outside generator/mkdocs_adapter/:\n" + "\n".join(outside)


def test_the_adapter_does_import_mkdocs():
    # The check above must be able to fail: the adapter itself is found by it.
    hits = [m for p in ADAPTER.rglob("*.py") for _, m in _imported_modules(p) if m.split(".")[0] == "mkdocs"]
    assert hits


def test_private_names_are_as_tested():
    changed = private.version_problems() + private.problems()
    assert changed == [], "A dependency changed what chuyentrang relies on:\n" + "\n".join(changed)


def test_private_name_check_notices_a_missing_name(monkeypatch):
    from mkdocs.commands import build
    monkeypatch.delattr(build, "_build_page")
    assert any("_build_page is gone" in p for p in private.problems())
