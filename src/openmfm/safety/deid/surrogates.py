"""Consistent, format-preserving surrogates and per-patient date shifting.

Every fake value is drawn from Faker (zh_CN or en_US) seeded by a keyed hash of (scope, entity
type, value): the same name in the same patient's notes always becomes the same fake name, a
different key gives different fakes, and nobody without the key can run the mapping backwards
by brute force. Dates move by one offset per scope, so intervals between events (day 3 after
admission) survive while the real dates do not.
"""

from __future__ import annotations

import hashlib
import hmac
import random
import re
from datetime import date, datetime, timedelta

from faker import Faker

from .recognizers_zh import resident_id_valid

_FAKERS: dict[str, Faker] = {}


def _faker(locale: str, seed: int) -> Faker:
    f = _FAKERS.get(locale)
    if f is None:
        f = _FAKERS[locale] = Faker(locale)
    f.seed_instance(seed)
    return f


def keyed_seed(key: bytes, *parts: str) -> int:
    digest = hmac.new(key, "\x1f".join(parts).encode("utf-8"), hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big")


def date_offset(key: bytes, scope: str, max_days: int) -> int:
    """The scope's shift in days, in [-max_days, max_days] and never 0."""
    n = keyed_seed(key, "date-shift", scope) % (2 * max_days)
    return n - max_days if n < max_days else n - max_days + 1


def _scramble(value: str, rng: random.Random) -> str:
    """Same shape: digits stay digits, letters keep their case, separators stay put."""
    out = []
    for i, c in enumerate(value):
        if c.isdigit():
            out.append(str(rng.randint(1 if i == 0 else 0, 9)))
        elif c.isascii() and c.isalpha():
            ch = rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ")
            out.append(ch if c.isupper() else ch.lower())
        else:
            out.append(c)
    return "".join(out)


def _resident_id(rng: random.Random) -> str:
    while True:
        born = date(1940, 1, 1) + timedelta(days=rng.randint(0, 365 * 65))
        body = f"{rng.randint(110000, 659000)}{born:%Y%m%d}{rng.randint(0, 999):03d}"
        for check in "0123456789X":
            if resident_id_valid(body + check):
                return body + check


def _person(value: str, lang: str, f: Faker) -> str:
    if lang == "zh" and re.fullmatch(r"[\u4e00-\u9fff]{1,4}", value):
        for _ in range(50):
            name = f.last_name() if len(value) == 1 else f.last_name() + f.first_name()
            if len(name) == len(value):
                return name
        return name
    words = value.replace(",", " , ").split()
    names = [w for w in words if w != ","]
    if "," in words and len(names) >= 2:  # "SMITH, John"
        last, first = f.last_name(), f.first_name()
        out = f"{last}, {first}"
    elif len(names) == 1:
        out = f.last_name() if not value.endswith(".") else f.first_name()[0] + "."
    else:
        out = " ".join([f.first_name()] + [f.first_name()[0] + "." if len(w.rstrip(".")) == 1 else f.last_name()
                                            for w in names[1:-1]] + [f.last_name()])
    return out.upper() if value.isupper() else out


_ZH_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*([日号]))?")
_NUM_DATE = re.compile(r"((?:19|20)\d{2})([-/.])(\d{1,2})\2(\d{1,2})")
_US_DATE = re.compile(r"(\d{1,2})([/-])(\d{1,2})\2((?:19|20)?\d{2})")
_EN_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%d %B %Y", "%b. %d, %Y", "%B %Y", "%b %Y", "%d %b %Y")


def shift_date(value: str, days: int) -> str | None:
    """The same date moved by ``days``, written in the same format; None when not parseable."""
    m = _ZH_DATE.search(value)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3) or 15)
        try:
            new = date(y, mo, d) + timedelta(days=days)
        except ValueError:
            return None
        rep = f"{new.year}年{new.month}月" + (f"{new.day}{m.group(4)}" if m.group(3) else "")
        return value[:m.start()] + rep + value[m.end():]
    m = _NUM_DATE.search(value)
    if m:
        y, sep, mo, d = int(m.group(1)), m.group(2), m.group(3), m.group(4)
        try:
            new = date(y, int(mo), int(d)) + timedelta(days=days)
        except ValueError:
            return None
        fmt = lambda n, w: f"{n:0{len(w)}d}"  # noqa: E731 - keep zero padding as written
        return value[:m.start()] + f"{new.year}{sep}{fmt(new.month, mo)}{sep}{fmt(new.day, d)}" + value[m.end():]
    m = _US_DATE.fullmatch(value.strip())
    if m:
        mo, sep, d, y = m.group(1), m.group(2), m.group(3), m.group(4)
        year = int(y) if len(y) == 4 else (1900 + int(y) if int(y) > 30 else 2000 + int(y))
        try:
            new = date(year, int(mo), int(d)) + timedelta(days=days)
        except ValueError:
            return None
        ys = f"{new.year}" if len(y) == 4 else f"{new.year % 100:02d}"
        return f"{new.month:0{len(mo)}d}{sep}{new.day:0{len(d)}d}{sep}{ys}"
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", value.strip())
    cleaned = re.sub(r"\bof\s+", "", cleaned)
    for fmt in _EN_FORMATS:
        try:
            parsed = datetime.strptime(cleaned, fmt)
        except ValueError:
            continue
        new = parsed + timedelta(days=days)
        out = new.strftime(fmt)
        return out.replace(" 0", " ") if "%d" in fmt else out
    return None


def surrogate(entity_type: str, value: str, *, lang: str, key: bytes, scope: str, date_shift_days: int) -> str:
    """A fake value for ``value`` that is stable for (key, scope, type, value)."""
    seed = keyed_seed(key, scope, entity_type, value.strip())
    rng = random.Random(seed)
    locale = "zh_CN" if lang == "zh" else "en_US"
    f = _faker(locale, seed)
    if entity_type == "DATE":
        shifted = shift_date(value, date_offset(key, scope, date_shift_days))
        return shifted if shifted is not None else _scramble(value, rng)
    if entity_type == "PERSON":
        return _person(value, lang, f)
    if entity_type == "CN_RESIDENT_ID":
        return _resident_id(rng)
    if entity_type == "EMAIL_ADDRESS":
        return f.user_name() + "@example.com"
    if entity_type == "URL":
        return f"https://{f.domain_word()}.example.org/{f.uri_path(deep=1)}"
    if entity_type == "IP_ADDRESS":
        return f.ipv6() if ":" in value else f.ipv4_private()
    if entity_type in ("ADDRESS", "LOCATION"):
        if not any(c.isdigit() for c in value):  # a city or district name, not a street address
            return f.city()
        if lang == "zh":
            return f"{f.province()}{f.city()}{f.district()}区{f.street_name()}{f.building_number()}号"
        return f.city() if entity_type == "LOCATION" else f.street_address() + ("" if "," not in value else f", {f.city()}, {f.state_abbr()} {f.zipcode()}")
    if entity_type == "AGE":
        return "90+"
    if entity_type == "PHONE_NUMBER":  # keep the country/area/carrier prefix so the number still reads as one
        return value[:3] + _scramble(value[3:], rng)
    return _scramble(value, rng)
