"""Shared pieces of the CLI: consoles and flag-to-config plumbing."""

from __future__ import annotations

from typing import Any

from rich.console import Console

from ..config import Config, load_config

console = Console()
console_err = Console(stderr=True)


def config_from_flags(**flags: Any) -> Config:
    """Load the configuration with command-line flags given as ``section__key=value``."""
    return load_config({k.replace("__", "."): v for k, v in flags.items() if v is not None})
