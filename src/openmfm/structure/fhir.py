"""A structured note as a FHIR R4 Bundle, built and validated with ``fhir.resources``' R4B models.

Assertions map to FHIR's statuses: negated -> refuted (Condition, AllergyIntolerance), not-taken
(MedicationStatement), not-done (Procedure); possible -> provisional / unconfirmed; historical ->
confirmed, with clinicalStatus active for a disease (a history of hypertension is usually still
hypertension) and resolved for a past symptom; family -> FamilyMemberHistory; hypothetical items
("return if chest pain") are not facts and become no resource. Every resource carries its note
span in an extension, so a reviewer can find the characters it came from.
"""

from __future__ import annotations

import uuid

from .records import Entity, StructuredNote

SPAN_URL = "https://openmfm.org/fhir/StructureDefinition/note-span"
SYSTEMS = {"icd10": "http://hl7.org/fhir/sid/icd-10", "icd10cm": "http://hl7.org/fhir/sid/icd-10-cm"}
_VER = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
_CLIN = "http://terminology.hl7.org/CodeSystem/condition-clinical"
_AVER = "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification"
_ACLIN = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical"
_OBS_CAT = "http://terminology.hl7.org/CodeSystem/observation-category"


def _cc(system: str, code: str, display: str | None = None) -> dict:
    c = {"system": system, "code": code}
    if display:
        c["display"] = display
    return {"coding": [c]}


def _concept(e: Entity) -> dict:
    out: dict = {"text": e.text}
    codings = [{"system": SYSTEMS[c.system], "code": c.code, **({"display": c.display} if c.display else {})} for c in e.codes]
    if codings:
        out["coding"] = codings
    return out


def _resource(e: Entity, subject: dict) -> dict | None:
    span = [{"url": SPAN_URL, "valueString": f"{e.start}-{e.end}"}]
    base = {"id": e.id, "extension": span}
    a = e.assertion
    if a == "hypothetical" or e.type == "anatomy":
        return None
    if a == "family" or e.experiencer == "other":
        if e.type not in ("problem", "symptom"):
            return None
        return {"resourceType": "FamilyMemberHistory", **base, "status": "completed", "patient": subject,
                "relationship": _cc("http://terminology.hl7.org/CodeSystem/v3-RoleCode", "FAMMEMB", "family member"),
                "condition": [{"code": _concept(e)}]}
    if e.type in ("problem", "symptom"):
        ver = {"negated": "refuted", "possible": "provisional"}.get(a, "confirmed")
        res = {"resourceType": "Condition", **base, "subject": subject, "code": _concept(e),
               "verificationStatus": _cc(_VER, ver),
               "category": [_cc("http://terminology.hl7.org/CodeSystem/condition-category",
                                "problem-list-item" if e.type == "problem" else "encounter-diagnosis")]}
        if a == "present":
            res["clinicalStatus"] = _cc(_CLIN, "active")
        elif a == "historical":
            res["clinicalStatus"] = _cc(_CLIN, "active" if e.type == "problem" else "resolved")
        elif a == "possible":
            res["clinicalStatus"] = _cc(_CLIN, "active")
        else:
            res["category"] = [_cc("http://terminology.hl7.org/CodeSystem/condition-category", "encounter-diagnosis")]
        return res
    if e.type == "allergy":
        ver = {"negated": "refuted", "possible": "unconfirmed"}.get(a, "confirmed")
        res = {"resourceType": "AllergyIntolerance", **base, "patient": subject, "code": _concept(e),
               "verificationStatus": _cc(_AVER, ver)}
        if ver != "refuted":
            res["clinicalStatus"] = _cc(_ACLIN, "active")
        return res
    if e.type == "medication":
        status = {"negated": "not-taken", "historical": "completed", "possible": "unknown"}.get(a, "active")
        res = {"resourceType": "MedicationStatement", **base, "status": status, "subject": subject,
               "medicationCodeableConcept": {"text": e.normalized or e.text}}
        at = e.attributes
        dosage: dict = {}
        text = " ".join(str(x) for x in (at.dose, at.unit, at.route, at.frequency, at.duration) if x not in (None, ""))
        if text:
            dosage["text"] = text
        if at.route:
            dosage["route"] = {"text": at.route}
        if at.dose is not None:
            dosage["doseAndRate"] = [{"doseQuantity": {"value": at.dose, **({"unit": at.unit} if at.unit else {})}}]
        if at.frequency:
            dosage["timing"] = {"code": {"text": at.frequency}}
        if dosage:
            res["dosage"] = [dosage]
        return res
    if e.type == "procedure":
        status = {"negated": "not-done", "possible": "unknown"}.get(a, "completed")
        return {"resourceType": "Procedure", **base, "status": status, "subject": subject, "code": {"text": e.text}}
    if e.type in ("lab", "vital"):
        at = e.attributes
        cat = "vital-signs" if e.type == "vital" else "laboratory"
        res = {"resourceType": "Observation", **base, "status": "final", "subject": subject,
               "category": [_cc(_OBS_CAT, cat)], "code": {"text": e.normalized or e.text}}
        if at.systolic is not None and at.diastolic is not None:
            res["component"] = [
                {"code": {"text": "systolic"}, "valueQuantity": {"value": at.systolic, "unit": at.unit or "mmHg"}},
                {"code": {"text": "diastolic"}, "valueQuantity": {"value": at.diastolic, "unit": at.unit or "mmHg"}}]
        elif isinstance(at.value, float):
            res["valueQuantity"] = {"value": at.value, **({"unit": at.unit} if at.unit else {})}
        elif isinstance(at.value, str):
            res["valueString"] = at.value
        if at.abnormal:
            code = {"high": "H", "low": "L"}.get(at.abnormal, "A")
            res["interpretation"] = [_cc("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", code)]
        if at.range:
            res["referenceRange"] = [{"text": at.range}]
        return res
    return None


def to_fhir(note: StructuredNote, *, patient: str = "Patient/unknown") -> dict:
    """The note's entities as a collection Bundle (JSON dict), validated by constructing the
    R4B models; raises pydantic's ValidationError if a resource does not conform (a bug here)."""
    from fhir.resources.R4B.bundle import Bundle  # deferred: fhir.resources loads ~150 models

    subject = {"reference": patient}
    entries = []
    for e in note.entities:
        res = _resource(e, subject)
        if res is not None:
            entries.append({"fullUrl": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, note.sha256 + e.id)}", "resource": res})
    bundle = Bundle.model_validate({"resourceType": "Bundle", "type": "collection", "entry": entries})
    return bundle.model_dump(mode="json", exclude_none=True)
