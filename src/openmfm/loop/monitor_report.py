"""The monitoring report a person reads: one self-contained HTML file in the evaluation report's
style, plots embedded as PNG: answers per window, the rates the alert rules watch, latency."""

from __future__ import annotations

import os
from pathlib import Path

from ..evaluation.report import _png  # one PNG embedding for every OpenMFM report
from .monitor import ALL, Summary, WindowStats

RATES = ("abstention_rate", "removed_share", "conflict_rate", "red_flag_rate", "injection_refusal_rate")


def _series(stats: list[WindowStats], metric: str) -> dict[str, tuple[list[str], list[float]]]:
    out: dict[str, tuple[list[str], list[float]]] = {}
    for s in stats:
        v = getattr(s, metric)
        if v is not None:
            xs, ys = out.setdefault(s.language, ([], []))
            xs.append(s.window)
            ys.append(v)
    return out


def plots(summary: Summary) -> dict[str, str]:
    import matplotlib  # deferred: matplotlib only for report figures

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # deferred: matplotlib only for report figures

    out = {}
    panels = (("answers", ["answers"]), ("rates", list(RATES)), ("support", ["mean_support"]),
              ("latency", ["latency_p50_s", "latency_p95_s"]))
    for name, metrics in panels:
        fig, ax = plt.subplots(figsize=(9, 3.2))
        for metric in metrics:
            for lang, (xs, ys) in sorted(_series(summary.stats, metric).items()):
                if name == "rates" and lang != ALL:
                    continue
                ax.plot(xs, ys, marker="o", markersize=3, label=f"{metric} ({lang})" if len(metrics) > 1 else lang)
        ax.set_title(name)
        ax.tick_params(axis="x", labelrotation=45, labelsize=7)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(fontsize=7)
        out[name] = _png(fig)
    return out


def write_html(summary: Summary, path: Path) -> Path:
    import jinja2  # deferred: jinja2 only for HTML reports

    env = jinja2.Environment(loader=jinja2.PackageLoader("openmfm", "data/loop"),
                             autoescape=jinja2.select_autoescape(["html", "j2"]))
    html = env.get_template("monitor.html.j2").render(s=summary, plots=plots(summary), rates=RATES)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(html, encoding="utf-8")
    os.replace(tmp, path)
    return path
