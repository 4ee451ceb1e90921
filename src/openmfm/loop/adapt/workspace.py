"""A run's directory and record, and the guard every step passes through.

``<data home>/adapt/<run>/run.json`` is the run's entry in the adaptation registry: the base
model (by registry name and sha256), the data card, the recipe and each step's outputs. Steps
are separate commands, so each one loads the record, checks that the step it depends on is done,
does its work into files written under temporary names, and saves the record atomically.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ...audit import AuditLog
from ...config import Config
from ...errors import InvalidInput
from ...models.registry import get_entry, local_file, pulled_sha256
from ...records import RequestContext, utcnow
from ...safety.access import require
from ...safety.policy import Policy
from .schema import AdaptRun, StepDone

_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
ORDER = ("data", "train", "merge", "export", "quantize", "gate", "register")


def runs_root(cfg: Config) -> Path:
    return cfg.data_home / "adapt"


def run_dir(cfg: Config, name: str) -> Path:
    if not _NAME.match(name):
        raise InvalidInput(f"'{name}' is not a valid run name.", "Use lowercase letters, digits, '.', '_' and '-'.")
    return runs_root(cfg) / name


def guard(ctx: RequestContext, policy: Policy, cfg: Config, step: str, payload: dict[str, Any]) -> None:
    """The permission check and the audit entry of one adaptation step."""
    require(ctx, "adapt", policy=policy, cfg=cfg)
    AuditLog(cfg.audit_path).append(f"adapt_{step}", {"channel": ctx.channel, **payload}, actor=ctx.actor,
                                    role=ctx.role, policy_version=policy.version)


def create_run(cfg: Config, name: str, base: str) -> AdaptRun:
    """A new run on a registered base model (pulled here if it is a package file), or the existing
    record when the same run is started again on the same base."""
    d = run_dir(cfg, name)
    if (d / "run.json").is_file():
        run = load_run(cfg, name)
        if run.base != base:
            raise InvalidInput(f"Run '{name}' was started on base '{run.base}', not '{base}'.",
                               "Choose another run name, or pass the same --base.")
        return run
    entry = get_entry(base, cfg)
    local_file(base, cfg)
    sha = pulled_sha256(base, cfg)
    if sha is None:
        raise InvalidInput(f"The base model '{base}' has no recorded sha256.", f"Run: mfm models verify {base}")
    run = AdaptRun(name=name, base=entry.name, base_sha256=sha, base_family=entry.family, created=utcnow())
    d.mkdir(parents=True, exist_ok=True)
    save_run(cfg, run)
    return run


def load_run(cfg: Config, name: str) -> AdaptRun:
    p = run_dir(cfg, name) / "run.json"
    if not p.is_file():
        raise InvalidInput(f"No adaptation run named '{name}'.",
                           f"Start it with: mfm adapt data {name} --base MODEL --input FILE.jsonl")
    return AdaptRun.model_validate_json(p.read_text(encoding="utf-8"))


def save_run(cfg: Config, run: AdaptRun) -> None:
    p = run_dir(cfg, run.name) / "run.json"
    tmp = p.with_suffix(".tmp")
    tmp.write_text(run.model_dump_json(indent=2), encoding="utf-8")
    os.replace(tmp, p)


def need(run: AdaptRun, step: str) -> StepDone:
    """The record of a step this one builds on, or an error naming the command that makes it."""
    if step == "data":
        if run.data is None:
            raise InvalidInput(f"Run '{run.name}' has no training data yet.",
                               f"Run: mfm adapt data {run.name} --input FILE.jsonl")
        return StepDone(at=run.created, outputs=run.data)
    if step not in run.steps:
        raise InvalidInput(f"Run '{run.name}' has not done the '{step}' step yet.", f"Run: mfm adapt {step} {run.name}")
    return run.steps[step]


def finish(cfg: Config, run: AdaptRun, step: str, outputs: dict[str, Any]) -> AdaptRun:
    """Record a step and forget every later step's outputs: they were built from the old ones."""
    later = ORDER[ORDER.index(step) + 1:]
    run.steps = {k: v for k, v in run.steps.items() if k not in later}
    run.steps[step] = StepDone(at=utcnow(), outputs=outputs)
    if "gate" in later:
        run.gate = None
    save_run(cfg, run)
    return run


@contextmanager
def replacing(final: Path) -> Iterator[Path]:
    """A temporary path next to ``final`` that becomes it only when the block succeeds."""
    tmp = final.with_name(final.name + ".partial")
    if tmp.is_dir():
        shutil.rmtree(tmp)
    elif tmp.exists():
        tmp.unlink()
    yield tmp
    if final.is_dir():
        shutil.rmtree(final)
    os.replace(tmp, final)


def write_json(path: Path, obj: Any) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(obj, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    os.replace(tmp, path)
