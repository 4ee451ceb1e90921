"""Identifier shapes that are independent of a note's template: nicknames built from a surname
(小王, 老李, 阿兰), transliterated minority names joined by a middle dot, chat speakers at the
start of a line, short day-month dates, two-digit-year Chinese dates, addresses written as street
intersections, counties or mobile-home lots, addresses in JSON fields, Medicare beneficiary
identifiers (MBI shape), booking references, court and forensic case numbers, ages over 89 in
brackets and tables, e-mail addresses glued to Han text, and HL7 v2 segments read by position.
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult

from .recognizer import RegexRecognizer
from .recognizers_en import _STATES, _SUFFIX
from .recognizers_fields import column_header, en_name_ok
from .recognizers_zh import COMPOUND_SURNAMES, SURNAMES, zh_is_word, zh_name_ok

_HAN = r"[\u4e00-\u9fff]"
_SUR = "(?:" + "|".join(COMPOUND_SURNAMES) + f"|[{SURNAMES}])"
_MON = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"


class ZhNicknameRecognizer(RegexRecognizer):
    """"小王", "老李", "阿兰": a prefix and a surname, standing alone as a form value, a speaker,
    a bracketed alias or after a role word ("护士小刘"); and any alias after 小名/乳名/昵称."""

    ENTITY = "PERSON"
    FLAGS = re.MULTILINE
    _NOT = {"小时", "老年", "小便", "老师", "小儿", "阿姨", "小结", "老人", "小孩", "阿司", "小于", "老化", "小肠", "小组", "老家", "小区",
            "小量", "小型", "小学", "小计", "小号", "小米", "老伴", "阿胶", "小叶", "小方", "小田"}
    PATTERNS = [
        (rf"(?:(?<=[：:\s（(“\"「、，,|])|^)(?P<v>[小老阿]{_SUR})(?=[：:\s）)”\"」、，,。；;|]|$|请|说|来|去|已|将|的|在|和|与)", 0.75),
        (rf"(?<=护士|医生|医师|大夫|我是|叫我|名叫|司机|护工|同事|师傅|邻居|朋友)(?P<v>[小老]{_SUR})", 0.75),
        (rf"(?:小名|乳名|昵称|绰号|别名|外号|又名|人称)[：:]?[ \t]*[“\"「『]?(?P<v>{_HAN}{{1,4}}?)[”\"」』）),，。；]", 0.8),
    ]

    def validate(self, value, text, start, end):
        return None if value in self._NOT else 1.0


class EnAliasRecognizer(RegexRecognizer):
    ENTITY = "PERSON"
    FLAGS = 0
    PATTERNS = [
        (r"(?i:prefers?\s+to\s+be\s+called|goes\s+by|a/k/a|aka|also\s+known\s+as|nicknamed?|known\s+as|calls?\s+(?:him|her)self|call(?:ed)?\s+(?:him|her|them))"
         r"[ \t]*[\"“']?(?P<v>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)[\"”']", 0.8),
        (r"(?<=[A-Za-z.] )\([ \t]*[\"“](?P<v>[A-Z][a-z]+)[\"”][ \t]*\)", 0.8),
        # Chat and message transcripts: "[07:15] Katherine: …", "[08:58] Daniel Avery (RN): …".
        (r"(?m)^[ \t]*\[\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?\][ \t]*(?P<v>[A-Z][a-z]+(?:[ \t]+[A-Z][a-z'-]+){0,2})(?=[ \t]*(?:\([^)\n]{1,20}\))?[ \t]*:)", 0.75),
        (r"(?<=:)[ \t]*[\"“](?P<v>[A-Z][a-z]+)[\"”][ \t]*\(", 0.75),
        (r"\bBABY[ \t]+(?:GIRL|BOY)[ \t]+(?P<v>[A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z]{2,})\b", 0.8),
        # Airline and booking style: "PHILLIPS/MARGARET MRS".
        (r"\b(?P<v>[A-Z]{2,}(?:[-'][A-Z]+)?/[A-Z]{2,}(?:[ \t][A-Z]{2,})?)(?=[ \t]+(?:MR|MRS|MS|MISS|MSTR|DR)\b)", 0.8),
    ]

    def validate(self, value, text, start, end):
        return 1.0 if "/" in value or en_name_ok(value) else None


class DottedNameRecognizer(RegexRecognizer):
    """Uyghur, Kazakh and other transliterated names: Han runs joined by a middle dot."""

    ENTITY = "PERSON"
    FLAGS = 0
    _LEAD = ("患者", "病人", "家属", "母亲", "父亲", "配偶", "妻子", "丈夫", "儿子", "女儿", "姓名", "名字", "产妇", "孕妇", "患儿", "被鉴定人")
    PATTERNS = [(rf"{_HAN}{{2,6}}[·•・]{_HAN}{{2,8}}", 0.8)]

    def analyze(self, text, entities, nlp_artifacts=None):
        out = []
        for r in super().analyze(text, entities, nlp_artifacts):
            value = text[r.start:r.end]
            head = re.split(r"[·•・]", value)[0]
            lead = next((x for x in self._LEAD if head.startswith(x) and len(head) - len(x) >= 2), None)
            if lead:
                r.start += len(lead)
            out.append(r)
        return out


class ZhNamedFieldRecognizer(RegexRecognizer):
    """"姓名：图雅": after a name label, any short Han value that is not an ordinary word is a name,
    surname or not (Mongolian, Tibetan and other names have none)."""

    ENTITY = "PERSON"
    PATTERNS = [(rf"(?:姓名|名字|姓　名|姓\s{{1,4}}名)[ \t\u3000]*[：:][ \t\u3000]*(?P<v>{_HAN}{{2,4}})(?=[\s\u3000，,（(；;|]|$)", 0.75)]

    def validate(self, value, text, start, end):
        return None if zh_is_word(value) or re.search(r"[不未无详见同][详知明]|不详|未知|保密", value) else 1.0


class ZhSpeakerRecognizer(RegexRecognizer):
    """A Chinese name opening a line of a conversation ("吴玉英：对的，…"), after an optional time stamp."""

    ENTITY = "PERSON"
    FLAGS = re.MULTILINE
    PATTERNS = [(rf"^(?:[\d年月日时分:/.\- ]{{4,24}}[ \t])?(?P<v>{_SUR}{_HAN}{{1,2}})(?=[：:][^：:\n]*[，。？！,?!])", 0.7)]

    def validate(self, value, text, start, end):
        return 1.0 if zh_name_ok(value, strict=True) else None


class ShortDateRecognizer(RegexRecognizer):
    ENTITY = "DATE"
    FLAGS = re.MULTILINE
    PATTERNS = [
        (rf"(?<![\w-])(?:0?[1-9]|[12]\d|3[01])-(?-i:{_MON})(?:-(?:\d{{4}}|\d{{2}}))?(?![\w-])", 0.8),
        (rf"(?<![\w-])(?-i:{_MON})-(?:0?[1-9]|[12]\d|3[01])(?:-\d{{4}})?(?![\w-])", 0.8),
        (r"(?<!\d)(?P<v>\d{2}年(?:1[0-2]|0?[1-9])月(?:(?:3[01]|[12]\d|0?[1-9])[日号])?)", 0.8),
        # A day-month opening a table row ("07-17<TAB>骶尾部", "6/17 | …").
        (r"^(?P<v>(?:1[0-2]|0?[1-9])[-/.](?:3[01]|[12]\d|0?[1-9]))(?=\t|[ \t]*\|)", 0.75),
        (r"(?:下次\w{0,4}?|复诊|复查|随访|预约|定于|拟于|计划)[：:]?[ \t]*(?P<v>(?:1[0-2]|0?[1-9])[./-](?:3[01]|[12]\d|0?[1-9]))(?![\d./-])", 0.75),
        # Lunar calendar: "农历三月初二", "正月廿三", "腊月二十".
        (r"(?:(?:农历|阴历|旧历)[ \t]*(?:\d{4}年|[一二三四五六七八九〇零]{4}年)?闰?(?:正|冬|腊|十[一二]?|[一二三四五六七八九])月"
         r"(?:初[一二三四五六七八九十]|十[一二三四五六七八九]?|二十[一二三四五六七八九]?|廿[一二三四五六七八九]?|三十|卅)?"
         r"|闰?(?:正|冬|腊|十[一二]?|[一二三四五六七八九])月(?:初[一二三四五六七八九十]|廿[一二三四五六七八九]?|二十[一二三四五六七八九]?|三十|十[一二三四五六七八九]))", 0.8),
        # Month and day without a year: "Jun 28", "February 27th".
        (r"(?-i:\b(?:January|February|March|April|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
         r"\.?[ \t]+(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b(?![ \t]*(?:mg|ml|%|kg|cm|mm)\b))", 0.7),
    ]


class ExtraAddressRecognizer(RegexRecognizer):
    ENTITY = "ADDRESS"
    FLAGS = 0
    _PLACE = r"[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){0,2}"
    PATTERNS = [
        # Intersections: "Kelly Square & Cox Path, Lake Crystalfort"
        (rf"\b(?:[A-Z][a-z]+[ \t]+){{1,3}}{_SUFFIX}\.?[ \t]+(?:&|and|at)[ \t]+(?:[A-Z][a-z]+[ \t]+){{1,3}}{_SUFFIX}\b(?:,[ \t]+{_PLACE}(?:,[ \t]+{_STATES})?)?", 0.8),
        (r"\b(?:[A-Z][a-z]+[ \t]+){1,2}(?:County|Parish|Borough|Township)\b", 0.7),
        (rf"\b(?:Lot|Space|Site|Trailer)[ \t]+\d{{1,4}},[ \t]+(?:[A-Z][a-z]+[ \t]+){{1,4}}(?:Park|Court|Estates|Village|Community|Homes)"
         rf"(?:,[ \t]+{_PLACE}(?:,[ \t]+{_STATES}(?:[ \t]+\d{{5}}(?:-\d{{4}})?)?)?)?", 0.8),
        # Chinese intersections: "…区大冶街与南宁路交叉口". Each division ends at its first 省/市/县/区/镇
        # (atomic): "省市区省市区…" could otherwise be cut into divisions in exponentially many ways.
        (rf"(?>{_HAN}{{1,8}}?(?:省|市|县|区|镇))*{_HAN}{{1,6}}?(?:路|街|大道|道)(?:与|和|、){_HAN}{{1,6}}?(?:路|街|大道|道)(?:交叉口|交汇处|路口|口)?", 0.8),
        # JSON / key-value address fields
        (r"(?i)[\"'](?:addr|address|home_?address|street|residence|住址|地址|家庭住址)[\"']\s*:\s*[\"'](?P<v>[^\"'\n]{4,120})[\"']", 0.85),
    ]


class MbiRecognizer(RegexRecognizer):
    """Medicare Beneficiary Identifier: 11 characters in a fixed letter/digit pattern, with or
    without dashes; letters S, L, O, I, B, Z are never used, which keeps it apart from words."""

    ENTITY = "HEALTH_PLAN_NUMBER"
    FLAGS = 0
    _A = "[AC-HJKMNP-RT-Y]"
    _AN = "[AC-HJKMNP-RT-Y0-9]"
    PATTERNS = [(rf"(?<![A-Za-z0-9-])[1-9]{_A}{_AN}\d-?{_A}{_AN}\d-?{_A}{{2}}\d{{2}}(?![A-Za-z0-9-])", 0.8)]


class ReferenceCodeRecognizer(RegexRecognizer):
    ENTITY = "ACCOUNT_NUMBER"
    PATTERNS = [
        (r"(?:PNR|Booking\s+ref(?:erence)?|Record\s+locator|Confirmation\s+(?:code|#|no\.?|number))(?:\s*\([A-Za-z ]{2,12}\))?\s*[:：#]?\s*"
         r"(?P<v>(?-i:[A-Z0-9]{5,8}))(?![A-Za-z0-9])", 0.8),
        (r"(?P<v>[（(]\d{4}[）)]\s?" + _HAN + r"{1,2}\d{0,4}" + _HAN + r"{1,4}\d{1,6}号)", ("ID_NUMBER", 0.85)),
        (r"(?P<v>" + _HAN + r"{1,6}[\[〔【(（]\d{4}[\]〕】)）]" + _HAN + r"{0,4}第?\d{1,6}号)", ("MEDICAL_RECORD_NUMBER", 0.85)),
        # Labels ending in "#" with a space before it: "Referral #: 9615181", "PCR #: 0694-86608".
        (r"\b(?!(?i:room|rm|bed|page|lot|batch|phone|fax|tel|pager|ext|step|order\s+set)\b)[A-Za-z]{2,12}(?:[ \t][A-Za-z]{2,12})?[ \t]*#[ \t]*[:：][ \t]*"
         r"(?P<v>(?=(?:[A-Za-z-]*\d){4})[A-Za-z]{0,4}-?\d[A-Za-z0-9-]{3,20})(?![A-Za-z0-9])", ("MEDICAL_RECORD_NUMBER", 0.75)),
    ]

    def patterns(self):
        return [(p, s if isinstance(s, float) else s[1]) for p, s in self.PATTERNS]

    def __init__(self, language):
        super().__init__(language)
        self._types = [None if isinstance(s, float) else s[0] for _, s in self.PATTERNS]

    def analyze(self, text, entities, nlp_artifacts=None):
        results = []
        for (rx, base), etype in zip(self._compiled, self._types):
            for m in rx.finditer(text):
                start, end = m.span("v") if m.group("v") is not None else m.span()
                results.append(_res(self, etype or self.ENTITY, start, end, base))
        return results


def _res(rec, entity, start, end, score):
    return RecognizerResult(entity_type=entity, start=start, end=end, score=score,
                            recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: rec.name,
                                                  RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: rec.id})


class ExtraAgeRecognizer(RegexRecognizer):
    ENTITY = "AGE"
    PATTERNS = [
        (r"\([ \t]*(?P<v>9\d|1[01]\d)[ \t]?(?:y|yr|yrs|yo|y/o|岁)[ \t]*\)", 0.85),
        (r"\bAge(?:[ \t]+(?:at|on|of)[ \t]+[A-Za-z]{2,12}(?:[ \t][A-Za-z]{2,12})?)[ \t]*[:：][ \t]*(?P<v>9\d|1[01]\d)(?![\d.])", 0.85),
        (r"年[\s\u3000]*龄[\s\u3000]*[:：][\s\u3000]*(?P<v>9\d|1[01]\d)(?![\d.])", 0.9),
        (r"(?:(?<=\|)|(?<=\t))[ \t]*(?P<v>9\d|1[01]\d)(?=[ \t]*(?:\||\t|$))", 0.8),
    ]
    FLAGS = re.IGNORECASE | re.MULTILINE

    def validate(self, value, text, start, end):
        if not re.search(r"[|\t][ \t]*$", text[max(0, start - 3):start]):
            return 1.0  # "(91 y)", "年　　龄：92"
        header = _table_header(text, start)
        return 1.0 if header and re.search(r"(?i)年龄|\bage\b", header) else None


def _table_header(text: str, pos: int) -> str | None:
    """Header of the "|"- or tab-separated column ``pos`` is in (nearest line above, same cell count, no digits)."""
    ls = text.rfind("\n", 0, pos) + 1
    le = text.find("\n", pos)
    line = text[ls:le if le >= 0 else len(text)]
    sep = re.compile(r"\||\t")
    cells = sep.split(line)
    col = len(sep.findall(line[:pos - ls]))
    end = ls - 1
    for _ in range(8):
        if end <= 0:
            return None
        start = text.rfind("\n", 0, end) + 1
        above = text[start:end]
        end = start - 1
        hc = sep.split(above)
        if len(hc) == len(cells) and not re.search(r"\d", above):
            return hc[col]
    return column_header(text, pos)


class GluedEmailRecognizer(RegexRecognizer):
    """E-mail addresses right after Han text ("邮箱renxia@163.com") or with any alphabetic TLD."""

    ENTITY = "EMAIL_ADDRESS"
    PATTERNS = [(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                 r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![A-Za-z0-9-])", 0.85)]


class ZhAreaPhoneRecognizer(RegexRecognizer):
    ENTITY = "PHONE_NUMBER"
    PATTERNS = [(r"[（(]0\d{2,3}[)）][ \t]?\d{3,4}[- ]?\d{3,4}(?!\d)", 0.8)]


# HL7 v2: segment -> {field position: entity}. Components are joined by "^", repeats by "~".
HL7_FIELDS = _HL7 = {
    "PID": {2: "MEDICAL_RECORD_NUMBER", 3: "MEDICAL_RECORD_NUMBER", 4: "MEDICAL_RECORD_NUMBER", 5: "PERSON", 6: "PERSON", 7: "DATE",
            9: "PERSON", 11: "ADDRESS", 13: "PHONE_NUMBER", 14: "PHONE_NUMBER", 18: "ACCOUNT_NUMBER", 19: "US_SSN", 20: "LICENSE_NUMBER",
            21: "MEDICAL_RECORD_NUMBER", 29: "DATE"},
    "NK1": {2: "PERSON", 4: "ADDRESS", 5: "PHONE_NUMBER", 6: "PHONE_NUMBER", 16: "DATE", 30: "PERSON", 31: "PHONE_NUMBER", 32: "ADDRESS",
            33: "ID_NUMBER", 37: "US_SSN"},
    "PV1": {7: "PERSON", 8: "PERSON", 9: "PERSON", 17: "PERSON", 19: "MEDICAL_RECORD_NUMBER", 44: "DATE", 45: "DATE", 50: "MEDICAL_RECORD_NUMBER"},
    "IN1": {16: "PERSON", 18: "DATE", 19: "ADDRESS", 36: "HEALTH_PLAN_NUMBER", 49: "HEALTH_PLAN_NUMBER", 2: "HEALTH_PLAN_NUMBER",
            8: "HEALTH_PLAN_NUMBER", 12: "DATE", 13: "DATE", 29: "DATE"},
    "IN2": {1: "HEALTH_PLAN_NUMBER", 2: "US_SSN", 8: "HEALTH_PLAN_NUMBER", 61: "HEALTH_PLAN_NUMBER"},
    "GT1": {3: "PERSON", 5: "ADDRESS", 6: "PHONE_NUMBER", 7: "PHONE_NUMBER", 8: "DATE", 12: "US_SSN", 2: "ACCOUNT_NUMBER"},
    "MRG": {1: "MEDICAL_RECORD_NUMBER", 3: "ACCOUNT_NUMBER", 7: "PERSON"},
    "ORC": {12: "PERSON", 10: "PERSON", 11: "PERSON"},
    "OBR": {16: "PERSON", 32: "PERSON", 34: "PERSON"},
    "MSH": {7: "DATE"},
    "EVN": {2: "DATE", 6: "DATE"},
}
_CODED = re.compile(r"^(?:[A-Z0-9_-]{1,12})$")


class Hl7Recognizer(RegexRecognizer):
    """HL7 v2 segments (PID, NK1, PV1, IN1, GT1 …): fields read by position, whatever they hold."""

    ENTITY = "ID_NUMBER"
    FLAGS = re.MULTILINE
    PATTERNS = [(r"^(?:PID|NK1|PV1|IN1|IN2|GT1|MRG|ORC|OBR|MSH|EVN)\|[^\n]*", 0.85)]

    def analyze(self, text, entities, nlp_artifacts=None):
        if "|" not in text:
            return []
        out = []
        for rx, base in self._compiled:
            for m in rx.finditer(text):
                line, seg = m.group(), m.group()[:3]
                fields = _HL7[seg]
                pos = m.start()
                for i, f in enumerate(line.split("|")):
                    # MSH counts its separator as field 1.
                    idx = i + 1 if seg == "MSH" else i
                    etype = fields.get(idx)
                    if etype and f.strip("^~ "):
                        a, b = pos, pos + len(f)
                        if etype == "PERSON":
                            # XCN: id^family^given^…^degree; keep the name components.
                            comps = f.split("^")
                            if comps and re.fullmatch(r"\d+|", comps[0]) and len(comps) > 2:
                                a = pos + len(comps[0]) + 1
                            if not re.search(r"[A-Za-z\u4e00-\u9fff]{2}", f):
                                etype = None
                        elif etype in ("MEDICAL_RECORD_NUMBER", "ACCOUNT_NUMBER", "HEALTH_PLAN_NUMBER", "ID_NUMBER") and not re.search(r"\d", f):
                            etype = None
                        elif etype == "DATE" and not re.match(r"\d{6}", f):
                            etype = None
                        if etype:
                            out.append(_res(self, etype, a, b, base))
                    pos += len(f) + 1
        return out


CLASSES = (ZhNicknameRecognizer, ZhNamedFieldRecognizer, EnAliasRecognizer, DottedNameRecognizer, ZhSpeakerRecognizer, ShortDateRecognizer, ExtraAddressRecognizer,
           MbiRecognizer, ReferenceCodeRecognizer, ExtraAgeRecognizer, GluedEmailRecognizer, ZhAreaPhoneRecognizer, Hl7Recognizer)
