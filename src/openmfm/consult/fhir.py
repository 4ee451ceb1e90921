"""FHIR R4 output: a collection Bundle with the QuestionnaireResponse (one item per slot
answered) and a Composition whose sections point at Condition, MedicationStatement and
AllergyIntolerance resources. Each resource is validated by building it with ``fhir.resources``'
R4B models (R4B shares R4's resources used here), so "valid FHIR" is checked, not assumed.

Pertinent negatives are Conditions with verificationStatus "refuted"; conditions the patient
reports are "unconfirmed": a history is not a diagnosis. The Patient carries no identifier, only
the session's pseudonymous reference.
"""

from __future__ import annotations

import html
import uuid
from typing import Any

from pydantic import ValidationError

from .outpatient import render, shown
from .records import ConsultSession, SlotValue
from .slots import label

_LOINC = "http://loinc.org"
_SECTIONS = {  # outpatient section -> LOINC section code
    "cc": ("10154-3", "Chief complaint"), "hpi": ("10164-2", "History of present illness"),
    "pmh": ("11348-0", "History of past illness"), "meds": ("10160-0", "History of medication use"),
    "allergies": ("48765-2", "Allergies and adverse reactions"), "sh": ("29762-2", "Social history"),
    "fh": ("10157-6", "History of family member diseases"), "ros": ("10187-3", "Review of systems"),
}
_VER = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
_ICD10 = "http://hl7.org/fhir/sid/icd-10"


def _uid(session: ConsultSession, name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'openmfm:consult:{session.id}:{name}')}"


def _concept(v: SlotValue) -> dict[str, Any]:
    c: dict[str, Any] = {"text": v.term or v.value}
    if v.code:
        c["coding"] = [{"system": _ICD10, "code": v.code, "display": v.term or v.value}]
    return c


def _narrative(text: str) -> dict[str, str]:
    return {"status": "generated", "div": f'<div xmlns="http://www.w3.org/1999/xhtml">{html.escape(text)}</div>'}


def resources(s: ConsultSession, lang: str) -> dict[str, Any]:
    """The Bundle as a plain dict (JSON-ready)."""
    patient = _uid(s, "patient")
    subj = {"reference": patient}
    entries: list[dict[str, Any]] = [{"fullUrl": patient, "resource": {"resourceType": "Patient", "active": True}}]
    refs: dict[str, list[str]] = {"pmh": [], "meds": [], "allergies": [], "hpi": [], "ros": [], "fh": []}
    for i, v in enumerate(s.values):
        if v.status in ("unknown", "declined"):
            continue
        url = _uid(s, f"value{i}")
        note = [{"text": f"turn {v.turn}, chars {v.start}-{v.end}: {v.value}"}]
        if v.slot in ("chief_complaint", "past_history", "associated", "negatives", "review_of_systems") and \
                (v.slot == "chief_complaint" or v.term or v.code):
            res = {"resourceType": "Condition", "subject": subj, "code": _concept(v), "note": note,
                   "verificationStatus": {"coding": [{"system": _VER, "code": "refuted" if v.status == "absent" else "unconfirmed"}]}}
            refs["ros" if v.status == "absent" else ("pmh" if v.slot == "past_history" else "hpi")].append(url)
        elif v.slot == "medications":
            if v.status == "absent":
                continue
            res = {"resourceType": "MedicationStatement", "status": "active", "subject": subj,
                   "medicationCodeableConcept": {"text": v.term or v.value}, "note": note}
            if v.dose:
                res["dosage"] = [{"text": v.dose}]
            refs["meds"].append(url)
        elif v.slot == "allergies":
            code = ({"coding": [{"system": "http://snomed.info/sct", "code": "716186003", "display": "No known allergy"}],
                     "text": "No known allergy"} if v.status == "absent" else {"text": v.term or v.value})
            res = {"resourceType": "AllergyIntolerance", "patient": subj, "code": code, "note": note}
            refs["allergies"].append(url)
        else:
            continue
        entries.append({"fullUrl": url, "resource": res})

    items = []
    for slot in dict.fromkeys(v.slot for v in s.values):
        answers = [{"valueString": shown(v, lang)} for v in s.values if v.slot == slot]
        items.append({"linkId": slot, "text": label(slot, lang), "answer": answers})
    qr_url = _uid(s, "questionnaire-response")
    entries.insert(1, {"fullUrl": qr_url, "resource": {
        "resourceType": "QuestionnaireResponse", "status": "in-progress" if s.status == "open" else "completed",
        "subject": subj, "authored": s.updated.isoformat(), "item": items}})

    sections = []
    for line_section in dict.fromkeys(ln.section for ln in render(s, lang)):
        if line_section not in _SECTIONS:
            continue
        code, title = _SECTIONS[line_section]
        text = "\n".join(f"{ln.text} [T{', T'.join(map(str, ln.turns))}]" for ln in render(s, lang) if ln.section == line_section)
        sec = {"title": title, "code": {"coding": [{"system": _LOINC, "code": code, "display": title}]},
               "text": _narrative(text)}
        if refs.get(line_section):
            sec["entry"] = [{"reference": r} for r in refs[line_section]]
        sections.append(sec)
    composition = {"resourceType": "Composition", "status": "preliminary",
                   "type": {"coding": [{"system": _LOINC, "code": "34117-2", "display": "History and physical note"}]},
                   "subject": subj, "date": s.updated.isoformat(),
                   "author": [{"display": "OpenMFM pre-consultation (draft for the clinician)"}],
                   "title": "预问诊记录" if lang == "zh" else "Pre-consultation history", "section": sections}
    if s.urgent:
        composition["extension"] = [{"url": "https://openmfm.org/fhir/StructureDefinition/urgent", "valueBoolean": True}]
    entries.insert(2, {"fullUrl": _uid(s, "composition"), "resource": composition})
    return {"resourceType": "Bundle", "type": "collection", "timestamp": s.updated.isoformat(), "entry": entries}


def validate(bundle: dict[str, Any]) -> list[str]:
    """Problems found by building every resource with fhir.resources (R4B); empty when valid."""
    # deferred: fhir.resources loads hundreds of models
    from fhir.resources.R4B import get_fhir_model_class

    errors = []
    for entry in bundle.get("entry", []):
        res = entry["resource"]
        try:
            get_fhir_model_class(res["resourceType"]).model_validate(res)
        except (ValidationError, ValueError, KeyError) as e:
            errors.append(f"{res.get('resourceType')}: {str(e)[:300]}")
    try:
        get_fhir_model_class("Bundle").model_validate(bundle)
    except (ValidationError, ValueError) as e:
        errors.append(f"Bundle: {str(e)[:300]}")
    return errors
