"""`mfm config`: the effective configuration and where each value came from."""

from __future__ import annotations

import json

import typer
from rich.table import Table

from ..config import config_file, load_config
from .common import console

app = typer.Typer(help="Show the effective configuration.", no_args_is_help=True)


@app.command("show")
def show(as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table.")) -> None:
    """Print every setting, its value and its origin (default, file, env or flag).

    Example: MFM_MODEL_N_CTX=2048 mfm config show
    """
    cfg = load_config()
    rows = [(k, v, cfg.origins.get(k, "default")) for k, v in cfg.flat().items()]
    if as_json:
        console.print_json(json.dumps({k: {"value": v, "from": o} for k, v, o in rows}, default=str))
        return
    path = config_file()
    table = Table(title=f"OpenMFM configuration (file: {path or 'none'}; data home: {cfg.data_home})")
    for col in ("setting", "value", "from"):
        table.add_column(col)
    for k, v, o in rows:
        table.add_row(k, repr(v), o)
    console.print(table)
