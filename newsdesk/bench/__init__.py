"""Benchmarks run by ``newsdesk bench <name>``.

Registry contract: each module in this package that defines ``NAME`` (str),
``HELP`` (str), ``add_arguments(parser)`` and ``run(options: dict) -> dict`` is a
benchmark. ``run`` returns a JSON-serialisable dict of figures; the command prints it
as a table and writes it to ``--json`` when given.
"""

import importlib
import pkgutil
from types import ModuleType


def registry() -> dict[str, ModuleType]:
    """name -> benchmark module, for every module in this package that declares NAME."""
    found: dict[str, ModuleType] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        name = getattr(module, "NAME", None)
        if name:
            found[name] = module
    return found
