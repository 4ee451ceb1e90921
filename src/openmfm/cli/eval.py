"""`mfm eval`: run a dataset through a system under test, list runs, write reports, compare runs."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import List, Optional

import typer
from rich.table import Table

from .common import config_from_flags, console

app = typer.Typer(help="Evaluate models and pipelines: accuracy with CIs, robustness, fairness, safety, "
                       "resources, multi-turn; HTML reports.", no_args_is_help=True)


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for x in values or [] for v in x.split(",") if v.strip()]


@app.command("run")
def run(
    dataset: str = typer.Option(..., "--dataset", "-d", help="A dataset file, or a built-in set (`safety`)."),
    fmt: Optional[str] = typer.Option(None, "--format", help="Dataset format (default: detected). See `mfm eval datasets`."),
    system: str = typer.Option("closed-book", "--system", "-s", help="closed-book | ask"),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Registered model name (default: configured)."),
    backend: Optional[str] = typer.Option(None, "--backend", help="llama-cpp | openai | transformers"),
    perturb: Optional[List[str]] = typer.Option(None, "--perturb", "-p",
                                                help="Perturbations (repeat or comma-separate): typos, shuffle_options, "
                                                     "distractor, negation, fullwidth, halfwidth, traditional, simplified; "
                                                     "`all` for every one."),
    fairness: Optional[List[str]] = typer.Option(None, "--fairness-attr",
                                                 help="Fairness attributes: sex, age, ethnicity, insurance, residence."),
    all_fairness: bool = typer.Option(False, "--fairness", help="Counterfactual variants for every attribute."),
    method: str = typer.Option("auto", "--method", help="Choice tasks: auto (log-prob when possible) | logprob | generate"),
    task: Optional[str] = typer.Option(None, "--task", help="`dialogue`: simulated-patient consultations from CMB-Clin cases."),
    use_context: bool = typer.Option(False, "--use-context", help="Closed-book: put the item's context in the prompt."),
    no_guard: bool = typer.Option(False, "--no-guard", help="Closed-book: skip the input safety gate (raw model)."),
    kb: Optional[str] = typer.Option(None, "--kb", help="Knowledge base for --system ask."),
    judge: Optional[str] = typer.Option(None, "--judge", help="Judge model for rubric/dialogue/generation quality."),
    patient: Optional[str] = typer.Option(None, "--patient", help="Model playing the patient (--task dialogue)."),
    max_turns: int = typer.Option(6, "--max-turns", help="Dialogue: doctor questions before an assessment is demanded."),
    limit: Optional[int] = typer.Option(None, "--limit", "-n", help="Score a seeded sample of N items."),
    seed: Optional[int] = typer.Option(None, "--seed", help="Seed for sampling and perturbations (default: [eval] seed)."),
    price_in: float = typer.Option(0.0, "--price-in", help="Price per million input tokens (cost estimate)."),
    price_out: float = typer.Option(0.0, "--price-out", help="Price per million output tokens."),
    run_id: Optional[str] = typer.Option(None, "--run-id", help="Name the run (default: derived from its settings)."),
    fresh: bool = typer.Option(False, "--fresh", help="Start a new run instead of resuming a matching one."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Do not read or write the output cache."),
    report: bool = typer.Option(True, "--report/--no-report", help="Write the HTML/JSON report at the end."),
) -> None:
    """Run (or resume) an evaluation; the same command again resumes where it stopped.

    Example: mfm eval run --dataset pubmedqa_dev.json --model smollm2-135m-instruct --perturb typos,negation --fairness --limit 50
    """
    from rich.progress import (  # deferred: progress bars only for long work
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from ..evaluation.fairness import ATTRIBUTES  # deferred: `mfm --help` stays instant
    from ..evaluation.perturb import PERTURBATIONS  # deferred: `mfm --help` stays instant
    from ..evaluation.report import build_report  # deferred: `mfm --help` stays instant
    from ..evaluation.runner import RunSpec, run_eval  # deferred: `mfm --help` stays instant

    cfg = config_from_flags(model__backend=backend)
    perturbs = _split(perturb)
    if "all" in perturbs:
        perturbs = list(PERTURBATIONS)
    attrs = list(ATTRIBUTES) if all_fairness else _split(fairness)
    spec = RunSpec(dataset=dataset, format=fmt, system=system, model=model, backend=backend, task=task,
                   perturb=perturbs, fairness=attrs, method=method, use_context=use_context, guard=not no_guard,
                   kb=kb, judge=judge, patient=patient, max_turns=max_turns, seed=cfg.eval.seed if seed is None else seed, limit=limit,
                   price_in_per_mtok=price_in, price_out_per_mtok=price_out)
    correct = {"n": 0, "ok": 0}
    with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[acc]}"), TimeElapsedColumn(), TimeRemainingColumn(), console=console) as bar:
        tid = bar.add_task("loading", total=None, acc="")

        def on_start(rid: str, total: int, done: int) -> None:
            bar.update(tid, description=f"{rid}", total=total, completed=done)
            if done:
                console.print(f"resuming {rid}: {done} of {total} already scored")

        def on_result(variant, item, res) -> None:
            if variant == "original" and res.correct is not None:
                correct["n"] += 1
                correct["ok"] += bool(res.correct)
            acc = f"acc {correct['ok'] / correct['n']:.3f}" if correct["n"] else ""
            bar.update(tid, advance=1, acc=acc)

        out = run_eval(spec, cfg, run_id=run_id, fresh=fresh, on_start=on_start, on_result=on_result,
                       use_cache=not no_cache)
    console.print(f"run [bold]{out.run_id}[/]: {out.computed} scored now, {out.skipped} resumed, {out.errors} errors, "
                  f"{out.wall_s:.1f} s")
    if report:
        html, js = build_report(cfg, [out.run_id])
        _print_summary(cfg, out.run_id)
        console.print(f"report: {html}\njson:   {js}")


def _print_summary(cfg, run_id: str) -> None:
    from ..evaluation.store import open_run  # deferred: `mfm --help` stays instant
    from ..evaluation.summary import headline  # deferred: `mfm --help` stays instant

    store = open_run(cfg, run_id)
    try:
        seed = int(store.manifest().get("seed", 0))
        pairs = [(it, r) for _, it, r in store.results("original")]
        table = Table(title=f"{run_id}")
        table.add_column("task")
        table.add_column("metric")
        table.add_column("value [95% CI]")
        for task, m in headline(pairs, seed).items():
            for k, v in m.items():
                if isinstance(v, dict) and not k.startswith(("yes_", "no_")):
                    table.add_row(task, k, _fmt(v))
        console.print(table)
    finally:
        store.close()


def _fmt(v: dict) -> str:
    return "n/a" if math.isnan(v["value"]) else f"{v['value']:.3f} [{v['low']:.3f}, {v['high']:.3f}] n={v['n']}"


@app.command("list")
def list_(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List evaluation runs, newest first.

    Example: mfm eval list
    """
    from ..evaluation.store import list_runs  # deferred: `mfm --help` stays instant

    cfg = config_from_flags()
    runs = list_runs(cfg)
    if as_json:
        console.print_json(json.dumps(runs, default=str))
        return
    table = Table(title=f"Evaluation runs ({cfg.eval_dir})")
    for col in ("run", "dataset", "system", "model", "items", "results", "status", "updated"):
        table.add_column(col, overflow="fold")
    for r in runs:
        table.add_row(r["run_id"], r.get("dataset", {}).get("name", "?"), r.get("system", {}).get("system", "?"),
                      str(r.get("system", {}).get("model", "?")), str(r.get("items", "?")), str(r["results"]),
                      r.get("status", "?"), str(r.get("updated", ""))[:19])
    console.print(table)


@app.command("report")
def report(runs: List[str] = typer.Argument(..., help="One run id (or a unique prefix); several for a comparison."),
           out: Optional[Path] = typer.Option(None, "--out", "-o", help="Folder for the report (default: the first run's).")) -> None:
    """Write the HTML report (plots, CIs, robustness, fairness, resources) and its JSON.

    Example: mfm eval report pubmedqa_dev-closed-book
    """
    from ..evaluation.report import build_report  # deferred: `mfm --help` stays instant

    cfg = config_from_flags()
    html, js = build_report(cfg, list(runs), out)
    console.print(f"report: {html}\njson:   {js}")


@app.command("compare")
def compare(run_a: str = typer.Argument(..., help="Baseline run."), run_b: str = typer.Argument(..., help="Other run."),
            out: Optional[Path] = typer.Option(None, "--out", "-o", help="Also write an HTML/JSON comparison report here.")) -> None:
    """Paired comparison of two runs on their shared items: McNemar's test and a paired bootstrap.

    Example: mfm eval compare pubmedqa_dev-closed-book pubmedqa_dev-ask
    """
    from ..evaluation.report import build_report  # deferred: `mfm --help` stays instant
    from ..evaluation.store import open_run  # deferred: `mfm --help` stays instant
    from ..evaluation.summary import compare as do_compare  # deferred: `mfm --help` stays instant

    cfg = config_from_flags()
    a, b = open_run(cfg, run_a), open_run(cfg, run_b)
    try:
        c = do_compare(a, b)
    finally:
        a.close()
        b.close()
    table = Table(title="Paired comparison (B - A)")
    for col in ("A", "B", "shared items", "A", "B", "B - A [95% CI]", "only A right", "only B right", "McNemar p"):
        table.add_column(col, overflow="fold")
    p = "n/a" if c["mcnemar_p"] is None else f"{c['mcnemar_p']:.4f}"
    table.add_row(f"{c['a_system']} {c['run_a']}", f"{c['b_system']} {c['run_b']}", str(c["n"]), f"{c['a']:.3f}",
                  f"{c['b']:.3f}", _fmt(c["diff"]), str(c["only_a"]), str(c["only_b"]), p)
    console.print(table)
    if out is not None:
        html, js = build_report(cfg, [run_a, run_b], out)
        console.print(f"report: {html}\njson:   {js}")


@app.command("datasets")
def datasets(path: Optional[Path] = typer.Argument(None, help="Show the card of this dataset file.")) -> None:
    """List the dataset formats the harness loads, or show one file's card (size, hash, malformed rows).

    Example: mfm eval datasets pubmedqa_dev.json
    """
    from ..evaluation.datasets import FORMATS, load_dataset  # deferred: `mfm --help` stays instant
    from ..evaluation.safety_set import BUILTIN  # deferred: `mfm --help` stays instant

    if path is None:
        table = Table(title="Dataset formats")
        for col in ("format", "licence", "layout"):
            table.add_column(col, overflow="fold")
        for f in FORMATS.values():
            table.add_row(f.name, f.licence, f.description)
        for name in BUILTIN:
            table.add_row(name, "Apache-2.0", "built-in set (use its name as --dataset)")
        console.print(table)
        return
    ds = load_dataset(str(path))
    console.print_json(json.dumps({**ds.card.as_dict(), "malformed_examples": ds.malformed[:10]}, ensure_ascii=False))
