"""The gate: an adapted model is back-tested against its parent before it may be registered.

Two suites, written by the project in Chinese and English (``data/loop/``), plus any evaluation
dataset the user adds: **medical** (multiple-choice questions, and grounded questions answered
from numbered evidence with [n] citations, put exactly as training puts them) and **general**
(general knowledge, and instruction following). Every item gets a score in [0, 1] from exact
log-probabilities through the model layer (``score_choices``), so any backend that scores
choices can be gated and no generation is sampled:

- ``mcq``: the probability of the right option among the options (the eval harness's prompt);
- ``reply``: the probability of the instruction-following reply among the candidate replies;
- ``reference``: the reference answer's per-token probability (geometric mean).

Child and parent answer the same items, so the comparison is paired: the mean of per-item
differences with a bootstrap interval (``evaluation.metrics``), and McNemar's exact test on the
items each gets right. A suite passes when the interval's low end is above ``-margin`` (a
non-inferiority test: an unclear result refuses) and no language's mean falls by more than the
margin. Margins, confidence and resamples are the policy's ``[adapt]`` section. The deid and
red-flag checks of the pipeline are rules and classifiers that do not read the model's weights,
so an adapter cannot move them; they are not re-run here.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict

from ...errors import InvalidInput
from ...evaluation import load_dataset
from ...evaluation.metrics import bootstrap, mcnemar
from ...evaluation.prompts import choice_strings, messages
from ...evaluation.runner import select
from ...evaluation.systems import softmax
from ...records import EvalItem, Message
from ...safety.policy import AdaptRules
from .schema import EvidenceRef, prompt_messages

SUITE_DIR = files("openmfm") / "data" / "loop"
SUITES = ("medical", "general")


class GateItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    component: str
    language: Literal["zh", "en"]
    kind: Literal["mcq", "reply", "reference"]
    question: str
    answer: str
    options: dict[str, str] | None = None
    replies: list[str] | None = None
    evidence: list[EvidenceRef] | None = None


def builtin_suite(name: str) -> list[GateItem]:
    lines = (SUITE_DIR / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [GateItem.model_validate(json.loads(line)) for line in lines if line.strip()]


def from_dataset(path: Path) -> list[GateItem]:
    """Items of any evaluation dataset the harness loads: choice items as ``mcq``, items with a
    reference answer as ``reference`` (their context as one evidence passage)."""
    ds = load_dataset(path)
    out = []
    for it in ds.items:
        if it.task in ("mcq", "yes_no_maybe") and it.options and it.answer:
            out.append(GateItem(id=f"{ds.name}/{it.id}", component=ds.name, language=it.language, kind="mcq",
                                question=it.question, options=it.options, answer=str(it.answer)))
        elif it.answer:
            ev = [EvidenceRef(id="context", text=it.context, source=ds.name)] if it.context else None
            out.append(GateItem(id=f"{ds.name}/{it.id}", component=ds.name, language=it.language, kind="reference",
                                question=it.question, answer=str(it.answer), evidence=ev))
    if not out:
        raise InvalidInput(f"{path} has no choice items or reference answers to gate on.",
                           "Give a dataset with options and answers (MedQA, CMMLU, native JSONL ...).")
    return out


def _eval_item(item: GateItem) -> EvalItem:
    return EvalItem(id=item.id, dataset="gate", task="mcq", question=item.question, options=item.options,
                    answer=item.answer, language=item.language)


def item_score(model: Any, item: GateItem) -> tuple[float, bool | None]:
    """The item's score in [0, 1] and, for choice items, whether the model's best choice is right."""
    if item.kind == "mcq":
        ev = _eval_item(item)
        strings = choice_strings(ev)
        got = model.score_choices(messages(ev), list(strings.values()))
        probs = softmax({k: got.logprobs[s] for k, s in strings.items()})
        return probs[item.answer], max(probs, key=probs.__getitem__) == item.answer
    if item.kind == "reply":
        replies = item.replies or []
        got = model.score_choices([Message(role="user", content=item.question)], replies)
        probs = softmax({str(i): got.logprobs[r] for i, r in enumerate(replies)})
        return probs[item.answer], max(probs, key=probs.__getitem__) == item.answer
    msgs = (prompt_messages(item.question, item.evidence, item.language) if item.evidence
            else [{"role": "user", "content": item.question}])
    lp = model.score_choices(msgs, [item.answer]).logprobs[item.answer]
    return math.exp(lp / max(1, model.count_tokens(item.answer))), None


_SCORES: dict[tuple[str, str, str], tuple[float, bool | None]] = {}


def score_all(model: Any, items: Sequence[GateItem]) -> list[tuple[float, bool | None]]:
    """Scores per item, remembered per model file and item content within the process (the parent
    is scored once however many children are gated against it)."""
    out = []
    for it in items:
        key = (model.sha256 or f"{model.backend}:{model.name}", it.id, it.model_dump_json())
        if key not in _SCORES or model.sha256 is None:
            _SCORES[key] = item_score(model, it)
        out.append(_SCORES[key])
    return out


def compare(parent: list[tuple[float, bool | None]], child: list[tuple[float, bool | None]],
            items: Sequence[GateItem], margin: float, rules: AdaptRules) -> dict[str, Any]:
    """One suite's paired comparison and verdict."""
    p = np.array([s for s, _ in parent])
    c = np.array([s for s, _ in child])
    diff = bootstrap(c - p, n_boot=rules.n_boot, seed=0, alpha=1 - rules.confidence)
    pairs = [(a, b) for (_, a), (_, b) in zip(parent, child) if a is not None]
    only_parent = sum(1 for a, b in pairs if a and not b)
    only_child = sum(1 for a, b in pairs if b and not a)
    by_lang = {}
    for lang in sorted({i.language for i in items}):
        idx = [k for k, i in enumerate(items) if i.language == lang]
        by_lang[lang] = {"n": len(idx), "parent": round(float(p[idx].mean()), 4), "child": round(float(c[idx].mean()), 4),
                         "diff": round(float((c[idx] - p[idx]).mean()), 4)}
    by_component = {}
    for comp in sorted({i.component for i in items}):
        idx = [k for k, i in enumerate(items) if i.component == comp]
        by_component[comp] = {"n": len(idx), "parent": round(float(p[idx].mean()), 4),
                              "child": round(float(c[idx].mean()), 4)}
    reasons = []
    if diff.low < -margin:
        reasons.append(f"mean score {diff.value:+.3f} (child - parent), {rules.confidence:.0%} interval "
                       f"[{diff.low:+.3f}, {diff.high:+.3f}] reaches below -{margin:.3f}")
    for lang, d in by_lang.items():
        if d["diff"] < -margin:
            reasons.append(f"{lang}: mean score fell by {-d['diff']:.3f} (> {margin:.3f})")
    return {"n": len(items), "parent": round(float(p.mean()), 4), "child": round(float(c.mean()), 4),
            "diff": round(diff.value, 4), "low": round(diff.low, 4), "high": round(diff.high, 4), "margin": margin,
            "accuracy_parent": round(sum(1 for a, _ in pairs if a) / len(pairs), 4) if pairs else None,
            "accuracy_child": round(sum(1 for _, b in pairs if b) / len(pairs), 4) if pairs else None,
            "mcnemar_p": round(mcnemar(only_parent, only_child), 4) if pairs else None,
            "only_parent_right": only_parent, "only_child_right": only_child,
            "by_language": by_lang, "by_component": by_component, "passed": not reasons, "reasons": reasons}


def suites(extra: dict[str, list[Path]] | None = None, limit: int | None = None,
           seed: int = 1234) -> dict[str, list[GateItem]]:
    """The built-in suites with the user's datasets added; ``limit`` keeps a seeded sample of at
    most that many items per suite and language (the CPU test path)."""
    out = {}
    for name in SUITES:
        items = builtin_suite(name) + [i for p in (extra or {}).get(name, []) for i in from_dataset(p)]
        if limit is not None:
            items = [i for lang in ("en", "zh") for i in select([i for i in items if i.language == lang], limit, seed)]
        out[name] = items
    return out


def back_test(parent: Any, child: Any, rules: AdaptRules, *, extra: dict[str, list[Path]] | None = None,
              limit: int | None = None) -> dict[str, Any]:
    """Child against parent on both suites; ``passed`` only when both pass."""
    report: dict[str, Any] = {"parent": {"name": parent.name, "sha256": parent.sha256},
                              "child": {"name": child.name, "sha256": child.sha256}, "suites": {}}
    margins = {"medical": rules.medical_margin, "general": rules.general_margin}
    for name, items in suites(extra, limit).items():
        report["suites"][name] = compare(score_all(parent, items), score_all(child, items), items, margins[name], rules)
    report["passed"] = all(s["passed"] for s in report["suites"].values())
    report["reasons"] = [f"{n}: {r}" for n, s in report["suites"].items() for r in s["reasons"]]
    return report
