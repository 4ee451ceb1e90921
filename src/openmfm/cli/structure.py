"""`mfm structure`: a thin shell over ``openmfm.structure`` and its batch runner."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.table import Table

from ..errors import InvalidInput
from .common import config_from_flags, console, console_err


def _read_one(source: str) -> str | None:
    """The note's text, or None when ``source`` holds several notes (batch mode)."""
    from ..knowledge.readers import decode, read_file  # deferred: `mfm --help` stays instant

    if source == "-":
        data = sys.stdin.buffer.read()
        return decode(data, Path("<stdin>"))[0] if data.strip() else ""
    path = Path(source)
    if path.is_dir():
        return None
    if not path.is_file():
        raise InvalidInput(f"{source} is not a file or folder.", "Pass a note file, a folder of notes, a JSONL file, or '-' for stdin.")
    docs = read_file(path, path.read_bytes())
    return docs[0].text if len(docs) == 1 else None


def _table(note) -> None:
    t = Table(title=f"{len(note.entities)} entities ({note.language}; {', '.join(note.layers)})")
    for col in ("type", "text", "span", "section", "assertion", "code", "details"):
        t.add_column(col)
    for e in note.entities:
        codes = ", ".join(f"{c.code} ({c.confidence:.2f})" for c in e.codes)
        details = ", ".join(f"{k}={v}" for k, v in e.attributes.model_dump(exclude_none=True).items())
        if e.flags:
            details = ", ".join(filter(None, [details, *e.flags]))
        t.add_row(e.type, e.text, f"{e.start}-{e.end}", e.section or "", e.assertion + ("" if e.experiencer == "patient" else " (other)"),
                  codes, details, end_section=False)
    console.print(t)
    for f in note.flags:
        console.print(f"[yellow]{f.kind}[/]: {f.message}" + (f" [{f.start}-{f.end}]" if f.start is not None else ""))


def register(app: typer.Typer) -> None:
    """Add the `structure` command to the top-level app."""
    @app.command("structure")
    def structure_cmd(
        note: str = typer.Argument(..., help="A note file (txt, md, html, pdf, docx, json, csv; GBK is read), '-' for stdin, "
                                             "or a folder / multi-record JSONL for a batch."),
        as_json: bool = typer.Option(False, "--json", help="Print the StructuredNote as JSON."),
        as_fhir: bool = typer.Option(False, "--fhir", help="Print a FHIR R4 Bundle (Condition, MedicationStatement, ...)."),
        use_model: bool = typer.Option(False, "--model", help="Add the model layer (validated against the note and the terminology)."),
        deid: bool = typer.Option(False, "--deid", help="De-identify the note before the model sees it."),
        lang: str | None = typer.Option(None, "--lang", help="zh or en (default: detected)."),
        out: Path | None = typer.Option(None, "--out", "-o", help="Batch results (JSONL; default: NOTE.structured.jsonl). "
                                                                     "Rerun the same command to resume after a kill."),
        patient: str = typer.Option("Patient/unknown", "--patient", help="FHIR subject reference for --fhir."),
        api_key: str | None = typer.Option(None, "--api-key", envvar="MFM_API_KEY", help="Act with this key's role (or set MFM_API_KEY)."),
    ) -> None:
        """Structure a clinical note (Chinese or English): entities, assertions, attributes, ICD-10 codes, FHIR.

        Example: mfm structure note.txt --json
        """
        from ..models import load_model  # deferred: `mfm --help` stays instant
        from ..safety.access import request_context  # deferred: `mfm --help` stays instant
        from ..structure import structure  # deferred: `mfm --help` stays instant

        if as_json and as_fhir:
            raise InvalidInput("--json and --fhir are two outputs.", "Choose one of them.")
        cfg = config_from_flags()
        ctx = request_context(cfg, api_key=api_key, channel="cli")
        model = load_model(cfg) if use_model else None
        text = _read_one(note)
        if text is None:
            _batch(Path(note), out, cfg, ctx, lang, model, deid)
            return
        result = structure(text, cfg=cfg, ctx=ctx, language=lang, model=model, deid=deid)
        if as_json:
            sys.stdout.write(result.model_dump_json(indent=2) + "\n")
        elif as_fhir:
            from ..structure.fhir import to_fhir  # deferred: fhir.resources loads many models

            sys.stdout.write(json.dumps(to_fhir(result, patient=patient), ensure_ascii=False, indent=2) + "\n")
        else:
            _table(result)


def _batch(source: Path, out: Path | None, cfg, ctx, lang, model, deid) -> None:
    from rich.progress import Progress  # deferred: only batches show progress

    from ..structure.batch import notes, run_batch  # deferred: `mfm --help` stays instant

    out = out or source.with_name(source.name + ".structured.jsonl")
    total = sum(1 for _ in notes(source))
    with Progress(console=console_err) as bar:
        task = bar.add_task("structuring", total=total)
        summary = run_batch(source, out, cfg=cfg, ctx=ctx, language=lang, model=model, deid=deid,
                            on_note=lambda _id, _n: bar.advance(task))
        bar.update(task, completed=total)
    t = Table(title=f"{summary.done} notes structured ({summary.skipped} done before, {len(summary.failed)} failed) "
                    f"-> {out}, {summary.notes_per_s:.1f} notes/s")
    t.add_column("what")
    t.add_column("counts")
    t.add_row("entities", ", ".join(f"{k} {v}" for k, v in summary.entities.most_common()))
    t.add_row("assertions", ", ".join(f"{k} {v}" for k, v in summary.assertions.most_common()))
    t.add_row("flags", ", ".join(f"{k} {v}" for k, v in summary.flags.most_common()) or "none")
    for nid, msg in list(summary.failed.items())[:10]:
        t.add_row(f"failed: {nid}", msg)
    console.print(t)
