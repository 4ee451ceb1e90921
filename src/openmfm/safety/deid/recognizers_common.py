"""Identifier types written the same way in Chinese and English notes: labelled record, plan,
account, licence, vehicle and device numbers, ages over 89, e-mail, URLs and IP addresses.

Numbers like these have no shape of their own (an MRN is just digits), so they are recognised
by the label in front of them, in either language; a bare number is left alone rather than
guessed at.
"""

from __future__ import annotations

import re

import tldextract
from presidio_analyzer.predefined_recognizers import EmailRecognizer, IpRecognizer

from .recognizer import RegexRecognizer

_VALUE = r"(?P<v>(?=[A-Za-z0-9-]*\d)[A-Za-z]{0,4}[-]?[A-Za-z0-9][A-Za-z0-9-]{2,24})(?![A-Za-z0-9])"
_SEP = r"\.?\s*(?:[:：#=]|No\.?|number|is|为|是)?\s*(?:#\s*)?"


class LabeledIdRecognizer(RegexRecognizer):
    """A number announced by a label ("住院号：", "MRN"); subclasses list the labels."""

    LABELS: str = ""
    SCORE = 0.9

    def patterns(self) -> list[tuple[str, float]]:
        return [(rf"(?:{self.LABELS}){_SEP}{_VALUE}", self.SCORE)]


class MedicalRecordNumberRecognizer(LabeledIdRecognizer):
    ENTITY = "MEDICAL_RECORD_NUMBER"
    LABELS = (r"住院(?:病历|病案)?号|门诊(?:病历)?号|急诊号|病案号|病历号|登记号|患者ID|病人ID|ID号|就诊(?:卡)?号|诊疗卡号|影像号|检查号|放射号|标本号|"
              r"\bMRN\b|\bMR\s*#|\bMR\s*No|Medical\s+Record\s*(?:Number|No|#)?|Med\.?\s*Rec\.?|\bRecord\s*(?:No|#|Number)|Patient\s+ID|\bPt\.?\s*ID|"
              r"Chart\s*(?:No|#|Number)|Reg(?:istration)?\.?\s*(?:No|#|Number)|Unit\s+(?:No|#|Number)|Hospital\s*(?:No|Number|#)|Encounter\s*(?:No|#|ID|Number)|Accession\s*(?:No|#|Number)|Visit\s*(?:No|#|ID|Number)|Case\s*(?:No|#|Number)")


class HealthPlanNumberRecognizer(LabeledIdRecognizer):
    ENTITY = "HEALTH_PLAN_NUMBER"
    LABELS = (r"医保(?:卡)?(?:号|编号|卡号|账号|个人编号)|社保(?:卡)?(?:号|卡号|编号)|社会保障(?:卡)?号(?:码)?|医疗保险(?:号|卡号|编号)|参保(?:号|编号|人编号)|新农合(?:证)?号|医疗证号|"
              r"Member\s*(?:ID|No|#|Number)|Policy\s*(?:No|#|Number|ID)|Health\s*Plan\s*(?:ID|No|#|Number|Beneficiary\s*Number)|Insurance\s*(?:ID|No|#|Number)|"
              r"Subscriber\s*(?:ID|No|#|Number)|Beneficiary\s*(?:ID|No|#|Number)|Medicare\s*(?:ID|No|#|Number)?|Medicaid\s*(?:ID|No|#|Number)?|Group\s*(?:No|#|Number)|\bMBI\b")


class AccountNumberRecognizer(LabeledIdRecognizer):
    ENTITY = "ACCOUNT_NUMBER"
    LABELS = (r"银行(?:卡|账)号|账号|帐号|账户|缴费号|收费号|发票号|"
              r"Account\s*(?:No|#|Number|ID)?|\bAcct\.?|Billing\s*(?:No|#|ID|Number)|Invoice\s*(?:No|#|Number)")


class MessagingAccountRecognizer(RegexRecognizer):
    """Messaging and social accounts announced by their service (微信号, QQ, WeChat ID,
    Skype, handles): the value is a user name, letters allowed, no digits required."""

    ENTITY = "ACCOUNT_NUMBER"
    PATTERNS = [(r"(?:微信(?:号|账号|ID)?|QQ(?:号)?|钉钉号?|微博|WeChat(?:\s*ID)?|WhatsApp|Skype(?:\s*ID)?|Telegram|LINE\s+ID|"
                 r"(?:Twitter|Instagram|Facebook|TikTok)(?:\s+handle)?)[ \t]*[:：]?[ \t]*(?:是|为|is)?[ \t]*"
                 r"(?P<v>@?[A-Za-z][A-Za-z0-9_.-]{4,29}|\d{5,12})(?![A-Za-z0-9_])", 0.85)]


class LicenseNumberRecognizer(LabeledIdRecognizer):
    ENTITY = "LICENSE_NUMBER"
    LABELS = (r"驾驶证(?:号(?:码)?)?|执业证(?:书)?(?:编码|号|编号)?|资格证(?:书)?(?:编码|号|编号)?|护照(?:号(?:码)?)?|执业医师证号|证书编号|"
              r"Driver'?s?\s+Licen[cs]e(?:\s*(?:No|#|Number))?|(?<![/A-Za-z])(?-i:DL)(?![a-z])\s*(?:No|#|Number)?|Licen[cs]e\s*(?:No|#|Number)|\bDEA\s*(?:No|#|Number)?|\bNPI\b|"
              r"Certificate\s*(?:No|#|Number)|Passport\s*(?:No|#|Number)?|State\s+ID")


class VehicleIdRecognizer(LabeledIdRecognizer):
    ENTITY = "VEHICLE_ID"
    LABELS = r"车牌(?:号(?:码)?)?|车架号|车辆识别(?:代)?码|\bVIN\b|Vehicle\s+Identification\s+Number|Licen[cs]e\s+Plate(?:\s*(?:No|#|Number))?|Plate\s*(?:No|#|Number)"

    def patterns(self):
        # "plate 6ABC123", "tag: NZD 9049": a licence plate may hold one space or dash.
        return super().patterns() + [
            (r"\b(?:licen[cs]e\s+)?plates?(?:\s*(?:No|#|Number))?\.?[ \t]*[:#]?[ \t]*(?:is[ \t]+)?"
             r"(?P<v>(?-i:(?=[A-Z0-9 -]*\d)(?=[A-Z0-9 -]*[A-Z])[A-Z0-9]{1,4}[ -]?[A-Z0-9]{2,5}))(?![A-Za-z0-9]|\.\w)", 0.85)]


class ChinesePlateRecognizer(RegexRecognizer):
    """Mainland plates start with a province abbreviation, which no other identifier does."""

    ENTITY = "VEHICLE_ID"
    PATTERNS = [(r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·•\s-]?[A-HJ-NP-Z0-9]{5,6}(?![A-Za-z0-9])", 0.85)]
    FLAGS = 0


class DeviceIdRecognizer(LabeledIdRecognizer):
    ENTITY = "DEVICE_ID"
    LABELS = (r"序列号|设备(?:编号|序列号|号)|器械(?:编号|序列号)|植入物(?:编号|序列号)|起搏器(?:编号|序列号)|"
              r"Serial\s*(?:No|#|Number)|\bS/N\b|Device\s*(?:ID|No|#|Serial|Number)|\bUDI\b|\bIMEI\b|Implant\s*(?:ID|Serial|No|#)|Model\s*/\s*Serial")


class AgeOver89Recognizer(RegexRecognizer):
    """Safe Harbor: ages over 89 are identifying (the count of 97-year-olds in a county is small)."""

    ENTITY = "AGE"
    _N = r"(?P<v>(?:9\d|1[01]\d)(?:\.\d)?)"
    PATTERNS = [
        (rf"(?<!\d){_N}\s*(?:周岁|岁)", 0.9),
        (rf"年龄\s*[:：]?\s*{_N}(?!\d)", 0.9),
        (r"(?P<v>九十[一二三四五六七八九]?|一百(?:零[一二三四五六七八九]|一十?[一二三四五六七八九]?)?)(?:周岁|岁)", 0.9),
        (rf"(?<!\d){_N}[\s-]*(?:years?|yrs?)[\s-]*(?:old|of\s+age)\b", 0.9),
        (rf"(?<!\d){_N}\s*(?:y/?o\b|y\.o\.?|yo\b)", 0.9),
        (rf"(?<=\()\s*{_N}\s?[MF](?![A-Za-z])", 0.8),  # "(93F, MRN …)"
        # "93F rm 418", "104M": age-sex shorthand; a temperature ("T 99F", "Tmax 100F") is not an age.
        (r"(?<![\w.°/-])(?P<v>(?:9\d|1[01]\d))\s?(?-i:[MF])(?![A-Za-z0-9°])", 0.75),
        # Ages in words: "ninety-three-year-old", "aged one hundred and two".
        (r"(?P<v>\b(?:ninety|one[\s-]+hundred(?:[\s-]+and)?)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
         r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen))?)(?=[\s-]*(?:years?|yrs?)\b|[\s-]*(?:y/?o)\b)", 0.9),
        (r"\b(?:aged?|age\s+of)\s+(?P<v>(?:ninety|one[\s-]+hundred(?:[\s-]+and)?)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?)\b", 0.85),
        (rf"\b(?:aged?|Age)\s*[:：]?\s*{_N}(?!\d)", 0.9),
        (rf"(?<!\d){_N}[-\s]*year[-\s]*old", 0.9),
    ]
    _TEMP = re.compile(r"(?i)(?:\bt|temp|tmax|temperature|fever|febrile|°|degrees?)\W{0,3}$")

    def validate(self, value, text, start, end):
        if text[end:end + 1] in ("M", "F") and self._TEMP.search(text, max(0, start - 14), start):
            return None  # "Tmax 101F" is a temperature
        return 1.0


class ZipCodeRecognizer(RegexRecognizer):
    ENTITY = "ZIP_CODE"
    PATTERNS = [
        (r"(?:ZIP|Zip\s*code|Postal\s*code|Postcode|邮编|邮政编码)\s*[:：]?\s*(?P<v>\d{5,6}(?:-\d{4})?)(?!\d)", 0.9),
        (r"(?-i:\b(?:A[LKZR]|C[AOT]|D[EC]|F[L]|G[A]|H[I]|I[DLNA]|K[SY]|L[A]|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|P[AR]|R[I]|S[CD]|T[NX]|U[T]|V[TAI]|W[AVIY]|G[U])"
         r"\s+(?P<v>\d{5}(?:-\d{4})?)(?!\d))", 0.85),
    ]


_TLD = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)  # bundled snapshot: no download


class OfflineEmailRecognizer(EmailRecognizer):
    """Presidio's e-mail recognizer, validating the domain against tldextract's bundled public
    suffix snapshot instead of fetching the list from the internet on first use."""

    def validate_result(self, pattern_text: str) -> bool:
        return _TLD(pattern_text.rsplit("@", 1)[-1]).suffix != ""


class UrlRecognizer(RegexRecognizer):
    """URLs with a scheme, "www." hosts, and bare host names whose suffix is a real public
    suffix (tldextract's bundled snapshot). Replaces Presidio's URL recognizer, whose TLD
    alternation stops early ("https://x.biz" matched as "https://x.bi")."""

    ENTITY = "URL"
    PATTERNS = [
        # Han characters end a URL ("登录https://x.cn/p/1就能查看"); \b would see no boundary there.
        (r"(?<![A-Za-z0-9])(?:https?|ftp)://[^\s<>\"'，。；、：）)\]}\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+", 0.9),
        (r"(?<![A-Za-z0-9./])www\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/[^\s<>\"'，。；、）)\]}\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]*)?", 0.85),
        (r"(?<![@A-Za-z0-9_.\-/])(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,12}/[^\s<>\"'，。；、）)\]}\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]*", 0.6),
    ]

    def validate(self, value: str, text: str, start: int, end: int):
        host = re.sub(r"^[a-z]+://", "", value, flags=re.I).split("/")[0].split(":")[0].split("@")[-1]
        return 1.0 if _TLD(host).suffix or re.fullmatch(r"[\d.]+", host) else None


PRESIDIO_CLASSES = (OfflineEmailRecognizer, IpRecognizer)
CLASSES = (MedicalRecordNumberRecognizer, HealthPlanNumberRecognizer, AccountNumberRecognizer, MessagingAccountRecognizer, LicenseNumberRecognizer,
           VehicleIdRecognizer, ChinesePlateRecognizer, DeviceIdRecognizer, AgeOver89Recognizer, ZipCodeRecognizer, UrlRecognizer)
