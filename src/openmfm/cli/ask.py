"""`mfm ask` (being built)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the `ask` command to the top-level app."""
