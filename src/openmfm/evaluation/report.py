"""The report a person reads: one self-contained HTML file (plots embedded as PNG) plus JSON.

One run or several: with two or more, the report adds a paired comparison of each run against
the first (McNemar's test and a paired-bootstrap interval on the difference), which is how
"closed-book vs ask" is read.
"""

from __future__ import annotations

import base64
import io
import json
import math
from pathlib import Path
from typing import Any

from ..config import Config
from .store import open_run
from .summary import compare, summarise


def _png(fig) -> str:
    import matplotlib.pyplot as plt  # deferred: matplotlib only for report figures

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode()


def _err(est: dict[str, float]) -> tuple[float, float]:
    v, lo, hi = est["value"], est["low"], est["high"]
    if any(map(math.isnan, (v, lo, hi))):
        return 0.0, 0.0
    return max(0.0, v - lo), max(0.0, hi - v)


def _bars(ax, labels: list[str], ests: list[dict[str, float]], color: str = "#3b6ea5") -> None:
    vals = [0.0 if math.isnan(e["value"]) else e["value"] for e in ests]
    errs = list(zip(*[_err(e) for e in ests])) if ests else [[], []]
    ax.bar(range(len(vals)), vals, yerr=errs, capsize=4, color=color)
    ax.set_xticks(range(len(vals)), labels, rotation=30, ha="right", fontsize=8)


def plots(summaries: list[dict[str, Any]]) -> dict[str, str]:
    """Base64 PNGs: scores with CIs, robustness, fairness gaps, latency distributions."""
    import matplotlib  # deferred: matplotlib only for report figures

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # deferred: matplotlib only for report figures

    out: dict[str, str] = {}
    labels, ests = [], []
    for s in summaries:
        for task, m in s["headline"].items():
            for k, v in m.items():
                if isinstance(v, dict) and "value" in v and k in ("accuracy", "score", "rougeL", "f1"):
                    labels.append(f"{_short(s)}\n{task} {k}")
                    ests.append(v)
    if ests:
        fig, ax = plt.subplots(figsize=(max(4, 1.2 * len(ests)), 3.2))
        _bars(ax, labels, ests)
        ax.set_ylim(0, 1)
        ax.set_title("Headline scores (95% bootstrap CI)")
        out["scores"] = _png(fig)
    rob = [(s, r) for s in summaries for r in s["robustness"]]
    if rob:
        fig, ax = plt.subplots(figsize=(max(4, 0.9 * len(rob)), 3.2))
        _bars(ax, [f"{_short(s)}\n{r['perturbation']}" for s, r in rob], [r["drop"] for _, r in rob], "#c0504d")
        ax.axhline(0, color="black", lw=0.8)
        ax.set_title("Accuracy drop under perturbation (original - perturbed, 95% CI)")
        out["robustness"] = _png(fig)
    fair = [(s, f) for s in summaries for f in s["fairness"]]
    if fair:
        fig, axes = plt.subplots(1, len(fair), figsize=(3.2 * len(fair), 3.2), squeeze=False)
        for ax, (s, f) in zip(axes[0], fair):
            _bars(ax, list(f["groups"]), list(f["groups"].values()), "#9bbb59")
            ax.set_ylim(0, 1)
            ax.set_title(f"{_short(s)} {f['attribute']}", fontsize=9)
        fig.suptitle("Per-group score (95% CI)")
        out["fairness"] = _png(fig)
    lats = [(s, s["resources"]["latencies"]) for s in summaries if s["resources"]["latencies"]]
    if lats:
        fig, ax = plt.subplots(figsize=(5, 3))
        for s, lat in lats:
            ax.hist(lat, bins=30, alpha=0.6, label=_short(s))
        ax.set_xlabel("latency per call (s)")
        ax.legend(fontsize=8)
        ax.set_title("Latency distribution")
        out["latency"] = _png(fig)
    return out


def _short(s: dict[str, Any]) -> str:
    sysd = s["manifest"].get("system", {})
    return f"{sysd.get('system', '?')}/{sysd.get('model', '?')}"


def _fmt(v: Any) -> str:
    if isinstance(v, dict) and "value" in v:
        if math.isnan(v["value"]):
            return "n/a"
        return f"{v['value']:.3f} [{v['low']:.3f}, {v['high']:.3f}]"
    if isinstance(v, float):
        return "n/a" if math.isnan(v) else f"{v:.3f}"
    return str(v)


def build_report(cfg: Config, run_ids: list[str], out_dir: Path | None = None) -> tuple[Path, Path]:
    """Write ``report.html`` and ``report.json`` (into the first run's folder unless ``out_dir``)."""
    import jinja2  # deferred: jinja2 only for HTML reports

    stores = [open_run(cfg, r) for r in run_ids]
    try:
        summaries = [summarise(s) for s in stores]
        comparisons = [compare(stores[0], s) for s in stores[1:]]
        out_dir = out_dir or stores[0].dir
    finally:
        for s in stores:
            s.close()
    out_dir.mkdir(parents=True, exist_ok=True)
    env = jinja2.Environment(loader=jinja2.PackageLoader("openmfm", "templates"),
                             autoescape=jinja2.select_autoescape(["html", "j2"]))
    env.filters["fmt"] = _fmt
    html = env.get_template("report.html.j2").render(summaries=summaries, comparisons=comparisons,
                                                     plots=plots(summaries), short=_short)
    name = "report" if len(run_ids) == 1 else "compare-" + "-vs-".join(r[:12] for r in run_ids[1:])
    html_path, json_path = out_dir / f"{name}.html", out_dir / f"{name}.json"
    for path, text in ((html_path, html),
                       (json_path, json.dumps(_no_nan({"runs": summaries, "comparisons": comparisons}),
                                              ensure_ascii=False, indent=1, default=str))):
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    return html_path, json_path


def _no_nan(v: Any) -> Any:
    """JSON has no NaN: an undefined metric (no positives, no items) becomes null."""
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, dict):
        return {k: _no_nan(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_no_nan(x) for x in v]
    return v
