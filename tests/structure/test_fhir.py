"""FHIR R4 output: valid under fhir.resources (R4B), statuses from assertions, spans kept."""

from __future__ import annotations

from fhir.resources.R4B.bundle import Bundle

from openmfm.structure.fhir import SPAN_URL, to_fhir


def _by_text(bundle: dict) -> dict[str, dict]:
    out = {}
    for entry in bundle["entry"]:
        r = entry["resource"]
        concept = r.get("code") or r.get("medicationCodeableConcept") or (r.get("condition") or [{}])[0].get("code", {})
        out[concept.get("text")] = r
    return out


def test_bundle_validates_and_maps_assertions(run):
    text = ("PMH: asthma. Denies wheezing. Possible bronchitis. Allergies: latex.\n"
            "Meds: albuterol 2 puffs inhaled q4h prn. Not taking montelukast.\n"
            "Vitals: SpO2 94 %, RR 22. Labs: CRP 48 mg/L (0-5).\nPrior cholecystectomy. Mother: asthma. Return if chest pain.")
    note = run(text)
    bundle = to_fhir(note, patient="Patient/p1")
    Bundle.model_validate(bundle)  # a second, independent validation of what we return
    res = _by_text(bundle)
    assert res["wheezing"]["verificationStatus"]["coding"][0]["code"] == "refuted"
    assert "clinicalStatus" not in res["wheezing"]
    assert res["bronchitis"]["verificationStatus"]["coding"][0]["code"] == "provisional"
    assert res["latex"]["resourceType"] == "AllergyIntolerance"
    assert res["albuterol"]["status"] == "active"
    assert res["montelukast"]["status"] == "not-taken"
    assert res["cholecystectomy"]["resourceType"] == "Procedure"
    crp = next(r for r in bundle["entry"] if r["resource"].get("code", {}).get("text") == "C-reactive protein")["resource"]
    assert crp["valueQuantity"]["value"] == 48.0 and crp["interpretation"][0]["coding"][0]["code"] == "H"
    assert any(e["resource"]["resourceType"] == "FamilyMemberHistory" for e in bundle["entry"])
    assert "chest pain" not in res  # hypothetical: no resource
    for entry in bundle["entry"]:
        ext = entry["resource"]["extension"][0]
        assert ext["url"] == SPAN_URL
        start, end = map(int, ext["valueString"].split("-"))
        assert 0 <= start < end <= len(text)


def test_chinese_bundle_codes(run):
    note = run("诊断：高血压3级，否认糖尿病。用药：硝苯地平控释片 30mg 口服 每日一次。")
    bundle = to_fhir(note)
    conds = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Condition"]
    assert any(c["code"]["coding"][0]["code"] == "I10" for c in conds)
    assert any(c["verificationStatus"]["coding"][0]["code"] == "refuted" for c in conds)
    med = next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "MedicationStatement")
    assert med["dosage"][0]["doseAndRate"][0]["doseQuantity"]["value"] == 30.0
