"""Labelled JSON-lines files a hospital or a developer edits by hand (classifier banks, labelled
notes): one object a line, blank lines allowed, and a broken line reported with its number and
what to do, so nothing is silently skipped."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from ..errors import ConfigError


def read_checked(path: Path, check: Callable[[dict], dict], what: str, hint: str) -> list[dict]:
    """Every line parsed and passed through ``check``, which returns the row to keep or raises
    ValueError / KeyError / TypeError saying what is wrong with it."""
    rows = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(check(json.loads(line)))
        except (ValueError, KeyError, TypeError) as err:
            raise ConfigError(f"{path}:{i} is not {what}: {err}", hint) from None
    return rows
