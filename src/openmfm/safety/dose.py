"""Dose mentions in an answer, checked against the knowledge base's drug facts.

A generated "take 5 g of X" is the kind of error that harms people, and the KB already holds
dosing facts (CMeKG's 用法用量, guideline dose tables). We compare each mass dose in the answer
with the largest mass the KB states for that drug (single or daily) and flag anything above
``tolerance`` x that figure. Comparing against the largest stated figure keeps false alarms
rare; it catches gross errors (tenfold slips, mg/g confusion), not fine titration. Drugs the KB
has no dose facts for are skipped: no evidence, no claim.
"""

from __future__ import annotations

import re
from typing import Any

from ..records import Flag
from ..text import HAN

_UNIT_MG = {"mg": 1.0, "毫克": 1.0, "g": 1000.0, "克": 1000.0, "mcg": 0.001, "µg": 0.001, "μg": 0.001,
            "ug": 0.001, "微克": 0.001}
_NUM = r"(?<!\d)(\d++(?:\.\d++)?)"
_UNIT = r"(mg|mcg|µg|μg|ug|g|毫克|微克|克)(?![A-Za-z])(?!\s*/\s*(?:kg|公斤|千克|m2|m²))"
_RANGE = r"(?:\s*(?:-|–|—|～|~|至|到|to)\s*" + _NUM + r")?"
_DOSE = re.compile(_NUM + _RANGE + r"\s*" + _UNIT, re.IGNORECASE)
_DOSE_WORDS = re.compile(r"(?:一次|每次|每日|一日|每天|口服|剂量|用量|常用量|为|约|可|给予|服用|静滴|静注|肌注|成人|儿童)")
_EN_STOP = {"take", "takes", "taking", "give", "given", "dose", "doses", "daily", "every", "each", "the", "of", "a", "an",
            "and", "or", "to", "up", "is", "are", "be", "with", "per", "day", "hours", "maximum", "max", "oral", "orally",
            "tablet", "tablets", "capsule", "capsules", "mg", "adults", "adult", "children", "usual", "at", "about", "for"}
_DOSE_RELATIONS = ("dose", "dosage", "dosing", "用法用量", "用量", "剂量")


def mentions(text: str) -> list[tuple[float, int, int]]:
    """Mass doses in ``text`` as (mg, start, end); a range counts as its upper end. Weight-based
    doses (mg/kg) are left out: without the patient's weight they cannot be compared."""
    out = []
    for m in _DOSE.finditer(text):
        value = float(m.group(2) or m.group(1))
        out.append((value * _UNIT_MG[m.group(3).lower()], m.start(), m.end()))
    return out


def _candidates(text: str, start: int, end: int) -> list[str]:
    """Drug names that may own the dose at [start, end): words or Han runs just before it, or
    after "of" ("500 mg of amoxicillin")."""
    before = text[max(0, start - 40):start]
    cands: list[str] = []
    han = re.findall(f"{HAN}{{2,}}", _DOSE_WORDS.sub(" ", before))
    if han:
        run = han[-1]
        cands.append(run)
        cands += [run[:k] for k in range(len(run) - 1, 1, -1)]
        cands += [run[k:] for k in range(1, len(run) - 1)]
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z\-]{2,}", before) if w.lower() not in _EN_STOP]
    after = re.match(r"\s*(?:of\s+)?([A-Za-z][A-Za-z\-]{2,})", text[end:end + 40])
    if after and after.group(1).lower() not in _EN_STOP:
        words.append(after.group(1))
    cands += list(reversed(words[-2:]))
    return list(dict.fromkeys(cands))[:10]


def _kb_max_mg(kb: Any, drug: str) -> tuple[float, list[str]] | None:
    try:
        facts = kb.facts(drug)
    except Exception:  # an unknown entity is "no facts", whatever the KB raises for it
        return None
    best, chunk_ids = 0.0, []
    for ev in facts or []:
        fact = getattr(ev.chunk, "fact", None)
        relation = fact[1] if fact else (ev.chunk.section or "")
        body = fact[2] if fact else ev.chunk.text
        if not any(r in relation.lower() for r in _DOSE_RELATIONS):
            continue
        doses = mentions(body)
        if doses:
            best = max(best, max(d for d, _, _ in doses))
            chunk_ids.append(ev.chunk.id)
    return (best, chunk_ids) if best > 0 else None


def check_doses(text: str, kb: Any, *, language: str = "en", tolerance: float = 1.0) -> list[Flag]:
    flags: list[Flag] = []
    cache: dict[str, tuple[float, list[str]] | None] = {}
    for mg, start, end in mentions(text):
        for drug in _candidates(text, start, end):
            if drug not in cache:
                cache[drug] = _kb_max_mg(kb, drug)
            known = cache[drug]
            if known is None:
                continue
            limit, chunk_ids = known
            if mg > limit * tolerance:
                said = text[start:end]
                msg = (f"剂量核对：回答中“{drug} {said}”超过知识库记载的最大剂量（{limit:g} mg），请核实。" if language == "zh"
                       else f"Dose check: '{drug} {said}' exceeds the largest dose the knowledge base states ({limit:g} mg); verify before use.")
                flags.append(Flag(kind="dose_out_of_range", severity="critical", message=msg,
                                  details={"drug": drug, "stated": said, "stated_mg": mg, "kb_max_mg": limit,
                                           "chunk_ids": chunk_ids[:5]}))
            break
    return flags
