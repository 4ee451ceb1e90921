"""`mfm deid` and `mfm reidentify`: thin shells over ``openmfm.safety.deid``."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, Optional

import typer

from ..errors import InvalidInput
from .common import config_from_flags, console


def _context(api_key: str | None, cfg):
    """The caller: the API key's role when one is given, else the local user as a clinician."""
    from ..safety.access import KeyStore
    from ..safety.gate import RequestContext

    key = api_key or os.environ.get("MFM_API_KEY")
    if key:
        return KeyStore(cfg).authenticate(key, channel="cli")
    return RequestContext(channel="cli")


def _read(args: list[str], fmt: str) -> Any:
    """A file, stdin ("-") or the words given as text; JSON when asked or when it looks like it."""
    if not args:
        raise InvalidInput("Nothing to de-identify.", "Pass a file, '-' for stdin, or text after `--`.")
    if args == ["-"]:
        raw = sys.stdin.read()
    elif len(args) == 1 and Path(args[0]).is_file():
        try:
            raw = Path(args[0]).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise InvalidInput(f"{args[0]} is not UTF-8 text.", "Convert it to UTF-8 first.") from None
        if fmt == "auto" and args[0].lower().endswith(".json"):
            fmt = "json"
    else:
        raw = " ".join(args)
    if fmt == "auto":
        fmt = "json" if raw.lstrip()[:1] in ("{", "[") else "text"
    if fmt == "text":
        return raw
    try:
        return json.loads(raw)
    except json.JSONDecodeError as e:
        raise InvalidInput(f"The input is not valid JSON: {e.msg} at line {e.lineno}, column {e.colno}.",
                           "Fix the JSON, or pass --format text to treat it as plain text.") from None


def _print(result, as_json: bool) -> None:
    from rich.table import Table

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
        api_key: Optional[str] = typer.Option(None, "--api-key", help="Act with this key's role (or set MFM_API_KEY)."),
    ) -> None:
        """De-identify a clinical note, JSON record or FHIR resource (Chinese or English).

        Example: mfm deid -- "患者张伟，手机13812345678，2023年3月5日入院。"
        """
        from ..safety.deid import deid

        cfg = config_from_flags()
        data = _read(source or [], fmt)
        result = deid(data, operator=operator, language=lang, patient_id=patient, ctx=_context(api_key, cfg), cfg=cfg)
        _print(result, as_json)

    @app.command("reidentify")
    def reidentify_cmd(
        source: list[str] = typer.Argument(None, help="Pseudonymised text or JSON: a file, '-' for stdin, or the text."),
        fmt: str = typer.Option("auto", "--format", help="auto | text | json"),
        as_json: bool = typer.Option(False, "--json", help="Print the full result as JSON."),
        api_key: Optional[str] = typer.Option(None, "--api-key", help="A privacy officer's key (or set MFM_API_KEY)."),
    ) -> None:
        """Restore pseudonymised values from the vault (privacy officer only; always audited).

        Example: mfm reidentify --api-key mfm_1a2b3c4d_... notes.pseudo.txt
        """
        from ..safety.deid import reidentify

        cfg = config_from_flags()
        data = _read(source or [], fmt)
        _print(reidentify(data, ctx=_context(api_key, cfg), cfg=cfg), as_json)
