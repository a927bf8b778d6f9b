"""The house's layers: `trainer/core` is what every feature leans on, so it imports no feature and no entry layer."""

from __future__ import annotations

import ast
from pathlib import Path

from trainer.config import PROJECT_ROOT

CORE = PROJECT_ROOT / "trainer" / "core"
# Besides core itself, core may lean only on these: configuration and the shared extension objects.
CORE_MAY_IMPORT = ("trainer.core", "trainer.config", "trainer.extensions")


def trainer_imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every import of a trainer module in the file, inside functions too, relative ones resolved."""
    package = ".".join(path.relative_to(PROJECT_ROOT).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}".rstrip(".")
            # `from trainer import exam` imports the feature package itself
            found += [(node.lineno, f"{base}.{alias.name}" if base == "trainer" else base) for alias in node.names]
    return [(line, name) for line, name in found if name == "trainer" or name.startswith("trainer.")]


def outside_core(path: Path) -> list[str]:
    return [
        f"{path.relative_to(PROJECT_ROOT)}:{line} imports {name}"
        for line, name in trainer_imports(path)
        if not any(name == allowed or name.startswith(f"{allowed}.") for allowed in CORE_MAY_IMPORT)
    ]


def test_core_imports_no_feature_and_no_entry_layer():
    modules = sorted(CORE.rglob("*.py"))
    assert modules, CORE

    assert [problem for path in modules for problem in outside_core(path)] == []


def test_the_check_sees_every_kind_of_import(tmp_path, monkeypatch):
    fake_root = tmp_path
    core = fake_root / "trainer" / "core"
    core.mkdir(parents=True)
    module = core / "leaky.py"
    module.write_text(
        "import trainer.bank.models\n"
        "from trainer.exam import service\n"
        "from trainer import auth\n"
        "from ..progress import analytics\n"
        "from . import clock\n"
        "from trainer.extensions import db\n"
        "def later():\n"
        "    from trainer.schema import metadata\n"
    )
    monkeypatch.setattr(f"{__name__}.PROJECT_ROOT", fake_root)

    assert outside_core(module) == [
        "trainer/core/leaky.py:1 imports trainer.bank.models",
        "trainer/core/leaky.py:2 imports trainer.exam",
        "trainer/core/leaky.py:3 imports trainer.auth",
        "trainer/core/leaky.py:4 imports trainer.progress",
        "trainer/core/leaky.py:8 imports trainer.schema",
    ]
