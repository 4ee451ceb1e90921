"""Multi-turn evaluation: a simulated patient who answers only from a case record.

The system under test plays the doctor: it asks one question per turn and, when ready (or at the
turn limit), writes ``ASSESSMENT:`` and its assessment. A patient model, told to answer only from
the case record (CMB-Clin's description) and to say "I don't know" otherwise, plays the patient.
Metrics: the share of the record's key findings that came out in the patient's answers (what the
doctor managed to elicit), the number of turns, and the assessment's quality against the
reference answer, graded by the judge.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import MFMError
from ..records import EvalItem, EvalResult, GenerationParams, Message
from ..text import HAN, HAN_RANGES, has_han
from .judge import Judge
from .systems import Response, System

MAX_TURNS = 6

_DOCTOR = {
    "en": ("You are a doctor taking a patient's history. Ask ONE short question per turn. When you have enough "
           "information, reply with 'ASSESSMENT:' followed by your assessment (diagnosis and reasons)."),
    "zh": "你是一名正在问诊的医生。每轮只问一个简短的问题。信息足够时，以“ASSESSMENT:”开头给出你的评估（诊断及依据）。",
}
_PATIENT = {
    "en": ("You are the patient described in the record below. Answer the doctor's question in one or two sentences, "
           "in the first person, using ONLY facts from the record. If the record does not say, answer 'I don't know.' "
           "Never give a diagnosis.\n\nRecord:\n{record}"),
    "zh": "你是下面病历中的病人。用第一人称、一两句话回答医生的问题，只能使用病历中的事实；病历没有写的，回答“我不知道”。不要说出诊断。\n\n病历：\n{record}",
}
_OPENING = {"en": "Hello doctor, I am not feeling well.", "zh": "医生您好，我身体不舒服。"}
_FORCE = {"en": "Please give your ASSESSMENT now.", "zh": "请现在给出你的评估（ASSESSMENT:）。"}
_ASSESS = re.compile(r"ASSESSMENT\s*[:：]|评估\s*[:：]|诊断\s*[:：]", re.IGNORECASE)


def key_findings(record: str) -> list[str]:
    """The record's clauses that carry a fact (a number, or at least a few words), section titles dropped."""
    clauses = [c.strip(" -*（）()0123456789.、") for c in re.split(r"[\n。；;，,]+", record)]
    out = []
    for c in clauses:
        size = len(re.findall(HAN, c)) or len(c.split())
        if size >= 4 or (re.search(r"\d", c) and size >= 2):
            out.append(c)
    return out


def _grams(text: str) -> set[str]:
    """Character bigrams for Chinese, word unigrams for English (a finding is 'said' when most appear)."""
    if has_han(text):
        han = re.sub(f"[^{HAN_RANGES}0-9]", "", text)
        return {han[i:i + 2] for i in range(len(han) - 1)}
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2}


def elicited(findings: list[str], patient_said: str, threshold: float = 0.5) -> list[bool]:
    said = _grams(patient_said)
    out = []
    for f in findings:
        g = _grams(f)
        out.append(bool(g) and len(g & said) / len(g) >= threshold)
    return out


def simulate(item: EvalItem, doctor: System, patient_model: Any, *, max_turns: int = MAX_TURNS) -> dict[str, Any]:
    """Run one consultation; returns the transcript, the assessment and the cost of getting there."""
    lang = item.language
    record = item.context or ""
    doctor_msgs = [Message(role="system", content=_DOCTOR[lang]), Message(role="user", content=_OPENING[lang])]
    patient_sys = Message(role="system", content=_PATIENT[lang].format(record=record))
    patient_turns: list[Message] = []
    transcript: list[dict[str, str]] = [{"role": "patient", "content": _OPENING[lang]}]
    responses: list[Response] = []
    assessment = None
    for turn in range(1, max_turns + 1):
        r = doctor.chat(doctor_msgs, max_tokens=160)
        responses.append(r)
        text = r.text.strip()
        transcript.append({"role": "doctor", "content": text})
        m = _ASSESS.search(text)
        if m:
            assessment = text[m.end():].strip() or text
            break
        doctor_msgs.append(Message(role="assistant", content=text))
        patient_turns.append(Message(role="user", content=text))
        reply = patient_model.chat([patient_sys, *patient_turns], GenerationParams(max_tokens=96)).text.strip()
        patient_turns.append(Message(role="assistant", content=reply))
        transcript.append({"role": "patient", "content": reply})
        doctor_msgs.append(Message(role="user", content=reply))
    if assessment is None:
        doctor_msgs.append(Message(role="user", content=_FORCE[lang]))
        r = doctor.chat(doctor_msgs, max_tokens=256)
        responses.append(r)
        transcript.append({"role": "doctor", "content": r.text.strip()})
        m = _ASSESS.search(r.text)
        assessment = r.text[m.end():].strip() if m else r.text.strip()
    return {"transcript": transcript, "assessment": assessment, "responses": responses,
            "questions": sum(1 for t in transcript if t["role"] == "doctor") - 1}


def score_dialogue(item: EvalItem, system: System, *, patient: Any, judge: Judge | None,
                   max_turns: int = MAX_TURNS) -> EvalResult:
    if patient is None:
        raise MFMError("Dialogue items need a patient model.", "Pass --patient NAME (a registered model).")
    sim = simulate(item, system, patient, max_turns=max_turns)
    said = "\n".join(t["content"] for t in sim["transcript"][1:] if t["role"] == "patient")
    findings = key_findings(item.context or "")
    hits = elicited(findings, said)
    rs: list[Response] = sim["responses"]
    reference = item.answer if isinstance(item.answer, str) else ""
    scores = {"findings_elicited": sum(hits) / len(hits) if hits else 0.0, "turns": float(sim["questions"] + 1),
              "findings_total": float(len(findings))}
    if judge is not None and reference:
        scores["assessment_quality"] = judge.quality(item.question, reference, sim["assessment"])
    return EvalResult(item_id=item.id, prediction=sim["assessment"], raw=sim["assessment"],
                      score=scores.get("assessment_quality", scores["findings_elicited"]), scores=scores,
                      latency_s=sum(r.latency_s for r in rs), prompt_tokens=sum(r.prompt_tokens for r in rs),
                      completion_tokens=sum(r.completion_tokens for r in rs),
                      metadata={"transcript": sim["transcript"], "method": "dialogue"})


def dialogue_items(items: list[EvalItem]) -> list[EvalItem]:
    """One consultation per CMB-Clin case: the record is the context, the first QA pair the reference."""
    by_case: dict[str, EvalItem] = {}
    for it in items:
        case = str(it.metadata.get("case_id", it.id))
        if case not in by_case and it.context:
            by_case[case] = it.model_copy(update={"id": case, "task": "dialogue"}, deep=True)
    return list(by_case.values())
