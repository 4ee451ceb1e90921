"""A simulated patient and the history scorer, shared by ``benchmarks/consult.py`` and
``mfm consult --practice``.

The patient answers only from its case record: it hears which slots a question asks about
(``question_cues`` in the lexicon, so any interviewer's wording works, not only our templates),
says the matching facts in the case's own words, "I don't know" otherwise, and never names the
diagnosis. An emergency is told gradually: not before its turn, and then when asked about its
slot (or two turns later regardless), so escalation can be timed against the reveal.

Scoring is deterministic: a labelled fact counts as elicited when a record item of a compatible
slot carries its value (same duration in days, same normalised term, or most of its words).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from ..errors import DatasetError
from ..records import RequestContext
from ..text import tokenize
from .clinician import record
from .extract import durations, has_any, locate
from .session import reply, start
from .slots import lexicon

_UNKNOWN = {"zh": "不清楚。", "en": "I don't know."}
_GROUPS = [{"associated", "negatives", "review_of_systems"}, {"onset", "timing", "duration"}, {"site", "radiation"},
           {"aggravating", "relieving", "timing"}, {"chief_complaint", "character"}, {"past_history", "family_history"}]


def load_case(ref: str) -> dict[str, Any]:
    """A case from "FILE.jsonl#ID", a JSON file, or a JSONL file's only case."""
    path, _, cid = ref.partition("#")
    p = Path(path)
    if not p.is_file():
        raise DatasetError(f"No case file {path}.", "Pass a JSON case file, or --cases FILE.jsonl with a case id.")
    text = p.read_text(encoding="utf-8")
    cases = [json.loads(x) for x in text.splitlines() if x.strip()] if p.suffix == ".jsonl" else [json.loads(text)]
    found = [c for c in cases if not cid or c.get("id") == cid]
    if not found:
        raise DatasetError(f"No case '{cid}' in {path}.", "Check the id (the `id` field of each line).")
    return found[0]


class SimulatedPatient:
    def __init__(self, case: dict[str, Any]):
        self.case = case
        self.lang = case.get("lang", "en")
        self.turn = 0
        self.told: set[str] = set()  # fact ids said so far
        self.reveal_turn: int | None = None
        self.asked_slots: set[str] = set()

    def hears(self, question: str) -> set[str]:
        cues = lexicon()["question_cues"]
        heard = {slot for slot, words in cues.items() if has_any(question or "", words["zh"] + words["en"]) >= 0}
        if "allergies" in heard:  # "allergic to any medicines?" asks about allergies, not the medicines taken
            heard.discard("medications")
        return heard

    def answer(self, question: str | None) -> str:
        self.turn += 1
        slots = self.hears(question or "")
        self.asked_slots |= slots
        parts = []
        for f in self.case["facts"]:
            if f["slot"] in slots and f.get("patient_says"):
                parts.append(f["patient_says"])
                self.told.add(f["id"])
        em = self.case.get("emergency")
        if em and self.reveal_turn is None and self.turn >= em["reveal_after_turn"] and \
                (em["reveal_slot"] in slots or self.turn >= em["reveal_after_turn"] + 2):
            parts.append(em["patient_says"])
            self.reveal_turn = self.turn
        if not parts:
            return _UNKNOWN[self.lang]
        return ("" if self.lang == "zh" else " ").join(dict.fromkeys(parts))


def _days(text: str) -> float | None:
    found = durations(text)
    return found[0].days if found else None


def _tokens(text: str) -> set[str]:
    return set(tokenize(text or ""))


def fact_in_record(fact: dict[str, Any], values) -> bool:
    """Whether a record item of a compatible slot carries the fact's value."""
    slots = {fact["slot"]}.union(*(g for g in _GROUPS if fact["slot"] in g))
    want_days = _days(str(fact.get("value", ""))) if fact["slot"] == "duration" else None
    want = _tokens(str(fact.get("value", ""))) or _tokens(fact.get("patient_says", ""))
    for v in values:
        if v.slot not in slots or v.status in ("unknown", "declined"):
            continue
        if want_days is not None and v.days is not None and abs(want_days - v.days) <= 0.25 * max(want_days, v.days):
            return True
        have = _tokens(" ".join(x for x in (v.value, v.term or "", v.dose or "") if x))
        if want and len(want & have) / len(want) >= 0.5:
            return True
        if v.term and str(fact.get("symptom", "")).casefold() == v.term.casefold():
            return True
    return False


def supported(value, turns) -> bool:
    """A record item is supported when its words are in what the patient said."""
    if value.status in ("unknown", "declined"):
        return True
    texts = [t.reply for t in turns]
    if 0 <= value.turn < len(texts) and texts[value.turn][value.start:value.end] == value.value:
        return True
    return any(locate(value.value, t) is not None for t in texts)


def score_session(case: dict[str, Any], session, record, patient: SimulatedPatient, seconds: float) -> dict[str, Any]:
    must = [f for f in case["facts"] if f.get("must_elicit")]
    got = [f for f in must if fact_in_record(f, session.values)]
    items = [v for v in session.values if v.source != "complaint"]
    em = case.get("emergency")
    esc_turn = next((t.index for t in session.turns if any(f.kind == "red_flag" for f in t.flags)), None) \
        if session.urgent else None
    return {"id": case["id"], "lang": case.get("lang"), "must": len(must), "elicited": len(got),
            "items": len(items), "supported": sum(supported(v, session.turns) for v in items),
            "turns": len(session.turns) - 1, "seconds_per_turn": seconds / max(1, len(session.turns)),
            "emergency": bool(em), "escalated": session.urgent, "escalation_turn": esc_turn,
            "reveal_turn": patient.reveal_turn, "deciding_turn": next(
                (t.index for t in session.turns if any(f.kind == "triage_question" for f in t.flags)), None), "fhir_valid": record.fhir_valid, "stop_reason": session.stop_reason}


def run_case(case: dict[str, Any], *, strategy: str, mode: str, cfg, model=None, max_turns: int = 24) -> dict[str, Any]:
    """One simulated interview, scored."""
    ctx = RequestContext(channel="python", actor="benchmark")
    patient = SimulatedPatient(case)
    t0 = time.perf_counter()
    s = start(case["complaint"], cfg=cfg, ctx=ctx, model=model, mode=mode, strategy=strategy, max_turns=max_turns)
    while not s.done:
        s = reply(s, patient.answer(s.pending_question), cfg=cfg, ctx=ctx, model=model)
    seconds = time.perf_counter() - t0
    return score_session(case, s, record(s, cfg=cfg, ctx=ctx), patient, seconds)


def score_practice(case: dict[str, Any], patient: SimulatedPatient) -> dict[str, Any]:
    """A student's interview: the labelled facts they drew out, what they missed, and a red flag
    whose slot they never asked about."""
    must = [f for f in case["facts"] if f.get("must_elicit")]
    missed = [f"{f['slot']}: {f.get('symptom') or f.get('value')}" for f in must if f["id"] not in patient.told]
    em = case.get("emergency")
    flag = None
    if em and em["reveal_slot"] not in patient.asked_slots:
        flag = f"{em['category']} ({em['reveal_slot']})"
    return {"must_elicit": len(must), "elicited": len(must) - len(missed), "missed": missed, "red_flag_missed": flag}


def summarise(rows: list[dict[str, Any]]) -> dict[str, float]:
    """Recall, precision, turns, red-flag recall and timing, FHIR validity, seconds per turn."""
    n = max(1, len(rows))
    em = [r for r in rows if r["emergency"]]
    on_time = [r for r in em if r["escalated"] and r["reveal_turn"] is not None and r["escalation_turn"] is not None
               and r["escalation_turn"] <= r["reveal_turn"]]
    lags = [r["escalation_turn"] - r["reveal_turn"] for r in em if r["escalated"] and r["reveal_turn"] is not None
            and r["escalation_turn"] is not None]
    return {"recall": sum(r["elicited"] for r in rows) / max(1, sum(r["must"] for r in rows)),
            "precision": sum(r["supported"] for r in rows) / max(1, sum(r["items"] for r in rows)),
            "turns": sum(r["turns"] for r in rows) / n,
            "red_flag_recall": sum(r["escalated"] for r in em) / len(em) if em else float("nan"),
            "escalated_at_reveal": len(on_time) / len(em) if em else float("nan"),
            "mean_lag_turns": sum(lags) / len(lags) if lags else float("nan"),
            "fhir_valid": sum(r["fhir_valid"] for r in rows) / n,
            "s_per_turn": sum(r["seconds_per_turn"] for r in rows) / n}

