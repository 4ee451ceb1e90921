"""Scoring structured notes against character-span labels, and coding against gold codes.

Span matching is one-to-one within a type: "exact" needs the same start and end, "overlap" any
shared character (each gold span pairs with at most one prediction, nearest start first). The
assertion and coding figures are over overlap-matched pairs, so a missed entity counts against
recall once, not again against every other figure. Negation accuracy is the binary decision
negated / not negated on those pairs (NegEx's measure); codes compare without dots, upper case.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _code(c: str | None) -> str:
    return (c or "").replace(".", "").strip().upper()


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class NoteScores:
    exact: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    overlap: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    assertion: list[bool] = field(default_factory=list)
    negation: list[bool] = field(default_factory=list)
    top1: list[bool] = field(default_factory=list)
    top5: list[bool] = field(default_factory=list)

    def add(self, other: NoteScores) -> None:
        for mine, theirs in ((self.exact, other.exact), (self.overlap, other.overlap)):
            for t, c in theirs.items():
                m = mine[t]
                m.tp, m.fp, m.fn = m.tp + c.tp, m.fp + c.fp, m.fn + c.fn
        for name in ("assertion", "negation", "top1", "top5"):
            getattr(self, name).extend(getattr(other, name))

    def total(self, kind: str = "overlap") -> Counts:
        out = Counts()
        for c in getattr(self, kind).values():
            out.tp, out.fp, out.fn = out.tp + c.tp, out.fp + c.fp, out.fn + c.fn
        return out


def _pairs(gold: list[dict], pred: list[dict], exact: bool) -> list[tuple[int, int]]:
    used: set[int] = set()
    out = []
    for gi, g in enumerate(gold):
        best = None
        for pi, p in enumerate(pred):
            if pi in used or p["type"] != g["type"]:
                continue
            ok = (p["start"], p["end"]) == (g["start"], g["end"]) if exact else p["start"] < g["end"] and g["start"] < p["end"]
            if ok and (best is None or abs(p["start"] - g["start"]) < abs(pred[best]["start"] - g["start"])):
                best = pi
        if best is not None:
            used.add(best)
            out.append((gi, best))
    return out


def score_note(gold: list[dict], pred: list[dict]) -> NoteScores:
    """``pred``: dicts with start, end, type, assertion, codes (list of code strings, best first)
    and candidates (the same, up to five)."""
    s = NoteScores()
    for exact, table in ((True, s.exact), (False, s.overlap)):
        pairs = _pairs(gold, pred, exact)
        matched_g = {g for g, _ in pairs}
        matched_p = {p for _, p in pairs}
        for gi, g in enumerate(gold):
            (table[g["type"]].__setattr__("tp", table[g["type"]].tp + 1) if gi in matched_g
             else table[g["type"]].__setattr__("fn", table[g["type"]].fn + 1))
        for pi, p in enumerate(pred):
            if pi not in matched_p:
                table[p["type"]].fp += 1
        if exact:
            continue
        for gi, pi in pairs:
            g, p = gold[gi], pred[pi]
            if g.get("assertion"):
                s.assertion.append(g["assertion"] == p["assertion"])
                s.negation.append((g["assertion"] == "negated") == (p["assertion"] == "negated"))
            if g.get("code"):
                codes = [_code(c) for c in p.get("codes", [])]
                cands = [_code(c) for c in p.get("candidates", [])][:5] or codes
                s.top1.append(bool(codes) and codes[0] == _code(g["code"]))
                s.top5.append(_code(g["code"]) in cands or _code(g["code"]) in codes)
    return s


def note_predictions(note) -> list[dict]:
    """A StructuredNote's entities in the scorer's shape."""
    out = []
    for e in note.entities:
        out.append({"start": e.start, "end": e.end, "type": e.type, "assertion": e.assertion,
                    "codes": [c.code for c in e.codes], "candidates": [c.code for c in e.candidates]})
    return out


def score_notes(rows: Iterable[dict], predict: Callable[[dict], list[dict]]) -> dict[str, NoteScores]:
    """Scores per language and overall ("all")."""
    by: dict[str, NoteScores] = defaultdict(NoteScores)
    for row in rows:
        s = score_note(row.get("entities", []), predict(row))
        by[row.get("lang", "?")].add(s)
        by["all"].add(s)
    return dict(by)


def score_coding(rows: Iterable[dict], predict: Callable[[dict], list[str]]) -> dict[str, tuple[float, float, int]]:
    """(top-1, top-5, n) per system."""
    hits: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    for row in rows:
        codes = [_code(c) for c in predict(row)][:5]
        gold = _code(row["code"])
        hits[row.get("system", "icd10")].append((bool(codes) and codes[0] == gold, gold in codes))
    return {k: (sum(a for a, _ in v) / len(v), sum(b for _, b in v) / len(v), len(v)) for k, v in hits.items()}


def rate(xs: list[bool]) -> str:
    return f"{sum(xs) / len(xs):.3f} (n={len(xs)})" if xs else "n/a"


# ------------------------------------------------------------------ medspaCy, run in its own environment
def _medspacy_main() -> None:  # pragma: no cover - runs under another interpreter (medspaCy pins numpy 1.26, spaCy 3.7)
    """stdin: JSONL {text, spans: [[start, end, label]]}; stdout: JSONL {assertions: [...]}, one per note.

    The spans are given (the dictionary baseline's), so the comparison is medspaCy's ConText
    against ours on the same entities; this file imports only the standard library at module
    level, so the medspaCy environment can run it by path without OpenMFM installed.
    """
    import medspacy  # deferred: only present in medspaCy's own environment

    nlp = medspacy.load(medspacy_enable=["medspacy_pyrush", "medspacy_context"])
    for line in sys.stdin:
        row = json.loads(line)
        doc = nlp.make_doc(row["text"])
        ents = [s for s in (doc.char_span(a, b, label=lab, alignment_mode="expand") for a, b, lab in row["spans"]) if s]
        doc.ents = [e for i, e in enumerate(ents) if not any(e.start < o.end and o.start < e.end for o in ents[:i])]
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        found = {(e.start_char, e.end_char): e for e in doc.ents}
        out = []
        for a, b, _ in row["spans"]:
            e = next((x for (s, t), x in found.items() if s <= a and b <= t), None)
            flags = [] if e is None else [("negated", e._.is_negated), ("family", e._.is_family),
                                          ("hypothetical", e._.is_hypothetical), ("possible", e._.is_uncertain),
                                          ("historical", e._.is_historical)]
            out.append(next((name for name, on in flags if on), "present"))
        print(json.dumps({"assertions": out}), flush=True)


if __name__ == "__main__":
    _medspacy_main()
