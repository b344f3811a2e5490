"""The package's folders are layers that import downward only: the domain core knows nothing of reports, pages,
MkDocs or the command line, so the core can be carried to another site generator as it is (README, "Moving off
MkDocs"). A new import against the grain fails here with the file and line."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "generator"

# layer -> the other layers it may import (its own is always allowed)
ALLOWED = {
    "support": set(),
    "core": {"support"},
    "reports": {"core", "support"},
    "fetch": {"core", "support"},
    "search": {"core", "support"},
    "radio": {"core", "support"},
    "render": {"core", "support", "reports", "search", "fetch", "radio"},
    "publish": {"core", "support", "reports", "render"},
    "preview": {"core", "support", "reports", "render"},
    "mkdocs_adapter": {"core", "support", "reports", "render", "search", "radio", "publish", "preview"},
    "cli": {"core", "support", "reports", "render", "search", "fetch", "radio", "publish", "preview",
            "mkdocs_adapter"},
}
# The one import across: radio's settings hold the reading table of the spoken-Vietnamese normaliser, and the core's
# check of every plan file (`planfiles`) validates them with the rest of mkdocs.yml.
EXCEPTIONS = {("core/planfiles.py", "generator.radio.settings")}


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module
        elif isinstance(node, ast.Import):
            for a in node.names:
                yield node.lineno, a.name


def test_every_module_lives_in_a_layer():
    loose = sorted(p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py"))
    assert loose == [], f"modules outside the layer folders: {loose}"
    assert {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()} == set(ALLOWED)


def test_layers_import_downward_only():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if len(rel.parts) < 2:
            continue
        layer = rel.parts[0]
        for line, module in _imports(path):
            parts = module.split(".")
            if parts[0] != "generator" or len(parts) < 2 or parts[1] in (layer, "__version__"):
                continue
            if parts[1] not in ALLOWED[layer] and (rel.as_posix(), module) not in EXCEPTIONS:
                wrong.append(f"generator/{rel.as_posix()}:{line}: {layer} imports {module}")
    assert wrong == [], "imports against the layers:\n" + "\n".join(wrong)
