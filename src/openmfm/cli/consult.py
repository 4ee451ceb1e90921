"""`mfm consult`: pre-consultation in the terminal, from scripted replies, resumed, or as a
practice interview with a simulated patient."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.markup import escape

from ..errors import InvalidInput
from .common import config_from_flags, console, console_err


def _lines(path: str) -> list[str]:
    try:
        return Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise InvalidInput(f"Cannot read {path}: {e}", "Pass a UTF-8 text file with one reply per line.") from None


def _print_record(rec) -> None:
    console.rule("[bold]Record for the clinician[/]")
    for ln in rec.outpatient:
        style = "bold red" if ln.section == "urgent" else "bold"
        console.print(f"[{style}]{escape(ln.heading)}[/] {escape(ln.text)}  [dim]T{', T'.join(map(str, ln.turns))}[/]")
    sug = rec.suggestions
    if sug.get("open_questions"):
        console.print(f"[yellow]{escape(sug['note'])}[/]")
        for q in sug["open_questions"][:5]:
            console.print(f"  [dim]?[/] {escape(q['question'])}")
    console.print(f"[bold]FHIR[/] {'valid' if rec.fhir_valid else 'INVALID: ' + '; '.join(rec.fhir_errors)} "
                  f"({len(rec.fhir['entry'])} resources)   [bold]session[/] {rec.session_id} ({rec.status}, {rec.stop_reason})")


def _practice(case_ref: str, questions: list[str] | None, as_json: bool) -> None:
    # deferred: `mfm --help` stays instant
    from ..consult.simulate import SimulatedPatient, load_case, score_practice

    case = load_case(case_ref)
    patient = SimulatedPatient(case)
    if not as_json:
        console.print(f"[bold]Practice[/] case {case['id']}: {escape(case['complaint'])}  [dim](empty line or 'quit' ends)[/]")
    asked = []
    source = iter(questions) if questions is not None else None
    while True:
        q = next(source, None) if source is not None else console.input("[bold cyan]you>[/] ")
        if q is None or q.strip().lower() in ("", "quit", "exit", "结束"):
            break
        answer = patient.answer(q)
        asked.append({"question": q, "answer": answer})
        if not as_json:
            console.print(f"[bold green]patient>[/] {escape(answer)}")
    result = score_practice(case, patient)
    if as_json:
        console.print_json(json.dumps({"case": case["id"], "turns": asked, "score": result}, ensure_ascii=False))
        return
    console.print(f"[bold]Elicited[/] {result['elicited']}/{result['must_elicit']} facts that matter")
    for miss in result["missed"]:
        console.print(f"  [yellow]missed[/] {escape(miss)}")
    if result.get("red_flag_missed"):
        console.print(f"  [red]red flag not asked about[/] {escape(result['red_flag_missed'])}")


def register(app: typer.Typer) -> None:
    """Add the `consult` command to the top-level app."""
    @app.command("consult")
    def consult_cmd(
        complaint: str | None = typer.Argument(None, help="The chief complaint, in Chinese or English."),
        replies: str | None = typer.Option(None, "--replies", help="Replay the patient's replies from FILE, one per line."),
        as_json: bool = typer.Option(False, "--json", help="Print the session, record and FHIR resources as JSON."),
        mode: str = typer.Option("model", "--mode", help="model (the local model phrases and reads, rules check it) "
                                 "or rules (no model; instant)."),
        model: str | None = typer.Option(None, "--model", help="Model name (default: config model.name)."),
        resume: str | None = typer.Option(None, "--resume", help="Continue the session with this id."),
        practice: str | None = typer.Option(None, "--practice", help="Interview a simulated patient: a case id "
                                               "(from --cases) or a JSON case file; scored at the end."),
        cases: str | None = typer.Option(None, "--cases", help="JSONL case file for --practice CASE_ID."),
        lang: str | None = typer.Option(None, "--lang", help="Language of the clinician's record (zh|en; "
                                           "default: the patient's)."),
        max_turns: int = typer.Option(12, "--max-turns", help="Turn budget."),
        api_key: str | None = typer.Option(None, "--api-key", envvar="MFM_API_KEY",
                                              help="Act with this key's role (or set MFM_API_KEY)."),
    ) -> None:
        """Take a patient's history before the visit: one question at a time, red flags checked on
        every reply, and a structured record (outpatient record, FHIR) for the clinician.

        Example: mfm consult "头痛" --replies replies.txt --json
        """
        from .. import consult as api  # deferred: `mfm --help` stays instant
        from ..safety.access import request_context  # deferred: `mfm --help` stays instant

        if practice:
            _practice(f"{cases}#{practice}" if cases else practice, _lines(replies) if replies else None, as_json)
            return
        cfg = config_from_flags()
        ctx = request_context(cfg, api_key=api_key, channel="cli")
        if resume:
            s = api.resume(resume, cfg=cfg, ctx=ctx)
        elif complaint:
            s = api.start(complaint, cfg=cfg, ctx=ctx, model=model, mode=mode, max_turns=max_turns)
        else:
            raise InvalidInput("No chief complaint.", 'Give one (mfm consult "headache"), or --resume ID, or --practice CASE.')
        scripted = iter(_lines(replies)) if replies else None
        if not as_json:
            if not resume:
                from ..consult.slots import say  # deferred: `mfm --help` stays instant

                console.print(f"[dim]{escape(say('start', s.language))}  session {s.id}[/]")
            for t in s.turns[-1:]:
                if t.said:
                    console.print(f"[bold red]{escape(t.said)}[/]")
        while not s.done:
            if not as_json:
                console.print(f"[bold cyan]assistant>[/] {escape(s.pending_question or '')}")
            try:
                text = next(scripted) if scripted is not None else console.input("[bold green]you>[/] ")
                if scripted is not None and not as_json:
                    console.print(f"[bold green]you>[/] {escape(text)}")
            except (StopIteration, EOFError):
                if not as_json:
                    console_err.print(f"[dim]paused; continue with: mfm consult --resume {s.id}[/]")
                break
            s = api.reply(s, text, cfg=cfg, ctx=ctx, model=model)
            if not as_json and s.turns[-1].said:
                console.print(f"[bold]{escape(s.turns[-1].said)}[/]")
        rec = api.record(s, cfg=cfg, ctx=ctx, language=lang)
        if as_json:
            out = {"session": s.model_dump(mode="json"), "record": rec.model_dump(mode="json")}
            print(json.dumps(out, ensure_ascii=False, indent=1))
            return
        _print_record(rec)
