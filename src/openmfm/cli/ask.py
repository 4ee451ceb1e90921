"""`mfm ask`: a cited, verified answer from the knowledge base, streamed while the model writes."""

from __future__ import annotations

from typing import Optional

import typer
from rich.markup import escape
from rich.panel import Panel

from ..dates import parse_day
from ..records import RequestContext
from .common import config_from_flags, console, console_err

_LABEL = {"supported": "[green]supported[/]", "partial": "[yellow]partly supported[/]",
          "unsupported": "[red]unsupported[/]"}
_SEVERITY = {"critical": "bold red", "warning": "yellow", "info": "cyan"}


def print_answer(answer, *, title: str = "Answer") -> None:
    """The answer, its evidence cards, verification, flags and provenance, for a terminal."""
    console.print(Panel(escape(answer.text), title=f"[bold]{title}[/] ({answer.mode}, {answer.language})",
                        border_style="red" if any(f.kind == "red_flag" for f in answer.flags) else "blue"))
    if answer.evidence:
        console.print("[bold]Evidence[/]")
        for n, ev in enumerate(answer.evidence, 1):
            s, v = ev.source, ev.source_version
            when = v.published or v.effective
            meta = [x for x in (s.publisher, f"v{v.version}", when.isoformat() if when else None,
                                f"doi:{s.doi}" if s.doi else s.url, s.licence and f"licence {s.licence}") if x]
            console.print(f" [bold cyan][{n}][/] {escape(s.title)}  [dim]{escape(' · '.join(meta))}[/]")
            quote = " ".join(ev.quote.split())
            console.print(f"     [italic]“{escape(quote[:400])}{'…' if len(quote) > 400 else ''}”[/]")
            console.print(f"     [dim]{escape(ev.chunk.id)} chars {ev.span_start}-{ev.span_end}[/]")
    if answer.claims:
        console.print("[bold]Verification[/]")
        for c in answer.claims:
            cites = "".join(f"[{x.n}]" for x in c.citations) or "-"
            state = "[red]removed[/]" if c.removed else _LABEL[c.support]
            console.print(f" {state} {c.support_score:.2f} {escape(cites)} {escape(c.text[:110])}")
            if c.support != "supported" and c.reasons:
                console.print(f"     [dim]{escape('; '.join(c.reasons))}[/]")
    shown = [f for f in answer.flags if f.kind != "disclaimer"]
    if shown:
        console.print("[bold]Flags[/]")
        for f in shown:
            console.print(f" [{_SEVERITY[f.severity]}]{f.kind}[/]: {escape(f.message)}")
    p = answer.provenance
    model = f"{p.model} ({p.backend}, sha256 {p.model_sha256[:12]})" if p.model and p.model_sha256 else (p.model or "none (extractive)")
    relevance = f"[bold]Relevance[/] {answer.relevance_score:.2f}   " if answer.relevance_score is not None else ""
    console.print(f"{relevance}[bold]Support[/] {answer.support_score:.2f}   [bold]KB snapshot[/] {p.kb_snapshot}   "
                  f"[bold]model[/] {escape(model)}   [bold]policy[/] {p.policy_version}")
    total = answer.timings.get("total")
    console.print(f"[bold]Audit id[/] {answer.audit_id}" + (f"   [dim]{total:.2f} s[/]" if total else ""))


def register(app: typer.Typer) -> None:
    """Add the `ask` command to the top-level app."""
    @app.command("ask")
    def ask_cmd(
        question: str = typer.Argument(..., help="The question, in Chinese or English."),
        mode: Optional[str] = typer.Option(None, "--mode", help="generate (model writes, cited) or extractive "
                                           "(no model, quotes evidence; instant). Default: config answer.mode."),
        as_json: bool = typer.Option(False, "--json", help="Print the full Answer record as JSON."),
        as_of: Optional[str] = typer.Option(None, "--as-of", help="Answer from the KB as it stood on this date."),
        model: Optional[str] = typer.Option(None, "--model", help="Model name (default: config model.name)."),
        kb: Optional[str] = typer.Option(None, "--kb", help="Knowledge base name (default: config kb.name)."),
        judge: bool = typer.Option(False, "--judge", help="Also ask the model to judge each sentence's support."),
        unsupported: Optional[str] = typer.Option(None, "--unsupported", help="remove or mark unsupported sentences."),
    ) -> None:
        """Answer a medical question; every sentence cites an exact source span and is verified.

        Example: mfm ask "What is the first-line treatment for community-acquired pneumonia in adults?"
        """
        from ..answering import ask  # deferred: `mfm --help` stays instant

        cfg = config_from_flags(answer__unsupported=unsupported)
        started = {"on": False}

        def on_text(piece: str) -> None:
            if not started["on"]:
                console.rule("[dim]draft, streaming (verified below)[/]", style="dim", align="left")
                started["on"] = True
            console.print(piece, end="", markup=False, highlight=False, soft_wrap=True)

        if not as_json:
            console_err.print("[dim]searching the knowledge base and checking evidence...[/]")
        answer = ask(question, mode=mode, as_of=parse_day(as_of, "--as-of date"), model=model, kb=kb, cfg=cfg,
                     ctx=RequestContext(channel="cli"), judge=judge,
                     stream_callback=None if as_json else on_text)
        if started["on"]:
            console.print()
        if as_json:
            console.print_json(answer.model_dump_json())
            return
        print_answer(answer)
