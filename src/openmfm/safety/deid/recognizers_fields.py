"""Form fields, read the way a person reads them: a label, a separator, a value.

Clinical documents are mostly forms, and a form names its fields far more freely than any list
of labels can anticipate ("受检者：", "Decedent's legal name:", "Subscriber ID:", "结算单据号：").
Instead of enumerating labels, these recognizers look at what a label *denotes*:

- ``FieldPersonRecognizer``: a label whose head word denotes a person (…者, …人, …医师, 姓名,
  签名, name, patient, member, guardian, signed by …) followed by a name-shaped value: a Chinese
  surname and one or two given-name characters, or an English name in any of the ways forms
  write one ("SMITH, JOHN A", "SMITH^JOHN^A", "WANG FANG", "Maria L. Gonzalez").
- ``LabeledCodeRecognizer``: a label whose head word denotes an identifier (ID, No., Number, #,
  号, 编号, 账号, 条码, Accession, Claim, Member, Serial, DEA …) followed by a code with digits;
  the label's other words decide the type (record, health plan, account, device, licence).
  Labels of codes that are not about a person (lot/批号, bed/床号, CPT, ICD, model/型号, 批准文号)
  are left alone.
- ``UnlabeledCodeRecognizer``: long digit strings (8 or more digits) and letter+digit codes with
  six or more digits, which are identifiers far more often than anything else in a note;
  dates, decimals, doses and ICD codes have other shapes.
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult

from .recognizer import RegexRecognizer
from .recognizers_zh import COMPOUND_SURNAMES, SURNAMES, zh_is_word, zh_name_ok

_HAN = r"[\u4e00-\u9fff]"
_SUR = "(?:" + "|".join(COMPOUND_SURNAMES) + f"|[{SURNAMES}])"

# ---------------------------------------------------------------------------------------------
# Labels


# English label head words that denote a person (the last word of the label decides).
_EN_PERSON_HEAD = {
    "name", "patient", "pt", "member", "subscriber", "insured", "beneficiary", "guardian", "parent", "caregiver",
    "informant", "representative", "witness", "decedent", "deceased", "physician", "provider", "surgeon",
    "assistant", "anesthesiologist", "anesthetist", "nurse", "rn", "lpn", "np", "clinician", "pharmacist", "therapist",
    "technician", "technologist", "tech", "moderator", "attending", "resident", "fellow", "consultant", "doctor",
    "contact", "kin", "nok", "spouse", "mother", "father", "daughter", "son", "wife", "husband", "sister", "brother",
    "by", "from", "cc", "attn", "attention", "recipient", "sender", "caller", "author", "pcp", "hcp", "proxy", "agent",
    "interpreter", "employee", "student", "child", "applicant", "donor", "party", "referrer", "requester", "prescriber",
    "dentist", "midwife", "scribe", "dictator", "transcriptionist", "reviewer", "verifier", "certifier", "registrant",
    "practitioner", "pathologist", "radiologist", "cardiologist", "surgeon(s)", "presenter", "chair", "coordinator",
    "worker", "advocate", "partner", "friend", "neighbor", "neighbour", "occupant", "owner", "holder", "signature",
    "signed", "re", "to", "dear", "patients", "person", "individual", "client", "officer", "manager", "aide",
    "guarantor", "policyholder", "cardholder", "enrollee", "dependent", "companion", "visitor", "translator", "escort",
    "approver", "supervisor", "preceptor", "instructor", "teacher", "counselor", "counsellor", "chaplain", "dietitian",
    "paramedic", "emt", "medic", "coroner", "examiner", "surrogate", "executor", "heir", "tenant", "landlord", "payee",
    "nephew", "niece", "grandson", "granddaughter", "grandchild", "grandmother", "grandfather", "grandparent", "aunt",
    "uncle", "cousin", "fiance", "fiancee", "boyfriend", "girlfriend", "stepson", "stepdaughter", "stepmother",
    "stepfather", "roommate", "sibling", "mom", "dad", "present", "attendees", "attending", "participants", "panel",
    "fob", "foc", "hcp", "poa", "psychiatrist", "psychologist", "hospitalist", "intensivist", "oncologist", "nephrologist",
    "neurologist", "obstetrician", "pediatrician", "internist", "optometrist", "ophthalmologist", "audiologist", "chiropractor",
    "podiatrist", "sonographer", "phlebotomist", "doula", "initials", "participant",
}
# Single capitalised words that name a role, not a person ("Subscriber", "Psychiatrist").
ROLE_WORDS = (_EN_PERSON_HEAD - {"by", "from", "to", "re", "dear", "cc", "attn", "present", "signed", "name", "panel"}) | {
    "director", "manager", "chief", "head", "staff", "team", "worker", "lead", "charge", "intern", "student"}
# Label words that make a label about something other than the person it names.
_EN_NOT_PERSON_LABEL = re.compile(r"(?i)\b(?:relationship|relation|sex|gender|type|status|date|time|place|phone|fax|tel|email|"
                                  r"address|dob|age|id|number|no|#|code|class|category|race|ethnicity|language|religion|"
                                  r"occupation|employer|location|facility|site|diagnosis|reason|signature\s+date)\b")
# Chinese labels that denote a person: head characters and words.
_ZH_PERSON_LABEL = re.compile(r"(?:姓名|名字|签名|签字|签章|人|者|师|医生|大夫|护士|护师|家属|员|主刀|一助|二助|三助|术者|主持|参加|"
                              r"居民|甲方|乙方|丙方|对象|代表|监护|患者|病人|病员|患儿|死者|儿童|学生|老人|产妇|孕妇|配偶|父亲|母亲|"
                              r"儿子|女儿|丈夫|妻子|亲属|联系|发药|调配|核对|复核|审核|发件|收件|抄送|致)[）)]?$")
# Chinese labels whose value is never a person even when it happens to start with a surname.
_ZH_NOT_PERSON_LABEL = re.compile(r"(?:诊断|名称|部位|科室|科别|方式|目的|成分|类别|类型|地点|原因|意见|结论|所见|内容|经过|关系|民族|"
                                  r"性别|职业|婚姻|血型|费别|主诉|史|过敏|结果|描述|项目|方法|途径|用法|时间|日期|状态|程度|等级|标本|"
                                  r"单位|医院|机构|地址|住址|籍贯|开户行|金额|级别|来源|分期|分型|药物|药品|剂量|频次|规格|疫苗|手术|"
                                  r"麻醉|主题|附件|病区|病房|床位|床号|职称|职务|学历|证件|疾病|症状|体征|检查|检验|治疗|处理|医嘱)$")

# Identifier labels: head words.
_EN_CODE_HEAD = re.compile(r"(?i)(?:\b(?:id|ids|no|nbr|num|number|#|accession|acc|mrn|claim|acct|account|member|group|policy|"
                           r"serial|s/n|sn|dea|npi|upin|license|licence|lic|certificate|cert|registry|mbi|medicare|medicaid|"
                           r"passport|ssn|ein|tin|udi|imei|barcode|specimen|case|encounter|visit|chart|record|plan|subscriber|"
                           r"voucher|invoice|confirmation|authorization|auth|ticket|order|requisition|badge|"
                           r"employee|student|tracking|routing|iban|swift|card|csn|fin|har|pin|rx|script|prescription|"
                           r"randomi[sz]ation|enrollment|enrolment|screening|subject|participant)\.?\s*#?)$")
_EN_NOT_CODE_LABEL = re.compile(r"(?i)\b(?:lot|batch|ref(?:erence)?\s+range|range|cpt|hcpcs|icd(?:-?10)?(?:-cm)?|dx\s+code|"
                                r"ndc|loinc|snomed|rxnorm|drg|room|rm|bed|page|version|ver|model|catalog|cat|part|ext|"
                                r"extension|zip|postal|dose|qty|quantity|refills?|step|stage|grade|size|phone|fax|tel|pager|callback|call|"
                                r"cell|mobile|result|value|units?|flag|bp|hr|rr|spo2|weight|height|bmi|temp)\b")
_ZH_CODE_HEAD = re.compile(r"(?:号|号码|编号|编码|卡号|账号|帐号|账户|帐户|证号|单号|条码|条形码|代码|ID|No\.?|识别码)$")
_ZH_NOT_CODE_LABEL = re.compile(r"(?:床号|批号|型号|序号|房号|房间号|楼号|门牌号|单元号|期号|版本号|文号|准字|注册证号|货号|"
                                r"规格|分机号|邮编|邮政编码|页码|页号|药品编码|项目编码|诊断编码|疾病编码|ICD|手术编码|收费编码|"
                                r"电话号码|手机号码|联系电话|联系方式)$")

# Label -> entity type, first match wins (the words are looked up in the whole label).
_CODE_TYPES = [
    ("DEVICE_ID", re.compile(r"(?i)serial|\bs/?n\b|device|udi|imei|implant|序列号|设备|器械|植入物|起搏器")),
    ("LICENSE_NUMBER", re.compile(r"(?i)licen[cs]e|\blic\b|\bdea\b|\bnpi\b|upin|certificate|cert\b|passport|执业|资格|证书|护照|驾驶")),
    ("ACCOUNT_NUMBER", re.compile(r"(?i)account|acct|claim|billing|invoice|bank|voucher|routing|iban|swift|card|"
                                  r"账号|帐号|账户|帐户|单据|发票|结算|流水|缴费|收费|收据|银行|交易")),
    ("HEALTH_PLAN_NUMBER", re.compile(r"(?i)member|subscriber|policy|plan|group|insur|medicare|medicaid|beneficiary|mbi|payer|"
                                      r"医保|社保|参保|保险|社会保障|新农合|医疗证|保障")),
    ("MEDICAL_RECORD_NUMBER", re.compile(r"(?i)mrn|record|chart|accession|\bacc\b|specimen|case|encounter|visit|registry|patient|"
                                         r"\bpt\b|exam|study|order|requisition|csn|\bfin\b|\bhar\b|\brx\b|prescription|script|randomi|"
                                         r"subject|participant|screening|enrol|受试者|筛选|随机|入组|处方|住院|门诊|急诊|病历|病案|病理|检查|"
                                         r"标本|影像|放射|建床|登记|就诊|诊疗|条码|条形码|申请单|报告单|档案|体检|ID号")),
]


def _code_type(label: str) -> str:
    for entity, rx in _CODE_TYPES:
        if rx.search(label):
            return entity
    return "ID_NUMBER"


# ---------------------------------------------------------------------------------------------
# Name shapes

_CAP = r"(?:(?:Mc|Mac|O'|D'|De|Di|La|Le|Van|Von)?[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?)"
_UP = r"(?:(?:MC|MAC|O'|D')?[A-Z]{2,}(?:[-'][A-Z]{2,})?)"
_INIT = r"(?:[A-Z]\.?(?![A-Za-z]))"
_SUFFIX = r"(?:[ \t]+(?:Jr\.?|Sr\.?|II|III|IV|V)(?![A-Za-z]))?"
# Words of one name are one space apart: a wider gap ends the field ("Kristen Riley    Student ID").
EN_NAME_SHAPES = [
    rf"{_UP}\^{_UP}(?:\^{_UP}|\^{_INIT})*\^?",                                    # HL7: SMITH^JOHN^A
    rf"(?:{_UP}|{_CAP}),[ \t]?(?:{_UP}|{_CAP})(?:[ \t](?:{_INIT}|{_UP}|{_CAP}))?",  # SMITH, JOHN A / Smith, John
    rf"{_CAP}(?:[ \t]{_INIT})?(?:[ \t]{_CAP}){{1,2}}{_SUFFIX}",                  # John A. Smith Jr.
    rf"{_UP}(?:[ \t]{_INIT})?(?:[ \t]{_UP}){{1,2}}(?:[ \t][A-Z](?![A-Za-z]))?",   # SMITH JOHN / WANG FANG
    rf"{_CAP}",                                                                     # Smith (single word)
]
_EN_NAME = "(?:" + "|".join(EN_NAME_SHAPES) + ")"
# Capitalised words that start or make up a field value without being a name.
NOT_NAME_WORDS = {
    "patient", "name", "the", "this", "none", "unknown", "self", "spouse", "child", "dependent", "mother", "father",
    "daughter", "son", "wife", "husband", "sister", "brother", "parent", "guardian", "other", "friend", "male", "female",
    "yes", "no", "n/a", "not", "same", "see", "above", "below", "natural", "inpatient", "outpatient", "general",
    "team", "medical", "center", "centre", "hospital", "clinic", "department", "dept", "unit", "service", "services",
    "group", "associates", "lab", "laboratory", "pharmacy", "radiology", "surgery", "health", "care", "office", "inc",
    "llc", "ltd", "medicine", "oncology", "cardiology", "neurology", "pathology", "hospitalist", "hospitalists",
    "internal", "family", "emergency", "primary", "nursing", "staff", "on", "call", "covering", "attending", "resident",
    "doctor", "nurse", "dr", "mr", "mrs", "ms", "miss", "md", "rn", "do", "np", "pa", "phd", "am", "pm", "signed",
    "electronically", "verbal", "consent", "declined", "refused", "deceased", "pending", "home", "work", "cell",
    "mobile", "hospice", "facility", "nursing", "county", "state", "city", "university", "school", "insurance",
    "medicare", "medicaid", "aetna", "cigna", "humana", "anthem",
    "date", "time", "dob", "mrn", "id", "sex", "age", "phone", "fax", "email", "address", "tel", "to", "from", "re",
    "subject", "sent", "cc", "bcc", "attachment", "attachments", "urgent", "important", "fyi", "note", "report",
    "results", "result", "exam", "chest", "ct", "mri", "ecg", "ekg", "xr", "us", "usa", "ap", "pa", "lat", "left",
    "right", "bilateral", "both", "all", "any", "each", "dear", "hi", "hello", "thanks", "thank", "you", "regards",
    "sincerely", "best", "cheers", "team", "my", "our", "your", "their", "his", "her", "its",
}


def en_name_ok(value: str) -> bool:
    words = [w for w in re.split(r"[\s,^]+", value) if w]
    if not words or any(w.lower().rstrip(".") in NOT_NAME_WORDS for w in words if len(w.rstrip(".")) > 1):
        return False
    if words[0].lower().rstrip(".") in NOT_NAME_WORDS:
        return False
    return any(len(w.rstrip(".")) > 1 for w in words)


def _result(rec, entity: str, start: int, end: int, score: float) -> RecognizerResult:
    return RecognizerResult(entity_type=entity, start=start, end=end, score=min(score, 1.0),
                            recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: rec.name,
                                                  RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: rec.id})


# A field: start of line or after a wide gap, a label, a colon, and a value up to the next gap.
_GAP = r"(?:^|(?<=\n)|(?<=[ \t]{2})|(?<=\t)|(?<=\u3000)|(?<=[;；|，,、。（(]))"
_EN_FIELD = re.compile(rf"{_GAP}[ \t]*(?P<label>[A-Za-z][A-Za-z'/&().\- ]{{0,40}}?)[ \t]*:[ \t]*(?P<v>{_EN_NAME})"
                       rf"(?=[ \t]*(?:$|\n|[ \t]{{2}}|\t|[(;,/|]|\.(?:\s|$)|,?[ \t]+(?:MD|M\.D\.|DO|RN|NP|PA-C|PA|PhD|DDS|LPN|CNM)\b)|[ \t]+[a-z])",
                       re.MULTILINE)
_ZH_FIELD = re.compile(rf"(?P<label>[\u4e00-\u9fffA-Za-z/（）()]{{1,12}})[ \t]*[:：][ \t\u3000]*(?P<v>{_SUR}{_HAN}{{1,2}})"
                       rf"(?=$|[\s\u3000（(，,、;；。）)<]|(?:主任|医师|医生|护士|老师|教授|主治|副主任)?[\s\u3000（(，,、;；。]|$)", re.MULTILINE)
_ZH_FIELD_LATIN = re.compile(r"(?P<label>[\u4e00-\u9fff]{1,8})[ \t]*[:：]?[ \t]*"
                             rf"(?P<v>{_UP}(?:,?[ \t]+{_UP})+|{_CAP}(?:[ \t]+{_CAP}){{1,2}}|{_UP},[ \t]*{_UP})(?=$|[\s（(，,、;；。）)<])",
                             re.MULTILINE)


# Blanks taken whole (*+), one alternative per shape: three adjacent blank runs
# ("[ \t]*(?:,|;|,?[ \t]+and)") made a long run of blanks cost n^2 per name.
_EN_LIST_NEXT = re.compile(rf"(?:[ \t]*+\([^()\n]{{1,40}}\))?(?:[ \t]*+[,;]|[ \t]++and|[ \t]*+,[ \t]++and)[ \t]+(?:(?:Dr|Mr|Mrs|Ms)\.?[ \t]+)?(?P<v>{_CAP}(?:[ \t]+{_INIT})?(?:[ \t]+{_CAP}){{1,2}})"
                           rf"(?=[ \t]*+(?:\(|,|;|$|\n|\.)|[ \t]++and\b)")
_ZH_LIST_NEXT = re.compile(rf"(?:[（(][^（）()\n]{{1,12}}[）)])?[ \t]*[、，,；;][ \t]*(?P<v>{_SUR}(?=主任|医师|医生|教授|老师)|{_SUR}{_HAN}{{1,2}}(?=[（(、，,；;。\s]|$|主任|医师|医生|教授))")


class FieldPersonRecognizer(RegexRecognizer):
    """A person-denoting label followed by a name-shaped value, in either language."""

    ENTITY = "PERSON"
    PATTERNS = []

    def analyze(self, text, entities, nlp_artifacts=None):
        out = []
        for m in _EN_FIELD.finditer(text):
            label = m.group("label").strip().rstrip(".")
            words = re.findall(r"[A-Za-z]+", label.lower())
            if not words or words[-1] not in _EN_PERSON_HEAD or _EN_NOT_PERSON_LABEL.search(label):
                continue
            value = m.group("v")
            if not en_name_ok(value):
                continue
            single = not re.search(r"[\s,^]", value)
            out.append(_result(self, "PERSON", m.start("v"), m.end("v"), 0.6 if single else 0.85))
            # A list of people under one label: "Present: A (Oncology), B (Radiology), and C".
            pos = m.end("v")
            while True:
                n = _EN_LIST_NEXT.match(text, pos)
                if not n or not en_name_ok(n.group("v")):
                    break
                out.append(_result(self, "PERSON", n.start("v"), n.end("v"), 0.8))
                pos = n.end("v")
        if re.search(_HAN, text):
            for m in _ZH_FIELD.finditer(text):
                label, value = m.group("label"), m.group("v")
                if _ZH_NOT_PERSON_LABEL.search(label):
                    continue
                person_label = bool(_ZH_PERSON_LABEL.search(label))
                if not zh_name_ok(value, strict=not person_label) and not (person_label and zh_name_ok(value, strict=True, words_ok=True)):
                    continue
                out.append(_result(self, "PERSON", m.start("v"), m.end("v"), 0.85 if person_label else 0.6))
                pos = m.end("v")
                while person_label:  # "参加人员：甲（影像科）、乙（病理科）"
                    n = _ZH_LIST_NEXT.match(text, pos)
                    if not n or len(n.group("v")) > 1 and not zh_name_ok(n.group("v"), strict=False):
                        break
                    out.append(_result(self, "PERSON", n.start("v"), n.end("v"), 0.8))
                    pos = n.end("v")
            for m in _ZH_FIELD_LATIN.finditer(text):
                if _ZH_PERSON_LABEL.search(m.group("label")) and en_name_ok(m.group("v")):
                    out.append(_result(self, "PERSON", m.start("v"), m.end("v"), 0.8))
        return out


# ---------------------------------------------------------------------------------------------
# Identifiers

_CODE = r"(?=[A-Za-z0-9-]*\d)[A-Za-z0-9](?:[A-Za-z0-9]|[-/.](?=[A-Za-z0-9])){3,29}"
_DIGIT_GROUPS = r"\d{3,6}(?:[ \t]\d{3,6}){2,5}"
_EN_CODE_VALUE = re.compile(rf"(?<![A-Za-z0-9])(?:{_DIGIT_GROUPS}|{_CODE})(?![A-Za-z0-9])")
# The label in front of a code, read backwards from the code: up to four words, then the separator.
_EN_CODE_LABEL = re.compile(r"(?<![A-Za-z])(?P<label>(?:[A-Za-z][A-Za-z'/&.\-]*[ \t]+){0,3}?(?:[A-Za-z][A-Za-z'/&.\-]*|#))[ \t]*"
                            r"(?P<sep>(?:[:=#]|No\.|Number)?[ \t]*#?[ \t]*)$")
_ZH_CODE_FIELD = re.compile(rf"(?P<label>[\u4e00-\u9fffA-Za-z]{{1,12}}(?:号|号码|编号|编码|卡号|账号|帐号|账户|帐户|证号|单号|条码|条形码|"
                            rf"代码|ID|No\.?|识别码))[ \t]*[:：]?[ \t\u3000]*(?P<v>{_DIGIT_GROUPS}|{_CODE})(?![A-Za-z0-9])")


def _digits(s: str) -> int:
    return sum(c.isdigit() for c in s)


def code_like(value: str) -> bool:
    """A value that reads as an identifier: enough digits, not a decimal, range or dose."""
    if _digits(value) < 4:
        return False
    if re.fullmatch(r"\d{1,3}(?:\.\d+)+|\d+(?:\.\d+)?(?:mg|ml|g|kg|mmol|u|iu|mcg|%)?", value, re.I) and _digits(value) < 6 \
            and not re.fullmatch(r"\d{5}", value):  # five bare digits under an ID label ("工号：88209") are a code
        return False
    if re.fullmatch(r"\d{1,4}-\d{1,4}|\d*\.\d+(?:-\d*\.?\d+)?|\d+-\d*\.\d+", value):  # a range or decimal ("65-99", "0.57-1.00")
        return False
    return True


class LabeledCodeRecognizer(RegexRecognizer):
    """Any code announced by an identifier label, typed by the label's words."""

    ENTITY = "ID_NUMBER"
    PATTERNS = []

    def analyze(self, text, entities, nlp_artifacts=None):
        out = []
        for v in _EN_CODE_VALUE.finditer(text):
            value = v.group()
            if not code_like(value):
                continue
            line_start = max(text.rfind("\n", 0, v.start()) + 1, v.start() - 60)
            m = _EN_CODE_LABEL.search(text, line_start, v.start())
            if not m:
                continue
            label = m.group("label")
            head = label.strip() + (" #" if "#" in m.group("sep") else "")
            if not _EN_CODE_HEAD.search(head) or _EN_NOT_CODE_LABEL.search(label):
                continue
            out.append(_result(self, _code_type(label), v.start(), v.end(), 0.8))
        if re.search(_HAN, text):
            for m in _ZH_CODE_FIELD.finditer(text):
                label, value = m.group("label"), m.group("v")
                if _ZH_NOT_CODE_LABEL.search(label) or not code_like(value):
                    continue
                out.append(_result(self, _code_type(label), m.start("v"), m.end("v"), 0.8))
        return out


_LONG_DIGITS = re.compile(r"(?<![\d.,/:-])\d{8,20}(?![\d.,/:-]|\s*(?:mg|ml|元|%))")
_LETTER_CODE = re.compile(r"(?<![A-Za-z0-9.-])(?:[A-Z]{1,4}-?\d{6,16}[A-Z]?|[A-Z]{1,4}-?\d{2,4}-\d{4,8})(?![A-Za-z0-9.-])")


class UnlabeledCodeRecognizer(RegexRecognizer):
    """Identifiers written without a label: eight or more digits in a row, or a short letter
    prefix and six or more digits (``CT24349321``, ``CLM384691504``)."""

    ENTITY = "ID_NUMBER"
    PATTERNS = []

    def analyze(self, text, entities, nlp_artifacts=None):
        out = []
        for rx in (_LONG_DIGITS, _LETTER_CODE):
            for m in rx.finditer(text):
                header = column_header(text, m.start())
                if header and (_EN_NOT_CODE_LABEL.search(header) or _ZH_NOT_CODE_LABEL.search(header) or "批号" in header):
                    continue  # a lot/batch column of a table
                out.append(_result(self, "ID_NUMBER", m.start(), m.end(), 0.5))
        return out


_CELL_GAP = re.compile(r"[ \t]{2,}|\t|\u3000+")


def _cells(line: str) -> list[tuple[int, int]]:
    # Chinese tables are often separated by single (ideographic, folded) spaces.
    gap = re.compile(r"[ \t\u3000]+") if re.search(_HAN, line) else _CELL_GAP
    spans, pos = [], 0
    for g in gap.finditer(line):
        if g.start() > pos:
            spans.append((pos, g.start()))
        pos = g.end()
    if pos < len(line):
        spans.append((pos, len(line)))
    return spans


def column_header(text: str, pos: int) -> str | None:
    """In a table (cells separated by wide gaps), the header of the column ``pos`` is in: the
    nearest line above with the same number of cells and no digits."""
    ls = text.rfind("\n", 0, pos) + 1
    le = text.find("\n", pos)
    line = text[ls:le if le >= 0 else len(text)]
    cells = _cells(line)
    if len(cells) < 3:
        return None
    col = next((i for i, (a, b) in enumerate(cells) if a <= pos - ls < b), None)
    if col is None:
        return None
    end = ls - 1
    for _ in range(6):
        if end <= 0:
            return None
        start = text.rfind("\n", 0, end) + 1
        above = text[start:end]
        end = start - 1
        hc = _cells(above)
        if len(hc) == len(cells) and not re.search(r"\d", above):
            a, b = hc[col]
            return above[a:b]
    return None


# ---------------------------------------------------------------------------------------------
# Tables: cells separated by "|" or tabs, read by their column header or by the cell before them

_ROW_SEP = re.compile(r"[ \t]*\|[ \t]*|\t+")
_INITIALS = re.compile(r"[A-Z]{1,4}(?:[-.][A-Z]{1,3}){0,2}\.?")
_ZH_INITIALS_HEADER = re.compile(r"姓名缩写|缩写|首字母|拼音")
_EN_INITIALS_HEADER = re.compile(r"(?i)\binitials?\b")
_CODE_HEADER_EXTRA = re.compile(r"(?i)\b(?:screen(?:ing)?|subject|participant|randomi[sz]ation|enrol(?:l)?ment|study)\s*(?:#|no\.?|id|number)|"
                                r"筛选号|受试者(?:编号|号|ID)|随机号|入组号|研究编号")


def _split_row(line: str) -> list[tuple[int, int]] | None:
    if "|" not in line and "\t" not in line:
        return None
    cells, pos = [], 0
    for m in _ROW_SEP.finditer(line):
        cells.append((pos, m.start()))
        pos = m.end()
    cells.append((pos, len(line)))
    return cells if len(cells) >= 2 else None


def _header_kind(header: str) -> str | None:
    """What a column (or a key cell) holds: "name", "initials" or an identifier entity type."""
    h = header.strip().rstrip(":：")
    if not h or len(h) > 40:
        return None
    if _ZH_INITIALS_HEADER.search(h) or _EN_INITIALS_HEADER.search(h):
        return "initials"
    parts = [p.strip() for p in re.split(r"\s*/\s*", h) if p.strip()]
    for part in parts:
        if _CODE_HEADER_EXTRA.search(part) or (_EN_CODE_HEAD.search(part) and not _EN_NOT_CODE_LABEL.search(part)) or \
                (_ZH_CODE_HEAD.search(part) and not _ZH_NOT_CODE_LABEL.search(part)):
            return _code_type(part)
    words = re.findall(r"[A-Za-z]+", h.lower())
    if words and words[-1] in _EN_PERSON_HEAD and not _EN_NOT_PERSON_LABEL.search(h) or \
            re.search(_HAN, h) and _ZH_PERSON_LABEL.search(h) and not _ZH_NOT_PERSON_LABEL.search(h):
        return "name"
    return None


class TableRecognizer(RegexRecognizer):
    """Rows of "|"- or tab-separated cells. A cell is read by its column's header (the nearest
    line above with as many cells and no digits: "Screen # | Initials | DOB") or, in key-value
    rows ("Patient<TAB>SMITH, JOHN<TAB>Chart #<TAB>A123"), by the cell before it."""

    ENTITY = "ID_NUMBER"
    PATTERNS = []

    def _value(self, kind: str, value: str, header: str, start: int):
        if not value:
            return None
        if kind == "initials":
            if _INITIALS.fullmatch(value) or re.fullmatch(_EN_NAME, value):
                return "PERSON", 0.75
            return None
        if kind == "name":
            if re.fullmatch(_EN_NAME, value) and en_name_ok(value) or re.fullmatch(rf"{_SUR}{_HAN}{{1,2}}", value) and zh_name_ok(value, strict=False, words_ok=True):
                return "PERSON", 0.8
            # Names without a Han surname (Mongolian, Tibetan, Uyghur: "宝音", "达瓦格桑"): under a name header,
            # any short Han value that is not an ordinary word.
            if re.fullmatch(rf"{_HAN}{{2,4}}", value) and not zh_is_word(value) and not re.search(r"不详|未知|保密|本人|家属|患者", value):
                return "PERSON", 0.7
            return None
        m = re.fullmatch(r"(?:[#＃]\s*)?(?P<c>[A-Za-z0-9](?:[A-Za-z0-9]|[-/.](?=[A-Za-z0-9])){2,29})", value)
        if m and _digits(m.group("c")) >= 4 and not re.fullmatch(r"\d*\.\d+", m.group("c")):
            return kind, 0.75
        words = re.findall(r"[A-Za-z]+", header.lower())
        if words and words[-1] in _EN_PERSON_HEAD and not re.search(r"\d", value):  # "Member<TAB>DAVIS, ROSE"
            return self._value("name", value, "", start)
        return None

    def analyze(self, text, entities, nlp_artifacts=None):
        if "|" not in text and "\t" not in text:
            return []
        out = []
        lines, pos = [], 0
        for line in text.split("\n"):
            lines.append((pos, line))
            pos += len(line) + 1
        header: tuple[int, list[str]] | None = None
        for ls, line in lines:
            cells = _split_row(line)
            if not cells:
                header = None
                continue
            texts = [line[a:b].strip() for a, b in cells]
            if not re.search(r"\d", line) and len(cells) >= 3:
                header = (len(cells), [_header_kind(t) for t in texts], texts)
                continue
            kinds, heads = (header[1], header[2]) if header and header[0] == len(cells) else ([None] * len(cells), [""] * len(cells))
            for i, (a, b) in enumerate(cells):
                raw = line[a:b]
                value = raw.strip()
                vs = ls + a + (len(raw) - len(raw.lstrip()))
                head = heads[i]
                kind = kinds[i]
                if not kind and i and "\t" in line and not re.search(r"\d", texts[i - 1]):
                    head, kind = texts[i - 1], _header_kind(texts[i - 1])
                if not kind:
                    continue
                got = self._value(kind, value, head, vs)
                if got:
                    out.append(_result(self, got[0], vs, vs + len(value), got[1]))
        return out


_EN_ROLE_PAREN = re.compile(rf"(?P<label>[A-Za-z][A-Za-z/ ]{{1,30}}?)[ \t]*\([ \t]*(?P<v>{_EN_NAME})[ \t]*\)[ \t]*:")
_ROLE_EXTRA = {"work", "worker", "therapy", "pt", "ot", "slp", "sw", "rt", "dietary", "nutrition", "pharmacy", "chaplaincy",
               "psychology", "psychiatry", "case", "management", "nursing", "ministry", "support", "volunteer"}
_ZH_KIN_LATIN = re.compile(r"(?:患者|病人)?(?:之|其)?(?:儿子|女儿|长子|次子|长女|次女|幼子|小女儿|大女儿|丈夫|妻子|爱人|父亲|母亲|孙子|孙女|外孙|外孙女|"
                           r"儿媳|女婿|侄子|侄女|外甥|外甥女|哥哥|姐姐|弟弟|妹妹|朋友|邻居|同事|监护人|配偶)[：:]?[ \t]*"
                           rf"(?P<v>{_CAP}(?:[ \t](?:{_CAP}|{_UP}))?|{_UP}[ \t]{_UP})(?![A-Za-z])")


class RoleNameRecognizer(RegexRecognizer):
    """Staff named in brackets after their role ("Chaplain (Kimberly Nelson):", "Social work
    (Grace):") and relatives with a Latin-script name in Chinese text ("外孙女Joanna KANG")."""

    ENTITY = "PERSON"
    PATTERNS = []

    def analyze(self, text, entities, nlp_artifacts=None):
        out = []
        if "(" in text:
            for m in _EN_ROLE_PAREN.finditer(text):
                words = re.findall(r"[A-Za-z]+", m.group("label").lower())
                if words and (words[-1] in _EN_PERSON_HEAD or words[-1] in _ROLE_EXTRA) and en_name_ok(m.group("v")):
                    out.append(_result(self, "PERSON", m.start("v"), m.end("v"), 0.8))
        if re.search(_HAN, text):
            for m in _ZH_KIN_LATIN.finditer(text):
                if en_name_ok(m.group("v")):
                    out.append(_result(self, "PERSON", m.start("v"), m.end("v"), 0.8))
        return out


CLASSES = (FieldPersonRecognizer, LabeledCodeRecognizer, UnlabeledCodeRecognizer, TableRecognizer, RoleNameRecognizer)
