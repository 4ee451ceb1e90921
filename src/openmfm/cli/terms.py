"""`mfm terms` (being built)."""

from __future__ import annotations

import typer

app = typer.Typer(help="terms commands.", no_args_is_help=True)
