"""The outcomes engine is pure Python: importing it loads no Django, and it imports only the
standard library and its own modules."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from stridewell.outcomes import engine

ENGINE_DIR = Path(engine.__file__).parent

PROBE = """
import sys
import stridewell.outcomes.engine
loaded = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
print(",".join(loaded))
sys.exit(1 if loaded else 0)
"""


def test_importing_the_engine_loads_no_django_module():
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, f"Django modules imported: {result.stdout or result.stderr}"


def _imported(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.append("." * node.level + (node.module or ""))
    return names


def test_engine_modules_import_only_the_standard_library_and_each_other():
    modules = sorted(ENGINE_DIR.glob("*.py"))
    assert len(modules) >= 5
    for path in modules:
        for name in _imported(path):
            if name.startswith("."):
                continue
            top = name.split(".")[0]
            assert top in sys.stdlib_module_names or top == "__future__", (
                f"{path.name} imports {name}: the engine may use only the standard library"
            )
