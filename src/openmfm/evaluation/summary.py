"""From a run's stored results to the figures a report shows, each with its 95% bootstrap interval.

Sections: headline scores per task (and per language), robustness (accuracy drop and answer
consistency per perturbation, paired with the same items unperturbed), fairness (consistency
across demographic variants and per-group scores), safety (correct refusal/escalation per
category), multi-turn consultation metrics, and resources (latency, tokens, memory, cost).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np

from ..records import EvalItem, EvalResult
from . import metrics
from .runner import ORIGINAL
from .store import RunStore

CHOICE_TASKS = ("mcq", "yes_no_maybe", "classification")
_FLIP = {"yes": "no", "no": "yes", "maybe": "maybe"}


def _est(values: list[float], seed: int) -> dict[str, float]:
    return metrics.bootstrap(values, seed=seed).as_dict()


def _answer_key(item: EvalItem, res: EvalResult) -> str | None:
    """What 'the same answer' means across variants: the chosen option's text (letters move when
    options are shuffled), the label for yes/no/maybe, else the prediction."""
    if res.prediction is None:
        return None
    if item.task == "mcq":
        return str(res.metadata.get("choice_text", res.prediction))
    return res.prediction


def headline(pairs: list[tuple[EvalItem, EvalResult]], seed: int) -> dict[str, Any]:
    """Per task: the task's metrics with intervals, plus parse failures and errors."""
    by_task: dict[str, list[tuple[EvalItem, EvalResult]]] = defaultdict(list)
    for it, r in pairs:
        by_task[it.task].append((it, r))
    out: dict[str, Any] = {}
    for task, rows in by_task.items():
        ok = [(it, r) for it, r in rows if r.error is None]
        m: dict[str, Any] = {"n": len(rows), "errors": len(rows) - len(ok)}
        if task in CHOICE_TASKS + ("numeric", "safety"):
            m["accuracy"] = _est([float(bool(r.correct)) for _, r in rows], seed)
            m["abstained"] = sum(1 for _, r in ok if r.metadata.get("abstained"))
            m["unparsed"] = sum(1 for _, r in ok if r.prediction is None) - m["abstained"]
        if task == "yes_no_maybe" or (task == "classification" and all(len(it.options) == 2 for it, _ in ok)):
            m.update(_binary_view(ok, seed))
        if task == "extraction":
            for k in ("precision", "recall", "f1"):
                m[k] = _est([r.scores.get(k, 0.0) for _, r in rows], seed)
        if task in ("generation", "rubric", "dialogue"):
            keys = sorted({k for _, r in ok for k in r.scores if k not in ("criteria", "criteria_met", "findings_total")})
            for k in keys:
                m[k] = _est([r.scores[k] for _, r in ok if k in r.scores], seed)
            m["score"] = _est([r.score or 0.0 for _, r in rows], seed)
        if task == "generation" and ok:
            refs = [it.answer if isinstance(it.answer, str) else "\n".join(it.answer or []) for it, _ in ok]
            m["corpus_bleu"] = metrics.corpus_bleu([r.prediction or "" for _, r in ok], refs)
        out[task] = m
    return out


def _binary_view(rows: list[tuple[EvalItem, EvalResult]], seed: int) -> dict[str, Any]:
    """Sensitivity, specificity, precision, F1 and AUC for the positive label ("yes", or the
    item's declared ``positive``) against the rest."""
    if not rows:
        return {}
    pos = rows[0][0].metadata.get("positive", "yes" if rows[0][0].task == "yes_no_maybe" else next(iter(rows[0][0].options)))
    y_true = [int(it.answer == pos) for it, _ in rows]
    y_pred = [int(r.prediction == pos) for _, r in rows]
    scores = [r.scores.get(f"p_{pos}") for _, r in rows]
    y_score = scores if all(s is not None for s in scores) else None
    est = metrics.classification_estimates(y_true, y_pred, y_score, seed=seed)
    return {"positive_label": pos, **{f"{pos}_{k}": v.as_dict() for k, v in est.items() if k != "accuracy"}}


def by_language(pairs: list[tuple[EvalItem, EvalResult]], seed: int) -> dict[str, Any]:
    groups: dict[str, list[float]] = defaultdict(list)
    for it, r in pairs:
        groups[it.language].append(float(r.correct) if r.correct is not None else (r.score or 0.0))
    return {lang: _est(v, seed) for lang, v in sorted(groups.items())} if len(groups) > 1 else {}


def robustness(original: dict[str, tuple[EvalItem, EvalResult]],
               variants: dict[str, list[tuple[EvalItem, EvalResult]]], seed: int) -> list[dict[str, Any]]:
    rows = []
    for variant, pairs in sorted(variants.items()):
        if not variant.startswith("perturb:"):
            continue
        a, b, same = [], [], []
        for it, r in pairs:
            if it.id not in original:
                continue
            oit, ores = original[it.id]
            a.append(_value(ores))
            b.append(_value(r))
            ka, kb = _answer_key(oit, ores), _answer_key(it, r)
            if it.metadata.get("gold_flipped") and ka is not None:
                ka = _FLIP.get(ka, ka)
            same.append(float(ka is not None and ka == kb))
        if not a:
            continue
        drop = metrics.bootstrap(np.asarray(a) - np.asarray(b), seed=seed)
        rows.append({"perturbation": variant.split(":", 1)[1], "n": len(a), "original": _est(a, seed),
                     "perturbed": _est(b, seed), "drop": drop.as_dict(), "consistency": _est(same, seed)})
    return rows


def fairness(original: dict[str, tuple[EvalItem, EvalResult]],
             variants: dict[str, list[tuple[EvalItem, EvalResult]]], seed: int) -> list[dict[str, Any]]:
    by_attr: dict[str, dict[str, dict[str, tuple[EvalItem, EvalResult]]]] = defaultdict(lambda: defaultdict(dict))
    for variant, pairs in variants.items():
        if variant.startswith("fairness:"):
            attr, group = variant.split(":", 1)[1].split("=", 1)
            for it, r in pairs:
                by_attr[attr][it.id][group] = (it, r)
    out = []
    for attr, per_item in sorted(by_attr.items()):
        consistent = []
        per_group: dict[str, list[float]] = defaultdict(list)
        for item_id, groups in per_item.items():
            keys = {_answer_key(it, r) for it, r in groups.values()}
            consistent.append(float(len(keys) == 1 and None not in keys))
            for g, (_, r) in groups.items():
                per_group[g].append(_value(r))
        group_est = {g: _est(v, seed) for g, v in sorted(per_group.items())}
        values = [e["value"] for e in group_est.values()]
        out.append({"attribute": attr, "n_items": len(per_item), "consistency": _est(consistent, seed),
                    "groups": group_est, "max_gap": max(values) - min(values) if values else float("nan")})
    return out


def safety(pairs: list[tuple[EvalItem, EvalResult]], seed: int) -> dict[str, Any]:
    cats: dict[str, list[float]] = defaultdict(list)
    for it, r in pairs:
        if it.task == "safety":
            cats[str(it.metadata.get("category", "other"))].append(float(bool(r.correct)))
    if not cats:
        return {}
    all_v = [v for vs in cats.values() for v in vs]
    return {"overall": _est(all_v, seed), **{c: _est(v, seed) for c, v in sorted(cats.items())}}


def resources(results: list[EvalResult], manifest: dict[str, Any]) -> dict[str, Any]:
    """Latency and token figures over calls actually made (cache hits and errors left out)."""
    live = [r for r in results if r.error is None and not r.metadata.get("cached") and r.latency_s is not None]
    lat = [r.latency_s for r in live]
    tin = sum(r.prompt_tokens for r in live)
    tout = sum(r.completion_tokens for r in live)
    total_s = sum(lat)
    spec = manifest.get("spec", {})
    n = len(live)
    per_item_cost = ((tin / n) * spec.get("price_in_per_mtok", 0.0) + (tout / n) * spec.get("price_out_per_mtok", 0.0)) / 1e6 if n else 0.0
    return {
        "calls": n,
        "cache_hits": sum(1 for r in results if r.metadata.get("cached")),
        "latency_p50_s": metrics.percentile(lat, 50),
        "latency_p95_s": metrics.percentile(lat, 95),
        "latency_mean_s": float(np.mean(lat)) if lat else float("nan"),
        "tokens_in_mean": tin / n if n else float("nan"),
        "tokens_out_mean": tout / n if n else float("nan"),
        "output_tokens_per_s": tout / total_s if total_s and tout else float("nan"),
        "total_tokens_per_s": (tin + tout) / total_s if total_s else float("nan"),
        "peak_rss_mb": manifest.get("peak_rss_mb"),
        "wall_s": manifest.get("wall_s"),
        "cost_per_1000_items": per_item_cost * 1000,
        "latencies": lat,
    }


def _value(r: EvalResult) -> float:
    return float(bool(r.correct)) if r.correct is not None else float(r.score or 0.0)


def summarise(store: RunStore) -> dict[str, Any]:
    """Everything the report shows for one run (JSON-serialisable)."""
    manifest = store.manifest()
    seed = int(manifest.get("seed", 0))
    variants: dict[str, list[tuple[EvalItem, EvalResult]]] = defaultdict(list)
    all_results = []
    for v, it, r in store.results():
        variants[v].append((it, r))
        all_results.append(r)
    orig = variants.get(ORIGINAL, [])
    original = {it.id: (it, r) for it, r in orig}
    errors = [f"{it.id}: {r.error}" for pairs in variants.values() for it, r in pairs if r.error]
    dialogue = [r for it, r in orig if it.task == "dialogue"]
    return {
        "run_id": store.run_id,
        "manifest": manifest,
        "n_items": len(orig),
        "n_results": len(all_results),
        "headline": headline(orig, seed),
        "by_language": by_language(orig, seed),
        "robustness": robustness(original, variants, seed),
        "fairness": fairness(original, variants, seed),
        "safety": safety(orig, seed),
        "resources": resources(all_results, manifest),
        "errors": {"count": len(errors), "examples": errors[:10]},
        "examples": [_example(it, r) for it, r in orig[:5]],
        "transcripts": [r.metadata.get("transcript") for r in dialogue[:2]],
    }


def _example(it: EvalItem, r: EvalResult) -> dict[str, Any]:
    return {"id": it.id, "question": it.question[:300], "gold": it.answer if isinstance(it.answer, str) else None,
            "prediction": (r.prediction or "")[:300], "correct": r.correct, "raw": (r.raw or "")[:300]}


def primary_values(store: RunStore) -> dict[str, float]:
    """Item id -> the item's primary value (1/0 correctness, else its score) on the original variant."""
    return {it.id: _value(r) for _, it, r in store.results(ORIGINAL)}


def compare(a: RunStore, b: RunStore, seed: int = 0) -> dict[str, Any]:
    """Paired comparison of two runs on the items both scored (McNemar + paired bootstrap)."""
    va, vb = primary_values(a), primary_values(b)
    shared = sorted(set(va) & set(vb))
    test = metrics.paired_compare([va[i] for i in shared], [vb[i] for i in shared], seed=seed)
    return {"run_a": a.run_id, "run_b": b.run_id, "a_system": a.manifest().get("system", {}).get("system"),
            "b_system": b.manifest().get("system", {}).get("system"), "shared_items": len(shared), **test.as_dict()}
