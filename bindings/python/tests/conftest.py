"""Shared paths for the binding's tests. The package under test is the installed one
(make test installs it into a venv first); the library is found as a user's would be."""

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
SAMPLES = REPO / "samples"
SAMPLE = SAMPLES / "disability-access-survey" / "datapackage.json"
BAD_METADATA = REPO / "tests" / "fixtures" / "bad-metadata" / "datapackage.json"


@pytest.fixture
def shared():
    """../shared (official schemas, the SDG DSD); tests needing it skip without it."""
    path = Path(os.environ.get("CITIZEN_SDMX_SHARED", REPO.parent / "shared"))
    if not (path / "sdmx" / "schemas").is_dir():
        pytest.skip("../shared is absent; set CITIZEN_SDMX_SHARED")
    return path


@pytest.fixture
def sample_copy(tmp_path):
    """A writable copy of the disability sample, to break in tests."""
    target = tmp_path / "package"
    shutil.copytree(SAMPLE.parent, target)
    return target
