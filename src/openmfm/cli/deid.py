"""`mfm deid` (being built)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the `deid` command to the top-level app."""
