"""`mfm adapt`: the adaptation recipe, one command per step, each reading and writing the run's
record under ``<data home>/adapt/RUN/`` (``run`` does them all). Needs the ``adapt`` permission
(researcher, admin: pass --api-key) and the ``adapt`` extra (torch, peft).

Device: ``--device cpu`` (default; fp32, 2 cores do SmolLM2-135M in minutes) or ``--device cuda``
(bf16 on a GPU build of torch) for ``train`` and ``merge``; export, quantisation and the gate run
on the CPU through llama.cpp.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from .common import config_from_flags, console

app = typer.Typer(help="Adapt a model: data, LoRA training, merge, GGUF export, quantisation, gate, registry.",
                  no_args_is_help=True)

RUN = typer.Argument(..., help="The run's name (lowercase letters, digits, '.', '_', '-').")
API_KEY = typer.Option(None, "--api-key", envvar="MFM_API_KEY", help="Act with this key's role (needs 'adapt').")
DEVICE = typer.Option("cpu", "--device", help="cpu (fp32) | cuda (bf16, a CUDA build of torch).")


def _common(api_key: str | None) -> dict[str, Any]:
    from ..safety.access import request_context  # deferred: `mfm --help` stays instant
    from ..safety.policy import load_policy  # deferred: as above

    cfg = config_from_flags()
    return {"cfg": cfg, "policy": load_policy(cfg), "ctx": request_context(cfg, api_key=api_key, channel="cli")}


def _show(run: Any, step: str) -> None:
    out = run.steps[step].outputs if step in run.steps else {}
    console.print(f"[bold]{run.name}[/] {step}: " + json.dumps(out, ensure_ascii=False, default=str))


def _recipe(steps: int, rank: int, lr: float, batch: int, max_tokens: int, every: int, seed: int, quant: str):
    from ..loop.adapt import Recipe  # deferred: `mfm --help` stays instant

    return Recipe(steps=steps, rank=rank, alpha=2 * rank, learning_rate=lr, batch_size=batch, max_tokens=max_tokens,
                  checkpoint_every=every, seed=seed, quantisation=quant)


def _gate_report(run: Any) -> None:
    g = run.gate or {}
    for name, s in g.get("suites", {}).items():
        console.print(f"  {name:8s} parent {s['parent']:.3f}  child {s['child']:.3f}  diff {s['diff']:+.3f} "
                      f"[{s['low']:+.3f}, {s['high']:+.3f}]  margin {s['margin']:.3f}  McNemar p={s['mcnemar_p']}  "
                      f"{'pass' if s['passed'] else 'REFUSED'}")
    console.print("[green]gate passed[/]" if g.get("passed") else "[red]gate refused:[/] " + "; ".join(g.get("reasons", [])))


@app.command("data")
def data_cmd(run: str = RUN,
             base: str = typer.Option(..., "--base", help="The registered model to adapt (see `mfm models list`)."),
             inputs: list[Path] = typer.Option([], "--input", help="Instruction JSONL (repeatable)."),
             corrections: list[Path] = typer.Option([], "--corrections", help="Clinicians' corrections in the same schema."),
             teacher: list[Path] = typer.Option([], "--teacher", help="A teacher model's answers in the same schema."),
             api_key: str | None = API_KEY) -> None:
    """Validate, de-identify, de-duplicate and hash the training data.

    Each line: {"question": ..., "evidence": [{"id", "text", "source"}], "answer": "... [1]"}.
    Example: mfm adapt data cap-en --base smollm2-135m-instruct --input cap.jsonl
    """
    from ..loop.adapt import data  # deferred: Presidio and the knowledge layer

    r = data(run, base=base, inputs=inputs, corrections=corrections, teacher=teacher, **_common(api_key))
    _show(r, "data")


@app.command("train")
def train_cmd(run: str = RUN, steps: int = typer.Option(60, "--steps"), rank: int = typer.Option(8, "--rank"),
              lr: float = typer.Option(2e-4, "--lr"), batch: int = typer.Option(2, "--batch"),
              max_tokens: int = typer.Option(256, "--max-tokens", help="Tokens per example (prompt + answer)."),
              every: int = typer.Option(20, "--checkpoint-every"), seed: int = typer.Option(1234, "--seed"),
              quant: str = typer.Option("Q8_0", "--quantisation", help="Recorded for the quantize step."),
              restart: bool = typer.Option(False, "--restart", help="Discard checkpoints instead of resuming."),
              device: str = DEVICE, api_key: str | None = API_KEY) -> None:
    """LoRA fine-tuning (peft) of the base; resumes from the last checkpoint after an interrupt.

    Example: mfm adapt train cap-en --steps 60 --device cpu
    """
    from ..loop.adapt import train  # deferred: torch and peft

    r = train(run, recipe=_recipe(steps, rank, lr, batch, max_tokens, every, seed, quant), device=device,
              restart=restart, on_step=lambda s, loss: console.print(f"step {s}/{steps} loss {loss:.4f}"),
              **_common(api_key))
    _show(r, "train")


@app.command("merge")
def merge_cmd(run: str = RUN, adapter: Path | None = typer.Option(None, "--adapter", help="Another run's adapter dir."),
              device: str = DEVICE, api_key: str | None = API_KEY) -> None:
    """Fold the LoRA adapter into the base weights (refuses an adapter trained on another base)."""
    from ..loop.adapt import merge  # deferred: torch and peft

    _show(merge(run, adapter=adapter, device=device, **_common(api_key)), "merge")


@app.command("export")
def export_cmd(run: str = RUN, outtype: str = typer.Option("f16", "--outtype", help="f16 | f32"),
               api_key: str | None = API_KEY) -> None:
    """Write the merged model as GGUF (the base's metadata and tensor layout, lineage inside)."""
    from ..loop.adapt import export  # deferred: gguf-py and torch

    _show(export(run, outtype=outtype, **_common(api_key)), "export")


@app.command("quantize")
def quantize_cmd(run: str = RUN, qtype: str | None = typer.Option(None, "--type", help="Q8_0, Q4_K_M, ... (default: the recipe's)."),
                 api_key: str | None = API_KEY) -> None:
    """Quantise the exported GGUF with llama.cpp's quantiser."""
    from ..loop.adapt import quantize  # deferred: llama.cpp

    _show(quantize(run, qtype=qtype, **_common(api_key)), "quantize")


@app.command("gate")
def gate_cmd(run: str = RUN,
             medical: list[Path] = typer.Option([], "--medical-set", help="Add an evaluation dataset to the medical suite."),
             general: list[Path] = typer.Option([], "--general-set", help="Add an evaluation dataset to the general suite."),
             limit: int | None = typer.Option(None, "--limit", help="At most N items per suite and language."),
             api_key: str | None = API_KEY) -> None:
    """Back-test the quantised child against its parent (paired statistics, the policy's margins)."""
    from ..loop.adapt import gate  # deferred: llama.cpp and scipy

    r = gate(run, extra={"medical": medical, "general": general}, limit=limit, **_common(api_key))
    _gate_report(r)


@app.command("register")
def register_cmd(run: str = RUN, name: str = typer.Option(..., "--name", help="The new model's registry name."),
                 api_key: str | None = API_KEY) -> None:
    """Register a gated child as a model, with its lineage (refused if the gate refused it)."""
    from ..loop.adapt import register  # deferred: the model registry

    _show(register(run, name, **_common(api_key)), "register")


@app.command("run")
def run_cmd(run: str = RUN, base: str = typer.Option(..., "--base"), inputs: list[Path] = typer.Option(..., "--input"),
            name: str = typer.Option(..., "--name", help="The new model's registry name."),
            steps: int = typer.Option(60, "--steps"), rank: int = typer.Option(8, "--rank"),
            lr: float = typer.Option(2e-4, "--lr"), batch: int = typer.Option(2, "--batch"),
            max_tokens: int = typer.Option(256, "--max-tokens"), every: int = typer.Option(20, "--checkpoint-every"),
            seed: int = typer.Option(1234, "--seed"), quant: str = typer.Option("Q8_0", "--quantisation"),
            limit: int | None = typer.Option(None, "--limit", help="Gate on at most N items per suite and language."),
            device: str = DEVICE, api_key: str | None = API_KEY) -> None:
    """Every step in order: data, train, merge, export, quantize, gate, register.

    Example: mfm adapt run cap-en --base smollm2-135m-instruct --input cap.jsonl --name smollm2-cap --steps 20
    """
    from ..errors import PolicyViolation  # deferred: `mfm --help` stays instant
    from ..loop.adapt import run_all  # deferred: torch, peft and llama.cpp
    from ..loop.adapt.workspace import load_run  # deferred: as above

    common = _common(api_key)
    try:
        r = run_all(run, base=base, inputs=inputs, model_name=name, device=device, limit=limit,
                    recipe=_recipe(steps, rank, lr, batch, max_tokens, every, seed, quant),
                    on_step=lambda s, loss: console.print(f"step {s}/{steps} loss {loss:.4f}"), **common)
    except PolicyViolation:
        _gate_report(load_run(common["cfg"], run))
        raise
    _gate_report(r)
    _show(r, "register")


@app.command("distill")
def distill_cmd(questions: Path = typer.Argument(..., help="Questions: one a line, or JSONL with 'question'."),
                out: Path = typer.Option(..., "--out", help="Where to write the teacher's examples (JSONL)."),
                teacher: str = typer.Option(..., "--teacher", help="The teacher model's name."),
                backend: str | None = typer.Option(None, "--backend", help="llama-cpp | openai | transformers"),
                kb: str | None = typer.Option(None, "--kb", help="The knowledge base (default: the configured one)."),
                api_key: str | None = API_KEY) -> None:
    """A teacher model answers from the KB through `ask`; its verified answers become examples.

    Example: mfm adapt distill questions.txt --teacher qwen2.5-7b --backend openai --out teacher.jsonl
    then: mfm adapt data RUN --base smollm2-135m-instruct --teacher teacher.jsonl
    """
    from ..loop.adapt.distill import (  # deferred: the answering stack
        distill,
        read_questions,
    )

    res = distill(read_questions(questions), out, teacher=teacher, backend=backend, kb=kb, **_common(api_key))
    console.print(json.dumps({**res, "skipped": len(res["skipped"])}, ensure_ascii=False))
