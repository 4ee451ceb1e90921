"""De-identification: every recognizer in both languages, operators, vault, JSON/FHIR, access."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from openmfm.audit import AuditLog
from openmfm.cli import app
from openmfm.config import load_config
from openmfm.errors import InvalidInput, PermissionDenied
from openmfm.safety.access import KeyStore, require
from openmfm.safety.policy import load_policy
from openmfm.safety.deid import deid, reidentify
from openmfm.safety.deid.engine import analyze
from openmfm.safety.deid.recognizers_zh import resident_id_valid
from openmfm.safety.gate import RequestContext

VALID_RID = "11010519491231002X"  # the GB 11643 worked example


def _types(text, lang):
    return {(text[s.start:s.end], s.entity_type) for s in analyze(text, lang, 0.4)}


@pytest.mark.parametrize("lang,text,value,etype", [
    ("zh", "姓名：欧阳娜娜，女，32岁", "欧阳娜娜", "PERSON"),
    ("zh", "患者刘建华因头痛入院", "刘建华", "PERSON"),
    ("zh", "请联系孙主任", "孙", "PERSON"),
    ("zh", "麻醉医师 王芳", "王芳", "PERSON"),
    ("zh", "主任查房后指示：宁丽华目前发热减轻", "宁丽华", "PERSON"),
    ("zh", f"身份证号：{VALID_RID}", VALID_RID, "CN_RESIDENT_ID"),
    ("zh", "手机：139 1234 5678，座机（021）64041990", "139 1234 5678", "PHONE_NUMBER"),
    ("zh", "座机 021-64041990", "021-64041990", "PHONE_NUMBER"),
    ("zh", "家住浙江省杭州市西湖区文三路90号", "浙江省杭州市西湖区文三路90号", "ADDRESS"),
    ("zh", "住院号：2023004567", "2023004567", "MEDICAL_RECORD_NUMBER"),
    ("zh", "门诊号 MZ77123", "MZ77123", "MEDICAL_RECORD_NUMBER"),
    ("zh", "病案号:A0099812", "A0099812", "MEDICAL_RECORD_NUMBER"),
    ("zh", "医保卡号：3301001234567", "3301001234567", "HEALTH_PLAN_NUMBER"),
    ("zh", "于二〇二二年十月三日手术", "二〇二二年十月三日", "DATE"),
    ("zh", "复查时间2024/1/9", "2024/1/9", "DATE"),
    ("zh", "老人现年97岁", "97", "AGE"),
    ("zh", "邮箱wang.li@qq.com", "wang.li@qq.com", "EMAIL_ADDRESS"),
    ("zh", "报告见 https://his.example.cn/r/88", "https://his.example.cn/r/88", "URL"),
    ("zh", "登录IP 10.2.33.4", "10.2.33.4", "IP_ADDRESS"),
    ("zh", "车牌号粤B·12345", "粤B·12345", "VEHICLE_ID"),
    ("zh", "车架号：LSVAM4187C2184847", "LSVAM4187C2184847", "VEHICLE_ID"),
    ("zh", "缴费账号：6222020200112233", "6222020200112233", "ACCOUNT_NUMBER"),
    ("zh", "医师执业证书编码：110440100012345", "110440100012345", "LICENSE_NUMBER"),
    ("zh", "起搏器序列号：PJN123456S", "PJN123456S", "DEVICE_ID"),
    ("zh", "邮编：310012", "310012", "ZIP_CODE"),
    ("zh", "患者于3月8日复查", "3月8日", "DATE"),
    ("zh", "联系电话 +86 138-1234-5678", "+86 138-1234-5678", "PHONE_NUMBER"),
    ("en", "Patient: Maria Gonzalez was seen today.", "Maria Gonzalez", "PERSON"),
    ("en", "Referred by Dr. Okonkwo for review.", "Okonkwo", "PERSON"),
    ("en", "DOB: 04/17/1948", "04/17/1948", "DATE"),
    ("en", "Admitted on February 2, 2021.", "February 2, 2021", "DATE"),
    ("en", "Call (617) 555-0199 with results.", "(617) 555-0199", "PHONE_NUMBER"),
    ("en", "Fax: 617.555.0142", "617.555.0142", "PHONE_NUMBER"),
    ("en", "Email: k.lee@example.org", "k.lee@example.org", "EMAIL_ADDRESS"),
    ("en", "SSN 078-05-1120 on file", "078-05-1120", "US_SSN"),
    ("en", "MRN: 00451234", "00451234", "MEDICAL_RECORD_NUMBER"),
    ("en", "Member ID: XJH445566778", "XJH445566778", "HEALTH_PLAN_NUMBER"),
    ("en", "Account #: 7734002211", "7734002211", "ACCOUNT_NUMBER"),
    ("en", "Driver's license D1234567", "D1234567", "LICENSE_NUMBER"),
    ("en", "VIN 1FTFW1ET5DFC10312", "1FTFW1ET5DFC10312", "VEHICLE_ID"),
    ("en", "Pacemaker serial number PM-88321-X", "PM-88321-X", "DEVICE_ID"),
    ("en", "See https://portal.example.com/chart/77", "https://portal.example.com/chart/77", "URL"),
    ("en", "from IP 203.0.113.9", "203.0.113.9", "IP_ADDRESS"),
    ("en", "Lives in Boston, MA 02115", "02115", "ZIP_CODE"),
    ("en", "She is a 94-year-old woman", "94", "AGE"),
    ("en", "Home: 12 Elm Street, Apt 4, Salem, OR 97301", "12 Elm Street, Apt 4, Salem, OR 97301", "ADDRESS"),
])
def test_recognizers(lang, text, value, etype):
    assert (value, etype) in _types(text, lang)


def test_no_phi_in_ordinary_clinical_text():
    assert _types("高血压病史10年，规律服用硝苯地平，血压控制可。", "zh") == set()
    assert _types("术前完善相关检查，麻醉评估后查体无特殊。", "zh") == set()
    assert _types("Blood pressure 130/80, heart rate 72, no edema. Continue metformin 500 mg.", "en") == set()
    assert _types("An 85-year-old woman with COPD.", "en") == set()  # ages up to 89 are not identifiers


def test_resident_id_checksum_and_wrong_checksum_treated_as_generic_id():
    assert resident_id_valid(VALID_RID)
    wrong = VALID_RID[:-1] + "5"
    assert not resident_id_valid(wrong)
    found = _types(f"证件：{wrong}", "zh")
    assert (wrong, "ID_NUMBER") in found and (wrong, "CN_RESIDENT_ID") not in found


def test_fullwidth_digits_spaces_and_zero_width_inside_identifiers():
    fw = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in VALID_RID)
    text = f"身份证{fw}，手机１３８\u200b１２３４\u200b５６７８，ID {VALID_RID[:6]} {VALID_RID[6:14]} {VALID_RID[14:]}"
    r = deid(text, operator="redact", language="zh")
    assert r.text.count("[CN_RESIDENT_ID]") == 2 and "[PHONE_NUMBER]" in r.text
    assert not any(c.isdigit() or "\uff10" <= c <= "\uff19" for c in r.text)


def test_mixed_chinese_english_note():
    r = deid("患者李明（Patient: Ming Li），MRN 5567123，手机13900001111，Dr. Carter 会诊。", operator="redact")
    for value in ("李明", "Ming Li", "5567123", "13900001111", "Carter"):
        assert value not in r.text


def test_operators_redact_mask_and_format():
    text = "患者王芳，手机13812345678。"
    assert deid(text, operator="redact").text == "患者[PERSON]，手机[PHONE_NUMBER]。"
    assert deid(text, operator="mask").text == "患者**，手机***********。"
    with pytest.raises(InvalidInput):
        deid(text, operator="shred")


def test_surrogates_consistent_within_patient_and_format_preserving():
    note = "患者陈晓东，男，于2023年3月5日入院，2023-03-09出院。陈晓东恢复良好。"
    a = deid(note, operator="surrogate", patient_id="P-1")
    b = deid("姓名：陈晓东，复诊日期2023年3月5日", operator="surrogate", patient_id="P-1")
    names_a = [e.replacement for e in a.entities if e.entity_type == "PERSON"]
    names_b = [e.replacement for e in b.entities if e.entity_type == "PERSON"]
    assert len(set(names_a)) == 1 and names_a[0] == names_b[0] != "陈晓东" and len(names_a[0]) == 3
    dates_a = [e.replacement for e in a.entities if e.entity_type == "DATE"]
    dates_b = [e.replacement for e in b.entities if e.entity_type == "DATE"]
    assert dates_a[0] == dates_b[0] and dates_a[0].endswith("日") and "年" in dates_a[0]
    # the shift is the same for every date of the patient: 4 days between admission and discharge survive
    from datetime import date
    y, rest = dates_a[0].split("年"); m, d = rest.rstrip("日").split("月")
    assert (date.fromisoformat(dates_a[1]) - date(int(y), int(m), int(d))).days == 4
    other = deid(note, operator="surrogate", patient_id="P-2")
    assert [e.replacement for e in other.entities if e.entity_type == "DATE"][0] != dates_a[0]


def test_english_surrogates_consistent():
    r = deid("Patient: Susan Miller, seen 03/04/2022. Susan Miller denies pain. Phone 617-555-0123.",
             operator="surrogate", patient_id="X")
    names = {e.replacement for e in r.entities if e.entity_type == "PERSON" and " " in e.replacement}
    assert len(names) == 1 and "Susan Miller" not in r.text
    date = next(e.replacement for e in r.entities if e.entity_type == "DATE")
    assert len(date) == 10 and date[2] == "/" and date != "03/04/2022"


def test_vault_round_trip_privacy_officer_only_and_audited():
    cfg = load_config()
    note = "患者赵丽，电话13711112222；Patient: Tom Baker, MRN 8812345."
    pseudo = deid(note, operator="pseudonymize")
    assert "赵丽" not in pseudo.text and "[PERSON#" in pseudo.text
    officer = RequestContext(actor="po", role="privacy_officer")
    assert reidentify(pseudo.text, ctx=officer).text == note
    for role in ("clinician", "patient", "researcher", "admin"):
        with pytest.raises(PermissionDenied):
            reidentify(pseudo.text, ctx=RequestContext(actor="x", role=role))
    log = AuditLog(cfg.audit_path)
    assert log.list(action="reidentify") and log.list(action="reidentify_denied")
    dumped = json.dumps([r.model_dump(mode="json") for r in log.list(limit=500)], ensure_ascii=False)
    for raw in ("赵丽", "13711112222", "Tom Baker", "8812345"):
        assert raw not in dumped  # no raw PHI in the audit log
    assert log.verify().ok


def test_patient_role_may_not_deid_and_denial_is_audited():
    with pytest.raises(PermissionDenied):
        deid("text", ctx=RequestContext(role="patient"))
    assert AuditLog(load_config().audit_path).list(action="deid_denied")


def test_api_keys_hashed_and_mapped_to_roles():
    cfg = load_config()
    store = KeyStore(cfg)
    key = store.add("alice", "privacy_officer")
    ctx = store.authenticate(key)
    assert ctx.role == "privacy_officer" and ctx.actor == "alice"
    require(ctx, "reidentify", policy=load_policy(cfg), cfg=cfg)
    assert key.split("_", 2)[2].encode() not in store.path.read_bytes()
    with pytest.raises(PermissionDenied):
        store.authenticate(key[:-1] + ("A" if key[-1] != "A" else "B"))
    store.revoke(key.split("_")[1])
    with pytest.raises(PermissionDenied):
        store.authenticate(key)


FHIR = {
    "resourceType": "Bundle",
    "entry": [{"resource": {
        "resourceType": "Patient", "id": "pat1",
        "identifier": [{"system": "urn:mrn", "value": "MRN-445566"}],
        "name": [{"family": "Nguyen", "given": ["Anh"]}, {"text": "阮英"}],
        "telecom": [{"system": "phone", "value": "+1 617 555 0100"}, {"system": "email", "value": "anh@example.com"}],
        "birthDate": "1950-06-01",
        "address": [{"line": ["77 Harbor Road"], "city": "Quincy", "state": "MA", "postalCode": "02169"}],
        "contained": [{"resourceType": "RelatedPerson", "name": [{"family": "Tran", "given": ["Binh"]}]}],
        "managingOrganization": {"display": "General Hospital"},
    }}, {"resource": {
        "resourceType": "Observation", "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": "8480-6"}]},
        "effectiveDateTime": "2023-02-01", "note": [{"text": "Discussed with Anh Nguyen by phone 617-555-0100."}],
        "text": {"div": "<div>患者阮英，2023年2月1日复查</div>"},
    }}],
}


def test_nested_fhir_json_with_contained_resources():
    r = deid(FHIR, operator="redact")
    dumped = json.dumps(r.data, ensure_ascii=False)
    for raw in ("Nguyen", "Anh", "阮英", "MRN-445566", "617", "anh@example.com", "1950-06-01", "77 Harbor Road", "Quincy",
                "02169", "Tran", "Binh", "2023-02-01", "2023年2月1日"):
        assert raw not in dumped, raw
    obs = r.data["entry"][1]["resource"]
    assert obs["code"]["coding"][0] == {"system": "http://loinc.org", "code": "8480-6"}  # codes untouched
    assert r.data["entry"][0]["resource"]["address"][0]["state"] == "MA"  # state level allowed
    assert any(e.path == "entry.0.resource.contained.0.name.0.family" for e in r.entities)


def test_plain_json_record_keys():
    r = deid({"姓名": "周杰", "电话": "13800138000", "诊断": "高血压", "visits": [{"date": "2024-01-02", "note": "周杰复诊"}]},
             operator="redact")
    assert r.data["姓名"] == "[PERSON]" and r.data["电话"] == "[PHONE_NUMBER]" and r.data["诊断"] == "高血压"
    assert r.data["visits"][0]["note"] == "[PERSON]复诊"


def test_huge_and_wrong_type_input():
    with pytest.raises(InvalidInput):
        deid("x" * 2_000_001)
    with pytest.raises(InvalidInput):
        deid(12345)


runner = CliRunner()


def test_cli_deid_text_and_json_and_malformed(tmp_path):
    r = runner.invoke(app, ["deid", "--", "患者张伟，手机13812345678，2023年3月5日入院。"])
    assert r.exit_code == 0 and "[PERSON]" in r.output and "PHONE_NUMBER" in r.output and "张伟" not in r.output
    r = runner.invoke(app, ["deid", "--json", "--operator", "mask", "--", "Patient: John Carter, MRN 99812"])
    data = json.loads(r.output)
    assert data["operator"] == "mask" and "John Carter" not in data["text"]
    f = tmp_path / "p.json"
    f.write_text(json.dumps(FHIR), encoding="utf-8")
    r = runner.invoke(app, ["deid", str(f)])
    assert r.exit_code == 0 and "Nguyen" not in r.output
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "x",', encoding="utf-8")
    r = runner.invoke(app, ["deid", str(bad)])
    assert r.exit_code != 0 and isinstance(r.exception, InvalidInput) and "line 1" in r.exception.message


def test_cli_path_goes_through_policy_and_keys(tmp_path, monkeypatch):
    key = KeyStore(load_config()).add("pat", "patient")
    r = runner.invoke(app, ["deid", "--api-key", key, "--", "患者张伟"])
    assert isinstance(r.exception, PermissionDenied)
    pseudo = runner.invoke(app, ["deid", "--json", "--operator", "pseudonymize", "--", "Patient: Ada Byron"])
    text = json.loads(pseudo.output)["text"]
    r = runner.invoke(app, ["reidentify", "--", text])
    assert isinstance(r.exception, PermissionDenied)
    officer = KeyStore(load_config()).add("po", "privacy_officer")
    monkeypatch.setenv("MFM_API_KEY", officer)
    r = runner.invoke(app, ["reidentify", "--", text])
    assert r.exit_code == 0 and "Ada Byron" in r.output


def test_policy_file_gates_cli_and_python_paths(tmp_path, monkeypatch):
    from openmfm.safety.policy import builtin_policy_text

    text = (builtin_policy_text().replace('default_operator = "redact"', 'default_operator = "mask"')
            .replace('clinician = ["ask", "deid", "view_phi",', 'clinician = ["ask",'))
    f = tmp_path / "strict.toml"
    f.write_text(text, encoding="utf-8")
    monkeypatch.setenv("MFM_POLICY_FILE", str(f))
    with pytest.raises(PermissionDenied):
        deid("患者张伟")  # the default local role is a clinician, now without "deid"
    assert isinstance(runner.invoke(app, ["deid", "--", "患者张伟"]).exception, PermissionDenied)
    researcher = KeyStore(load_config()).add("r", "researcher")
    r = runner.invoke(app, ["deid", "--api-key", researcher, "--json", "--", "患者张伟"])
    data = json.loads(r.output)
    assert data["operator"] == "mask" and data["text"] == "患者**"
    from openmfm.safety.policy import parse_policy
    assert data["policy_version"] == parse_policy(text, "x").version != parse_policy(builtin_policy_text(), "y").version


# --- General mechanisms: form fields, identifier labels, prose names, more date shapes ---------


# Towns, counties and street addresses: a place either way, and a surrogate stays a place.
GEO = ("ADDRESS", "LOCATION")


def _covered(text, lang, value, etype):
    """True when spans of type ``etype`` (one type, or a tuple of acceptable ones) cover every
    non-space character of ``value``: a name found as a date, or a town as a person, is not found."""
    types = (etype,) if isinstance(etype, str) else etype
    spans = [(s.start, s.end) for s in analyze(text, lang, 0.4) if s.entity_type in types]
    i = text.index(value)
    return all(any(a <= k < b for a, b in spans) for k in range(i, i + len(value)) if not text[k].isspace())


@pytest.mark.parametrize("lang,text,value,etype", [
    # A label that denotes a person, whatever its exact wording, and a name-shaped value.
    ("zh", "受检者：韩雪梅\n送检科室：消化内科", "韩雪梅", "PERSON"),
    ("zh", "乙方（居民）：魏东\n身份证号码：略", "魏东", "PERSON"),
    ("zh", "处方审核药师：姚春燕　调配/发药：郑国华", "郑国华", "PERSON"),
    ("zh", "主刀：申明　一助：庞丽", "申明", "PERSON"),
    ("zh", "转诊患者 MENG FANDONG 的资料已收到", "MENG FANDONG", "PERSON"),
    ("en", "Decedent's legal name: OKAFOR CHIDI\nSex: M", "OKAFOR CHIDI", "PERSON"),
    ("en", "Guarantor: JOHNSON, MARK T    Guarantor ID: 884412", "JOHNSON, MARK T", "PERSON"),
    ("en", "PATIENT: DOE^JANE^Q    MRN 5512", "DOE^JANE^Q", "PERSON"),
    ("en", "Informant: Rita Moreno (sister)   Phone: n/a", "Rita Moreno", "PERSON"),
    ("en", "legally authorized representative: Kevin Brooks    Relationship: son", "Kevin Brooks", "PERSON"),
    ("en", "Caller: Yolanda Price for patient follow-up", "Yolanda Price", "PERSON"),
    # Identifiers announced by any identifier label, typed by the label.
    ("zh", "病理号：B2023-00451\n受检者：略", "B2023-00451", "MEDICAL_RECORD_NUMBER"),
    ("zh", "结算单据号：JS2023050112345", "JS2023050112345", "ACCOUNT_NUMBER"),
    ("zh", "银行账号：6222 0212 3456 7890 123", "6222 0212 3456 7890 123", "ACCOUNT_NUMBER"),
    ("zh", "建床号：ZY20230088　患者：略", "ZY20230088", "ID_NUMBER"),
    ("en", "Prior auth\nPlan ID XK4455120\nDate of birth: unknown", "XK4455120", "HEALTH_PLAN_NUMBER"),
    ("en", "Claim #: CLM123456789", "CLM123456789", "ACCOUNT_NUMBER"),
    ("en", "Accession: S23-04512", "S23-04512", "MEDICAL_RECORD_NUMBER"),
    ("en", "Certifier: Dana Kim, MD    DEA# AB1234563", "AB1234563", "LICENSE_NUMBER"),
    ("en", "State registry ID: 430721309", "430721309", "MEDICAL_RECORD_NUMBER"),
    # Unlabelled identifiers: long digit runs and letter+digit codes.
    ("en", "Slides from SP-22-004512 reviewed at the tumor board.", "SP-22-004512", "ID_NUMBER"),
    ("zh", "影像资料CT2023051200871已上传。", "CT2023051200871", "ID_NUMBER"),
    # Names in running prose and in letters.
    ("zh", "今日向患者之女高斌详细交代廖秀荣病情。", "廖秀荣", "PERSON"),
    ("zh", "今日向患者之女高斌详细交代病情。", "高斌", "PERSON"),
    ("zh", "主任查房后指示：何建平目前症状减轻。", "何建平", "PERSON"),
    ("zh", "兹证明 孔想 同志于我院就诊。", "孔想", "PERSON"),
    ("zh", "就诊人：刘彬（Liu Bin）　性别：男", "Liu Bin", "PERSON"),
    ("en", "Hi Samantha,\nYour results are normal.", "Samantha", "PERSON"),
    ("en", "See you next week.\nThanks,\nJosh", "Josh", "PERSON"),
    ("en", "S: Amber states the cough is better.", "Amber", "PERSON"),
    ("en", "Assumed care of Amanda Lewis (69 yo female).", "Amanda Lewis", "PERSON"),
    ("en", "Please excuse Amy Haynes from work this week.", "Amy Haynes", "PERSON"),
    ("en", "Daughter/HCP is Justin, best number below.", "Justin", "PERSON"),
    ("en", "Prescriber: Dr. Zimmerman, phone on file", "Zimmerman", "PERSON"),
    # Dates in more shapes, and times that belong to them.
    ("zh", "签署日期：二〇一七年四月十四日", "二〇一七年四月十四日", "DATE"),
    ("zh", "检查时间：2016年8月29日 下午3:58", "2016年8月29日 下午3:58", "DATE"),
    ("zh", "记录者：略　20161125", "20161125", "DATE"),
    ("zh", "复查时间2024/5/3", "2024/5/3", "DATE"),
    ("en", "Sent: 26SEP2020", "26SEP2020", "DATE"),
    ("en", "Seen Aug. 24, 2021 in clinic.", "Aug. 24, 2021", "DATE"),
    ("en", "Return 5-3-24 for labs.", "5-3-24", "DATE"),
    ("en", "Surgery on the 3rd of May 2021.", "3rd of May 2021", "DATE"),
    ("en", "Date/Time: Tuesday, May 9, 2023 10:03 PM", "Tuesday, May 9, 2023 10:03 PM", "DATE"),
    ("en", "Collected: 20230926   Received: later", "20230926", "DATE"),
    # Full-width separators inside a phone number; an age over 89 written with the sex.
    ("zh", "委托人联系电话：１３９－３３９３－８１５４", "１３９－３３９３－８１５４", "PHONE_NUMBER"),
    ("en", "signing out Andrea Brown (93F, MRN on file)", "93", "AGE"),
])
def test_general_mechanisms_find(lang, text, value, etype):
    assert _covered(text, lang, value, etype), (value, _types(text, lang))


@pytest.mark.parametrize("lang,text", [
    # Drug names, doses, diagnoses, departments, lab values, ICD/CPT codes, lot numbers.
    ("zh", "诊断：高血压病3级，2型糖尿病。\n用药：硝苯地平控释片30mg qd，二甲双胍0.5g tid。\n科室：心血管内科　床号：12\n"
           "检验：白细胞 6.5×10^9/L，血红蛋白 128g/L，肌酐 88μmol/L。"),
    ("zh", "麻醉方式：全身麻醉\n手术名称：腹腔镜胆囊切除术\n术中出血约50ml，术后安返病房。\n药品批号：20230512　批准文号：国药准字H20051234"),
    ("zh", "主任医师查房后指示：继续抗感染治疗，复查血常规。护士长组织病区护理查房。\n免疫组化：CK7（+），TTF-1（+），Ki-67约30%。ICD编码：J18.9"),
    ("zh", "出院带药：甲钴胺片0.5mg tid；叶酸片5mg qd。\n康复科会诊意见：早期功能锻炼。\n术前诊断：腰4/5椎间盘突出症"),
    ("zh", "于二〇二二年手术。倍他乐克（Metoprolol）47.5mg qd。"),
    ("en", "Assessment: Type 2 diabetes mellitus (E11.9), hypertension (I10).\nPlan: Metformin 500 mg PO BID, Lisinopril 10 mg daily.\n"
           "Labs: WBC 7.2, Hgb 13.1, Creatinine 0.9 mg/dL (ref 0.57-1.00). Glucose 162 mg/dL 65-99"),
    ("en", "Department of Internal Medicine\nCardiology consult for atrial fibrillation. Apixaban 5 mg BID.\nLot number: U4521AA, NDC 0002-1433-80, CPT 99214."),
    ("en", "Heparin 5000 units SC q8h. Zofran 4 mg IV PRN nausea.\nBP 128/76, HR 82, SpO2 98% on RA. Room 412, Bed B."),
    ("en", "Manner of death: Natural\nSubscriber name: unknown\nClaim #: pending\nMyChart message\nTo: Hospitalist Team B"),
    ("en", "Client: Nguyen, Williamson and Smith Medical Center\nRelationship to subscriber: Spouse"),
])
def test_general_mechanisms_leave_clinical_content_alone(lang, text):
    assert _types(text, lang) == set()


def test_lot_column_of_a_table_is_not_an_identifier():
    note = "疫苗名称　接种日期　批号　接种医生\n乙肝疫苗　2021-10-12　Y19307625　胡淑珍"
    found = _types(note, "zh")
    assert ("胡淑珍", "PERSON") in found or any(v == "胡淑珍" for v, _ in found)
    assert not any(v == "Y19307625" for v, _ in found)


def test_identifier_type_follows_the_label():
    found = _types("Subscriber ID: W1234567890\nClaim #: CLM384691504\nSerial no. PJN123456H\nAccession No.: S20-80549", "en")
    assert ("W1234567890", "HEALTH_PLAN_NUMBER") in found
    assert ("CLM384691504", "ACCOUNT_NUMBER") in found
    assert ("PJN123456H", "DEVICE_ID") in found
    assert ("S20-80549", "MEDICAL_RECORD_NUMBER") in found


# Round-6 mechanisms: two-digit years, month-day with time cues, clock times after dates, ages
# over 89 in words and shorthand, phone extensions and country codes, rural and US town/state
# addresses, plates, messaging accounts, tables read by header, staff named by role.
@pytest.mark.parametrize("lang,text,value,etype", [
    ("zh", "复诊时间：21年11月3日上午", "21年11月3日", "DATE"),
    ("zh", "采样时间：22.10.09，结果见附页", "22.10.09", "DATE"),
    ("zh", "入科时间：18/6/30　床位：5床", "18/6/30", "DATE"),
    ("zh", "记录时间：25-01-17 23:05", "25-01-17 23:05", "DATE"),
    ("zh", "拟于6.15起停用阿司匹林", "6.15", "DATE"),
    ("zh", "胸片（3-9）：右下肺斑片影", "3-9", "DATE"),
    ("zh", "下次换药：11.2（周三）", "11.2", "DATE"),
    ("zh", "输液记录：第2天 7.21 14:30 护士签名", "7.21 14:30", "DATE"),
    ("zh", "老人今年一百零二岁，独居", "一百零二", "AGE"),
    ("zh", "联系电话：+86 591 8765 4321 分机203", "+86 591 8765 4321 分机203", "PHONE_NUMBER"),
    ("zh", "紧急联系人：周蕾　(+86)15967781234", "(+86)15967781234", "PHONE_NUMBER"),
    ("zh", "科室座机 0431 8899 1234，工作日可打", "0431 8899 1234", "PHONE_NUMBER"),
    ("zh", "总机0591-87654321转6603", "0591-87654321转6603", "PHONE_NUMBER"),
    ("zh", "家在宁远县桐木乡石桥村五组", "宁远县桐木乡石桥村五组", "ADDRESS"),
    ("zh", "住址：湖南省永州市宁远县桐木乡石桥村2组18号", "湖南省永州市宁远县桐木乡石桥村2组18号", "ADDRESS"),
    ("zh", "王大爷今天血压偏高", "王", "PERSON"),
    ("zh", "请添加家属微信号 lz_meng2019 发送报告", "lz_meng2019", "ACCOUNT_NUMBER"),
    ("zh", "患者可在手机上查看：https://his.example.cn/m/report/77x1q9就行", "https://his.example.cn/m/report/77x1q9", "URL"),
    ("zh", "陪同者为其孙子Daniel WU（在加拿大）", "Daniel WU", "PERSON"),
    ("zh", "康复师：何敏（Grace）负责训练", "Grace", "PERSON"),
    ("zh", "受试者号 | 姓名首字母 | 性别\nK-0412 | ZJH | 男", "ZJH", "PERSON"),
    ("zh", "受试者号 | 姓名首字母 | 性别\nK-0412 | ZJH | 男", "K-0412", "MEDICAL_RECORD_NUMBER"),
    ("zh", "工号：60731　科室：放射科", "60731", "ID_NUMBER"),
    ("en", "Triage time: 4/18/2021 @ 2214, walked in", "4/18/2021 @ 2214", "DATE"),
    ("en", "Procedure start 11/2/19 0805 in OR 3", "11/2/19 0805", "DATE"),
    ("en", "Last visit Aug 30 '21 for refill", "Aug 30 '21", "DATE"),
    ("en", "Grandmother is a ninety-one year old widow", "ninety-one", "AGE"),
    ("en", "Bed 12: PRICE, HELEN 20417733 96F CHF", "96", "AGE"),
    ("en", "Bed 12: PRICE, HELEN 20417733 96F CHF", "PRICE, HELEN", "PERSON"),
    ("en", "Bed 12: PRICE, HELEN 20417733 96F CHF", "20417733", "MEDICAL_RECORD_NUMBER"),
    ("en", "Seen with Omar Haddad    98 y.o.    new visit", "98", "AGE"),
    ("en", "Reach the unit clerk at 415-555-0172, ext. 4410 after hours.", "415-555-0172, ext. 4410", "PHONE_NUMBER"),
    ("en", "He moved to Cedar Falls, IA last spring.", "Cedar Falls, IA", GEO),
    ("en", "Mailing: PO Box 411, Greenvale, NY 11548", "PO Box 411, Greenvale, NY 11548", GEO),
    ("en", "Her truck (plate 7TRX 415) was parked outside.", "7TRX 415", "VEHICLE_ID"),
    ("en", "Refill sent, Rx #40981237, pharmacy notified.", "40981237", "MEDICAL_RECORD_NUMBER"),
    ("en", "Visit # | Initials | Status\n5512-03 | RKT | active", "RKT", "PERSON"),
    ("en", "Visit # | Initials | Status\n5512-03 | RKT | active", "5512-03", "MEDICAL_RECORD_NUMBER"),
    ("en", "Member\tDAVIS, ROSE\tPolicy #\tQX55012\nPlan\tHMO", "DAVIS, ROSE", "PERSON"),
    ("en", "Dietitian (Helena Cruz): tolerating diet", "Helena Cruz", "PERSON"),
    ("en", "Family meeting with Rosa Diaz (daughter) and Carl Diaz (son).", "Rosa Diaz", "PERSON"),
    ("en", "Reviewed and agree.\n-Marcus", "Marcus", "PERSON"),
    ("en", "Signed: Irene Walsh, MD, Medical Director of Palliative Care", "Irene Walsh", "PERSON"),
    ("en", "Seen by Owen Price, PharmD, Clinical Pharmacist", "Owen Price", "PERSON"),
])
def test_round6_mechanisms_find(lang, text, value, etype):
    assert _covered(text, lang, value, etype), (text, value, _types(text, lang))


@pytest.mark.parametrize("lang,text", [
    ("zh", "血钾3.5 mmol/L，血红蛋白11.2 g/dL，INR 2.3。"),
    ("zh", "诊断：1. 原发性高血压　2. 屈光不正\n处理：配镜。"),
    ("zh", "由弟弟陪同来诊，病史由本人提供。"),
    ("zh", "紧急情况请拨打120或心理援助热线12356。上周二起咳嗽。"),
    ("zh", "右下6（46）牙体缺损，视力右眼0.8。"),
    ("en", "Pain 6/10 at rest, strength 4/5 in the left leg. Anemia 2/2 CKD."),
    ("en", "Tmax 101F overnight, T 99F this morning."),
    ("en", "Repeat CT at 0600. Restart heparin 5000 units SC. Septic picture resolving."),
    ("en", "Metoprolol succinate 50 mg daily. HBsAg negative, eGFR 58."),
    ("en", "Call 911 or 988 if needed. Vision 20/40 OU. G3P1011. CPT 99213. Seen last Tuesday at 14:30."),
    ("en", "Re: My mother\nSubject: Question about refill"),
])
def test_round6_mechanisms_leave_clinical_content_alone(lang, text):
    assert _types(text, lang) == set(), _types(text, lang)


@pytest.mark.parametrize("lang,text,value,etype", [
    # Nicknames from a surname, aliases, speakers, dotted minority names.
    ("zh", "今日换药由护士小蔡完成，家属满意。", "小蔡", "PERSON"),
    ("zh", "交班人：老钱　接班人：周红", "老钱", "PERSON"),
    ("zh", "病人龚秀英（阿英），男，72岁", "阿英", "PERSON"),
    ("zh", "其乳名“豆豆”，现就读小学。", "豆豆", "PERSON"),
    ("zh", "监护人：古丽米拉·吐尔逊　电话：13912345678", "古丽米拉·吐尔逊", "PERSON"),
    ("zh", "09:12 患者：医生我还要禁食吗？\n潘晓燕：是的，明早抽血后才能吃饭。", "潘晓燕", "PERSON"),
    ("en", "Mrs. Donovan asks that staff call her \"Bunny\" at bedside.", "Bunny", "PERSON"),
    ("en", "[21:40] Theresa Okafor (charge RN): family updated, plan unchanged.", "Theresa Okafor", "PERSON"),
    ("en", "Traveller: ABERNATHY/LUCILLE MS    seat 14C", "ABERNATHY/LUCILLE", "PERSON"),
    # Dates with times, short day-month forms, two-digit years.
    ("zh", "记录时间：2022.03.08 14时05分", "2022.03.08 14时05分", "DATE"),
    ("zh", "既往手术史：19年4月行阑尾切除术。", "19年4月", "DATE"),
    ("zh", "嘱复查5.20，不适随诊。", "5.20", "DATE"),
    ("en", "Seizure on 14-Aug, none since.", "14-Aug", "DATE"),
    ("en", "Next infusion Sep-03-2024 at the cancer center.", "Sep-03-2024", "DATE"),
    ("en", "{\"ts\":\"2023-11-02T08:15:30+05:30\"}", "2023-11-02T08:15:30+05:30", "DATE"),
    ("en", "Line placed 12FEB2021 0915 by IR.", "12FEB2021 0915", "DATE"),
    # Addresses in prose, JSON and intersections.
    ("en", "Found down near Maple Avenue & Birch Lane, Westbrook by bystanders.", "Maple Avenue & Birch Lane, Westbrook", GEO),
    ("en", "Resides in Pawnee County with her son.", "Pawnee County", GEO),
    ("en", "{\"name\":\"x\",\"address\":\"77 Quarry Hill Rd, Unit 5, Milton\"}", "77 Quarry Hill Rd, Unit 5, Milton", GEO),
    ("zh", "{\"addr\":\"朝阳区幸福小区8-3-502\",\"tel\":\"\"}", "朝阳区幸福小区8-3-502", "ADDRESS"),
    ("zh", "事发地点：江宁区天元路与双龙大道交叉口", "江宁区天元路与双龙大道交叉口", "ADDRESS"),
    # Insurance numbers by shape (MBI) and HL7 fields by position.
    ("en", "Payer on file: Medicare 7KD4-HN2-TY81", "7KD4-HN2-TY81", "HEALTH_PLAN_NUMBER"),
    ("en", "PID|1||448812^^^GEN^MR||WATTS^DELIA^M||19380211|F|||19 Orchard Row^^Dover^DE^19901||(302)555-0190",
     "19 Orchard Row^^Dover^DE^19901", "ADDRESS"),
    ("en", "PID|1||448812^^^GEN^MR||WATTS^DELIA^M||19380211|F", "WATTS^DELIA^M", "PERSON"),
    ("en", "IN1|1|MCR01|||||||||||||WATTS^DELIA||||||||||||||||||||||ZX88-1043", "ZX88-1043", "ID_NUMBER"),
    # Ages over 89, e-mail glued to Han, labelled references.
    ("en", "Pt: Harold Vance (96 y) seen with daughter.", "96", "AGE"),
    ("zh", "床号 | 姓名 | 年龄\n3 | 鲁文 | 97", "97", "AGE"),
    ("zh", "请发邮件至邮箱mingzhao77@example.health反馈。", "mingzhao77@example.health", "EMAIL_ADDRESS"),
    ("zh", "座机（0571）8765-4321", "（0571）8765-4321", "PHONE_NUMBER"),
    ("zh", "案号：（2021）京0105民初4411号", "（2021）京0105民初4411号", "ID_NUMBER"),
    ("en", "Transport #: 21-880431 dispatched", "21-880431", "MEDICAL_RECORD_NUMBER"),
    ("en", "Booking ref (PNR): QX7T2M", "QX7T2M", "ACCOUNT_NUMBER"),
])
def test_round7_mechanisms_find(lang, text, value, etype):
    assert _covered(text, lang, value, etype), (text, value, _types(text, lang))


@pytest.mark.parametrize("lang,text", [
    ("zh", "小便正常，大便每日1次，睡眠约6小时。"),
    ("zh", "老年患者，小儿科会诊建议观察。"),
    ("zh", "纯音测听：右耳阈值40 dB，左耳35 dB。"),
    ("zh", "嘱多饮水，少量多餐。"),
    ("en", "Good response to diuresis. Here we go again with the same plan."),
    ("en", "Room #: 412 is ready; bed 2 cleaned."),
    ("en", "MSH|^~\\&|LAB|CORE|||202301011200||ORU^R01|99812345|P|2.5.1"),
    ("en", "Dose increased to 40 mg; K 4.1, Na 139, BUN 18."),
])
def test_round7_mechanisms_leave_clinical_content_alone(lang, text):
    found = {(v, t) for v, t in _types(text, lang) if t != "DATE"}
    assert found == set(), found


@pytest.mark.parametrize("lang,text,value,etype", [
    ("zh", "父亲姓名：巴特尔　　年龄：40岁", "巴特尔", "PERSON"),
    ("en", "PV1|1|I|WARD^4B^12||||^OKONJO^FELIX^^^^MD", "OKONJO^FELIX", "PERSON"),
])
def test_round7_named_fields_find(lang, text, value, etype):
    assert _covered(text, lang, value, etype), (text, value, _types(text, lang))


@pytest.mark.parametrize("lang,text", [
    ("zh", "护士将于明天上午上门。\n此致\n敬礼"),
    ("zh", "姓名：不详"),
    ("zh", "频率(Hz)\t250\t500\t1000\t2000\t4000"),
    ("en", "PV1|1|O|CARD^CLINIC^02"),
    ("en", "Attn: Member Appeals"),
])
def test_round7_false_positives_stay_out(lang, text):
    found = {(v, t) for v, t in _types(text, lang) if t != "DATE"}
    assert found == set(), found


def test_round7_name_column_without_surname():
    text = "床号 | 姓名 | 饮食\n8 | 其其格 | 半流质\n9 | 不详 | 普食"
    assert _covered(text, "zh", "其其格", "PERSON"), _types(text, "zh")
    assert ("不详", "PERSON") not in _types(text, "zh")
