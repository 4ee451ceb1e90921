"""The recipe's steps as the Python API: each checks the ``adapt`` permission, audits itself,
reads the run's record, does its work and records what it wrote.

data -> train -> merge -> export -> quantize -> gate -> register; ``run`` does them in order.
The child is gated as the file that would ship (the quantised GGUF), loaded through the model
layer from a registry private to the run (``<run>/candidate``), so nothing reaches the user's
registry before it passed; ``register`` then adds it there with its lineage.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ...config import Config
from ...errors import InvalidInput, PolicyViolation
from ...models import load_model
from ...models.fetch import sha256_file
from ...models.registry import get_entry, local_file, pull
from ...models.registry import register as register_model
from ...records import RequestContext
from ...safety.policy import Policy
from . import dataset
from .schema import AdaptRun, Device, Recipe
from .workspace import (
    create_run,
    finish,
    guard,
    load_run,
    need,
    run_dir,
    save_run,
    write_json,
)

GATE_BACKEND = "llama-cpp"  # both parent and child are GGUF files


def data(name: str, *, base: str, inputs: list[Path], cfg: Config, policy: Policy, ctx: RequestContext,
         corrections: list[Path] = (), teacher: list[Path] = ()) -> AdaptRun:
    """Validate, de-identify, de-duplicate and hash the training data of a (new) run."""
    guard(ctx, policy, cfg, "data", {"run": name, "base": base, "inputs": [str(p) for p in inputs]})
    sources = ([(Path(p), "user") for p in inputs] + [(Path(p), "correction") for p in corrections]
               + [(Path(p), "teacher") for p in teacher])
    if not sources:
        raise InvalidInput("No training data was given.", "Pass --input FILE.jsonl (or --corrections / --teacher).")
    run = create_run(cfg, name, base)
    card = dataset.prepare(sources, run_dir(cfg, name) / "data.jsonl", ctx=ctx, cfg=cfg, policy=policy)
    run.data = card
    return finish(cfg, run, "data", card)


def train(name: str, *, cfg: Config, policy: Policy, ctx: RequestContext, recipe: Recipe | None = None,
          device: Device = "cpu", restart: bool = False,
          on_step: Callable[[int, float], None] | None = None) -> AdaptRun:
    """LoRA-train the run's adapter, resuming from its last checkpoint when one exists (``restart``
    discards the checkpoints first)."""
    from .lora import train as train_lora  # deferred: torch, transformers and peft

    guard(ctx, policy, cfg, "train", {"run": name, "device": device})
    run = load_run(cfg, name)
    need(run, "data")
    run.recipe = recipe or run.recipe
    return finish(cfg, run, "train", train_lora(cfg, run, run.recipe, device=device, restart=restart,
                                                             on_step=on_step))


def merge(name: str, *, cfg: Config, policy: Policy, ctx: RequestContext, adapter: Path | None = None,
          device: Device = "cpu") -> AdaptRun:
    """Fold the run's adapter (or ``adapter``, made by another run on the same base) into the base."""
    from .lora import merge as merge_lora  # deferred: torch, transformers and peft

    guard(ctx, policy, cfg, "merge", {"run": name, "adapter": str(adapter) if adapter else None})
    run = load_run(cfg, name)
    src = adapter or Path(need(run, "train").outputs["adapter"])
    return finish(cfg, run, "merge", merge_lora(cfg, run, src, device=device))


def export(name: str, *, cfg: Config, policy: Policy, ctx: RequestContext, outtype: str = "f16") -> AdaptRun:
    """Write the merged model as a GGUF file shaped after the base's."""
    from .gguf_export import export_gguf  # deferred: gguf-py, torch and transformers

    guard(ctx, policy, cfg, "export", {"run": name, "outtype": outtype})
    run = load_run(cfg, name)
    merged = Path(need(run, "merge").outputs["merged"])
    out = run_dir(cfg, name) / f"{name}-{outtype}.gguf"
    return finish(cfg, run, "export", export_gguf(run, merged, local_file(run.base, cfg), out, outtype=outtype))


def quantize(name: str, *, cfg: Config, policy: Policy, ctx: RequestContext, qtype: str | None = None) -> AdaptRun:
    """llama.cpp's quantiser on the exported file; records the result's sha256."""
    from .gguf_export import quantize as quantize_gguf  # deferred: llama.cpp's library

    guard(ctx, policy, cfg, "quantize", {"run": name, "type": qtype})
    run = load_run(cfg, name)
    src = Path(need(run, "export").outputs["gguf"])
    qtype = (qtype or run.recipe.quantisation).upper()
    out = run_dir(cfg, name) / f"{name}-{qtype.lower()}.gguf"
    res = quantize_gguf(src, out, qtype, threads=cfg.model.n_threads)
    res["sha256"] = sha256_file(out)
    return finish(cfg, run, "quantize", res)


def candidate(cfg: Config, run: AdaptRun) -> Any:
    """The quantised child as a loaded model, through a registry private to the run."""
    q = need(run, "quantize").outputs
    cand = cfg.model_copy(deep=True)
    cand.home.path = str(run_dir(cfg, run.name) / "candidate")
    name = f"{run.name[:48]}-{q['sha256'][:12]}"
    register_model(name, q["gguf"], cand, sha256=q["sha256"], family=run.base_family, overwrite=True,
                   quantisation=q["quantisation"], provenance=f"candidate of adaptation run {run.name}")
    pull(name, cand)
    return load_model(cand, name=name, backend=GATE_BACKEND)


def gate(name: str, *, cfg: Config, policy: Policy, ctx: RequestContext, extra: dict[str, list[Path]] | None = None,
         limit: int | None = None) -> AdaptRun:
    """Back-test the child against its parent; the verdict and the report go into the run."""
    from .backtest import back_test  # deferred: scipy and the eval harness

    guard(ctx, policy, cfg, "gate", {"run": name, "limit": limit})
    run = load_run(cfg, name)
    parent = load_model(cfg, name=run.base, backend=GATE_BACKEND)
    report = back_test(parent, candidate(cfg, run), policy.adapt, extra=extra, limit=limit)
    report["policy_version"] = policy.version
    report["limit"] = limit
    write_json(run_dir(cfg, name) / "gate.json", report)
    run = finish(cfg, run, "gate", {"passed": report["passed"], "report": str(run_dir(cfg, name) / "gate.json")})
    run.gate = report
    save_run(cfg, run)
    return run


def register(name: str, model_name: str, *, cfg: Config, policy: Policy, ctx: RequestContext) -> AdaptRun:
    """Add a gated child to the user's registry with its lineage; refuses one the gate refused."""
    guard(ctx, policy, cfg, "register", {"run": name, "model": model_name})
    run = load_run(cfg, name)
    need(run, "gate")
    if not run.gate or not run.gate.get("passed"):
        reasons = "; ".join((run.gate or {}).get("reasons", [])) or "the gate has not passed"
        raise PolicyViolation(f"Run '{name}' was refused by the gate: {reasons}.",
                              f"See {run_dir(cfg, name) / 'gate.json'}; change the data or recipe and re-run the steps.")
    q = need(run, "quantize").outputs
    if sha256_file(Path(q["gguf"])) != q["sha256"]:
        raise InvalidInput(f"The quantised file of run '{name}' changed after it was gated.",
                           f"Run `mfm adapt quantize {name}` and `mfm adapt gate {name}` again.")
    parent = get_entry(run.base, cfg)
    lineage = lineage_of(run)
    register_model(model_name, q["gguf"], cfg, sha256=q["sha256"], family=parent.family, params=parent.params,
                   quantisation=q["quantisation"], licence=parent.licence,
                   provenance=f"adapted from {run.base} (sha256 {run.base_sha256}) by `mfm adapt` run {name}: "
                              f"LoRA r={run.recipe.rank} on data sha256 {run.data['sha256']}; "
                              f"gate medical {_fmt(run.gate, 'medical')}, general {_fmt(run.gate, 'general')}; "
                              f"lineage in lineage.json beside the file")
    path = pull(model_name, cfg)
    write_json(path.parent / "lineage.json", lineage)
    run.registered = model_name
    return finish(cfg, run, "register", {"model": model_name, "path": str(path), "lineage": str(path.parent / "lineage.json")})


def _fmt(report: dict[str, Any], suite: str) -> str:
    s = report["suites"][suite]
    return f"{s['child']:.3f} vs parent {s['parent']:.3f}"


def lineage_of(run: AdaptRun) -> dict[str, Any]:
    """What a registered child records about where it came from."""
    q = run.steps["quantize"].outputs
    summary = {k: {x: v[x] for x in ("n", "parent", "child", "diff", "low", "high", "margin", "mcnemar_p", "passed")}
               for k, v in run.gate["suites"].items()}
    return {"run": run.name, "parent": run.base, "parent_sha256": run.base_sha256, "data": {
        k: run.data[k] for k in ("sha256", "examples", "origins", "languages", "phi", "phi_action")},
        "recipe": run.recipe.model_dump(), "training": {
            k: run.steps["train"].outputs.get(k) for k in ("steps", "train_tokens", "tokens_per_s", "device")},
        "export": {"outtype": run.steps["export"].outputs["outtype"], "quantisation": q["quantisation"]},
        "sha256": q["sha256"], "metrics": summary, "policy_version": run.gate.get("policy_version"),
        "lineage_sha256": hashlib.sha256(f"{run.base_sha256}{run.data['sha256']}{run.recipe.model_dump_json()}".encode()).hexdigest()}


def run_all(name: str, *, base: str, inputs: list[Path], model_name: str, cfg: Config, policy: Policy,
            ctx: RequestContext, recipe: Recipe | None = None, device: Device = "cpu",
            extra: dict[str, list[Path]] | None = None, limit: int | None = None,
            on_step: Callable[[int, float], None] | None = None) -> AdaptRun:
    """Every step in order; stops at the gate's refusal (PolicyViolation from ``register``)."""
    common = {"cfg": cfg, "policy": policy, "ctx": ctx}
    data(name, base=base, inputs=inputs, **common)
    train(name, recipe=recipe, device=device, on_step=on_step, **common)
    merge(name, device=device, **common)
    export(name, **common)
    quantize(name, **common)
    gate(name, extra=extra, limit=limit, **common)
    return register(name, model_name, **common)
