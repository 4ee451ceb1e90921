"""`mfm deid` and `mfm reidentify`: thin shells over ``openmfm.safety.deid``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Optional

import typer
from rich.table import Table

from ..errors import InvalidInput
from .common import config_from_flags, console


def _read(args: list[str], fmt: str) -> Any:
    """A file, stdin ("-") or the words given as text; the API decides text or JSON."""
    from ..safety.deid import parse_payload  # deferred: `mfm --help` stays instant

    if not args:
        raise InvalidInput("Nothing to de-identify.", "Pass a file, '-' for stdin, or text after `--`.")
    filename = None
    if args == ["-"]:
        raw = sys.stdin.read()
    elif len(args) == 1 and Path(args[0]).is_file():
        filename = args[0]
        try:
            raw = Path(filename).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise InvalidInput(f"{filename} is not UTF-8 text.", "Convert it to UTF-8 first.") from None
    else:
        raw = " ".join(args)
    return parse_payload(raw, fmt, filename=filename)


def _print(result, as_json: bool) -> None:

    if as_json:
        console.print_json(result.model_dump_json())
        return
    if result.text is not None:
        console.print(result.text, markup=False, highlight=False)
    else:
        console.print_json(json.dumps(result.data, ensure_ascii=False))
    table = Table(title=f"{len(result.entities)} entities ({result.operator}, policy {result.policy_version})")
    for col in ("type", "where", "score", "recognizer", "replacement"):
        table.add_column(col)
    for e in result.entities:
        where = f"{e.path}:" if e.path else ""
        table.add_row(e.entity_type, f"{where}{e.start}-{e.end}", f"{e.score:.2f}", e.recognizer, e.replacement)
    console.print(table)


def register(app: typer.Typer) -> None:
    """Add the `deid` and `reidentify` commands to the top-level app."""
    @app.command("deid")
    def deid_cmd(
        source: list[str] = typer.Argument(None, help="A file, '-' for stdin, or the text itself (after --)."),
        operator: Optional[str] = typer.Option(None, "--operator", "-o", help="redact | mask | surrogate | pseudonymize (default: the policy's)."),
        lang: Optional[str] = typer.Option(None, "--lang", help="zh or en (default: detected per text)."),
        patient: Optional[str] = typer.Option(None, "--patient", help="Patient id: surrogates and date shifts stay consistent across this patient's documents."),
        fmt: str = typer.Option("auto", "--format", help="auto | text | json"),
        as_json: bool = typer.Option(False, "--json", help="Print the full result as JSON."),
        api_key: Optional[str] = typer.Option(None, "--api-key", envvar="MFM_API_KEY",
                                              help="Act with this key's role (or set MFM_API_KEY)."),
    ) -> None:
        """De-identify a clinical note, JSON record or FHIR resource (Chinese or English).

        Example: mfm deid -- "患者张伟，手机13812345678，2023年3月5日入院。"
        """
        from ..safety.access import request_context  # deferred: `mfm --help` stays instant
        from ..safety.deid import deid  # deferred: `mfm --help` stays instant

        cfg = config_from_flags()
        data = _read(source or [], fmt)
        result = deid(data, operator=operator, language=lang, patient_id=patient, ctx=request_context(cfg, api_key=api_key, channel="cli"), cfg=cfg)
        _print(result, as_json)

    @app.command("reidentify")
    def reidentify_cmd(
        source: list[str] = typer.Argument(None, help="Pseudonymised text or JSON: a file, '-' for stdin, or the text."),
        fmt: str = typer.Option("auto", "--format", help="auto | text | json"),
        as_json: bool = typer.Option(False, "--json", help="Print the full result as JSON."),
        api_key: Optional[str] = typer.Option(None, "--api-key", envvar="MFM_API_KEY",
                                              help="A privacy officer's key (or set MFM_API_KEY)."),
    ) -> None:
        """Restore pseudonymised values from the vault (privacy officer only; always audited).

        Example: mfm reidentify --api-key mfm_1a2b3c4d_... notes.pseudo.txt
        """
        from ..safety.access import request_context  # deferred: `mfm --help` stays instant
        from ..safety.deid import reidentify  # deferred: `mfm --help` stays instant

        cfg = config_from_flags()
        data = _read(source or [], fmt)
        _print(reidentify(data, ctx=request_context(cfg, api_key=api_key, channel="cli"), cfg=cfg), as_json)
