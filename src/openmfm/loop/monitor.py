"""`mfm monitor`: what the system did, per time window and language, and which alert rules fired.

Every figure comes from the audit index's per-day rollups (``audit_index``, brought level with
the log first) and the feedback store, so a summary reads a few rows per day in the range however
long the log is. Latency percentiles come from the rollups' 5% histogram bins. The alert rules
are the policy's ``[monitor]`` table.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from ..audit import AuditLog
from ..config import Config, load_config
from ..errors import InvalidInput
from ..records import RequestContext
from ..safety.access import require
from ..safety.policy import Policy, load_policy
from .audit_index import AuditIndex, bin_seconds
from .feedback import RATINGS, FeedbackStore

Window = Literal["day", "week", "all"]
ALL = "all"
_WINDOW_SQL = {"day": "{col}", "week": "date({col}, '-6 days', 'weekday 1')", "all": "'all'"}  # week: its Monday


class WindowStats(BaseModel):
    window: str  # the day, the Monday a week starts on, or "all"
    language: str  # zh, en, ... or "all"
    answers: int = 0
    refused: int = 0
    abstention_rate: float | None = None
    mean_support: float | None = None
    removed_share: float | None = None
    conflict_rate: float | None = None
    red_flag_rate: float | None = None
    injection_refusal_rate: float | None = None
    latency_p50_s: float | None = None
    latency_p95_s: float | None = None
    latency_p99_s: float | None = None
    feedback: dict[str, int] = Field(default_factory=dict)
    unsafe_feedback_rate: float | None = None
    wrong_feedback_rate: float | None = None


class Alert(BaseModel):
    window: str
    language: str
    metric: str
    value: float
    bound: float
    rule: Literal["max", "min"]

    def line(self) -> str:
        word = "above" if self.rule == "max" else "below"
        return f"{self.window} [{self.language}] {self.metric} = {self.value:.3g} is {word} {self.bound:g}"


class Summary(BaseModel):
    since: date | None
    until: date | None
    window: Window
    language: str | None
    stats: list[WindowStats]
    versions: list[dict] = Field(default_factory=list)  # window, model, kb, kb_snapshot, answers
    drift: dict = Field(default_factory=dict)
    alerts: list[Alert] = Field(default_factory=list)
    indexed: int = 0  # entries read from the log by this run's index update
    policy_version: str = ""


def _where(since: date | None, until: date | None, language: str | None, col: str = "day") -> tuple[str, list]:
    parts, args = ["1=1"], []
    if since:
        parts.append(f"{col} >= ?")
        args.append(since.isoformat())
    if until:
        parts.append(f"{col} <= ?")
        args.append(until.isoformat())
    if language:
        parts.append("lang = ?")
        args.append(language)
    return " AND ".join(parts), args


def _percentile(hist: dict[int, int], q: float) -> float | None:
    total = sum(hist.values())
    if not total:
        return None
    need, seen = q * total, 0
    for b in sorted(hist):
        seen += hist[b]
        if seen >= need:
            return round(bin_seconds(b), 4)
    return None


def _rate(num: float, den: float) -> float | None:
    return round(num / den, 4) if den else None


def window_stats(con, window: Window, since: date | None, until: date | None, language: str | None,
                 feedback: dict[tuple[str, str], dict[str, int]]) -> list[WindowStats]:
    """Per (window, language) and per window over all languages, from the index's daily rollups."""
    w = _WINDOW_SQL[window].format(col="day")
    where, args = _where(since, until, language)
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0] * 10)
    for row in con.execute(f"SELECT {w}, lang, SUM(answers), SUM(refused), SUM(abstained), SUM(support), SUM(answered), "
                           f"SUM(claims), SUM(removed), SUM(conflict), SUM(red_flag), SUM(refused) FROM daily "
                           f"WHERE {where} GROUP BY 1, 2", args):
        for key in ((row[0], row[1]), (row[0], ALL)):
            acc = sums[key]
            for i, v in enumerate(row[2:]):
                acc[i] += v or 0
    hists: dict[tuple[str, str], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for win, lang, b, n in con.execute(f"SELECT {w}, lang, bin, SUM(n) FROM daily_latency WHERE {where} "
                                       f"GROUP BY 1, 2, 3", args):
        hists[(win, lang)][b] += n
        hists[(win, ALL)][b] += n
    out = []
    for key in feedback:  # a window where feedback was given but nothing was asked still shows it
        sums[key]  # creates the zero row
    for (win, lang), (n, refused, abst, sup, answered, claims, removed, conflict, red, inj) in sorted(sums.items()):
        h = hists.get((win, lang), {})
        fb = feedback.get((win, lang), {})
        rated = sum(fb.values())
        out.append(WindowStats(
            window=win, language=lang, answers=int(n), refused=int(refused), abstention_rate=_rate(abst, n),
            mean_support=_rate(sup, answered), removed_share=_rate(removed, claims), conflict_rate=_rate(conflict, n),
            red_flag_rate=_rate(red, n), injection_refusal_rate=_rate(inj, n), latency_p50_s=_percentile(h, 0.5),
            latency_p95_s=_percentile(h, 0.95), latency_p99_s=_percentile(h, 0.99), feedback=fb,
            unsafe_feedback_rate=_rate(fb.get("unsafe", 0), rated), wrong_feedback_rate=_rate(fb.get("wrong", 0), rated)))
    return out


def feedback_counts(cfg: Config, window: Window, since: date | None, until: date | None,
                    language: str | None) -> dict[tuple[str, str], dict[str, int]]:
    """Ratings per (window, language of the rated answer), by the day the feedback was given."""
    w = _WINDOW_SQL[window].format(col="substr(created, 1, 10)")
    where, args = _where(since, until, None, col="substr(created, 1, 10)")
    if language:
        where += " AND language = ?"
        args.append(language)
    out: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: {r: 0 for r in RATINGS})
    con = FeedbackStore(cfg).connect()
    try:
        for win, lang, rating, n in con.execute(f"SELECT {w}, COALESCE(language, '?'), rating, COUNT(*) FROM feedback "
                                                f"WHERE {where} GROUP BY 1, 2, 3", args):
            out[(win, lang)][rating] += n
            out[(win, ALL)][rating] += n
    finally:
        con.close()
    return out


def versions_in_use(con, window: Window, since: date | None, until: date | None, language: str | None) -> list[dict]:
    where, args = _where(since, until, language)
    rows = con.execute(f"SELECT {_WINDOW_SQL[window].format(col='day')}, model, kb, kb_snapshot, SUM(n) FROM daily_versions "
                       f"WHERE {where} GROUP BY 1, 2, 3, 4 ORDER BY 1, 5 DESC", args)
    return [{"window": r[0], "model": r[1] or None, "kb": r[2] or None, "kb_snapshot": r[3] or None, "answers": r[4]}
            for r in rows]


def alerts(stats: list[WindowStats], drift: dict, policy: Policy) -> list[Alert]:
    """Each window against each rule of ``[monitor]``: answer metrics once the window has
    ``min_answers`` answers, feedback metrics from its first rating (one "unsafe" is news)."""
    rules = policy.monitor
    out = []
    for s in stats:
        for rule, bounds in (("max", rules.max), ("min", rules.min)):
            for metric, bound in bounds.items():
                v = getattr(s, metric, None)
                enough = sum(s.feedback.values()) > 0 if metric.endswith("_feedback_rate") else s.answers >= rules.min_answers
                if v is not None and enough and (v > bound if rule == "max" else v < bound):
                    out.append(Alert(window=s.window, language=s.language, metric=metric, value=v, bound=bound, rule=rule))
    for metric, v in drift.get("scores", {}).items():
        bound = rules.max.get(metric)
        if v is not None and bound is not None and v > bound:
            out.append(Alert(window=drift["window"], language=ALL, metric=metric, value=v, bound=bound, rule="max"))
    return out


def summarise(*, since: date | None = None, until: date | None = None, window: Window = "day",
              language: str | None = None, drift: bool = False, cfg: Config | None = None,
              ctx: RequestContext | None = None, policy: Policy | None = None, record: bool = True) -> Summary:
    """The monitoring summary for ``[since, until]`` (UTC days, inclusive), by ``window`` and language,
    with the alerts the policy's rules raise. ``drift`` adds input drift against the
    ``[monitor] reference_days`` before ``since``. The run and its alerts are written to the audit
    log (``record``). Without ``ctx`` the caller is the local user as a researcher, the role that
    may monitor (as `mfm monitor` without an API key)."""
    cfg = cfg or load_config()
    pol = policy or load_policy(cfg)
    ctx = ctx or RequestContext(role="researcher")
    require(ctx, "monitor", policy=pol, cfg=cfg)
    if window not in _WINDOW_SQL:
        raise InvalidInput(f"Unknown window '{window}'.", "Use --window day, week or all.")
    if since and until and since > until:
        raise InvalidInput(f"--since {since} is after --until {until}.", "Swap them.")
    index = AuditIndex(cfg)
    update = index.update()
    con = index.connect()
    try:
        fb = feedback_counts(cfg, window, since, until, language)
        stats = window_stats(con, window, since, until, language, fb)
        versions = versions_in_use(con, window, since, until, language)
        drift_report = {}
        if drift:
            from .drift import input_drift  # deferred: terminology and the embedder load only when asked

            drift_report = input_drift(con, cfg, since=since, until=until, reference_days=pol.monitor.reference_days)
    finally:
        con.close()
    summary = Summary(since=since, until=until, window=window, language=language, stats=stats, versions=versions,
                      drift=drift_report, alerts=alerts(stats, drift_report, pol), indexed=update.read,
                      policy_version=pol.version)
    if record:
        AuditLog(cfg.audit_path).append("monitor", {
            "channel": ctx.channel, "api_key_id": ctx.api_key_id, "since": str(since) if since else None,
            "until": str(until) if until else None, "window": window, "language": language,
            "windows": len({s.window for s in stats}), "alerts": [a.model_dump() for a in summary.alerts]},
            actor=ctx.actor, role=ctx.role, policy_version=pol.version)
    return summary


def prometheus(summary: Summary) -> str:
    """The newest window's figures and the alert count in Prometheus' text exposition format."""
    latest = max((s.window for s in summary.stats), default=None)
    lines = []
    metrics = ("answers", "refused", "abstention_rate", "mean_support", "removed_share", "conflict_rate",
               "red_flag_rate", "injection_refusal_rate", "latency_p50_s", "latency_p95_s", "latency_p99_s",
               "unsafe_feedback_rate", "wrong_feedback_rate")
    for m in metrics:
        lines.append(f"# HELP openmfm_monitor_{m} {m.replace('_', ' ')} in the newest {summary.window} window")
        lines.append(f"# TYPE openmfm_monitor_{m} gauge")
        for s in summary.stats:
            v = getattr(s, m)
            if s.window == latest and v is not None:
                lines.append(f'openmfm_monitor_{m}{{language="{s.language}"}} {v}')
    lines += ["# HELP openmfm_monitor_alerts alert rules firing in the summarised range",
              "# TYPE openmfm_monitor_alerts gauge"]
    per_metric: dict[str, int] = defaultdict(int)
    for a in summary.alerts:
        per_metric[a.metric] += 1
    lines += [f'openmfm_monitor_alerts{{metric="{m}"}} {n}' for m, n in sorted(per_metric.items())]
    for metric, v in summary.drift.get("scores", {}).items():
        if v is not None:
            lines += [f"# TYPE openmfm_monitor_{metric} gauge", f"openmfm_monitor_{metric} {v}"]
    return "\n".join(lines) + "\n"

