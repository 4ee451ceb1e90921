"""Evidence drift: past answers whose cited source has since changed or been removed.

The audit index keeps every cited (KB, source, version, span); a source whose newest version is
newer than the cited one, or that is gone, makes every answer citing it stale. For each such
answer the report says what changed inside the cited span (a line diff of the two versions' clean
texts, refined to characters within the changed lines and kept where it touches the span), so a
reviewer sees "500 mg" became "1 g" without reading the whole guideline. ``replay`` re-asks the
stale questions against the KB as it is now and says which answers would differ.
"""

from __future__ import annotations

import difflib
import re
from itertools import accumulate
from typing import Literal

from pydantic import BaseModel, Field

from ..audit import AuditLog
from ..config import Config, load_config
from ..records import RequestContext
from ..safety.access import require
from ..safety.policy import Policy, load_policy
from .audit_index import AuditIndex


# Latin words and numbers whole, every other character (a Han character, punctuation) alone: a
# change reads "0.5 -> 1", not "0.5 mg twice -> 1 mg once" nor ".5 -> 1"
_WORDS = re.compile(r"[A-Za-z0-9.,%/]+|\s+|.", re.DOTALL)


class SpanChange(BaseModel):
    old: str
    new: str


class StaleSpan(BaseModel):
    """One cited passage of a source version that is no longer current, and the answers citing it."""

    kb: str
    source_id: str
    cited_version: int
    current_version: int | None  # None: the source was removed
    status: Literal["changed", "span_unchanged", "removed"]
    chunk_id: str | None
    span_start: int
    span_end: int
    cited_text: str
    current_text: str | None = None  # the same passage in the current version
    changes: list[SpanChange] = Field(default_factory=list)
    answers: list[str] = Field(default_factory=list)  # audit ids, oldest first
    languages: dict[str, int] = Field(default_factory=dict)
    first_asked: str = ""
    last_asked: str = ""


class Replayed(BaseModel):
    audit_id: str
    replay_id: str
    differs: bool
    differences: list[str]


class StaleReport(BaseModel):
    spans: list[StaleSpan]
    source_diffs: dict[str, str] = Field(default_factory=dict)  # "kb:source vA->vB": the KB's unified diff
    missing_kbs: list[str] = Field(default_factory=list)
    replays: list[Replayed] = Field(default_factory=list)

    @property
    def answer_ids(self) -> list[str]:
        """Every stale answer once, in the order first listed."""
        return list(dict.fromkeys(a for sp in self.spans for a in sp.answers))


def _line_opcodes(old: str, new: str) -> tuple[list, list[int], list[int]]:
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return ops, [0, *accumulate(map(len, a))], [0, *accumulate(map(len, b))]


def map_span(old: str, new: str, start: int, end: int) -> str:
    """The passage of ``new`` that ``old[start:end]`` became: offsets in unchanged lines carry over,
    offsets inside changed lines widen to the whole replacement."""
    ops, a_off, b_off = _line_opcodes(old, new)

    def place(x: int, at_end: bool) -> int:
        for tag, i1, i2, j1, j2 in ops:
            if a_off[i1] <= x < a_off[i2] or (at_end and x == a_off[i2]):
                return b_off[j1] + x - a_off[i1] if tag == "equal" else (b_off[j2] if at_end else b_off[j1])
        return len(new)

    return new[place(start, False):place(end, True)].strip()


def span_changes(old: str, new: str, start: int, end: int) -> list[SpanChange]:
    """The edits from ``old`` to ``new`` that touch ``old[start:end]``, as short old/new pieces."""
    ops, a_off, b_off = _line_opcodes(old, new)
    out = []
    for tag, i1, i2, j1, j2 in ops:
        lo, hi = a_off[i1], a_off[i2]
        if tag == "equal" or hi < start or lo > end or (lo == hi and not start < lo < end):
            continue
        ta, tb = _WORDS.findall(old[lo:hi]), _WORDS.findall(new[b_off[j1]:b_off[j2]])
        ta_off = list(accumulate(map(len, ta), initial=lo))
        for t, x1, x2, y1, y2 in difflib.SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
            if t != "equal" and ta_off[x2] >= start and ta_off[x1] <= end:
                out.append(SpanChange(old="".join(ta[x1:x2]), new="".join(tb[y1:y2])))
    return out


def stale_answers(*, kb: str | None = None, replay: bool = False, replay_limit: int = 20, cfg: Config | None = None,
                  ctx: RequestContext | None = None, policy: Policy | None = None) -> StaleReport:
    """The cited passages of source versions no longer current (in ``kb``, or every KB), each with
    what changed in it and the answers that cited it."""
    cfg = cfg or load_config()
    pol = policy or load_policy(cfg)
    ctx = ctx or RequestContext(role="researcher")
    require(ctx, "monitor", policy=pol, cfg=cfg)
    from ..knowledge import kb_exists, open_kb  # deferred: the knowledge layer loads only for stale listings

    index, log = AuditIndex(cfg), AuditLog(cfg.audit_path)
    index.update()
    con = index.connect()
    report = StaleReport(spans=[])
    try:
        cited = con.execute("SELECT DISTINCT kb, source_id, version FROM citations"
                            + (" WHERE kb = ?" if kb else "") + " ORDER BY 1, 2, 3", (kb,) if kb else ()).fetchall()
        kbs: dict[str, object] = {}
        for kb_name, sid, ver in cited:
            if kb_name not in kbs:
                kbs[kb_name] = open_kb(cfg, kb_name) if kb_name and kb_exists(cfg, kb_name) else None
                if kbs[kb_name] is None:
                    report.missing_kbs.append(str(kb_name))
            store = getattr(kbs[kb_name], "store", None)
            if store is None:
                continue
            current = store.current_sha(sid)
            cur_ver = current[0] if current else None
            if cur_ver is not None and cur_ver <= ver:
                continue
            # a removed source takes its versions' texts with it: the audit entry's quote stands in
            old_text = store.version_text(sid, ver) if cur_ver is not None else None
            new_text = store.version_text(sid, cur_ver) if cur_ver is not None else None
            if cur_ver is not None:
                report.source_diffs[f"{kb_name}:{sid} v{ver}->v{cur_ver}"] = kbs[kb_name].diff(sid, ver, cur_ver)
            spans: dict[tuple, StaleSpan] = {}
            for aid, ts, lang, chunk_id, s, e in con.execute(
                    "SELECT a.id, a.ts, a.lang, c.chunk_id, c.span_start, c.span_end FROM citations c JOIN answers a "
                    "ON a.seq = c.seq WHERE c.kb IS ? AND c.source_id = ? AND c.version = ? AND a.replay_of IS NULL "
                    "ORDER BY a.seq",
                    (kb_name, sid, ver)):
                span = spans.get((chunk_id, s, e))
                if span is None:
                    found = span_changes(old_text, new_text, s, e) if new_text is not None else []
                    span = spans[(chunk_id, s, e)] = StaleSpan(
                        kb=kb_name, source_id=sid, cited_version=ver, current_version=cur_ver,
                        status="removed" if new_text is None else "changed" if found else "span_unchanged",
                        chunk_id=chunk_id, span_start=s, span_end=e,
                        cited_text=old_text[s:e] if old_text is not None else _quote(log, aid, chunk_id),
                        current_text=map_span(old_text, new_text, s, e) if new_text is not None else None,
                        changes=found, first_asked=ts)
                span.answers.append(aid)
                span.languages[lang or "?"] = span.languages.get(lang or "?", 0) + 1
                span.last_asked = ts
            report.spans.extend(spans.values())
    finally:
        con.close()
    if replay:
        report.replays = _replay(report, replay_limit, kbs, cfg, ctx)
    return report


def _quote(log: AuditLog, audit_id: str, chunk_id: str | None) -> str:
    return next((e["quote"] for e in log.get(audit_id).payload.get("evidence", []) if e["chunk_id"] == chunk_id), "")


def _replay(report: StaleReport, limit: int, kbs: dict, cfg: Config, ctx: RequestContext) -> list[Replayed]:
    """Re-ask each stale question against the KB as it is now (not as it was: that is `audit replay`)."""
    from ..answering import ask  # deferred: the answering chain loads only when replaying
    from ..answering.trail import compare  # deferred: as above

    log, out, where = AuditLog(cfg.audit_path), [], {a: sp.kb for sp in report.spans for a in sp.answers}
    for audit_id in report.answer_ids[:limit]:
        p = log.get(audit_id).payload
        new = ask(p["question"], mode=p.get("requested_mode") or p.get("mode"), model=p.get("model"),
                  kb=kbs.get(where[audit_id]) or where[audit_id], cfg=cfg, ctx=ctx, replay_of=audit_id)
        diffs = compare(p, new)
        out.append(Replayed(audit_id=audit_id, replay_id=new.audit_id or "",
                            differs=any(not d.startswith("KB snapshot") for d in diffs), differences=diffs))
    return out
