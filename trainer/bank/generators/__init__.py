"""Question generators: code that makes a fresh, fully explained question from a seed and a difficulty.

Each module in this package registers its generators with `@generator(...)`; importing the package finds them all.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from trainer.bank.generators.base import REGISTRY, Generated, Generator, generate, generator

__all__ = ["REGISTRY", "Generated", "Generator", "all_generators", "generate", "generator"]


def all_generators() -> dict[str, Generator]:
    """Every registered generator by key (modules of this package are imported on first use)."""
    _import_all()
    return REGISTRY


@cache
def _import_all() -> None:
    """Import this package's generator modules, once per process: listing them read the folder on every start."""
    for module in pkgutil.iter_modules(__path__):
        if module.name != "base" and not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")
