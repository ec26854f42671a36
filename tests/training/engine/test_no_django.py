"""The training engine is pure Python: importing it loads no Django, and it imports only the
standard library and its own modules."""

from __future__ import annotations

from pathlib import Path

from stridewell.training import engine
from tests.support.pure_engine import (
    assert_import_loads_no_django,
    assert_modules_import_only_the_standard_library,
)


def test_importing_the_engine_loads_no_django_module():
    assert_import_loads_no_django("stridewell.training.engine")


def test_engine_modules_import_only_the_standard_library_and_each_other():
    assert_modules_import_only_the_standard_library(Path(engine.__file__).parent, at_least=11)
