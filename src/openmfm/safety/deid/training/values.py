"""PHI values for the training notes, drawn from Faker in many locales and from our own formats.

A value is a list of segments ``(text, category or None)``, so that what is not PHI around it
("Dr. ", ", MD", "ext. ") is written into the note but kept outside the gold span, as the
benchmark and a careful annotator do. Names come from a dozen Faker locales, so that the model
cannot learn one country's name list instead of the places names stand in.
"""

from __future__ import annotations

import random
import string
from datetime import date, timedelta

from faker import Faker

Seg = list[tuple[str, str | None]]

# Name locales and their weights: mostly English-speaking, with the names a US or UK ward sees.
NAME_LOCALES = {"en_US": 6, "en_GB": 3, "en_IE": 1, "en_NZ": 1, "en_IN": 2, "es_MX": 2, "fr_FR": 1, "de_DE": 1, "it_IT": 1,
                "pl_PL": 1, "nl_NL": 1, "sw": 1, "yo_NG": 1, "zh_CN": 1, "vi_VN": 1}
ADDRESS_LOCALES = {"en_US": 6, "en_GB": 2, "en_AU": 2}
_TITLES = ["Dr.", "Dr", "Mr.", "Mrs.", "Ms.", "Miss", "Mr", "Mrs", "Ms", "Prof.", "Nurse", "Sister"]
_DEGREES = ["MD", "M.D.", "DO", "RN", "NP", "PA-C", "PhD", "MBBS", "FRCP", "PharmD", "LCSW", "BSN, RN", "MSN, APRN", "DPT", "RD"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def _ascii_fold(s: str) -> str:
    return s.translate(str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ"))


class Values:
    """One random stream and one Faker per locale, so a seed gives the same notes."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.f = {}
        for loc in {**NAME_LOCALES, **ADDRESS_LOCALES, "zh_CN": 1}:
            self.f[loc] = Faker(loc)
            self.f[loc].seed_instance(rng.randint(0, 2 ** 31))

    def pick(self, weights: dict[str, int]) -> Faker:
        return self.f[self.rng.choices(list(weights), list(weights.values()))[0]]

    # ------------------------------------------------------------------ names
    def person(self) -> tuple[str, str]:
        loc = self.rng.choices(list(NAME_LOCALES), list(NAME_LOCALES.values()))[0]
        f = self.f[loc]
        if loc == "zh_CN":
            return f.first_romanized_name(), f.last_romanized_name()
        first, last = f.first_name(), f.last_name()
        if self.rng.random() < 0.06:
            last = f"{last}-{self.pick(NAME_LOCALES).last_name()}"
        if self.rng.random() < 0.04:
            last = self.rng.choice(["O'", "Mc", "Mac", "Van ", "De", "St. "]) + last
        return _ascii_fold(first.split()[0]), _ascii_fold(last)

    def first(self) -> str:
        return self.person()[0]

    def last(self) -> str:
        return self.person()[1]

    def name(self, forms: str = "full") -> str:
        """A name as people write it: "Ann Lee", "Ann B. Lee", "LEE, Ann", "Lee, Ann B", "A. Lee"."""
        first, last = self.person()
        mi = self.rng.choice(string.ascii_uppercase.replace("X", ""))
        r = self.rng.random()
        if forms == "full":
            if r < 0.55:
                v = f"{first} {last}"
            elif r < 0.7:
                v = f"{first} {mi}. {last}"
            elif r < 0.8:
                v = f"{last}, {first}"
            elif r < 0.87:
                v = f"{last.upper()}, {first.upper()}"
            elif r < 0.93:
                v = f"{first[0]}. {last}"
            else:
                v = f"{first} {mi} {last}"
        else:
            v = f"{first} {last}"
        if self.rng.random() < 0.04:
            v = v.lower()
        return v

    def titled(self) -> Seg:
        """A name behind a title ("Dr. Okafor", "Mrs. Ann Lee"); the title stays outside the span."""
        title = self.rng.choice(_TITLES)
        name = self.last() if self.rng.random() < 0.6 else self.name("plain")
        return [(title + " ", None), (name, "NAME")]

    def clinician(self) -> Seg:
        """A clinician's name, with or without a title or a degree."""
        r = self.rng.random()
        if r < 0.35:
            return self.titled()
        if r < 0.7:
            return [(self.name(), "NAME"), (self.rng.choice([", ", " "]) + self.rng.choice(_DEGREES), None)]
        return [(self.name(), "NAME")]

    # ------------------------------------------------------------------ look-alikes that are not PHI
    def drug(self, listed: list[str]) -> str:
        """A drug name from the list, or a made-up generic or brand name of the same build, so
        the model learns what a drug looks like and where it stands, not a list of them."""
        r, rng = self.rng.random(), self.rng
        if r < 0.5:
            return rng.choice(listed)
        head = "".join(rng.choice(_DRUG_HEADS) for _ in range(rng.randint(1, 2)))
        return (head + rng.choice(_DRUG_TAILS)).capitalize() if r < 0.8 else (head + rng.choice(["l", "x", "n", "r", "z", "v"]) + rng.choice(_BRAND_TAILS)).capitalize()

    def eponym(self, listed: list[str]) -> str:
        """A listed eponym, or a surname made into one ("Lindqvist sign", "Okafor's syndrome")."""
        if self.rng.random() < 0.5:
            return self.rng.choice(listed)
        return f"{self.last()}{self.rng.choice(['', '', chr(39) + 's'])} {self.rng.choice(_EPONYM_NOUNS)}"

    # ------------------------------------------------------------------ dates and ages
    def day(self, start: int = 2012, years: int = 14) -> date:
        return date(start, 1, 1) + timedelta(days=self.rng.randint(0, 365 * years))

    def date(self, d: date | None = None, time: bool | None = None) -> str:
        d = d or self.day()
        mon = _MONTHS[d.month - 1]
        fmts = [f"{d:%m/%d/%Y}", f"{d.month}/{d.day}/{d.year}", f"{d.month}/{d.day}/{d:%y}", f"{d:%Y-%m-%d}", f"{d.day} {mon} {d.year}",
                f"{mon} {d.day}, {d.year}", f"{mon[:3]} {d.day}, {d.year}", f"{d.day}-{mon[:3]}-{d.year}", f"{d:%d/%m/%Y}", f"{d.day}/{d.month}/{d.year}",
                f"{d:%d.%m.%Y}", f"{d:%d%b%Y}".upper(), f"{mon[:3]}. {d.day}, {d.year}", f"{d.day}{_sfx(d.day)} {mon} {d.year}", f"{d:%Y%m%d}",
                f"{mon} {d.day}{_sfx(d.day)}", f"{d.month}/{d.day}", f"{d:%d-%m-%y}", f"{mon} {d.year}", f"{d.day}{_sfx(d.day)} of {mon}"]
        v = self.rng.choice(fmts)
        if time or (time is None and self.rng.random() < 0.15):
            h, m = self.rng.randint(0, 23), self.rng.randint(0, 59)
            v += self.rng.choice([f" {h:02d}:{m:02d}", f" {h:02d}{m:02d}", f" at {h % 12 or 12}:{m:02d} {'AM' if h < 12 else 'PM'}",
                                  f" {h % 12 or 12}:{m:02d}{'am' if h < 12 else 'pm'}"])
        return v

    def dob(self) -> str:
        return self.date(self.day(1922, 80), time=False)

    def age(self) -> Seg:
        """An age; 90 and over is PHI under Safe Harbor, younger ages are not (and are not labelled)."""
        n = self.rng.choice([self.rng.randint(90, 106)] * 2 + [self.rng.randint(1, 89)] * 3)
        cat = "AGE" if n >= 90 else None
        return [(str(n), cat)]

    # ------------------------------------------------------------------ contact
    def phone(self) -> Seg:
        r, a, b, c = self.rng.random(), self.rng.randint(201, 989), self.rng.randint(200, 999), f"{self.rng.randint(0, 9999):04d}"
        if r < 0.25:
            v = self.f["en_US"].phone_number()
        elif r < 0.35:
            v = self.f["en_GB"].phone_number()
        elif r < 0.42:
            v = self.f["en_AU"].phone_number()
        else:
            v = self.rng.choice([f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"{a}.{b}.{c}", f"+1 {a} {b} {c}", f"1-{a}-{b}-{c}", f"{a} {b} {c}",
                                 f"+44 7{self.rng.randint(100, 999)} {self.rng.randint(100000, 999999)}", f"0{self.rng.randint(1000, 9999)} {self.rng.randint(100000, 999999)}",
                                 f"({a}){b}-{c}", f"{b}-{c}", f"+61 4{self.rng.randint(10, 99)} {self.rng.randint(100, 999)} {self.rng.randint(100, 999)}"])
        if self.rng.random() < 0.12:
            v += self.rng.choice([" ext. ", " x", " ext ", ", extension "]) + str(self.rng.randint(10, 9999))
        return [(v, "PHONE")]

    def email(self) -> str:
        first, last = self.person()
        f = self.f["en_US"]
        return self.rng.choice([f.email(), f.free_email(), f"{first.lower()}.{last.lower()}@{f.free_email_domain()}",
                                f"{first[0].lower()}{last.lower()}{self.rng.randint(1, 99)}@{f.domain_name()}"]).replace(" ", "")

    def url(self) -> str:
        f = self.f["en_US"]
        return self.rng.choice([f.url() + f"patients/{self.rng.randint(1000, 999999)}", f"https://portal.{f.domain_name()}/chart?id={self.rng.randint(10 ** 5, 10 ** 8)}",
                                f"www.{f.domain_name()}/{f.user_name()}", f"http://{f.domain_name()}/u/{f.user_name()}"])

    def ip(self) -> str:
        return self.rng.choice([self.f["en_US"].ipv4_public(), self.f["en_US"].ipv4_private()])

    # ------------------------------------------------------------------ places
    def address(self, multiline: bool | None = None) -> str:
        f = self.pick(ADDRESS_LOCALES)
        v = f.address()
        if self.rng.random() < 0.3:
            v = v.replace(" Suite ", ", Suite ").replace(" Apt. ", ", Apt ")
        multiline = self.rng.random() < 0.35 if multiline is None else multiline
        return v if multiline else v.replace("\n", self.rng.choice([", ", ", ", " "]))

    def street(self) -> str:
        return self.pick(ADDRESS_LOCALES).street_address().replace("\n", ", ")

    def city(self) -> str:
        return self.pick(ADDRESS_LOCALES).city()

    def city_state(self) -> str:
        f = self.f["en_US"]
        return self.rng.choice([f"{f.city()}, {f.state_abbr()}", f"{f.city()}, {f.state()}", f"{f.city()}, {f.state_abbr()} {f.zipcode()}"])

    def zipcode(self) -> str:
        return self.rng.choice([self.f["en_US"].zipcode(), self.f["en_US"].zipcode_plus4(), self.f["en_GB"].postcode()])

    # ------------------------------------------------------------------ identifiers
    def _digits(self, n: int) -> str:
        return "".join(self.rng.choice(string.digits) for _ in range(n))

    def _letters(self, n: int) -> str:
        return "".join(self.rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(n))

    def ident(self, kind: str | None = None) -> str:
        """An identifier of any shape: record, account, member, licence, serial, plate, VIN."""
        d, L = self._digits, self._letters
        kind = kind or self.rng.choice(["mrn", "acct", "member", "ssn", "license", "device", "plate", "vin", "claim", "study", "npi", "passport"])
        opts = {
            "mrn": [d(self.rng.randint(6, 10)), f"MR{d(7)}", f"{L(1)}{d(7)}", f"{d(3)}-{d(2)}-{d(2)}", f"MRN{d(8)}", f"{L(3)}{d(6)}", f"E{d(9)}"],
            "acct": [d(self.rng.randint(8, 12)), f"{d(4)}-{d(4)}-{d(2)}", f"AC-{d(7)}", f"{L(2)}{d(8)}", f"{d(10)}-{d(2)}"],
            "member": [f"{L(3)}{d(9)}", f"{d(9)}-{d(2)}", f"W{d(10)}", f"{d(1)}{L(2)}{d(1)}-{L(2)}{d(1)}-{L(2)}{d(2)}", f"{L(1)}{d(8)}", f"ZGP{d(8)}"],
            "ssn": [self.f["en_US"].ssn(), f"{d(3)} {d(2)} {d(4)}", f"{d(9)}", f"{L(2)} {d(2)} {d(2)} {d(2)} {L(1)}", f"{d(3)} {d(3)} {d(4)}"],
            "license": [f"{L(1)}{d(7)}", f"{L(1)}{d(3)}-{d(4)}-{d(4)}", f"{d(9)}", f"{L(2)}{d(6)}", f"{d(3)} {d(3)} {d(3)}"],
            "device": [f"SN{d(9)}", f"{L(3)}{d(6)}{L(1)}", f"{d(3)}-{d(3)}-{d(3)}", f"{L(2)}-{d(4)}-{d(4)}", f"{L(4)}{d(8)}"],
            "plate": [f"{d(1)}{L(3)}{d(3)}", f"{L(3)} {d(4)}", f"{L(2)}{d(2)} {L(3)}", f"{L(3)}-{d(3)}"],
            "vin": [f"{d(1)}{L(4)}{d(5)}{L(1)}{d(6)}", f"{L(3)}{d(2)}{L(3)}{d(9)}"],
            "claim": [f"CLM{d(9)}", f"{d(12)}", f"{d(2)}{d(3)}E{d(6)}", f"{d(4)}-{d(6)}"],
            "study": [f"{L(3)}-{d(3)}-{d(4)}", f"S{d(2)}-{d(3)}", f"{d(3)}-{d(3)}", f"SUBJ{d(5)}"],
            "npi": [f"{d(10)}", f"{L(1)}{d(5)}", f"MD{d(6)}"],
            "passport": [f"{L(1)}{d(8)}", f"{d(9)}", f"{L(2)}{d(7)}"],
        }
        return self.rng.choice(opts[kind])


_DRUG_HEADS = ["ab", "ad", "al", "am", "ar", "ben", "bri", "ca", "cel", "cor", "da", "de", "dul", "el", "en", "ep", "far", "fe", "flu", "ga",
               "gli", "hu", "ib", "in", "ja", "ke", "la", "le", "li", "lo", "ma", "me", "mi", "mo", "na", "ne", "ni", "no", "o", "pa", "pe", "pra",
               "pro", "qu", "ra", "re", "ri", "ro", "sa", "se", "so", "ta", "te", "ti", "to", "tra", "tri", "u", "va", "ve", "vi", "xa", "xe", "ze", "zo"]
_DRUG_TAILS = ["mab", "nib", "pril", "sartan", "olol", "statin", "prazole", "mycin", "cillin", "vir", "tide", "parin", "lukast", "dronate",
               "azepam", "oxetine", "triptan", "glutide", "gliflozin", "dipine", "floxacin", "conazole", "tidine", "setron", "afil", "lamide"]
_BRAND_TAILS = ["a", "o", "ex", "ix", "al", "ra", "za", "ta", "on", "ol", "io", "ia", "anz", "elo", "ify", "ara", "eva", "xa"]
_EPONYM_NOUNS = ["sign", "score", "syndrome", "disease", "test", "scale", "criteria", "maneuver", "classification", "procedure", "reflex",
                 "fracture", "node", "law", "triad", "phenomenon", "operation", "catheter", "tube", "stage", "palsy", "ulcer", "granuloma"]


def _sfx(n: int) -> str:
    return "th" if 11 <= n <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
