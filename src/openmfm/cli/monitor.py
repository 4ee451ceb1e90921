"""`mfm monitor`: what the system did over time, alerts, stale evidence, and feedback exports.

The caller is resolved as every command resolves it (without an API key: the local clinician);
the policy's `monitor` permission decides.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Optional

import typer
from rich.markup import escape
from rich.table import Table

from .common import config_from_flags, console

app = typer.Typer(help="Monitor answers over time (alerts, Prometheus, HTML), and list answers whose evidence "
                       "changed: `mfm monitor stale`.", invoke_without_command=True)

_KEY = typer.Option(None, "--api-key", envvar="MFM_API_KEY", help="Act with this key's role (or set MFM_API_KEY).")


def _caller(cfg, api_key: Optional[str]):
    from ..safety.access import request_context  # deferred: `mfm --help` stays instant

    return request_context(cfg, api_key=api_key, channel="cli")


def _day(value: Optional[datetime]) -> Optional[date]:
    return value.date() if value else None


@app.callback()
def monitor(ctx: typer.Context,
            since: Optional[datetime] = typer.Option(None, "--since", formats=["%Y-%m-%d"], help="First day (UTC)."),
            until: Optional[datetime] = typer.Option(None, "--until", formats=["%Y-%m-%d"], help="Last day (UTC)."),
            window: str = typer.Option("day", "--window", "-w", help="day | week | all"),
            lang: Optional[str] = typer.Option(None, "--lang", help="Only questions in this language (zh, en)."),
            drift: bool = typer.Option(False, "--drift", help="Add input drift (language, topics, embeddings) against the policy's reference days."),
            as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
            html: Optional[Path] = typer.Option(None, "--html", help="Also write an HTML report with plots here."),
            prom: bool = typer.Option(False, "--prometheus", help="Print the newest window in Prometheus text format."),
            api_key: Optional[str] = _KEY) -> None:
    """Answers, abstention, support, removed statements, conflicts, red flags, injection refusals,
    latency, models and KB snapshots, feedback: per window and language, with the policy's alerts.

    Example: mfm monitor --since 2026-11-01 --window week --html monitor.html
    """
    if ctx.invoked_subcommand:
        return
    from ..loop import prometheus, summarise  # deferred: `mfm --help` stays instant

    cfg = config_from_flags()
    s = summarise(since=_day(since), until=_day(until), window=window, language=lang, drift=drift, cfg=cfg,
                  ctx=_caller(cfg, api_key))
    if html:
        from ..loop.monitor_report import write_html  # deferred: matplotlib only for the report

        write_html(s, html)
    if prom:
        typer.echo(prometheus(s), nl=False)
    elif as_json:
        console.print_json(s.model_dump_json())
    else:
        _print(s)
    if html:
        console.print(f"HTML report: {html}")


def _fmt(v, metric: str = "") -> str:
    if v is None:
        return "–"
    if metric.endswith(("_rate", "_share", "support")):
        return f"{100 * v:.1f}%"
    return f"{v:.2f}" if isinstance(v, float) else str(v)


_COLUMNS = {"window": "window", "language": "lang", "answers": "answers", "abstention_rate": "abstained",
            "mean_support": "support", "removed_share": "removed", "conflict_rate": "conflict",
            "red_flag_rate": "red flag", "injection_refusal_rate": "injection", "latency_p50_s": "p50 s",
            "latency_p95_s": "p95 s"}


def _print(s) -> None:
    table = Table(title=f"OpenMFM monitor by {s.window} ({s.indexed} new log entries indexed)")
    rated = any(sum(w.feedback.values()) for w in s.stats)
    for label in (*_COLUMNS.values(), *(["feedback"] if rated else [])):
        table.add_column(label, overflow="fold")
    for w in s.stats:
        fb = [" ".join(f"{k} {v}" for k, v in w.feedback.items() if v)] if rated else []
        table.add_row(*[_fmt(getattr(w, c), c) for c in _COLUMNS], *fb)
    console.print(table)
    for v in s.versions[-5:]:
        console.print(f"[dim]{v['window']}: model {v['model'] or '- (extractive)'}, KB {v['kb']} snapshot "
                      f"{v['kb_snapshot']}: {v['answers']} answers[/]")
    if s.drift:
        console.print(f"Input drift {s.drift['window']} vs {s.drift['reference']}: "
                      + ", ".join(f"{k} {_fmt(v)}" for k, v in s.drift["scores"].items()))
    if not s.stats:
        console.print("No answers in the audit log for this range yet.")
    for a in s.alerts:
        console.print(f"[bold red]ALERT[/] {escape(a.line())}")
    if s.stats and not s.alerts:
        console.print("[green]No alert rule fired.[/]")


@app.command("stale")
def stale(kb: Optional[str] = typer.Option(None, "--kb", help="Only answers from this knowledge base."),
          replay: bool = typer.Option(False, "--replay", help="Re-ask the stale questions against the KB as it is now."),
          limit: int = typer.Option(20, "--limit", help="At most this many answers replayed."),
          as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
          api_key: Optional[str] = _KEY) -> None:
    """List past answers citing a source version that has since changed or been removed, with what
    changed in the cited span; --replay says which answers would now differ.

    Example: mfm monitor stale --replay
    """
    from ..loop import stale_answers  # deferred: `mfm --help` stays instant

    cfg = config_from_flags()
    r = stale_answers(kb=kb, replay=replay, replay_limit=limit, cfg=cfg, ctx=_caller(cfg, api_key))
    if as_json:
        console.print_json(r.model_dump_json())
        return
    if not r.spans:
        console.print("[green]No stale answers[/]: every cited source version is still current.")
    for sp in r.spans:
        now = f"v{sp.current_version}" if sp.current_version else "removed"
        langs = ", ".join(f"{k} {v}" for k, v in sorted(sp.languages.items()))
        console.print(f"[bold]{escape(sp.kb)}:{escape(sp.source_id)}[/] v{sp.cited_version} -> {now}, chars "
                      f"{sp.span_start}-{sp.span_end}: [yellow]{sp.status}[/]; cited by {len(sp.answers)} answer(s) "
                      f"({langs}) {sp.first_asked[:10]}..{sp.last_asked[:10]}")
        console.print(f"   cited: [italic]{escape(' '.join(sp.cited_text.split())[:160])}[/]")
        if sp.current_text is not None:
            console.print(f"   now:   [italic]{escape(' '.join(sp.current_text.split())[:160])}[/]")
        for c in sp.changes:
            console.print(f"   [red]- {escape(c.old.strip() or '(nothing)')}[/]  [green]+ {escape(c.new.strip() or '(nothing)')}[/]")
        more = f" and {len(sp.answers) - 8} more" if len(sp.answers) > 8 else ""
        console.print(f"   answers: {', '.join(sp.answers[:8])}{more}")
    for m in r.missing_kbs:
        console.print(f"[yellow]KB '{escape(m)}' no longer exists[/]: its answers were not checked.")
    for p in r.replays:
        mark = "[red]would differ[/]" if p.differs else "[green]same[/]"
        console.print(f"replay {p.audit_id} -> {p.replay_id}: {mark}")
        for d in p.differences:
            console.print(f"   - {escape(d)}")


@app.command("corrections")
def corrections(eval_set: Optional[Path] = typer.Option(None, "--eval", help="Write the corrected answers as an evaluation set (native JSONL) here."),
                examples: Optional[Path] = typer.Option(None, "--examples", help="Write supervised examples (instruction JSONL) here."),
                api_key: Optional[str] = _KEY) -> None:
    """Turn clinicians' feedback into an evaluation set (`mfm eval run FILE`) and training examples,
    de-identified first.

    Example: mfm monitor corrections --eval corrected.jsonl --examples feedback_sft.jsonl
    """
    from ..loop.corrections import eval_items, training_examples, write_jsonl  # deferred: `mfm --help` stays instant
    from ..safety.policy import load_policy  # deferred: as above

    if not (eval_set or examples):
        raise typer.BadParameter("give --eval FILE, --examples FILE or both")
    cfg = config_from_flags()
    pol, who = load_policy(cfg), _caller(cfg, api_key)
    if eval_set:
        items = eval_items(cfg, pol, who)
        write_jsonl([json.loads(i.model_dump_json()) for i in items], eval_set)
        console.print(f"{len(items)} evaluation item(s) -> {eval_set}")
    if examples:
        rows = training_examples(cfg, pol, who)
        write_jsonl(rows, examples)
        console.print(f"{len(rows)} training example(s) -> {examples}")
