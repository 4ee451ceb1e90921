"""`mfm audit`: read, check and replay the hash-chained audit log."""

from __future__ import annotations

import json
from typing import Optional

import typer
from rich.markup import escape
from rich.table import Table

from ..audit import AuditLog
from .ask import print_answer
from .common import config_from_flags, console

app = typer.Typer(help="Read, verify and replay the tamper-evident audit log.", no_args_is_help=True)


@app.command("list")
def list_(limit: int = typer.Option(20, "--limit", "-n", help="How many of the newest entries."),
          action: Optional[str] = typer.Option(None, "--action", help="Only this action, e.g. ask."),
          as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table.")) -> None:
    """List the newest audit entries.

    Example: mfm audit list --action ask -n 5
    """
    cfg = config_from_flags()
    rows = AuditLog(cfg.audit_path).list(limit=limit, action=action)
    if as_json:
        console.print_json(json.dumps([r.model_dump(mode="json") for r in rows]))
        return
    table = Table(title=f"Audit log {cfg.audit_path}")
    for col in ("seq", "id", "time (UTC)", "actor", "action", "summary"):
        table.add_column(col, no_wrap=col != "summary")
    for r in rows:
        p = r.payload
        summary = p.get("question") or p.get("summary") or ""
        if r.action == "ask":
            summary = f"{summary[:60]}  [{p.get('mode')}, support {p.get('support_score', 0):.2f}" + \
                      (", abstained" if p.get("abstained") else "") + "]"
        table.add_row(str(r.seq), r.id, r.ts.strftime("%Y-%m-%d %H:%M:%S"), r.actor, r.action, escape(str(summary)))
    console.print(table)


@app.command("show")
def show(record_id: str = typer.Argument(..., help="An id (or its prefix) from `mfm audit list`."),
         as_json: bool = typer.Option(False, "--json", help="Print the raw entry as JSON.")) -> None:
    """Show one audit entry: for an answer, the question, evidence, draft, verification and provenance.

    Example: mfm audit show 3f9a2c
    """
    cfg = config_from_flags()
    r = AuditLog(cfg.audit_path).get(record_id)
    if as_json or r.action != "ask":
        console.print_json(r.model_dump_json())
        return
    p = r.payload
    channel = f" via {p['channel']}" + (f" key {p['api_key_id']}" if p.get("api_key_id") else "") if p.get("channel") else ""
    console.print(f"[bold]{r.id}[/] seq {r.seq} · {r.ts.isoformat()} · actor {r.actor} ({r.role}){channel} · "
                  f"policy {r.policy_version}")
    console.print(f"[bold]Question[/] {escape(p['question'])}  [dim]({p['language']}, {p['mode']})[/]")
    console.print(f"[bold]KB[/] {p.get('kb')} snapshot {p.get('kb_snapshot')} as of {p.get('as_of') or p.get('asked_on')}"
                  f"   [bold]model[/] {p.get('model') or '-'} sha256 {(p.get('model_sha256') or '-')[:16]}")
    console.print("[bold]Retrieval decisions[/]")
    for d in p.get("retrieval", []):
        mark = "[green]kept[/]" if d["kept"] else "[dim]dropped[/]"
        console.print(f" {mark} {escape(d['title'])} [dim]{escape(d['chunk_id'])}: {escape(d['reason'])}[/]")
    console.print("[bold]Evidence spans[/]")
    for e in p.get("evidence", []):
        console.print(f" [{e['n']}] {escape(e['chunk_id'])} {e['span_start']}-{e['span_end']}: "
                      f"[italic]{escape(' '.join(e['quote'].split())[:200])}[/]")
    if p.get("draft"):
        console.print("[bold]Draft[/]")
        for s in p["draft"]["sentences"]:
            console.print(f" {escape(s['text'])} {s['cites']}")
    console.print("[bold]Verified claims[/]")
    for c in p.get("claims", []):
        console.print(f" {c['support']}{' (removed)' if c['removed'] else ''} {c['support_score']:.2f} "
                      f"{escape(c['text'][:100])} [dim]{escape('; '.join(c['reasons']))}[/]")
    console.print("[bold]Flags[/] " + (", ".join(f["kind"] for f in p.get("flags", [])) or "none"))
    console.print("[bold]Final answer[/]")
    console.print(escape(p.get("answer", "")))
    _print_transcript(p.get("transcript") or [])


def _print_transcript(steps: list[dict]) -> None:
    """The path the question took: each step's inputs, outputs and time, and the step that ended it."""
    if not steps:
        return
    table = Table(title="Steps", title_justify="left")
    for col in ("step", "seconds", "in", "out"):
        table.add_column(col, overflow="fold")
    for s in steps:
        name = f"{s['step']} [bold](ended)[/]" if s.get("ended") else s["step"]
        table.add_row(name, f"{s['seconds']:.3f}", escape(_brief(s.get("inputs"))), escape(_brief(s.get("outputs"))))
    console.print(table)


def _brief(d: dict | None) -> str:
    return "; ".join(f"{k}={json.dumps(v, ensure_ascii=False)[:80]}" for k, v in (d or {}).items())


@app.command("verify")
def verify() -> None:
    """Check the whole hash chain; exits 1 when any entry was edited, deleted or truncated.

    Example: mfm audit verify
    """
    cfg = config_from_flags()
    report = AuditLog(cfg.audit_path).verify()
    if report.ok:
        console.print(f"[green]OK[/]: {report.checked} entries, hash chain intact ({cfg.audit_path})")
        return
    console.print(f"[bold red]TAMPERED[/]: {len(report.problems)} problem(s) in {report.checked} entries")
    for p in report.problems:
        console.print(f" - {escape(p)}")
    raise typer.Exit(1)


@app.command("replay")
def replay_cmd(record_id: str = typer.Argument(..., help="The id of an `ask` entry."),
               model: Optional[str] = typer.Option(None, "--model", help="Replay with another model instead."),
               as_json: bool = typer.Option(False, "--json", help="Print the differences as JSON.")) -> None:
    """Re-run an audited answer against the KB as it stood then and the recorded model; show differences.

    Example: mfm audit replay 3f9a2c
    """
    from ..answering import replay  # deferred: `mfm --help` stays instant

    cfg = config_from_flags()
    result = replay(record_id, cfg=cfg, model=model)
    if as_json:
        console.print_json(json.dumps({"original": result.original_id, "replay": result.replay.audit_id,
                                       "same_snapshot": result.same_snapshot, "same_model": result.same_model,
                                       "differences": result.differences}, ensure_ascii=False))
        return
    print_answer(result.replay, title=f"Replay of {result.original_id}")
    console.print(f"KB snapshot {'[green]same[/]' if result.same_snapshot else '[red]changed[/]'}, "
                  f"model {'[green]same[/]' if result.same_model else '[red]changed[/]'}")
    if result.identical:
        console.print("[green]No differences[/]: the replay reproduced the recorded answer.")
    else:
        console.print("[yellow]Differences[/]:")
        for d in result.differences:
            console.print(f" - {escape(d)}")
