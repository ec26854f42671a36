"""Fixtures for the shared plumbing: test e-mail templates."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

TEMPLATE_DIR = Path(__file__).parent / "templates"


@pytest.fixture
def email_templates(settings):
    """Make tests/core/templates/tests_email/* available to the template loader."""
    engines = copy.deepcopy(settings.TEMPLATES)
    engines[0]["DIRS"] = [*engines[0]["DIRS"], TEMPLATE_DIR]
    settings.TEMPLATES = engines
