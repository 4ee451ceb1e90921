"""Disagreement between selected sources, said out loud, and which source to prefer.

Three kinds are detected among the evidence an answer is built from:
- dose: two sources talk about the same thing (shared content words, including the drug name)
  and state doses of the same kind with no value in common;
- recommendation: two closely matching sentences with opposite polarity;
- version: two versions of one source are both in the evidence (the newer changes the older).

Priority (documented in docs/decisions.md, configurable by passing ``priority``): a newer
version of the same source wins; otherwise the document type earlier in ``priority`` wins
(local protocol over guideline over label, textbook, article, summary); otherwise the more
recently published. The preferred evidence is listed first, so both composers lead with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Sequence

from ..records import Evidence, Flag
from ..text import sentence_texts as split_sentences
from . import negation, quantities, terms

DEFAULT_PRIORITY: tuple[str, ...] = (
    "local_protocol", "guideline", "label", "textbook", "article", "kg_fact", "terminology", "other",
)
SAME_TOPIC = 0.3  # share of content words two sentences must have in common to be about one thing
SAME_CLAIM = 0.6  # ... to be the same recommendation (for opposite-polarity checks)


@dataclass
class Conflict:
    kind: str  # dose | recommendation | version
    a: int  # 0-based evidence indexes
    b: int
    point: str  # what they disagree on, in the sources' words
    a_says: str
    b_says: str


def _published(ev: Evidence) -> date:
    return ev.source_version.published or ev.source_version.effective or date.min


def priority_key(ev: Evidence, priority: Sequence[str] = DEFAULT_PRIORITY) -> tuple:
    """Sort key: smaller is preferred."""
    rank = priority.index(ev.source.doc_type) if ev.source.doc_type in priority else len(priority)
    return (rank, -_published(ev).toordinal(), -ev.source_version.version)


def preferred(a: Evidence, b: Evidence, priority: Sequence[str] = DEFAULT_PRIORITY) -> tuple[Evidence, str]:
    """The evidence to prefer of two that disagree, and why (in English, for the audit log)."""
    if a.source.id == b.source.id:
        newer = a if a.source_version.version > b.source_version.version else b
        return newer, f"newer version (v{newer.source_version.version})"
    ka, kb = priority_key(a, priority), priority_key(b, priority)
    win = a if ka <= kb else b
    lose = b if win is a else a
    if ka[0] != kb[0]:
        return win, f"{win.source.doc_type.replace('_', ' ')} over {lose.source.doc_type.replace('_', ' ')}"
    return win, "more recently published"


def _shared_subject(s1: str, s2: str) -> set[str]:
    return terms.content_terms(s1) & terms.content_terms(s2)


def _doses(sentence: str) -> list[quantities.Quantity]:
    return quantities.dose_quantities(sentence)


def _disjoint(q1: list[quantities.Quantity], q2: list[quantities.Quantity]) -> bool:
    dims = {q.dim for q in q1} & {q.dim for q in q2}
    if not dims:
        return False
    for d in dims:
        a = [q for q in q1 if q.dim == d]
        b = [q for q in q2 if q.dim == d]
        if any(x.within(y) or y.within(x) for x in a for y in b):
            return False
    return True


def find_conflicts(evidence: Sequence[Evidence]) -> list[Conflict]:
    out: list[Conflict] = []
    sents = [split_sentences(ev.quote) for ev in evidence]
    for i in range(len(evidence)):
        for j in range(i + 1, len(evidence)):
            a, b = evidence[i], evidence[j]
            if a.chunk.id == b.chunk.id:
                continue
            same_source = a.source.id == b.source.id
            if same_source and a.source_version.version != b.source_version.version:
                out.append(Conflict("version", i, j, a.source.title, f"v{a.source_version.version}",
                                    f"v{b.source_version.version}"))
            if same_source and a.source_version.version == b.source_version.version:
                continue  # two passages of one document are not two opinions
            found = _sentence_conflict(sents[i], sents[j])
            if found:
                kind, point, sa, sb = found
                out.append(Conflict(kind, i, j, point, sa, sb))
    return out


def _sentence_conflict(sa: list[str], sb: list[str]) -> tuple[str, str, str, str] | None:
    for s1 in sa:
        d1 = _doses(s1)
        for s2 in sb:
            shared = _shared_subject(s1, s2)
            if not shared:
                continue
            overlap = max(terms.coverage(s1, s2), terms.coverage(s2, s1))
            if d1 and overlap >= SAME_TOPIC:
                d2 = _doses(s2)
                if d2 and _disjoint(d1, d2):
                    subject = " ".join(sorted(shared, key=len, reverse=True)[:3])
                    return ("dose", subject, ", ".join(q.text for q in d1), ", ".join(q.text for q in d2))
            if overlap >= SAME_CLAIM and negation.is_negated(s1) != negation.is_negated(s2):
                subject = " ".join(sorted(shared, key=len, reverse=True)[:3])
                return ("recommendation", subject, s1, s2)
    return None


def order_by_priority(evidence: Sequence[Evidence], conflicts: Sequence[Conflict],
                      priority: Sequence[str] = DEFAULT_PRIORITY) -> list[int]:
    """Evidence order with each conflict's preferred side moved ahead of the other side."""
    order = list(range(len(evidence)))
    for c in conflicts:
        win, _ = preferred(evidence[c.a], evidence[c.b], priority)
        w, l = (c.a, c.b) if win is evidence[c.a] else (c.b, c.a)
        if order.index(w) > order.index(l):
            order.remove(w)
            order.insert(order.index(l), w)
    return order


def _label(ev: Evidence) -> str:
    v = ev.source_version
    when = (v.published or v.effective)
    parts = [ev.source.title]
    if ev.source.publisher:
        parts.append(ev.source.publisher)
    parts.append(f"v{v.version}" + (f", {when.isoformat()}" if when else ""))
    return " · ".join(parts)


def conflict_flags(evidence: Sequence[Evidence], conflicts: Sequence[Conflict], numbers: Sequence[int],
                   lang: str, priority: Sequence[str] = DEFAULT_PRIORITY) -> list[Flag]:
    """One flag per conflict naming both sources (with their printed [n]) and the disagreement.

    ``numbers[i]`` is the printed number of ``evidence[i]`` in the final answer.
    """
    flags = []
    for c in conflicts:
        a, b = evidence[c.a], evidence[c.b]
        win, why = preferred(a, b, priority)
        na, nb, nw = numbers[c.a], numbers[c.b], numbers[c.a] if win is a else numbers[c.b]
        if lang == "zh":
            what = {"dose": f"关于“{c.point}”的剂量不一致", "recommendation": f"关于“{c.point}”的推荐相反",
                    "version": "同一来源的新旧版本内容不同"}[c.kind]
            msg = (f"来源之间存在分歧：{what}。[{na}] {_label(a)}：{c.a_says}；[{nb}] {_label(b)}：{c.b_says}。"
                   f"按优先级（{_why_zh(why)}）采用 [{nw}]，请结合临床判断。")
        else:
            what = {"dose": f"different doses for '{c.point}'", "recommendation": f"opposite recommendations on '{c.point}'",
                    "version": "a newer version changes an older one"}[c.kind]
            msg = (f"Sources disagree: {what}. [{na}] {_label(a)} says {c.a_says}; [{nb}] {_label(b)} says "
                   f"{c.b_says}. By priority ({why}) [{nw}] is preferred; use clinical judgement.")
        flags.append(Flag(kind="conflict", severity="warning", message=msg, details={
            "kind": c.kind, "point": c.point, "preferred": nw, "reason": why,
            "sources": [{"n": na, "source_id": a.source.id, "title": a.source.title, "version": a.source_version.version,
                         "says": c.a_says},
                        {"n": nb, "source_id": b.source.id, "title": b.source.title, "version": b.source_version.version,
                         "says": c.b_says}],
        }))
    return flags


def _why_zh(why: str) -> str:
    if why.startswith("newer version"):
        return "新版本优先"
    if why == "more recently published":
        return "发布较新者优先"
    names = {"local protocol": "本地规程", "guideline": "指南", "label": "说明书", "textbook": "教科书",
             "article": "文献", "kg fact": "知识图谱", "terminology": "术语", "other": "其他资料"}
    win, _, lose = why.partition(" over ")
    return f"{names.get(win, win)}优先于{names.get(lose, lose)}"
