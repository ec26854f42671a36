"""Checks that an app's `engine` package is pure Python (shared by each app's test_no_django)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PROBE = """
import sys
import {package}
loaded = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
print(",".join(loaded))
sys.exit(1 if loaded else 0)
"""


def assert_import_loads_no_django(package: str) -> None:
    # A fresh interpreter: in this one pytest-django has already imported Django.
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(package=package)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, f"Django modules imported: {result.stdout or result.stderr}"


def _imported_names(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.append("." * node.level + (node.module or ""))
    return names


def assert_modules_import_only_the_standard_library(engine_dir: Path, *, at_least: int) -> None:
    modules = sorted(engine_dir.glob("*.py"))
    assert len(modules) >= at_least
    for path in modules:
        for name in _imported_names(path):
            if name.startswith("."):
                continue  # a sibling engine module
            top = name.split(".")[0]
            assert top in sys.stdlib_module_names or top == "__future__", (
                f"{path.name} imports {name}: the engine may use only the standard library"
            )
