"""Shared pieces of the structuring tests: the configuration and a note runner that checks spans."""

from __future__ import annotations

import pytest

from openmfm.config import load_config
from openmfm.structure import structure


@pytest.fixture
def cfg(tmp_path_factory):
    return load_config({"home.path": str(tmp_path_factory.getbasetemp() / "mfm-home")})


@pytest.fixture
def run(cfg):
    """Structure a note and check the one invariant every result keeps: spans are the note's characters."""
    def _run(text: str, **kw):
        note = structure(text, cfg=cfg, **kw)
        for e in note.entities:
            assert text[e.start:e.end] == e.text
        return note
    return _run


def find(note, text: str, type_: str | None = None):
    hits = [e for e in note.entities if e.text == text and (type_ is None or e.type == type_)]
    assert hits, f"{text!r} not found in {[(e.text, e.type) for e in note.entities]}"
    return hits[0]
