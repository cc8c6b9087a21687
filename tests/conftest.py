"""Shared fixtures and the Hypothesis profiles (choose with HYPOTHESIS_PROFILE)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

import nato_rok
from tests import browser

# Never timed: performance lives in benchmarks/, not in test deadlines.
settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Every nox session but properties (the Pythons, the floors, the docs): fewer examples.
settings.register_profile(
    "quick", max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# Once per CI run (the properties session, the only one that runs the slow
# tier): two and a half times the quick profile's search. Its own knob: at 100
# examples the slow tier took 300 CPU-seconds, a quarter of what CI has in
# fifteen minutes when another job shares the machine (200: 580).
settings.register_profile(
    "ci", max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def bundled() -> nato_rok.Dataset:
    """Return the bundled release 1.0.0."""
    return nato_rok.load("1.0.0")


@pytest.fixture
def document(bundled: nato_rok.Dataset) -> dict[str, Any]:
    """Return a fresh, mutable copy of release 1.0.0 as plain JSON values."""
    value: dict[str, Any] = json.loads(nato_rok.dumps(bundled))
    return value


def encode(value: Any) -> str:
    """Return *value* as JSON text, as a user's edited copy would be."""
    return json.dumps(value, ensure_ascii=False)


def every_release() -> list[Any]:
    """Return the bundled releases as the parameters of a per-release test slow enough to matter.

    The newest runs in the fast tier; the older ones are the ``releases`` tier,
    which the full tests session (``tests-3.13``) runs.
    """
    *older, newest = nato_rok.versions()
    return [*(pytest.param(version, marks=pytest.mark.releases) for version in older), newest]


@pytest.fixture(scope="session")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[browser.Browsers]:
    """Return the test session's headless Chromium, light and dark (the `browser` tier)."""
    browsers = browser.Browsers(tmp_path_factory.mktemp("chromium"))
    yield browsers
    browsers.close()
