"""Synthetic notes in independent styles, each a different way PHI reaches a clinical text.

Every style assembles a note from the frames in ``data/deid/training_text.json`` and the values
of ``values.Values``, recording the character span and category of every PHI value. Styles
differ in layout (letters, time-stamped nursing entries, ED notes, telephone notes, structured
exports, HL7 segments, tables, portal messages, prose) so that one can be left out and the
model measured on a layout it never saw.
"""

from __future__ import annotations

import json
import random
import string
from functools import lru_cache
from importlib import resources

from .values import Seg, Values

Span = tuple[int, int, str]


@lru_cache(maxsize=1)
def text_bank() -> dict:
    return json.loads(resources.files("openmfm").joinpath("data/deid/training_text.json").read_text(encoding="utf-8"))


class Doc:
    """A note being written: literal text and PHI segments, with the gold spans kept in step."""

    def __init__(self, v: Values):
        self.v, self.rng, self.parts, self.spans, self.pos = v, v.rng, [], [], 0
        first, last = v.person()
        self.pt = {"first": first, "last": last, "title": v.rng.choice(["Mr.", "Mrs.", "Ms.", "Mr", "Mrs", "Ms", "Miss"]),
                   "mrn": v.ident("mrn"), "dob": v.dob()}

    def add(self, text: str, cat: str | None = None) -> Doc:
        if cat and text.strip():
            lead = len(text) - len(text.lstrip())
            self.spans.append((self.pos + lead, self.pos + len(text.rstrip()), cat))
        self.parts.append(text)
        self.pos += len(text)
        return self

    def seg(self, seg: Seg) -> Doc:
        for text, cat in seg:
            self.add(text, cat)
        return self

    def frame(self, frame: str) -> Doc:
        for literal, slot, _, _ in string.Formatter().parse(frame):
            self.add(literal)
            if slot is not None:
                self.seg(self.slot(slot))
        return self

    def pt_name(self) -> str:
        first, last, r = self.pt["first"], self.pt["last"], self.rng.random()
        return f"{first} {last}" if r < 0.6 else f"{last}, {first}" if r < 0.75 else f"{last.upper()}, {first.upper()}" if r < 0.88 else f"{first} {self.rng.choice('ABCDEJKLMRST')}. {last}"

    def slot(self, name: str) -> Seg:
        v, rng, bank = self.v, self.rng, text_bank()
        fixed: dict[str, Seg] = {
            "pt": [(self.pt_name(), "NAME")], "ptf": [(self.pt["first"], "NAME")], "ptl": [(self.pt["last"], "NAME")],
            "ptt": [(self.pt["title"] + " ", None), (self.pt["last"], "NAME")] if rng.random() < 0.7 else [(self.pt["first"], "NAME")],
            "mrn": [(self.pt["mrn"], "ID")], "dob": [(self.pt["dob"], "DATE")],
        }
        if name in fixed:
            return fixed[name]
        if name.startswith("z"):
            return zh_slot(self, name)
        simple = {
            "name": lambda: [(v.name(), "NAME")], "kin": lambda: [(v.name("plain") if rng.random() < 0.6 else v.first(), "NAME")],
            "first": lambda: [(v.first(), "NAME")], "last": lambda: [(v.last(), "NAME")], "titled": v.titled, "clin": v.clinician,
            "date": lambda: [(v.date(), "DATE")], "dt": lambda: [(v.date(time=True), "DATE")], "age": v.age, "phone": v.phone,
            "email": lambda: [(v.email(), "NET")], "url": lambda: [(v.url(), "NET")], "ip": lambda: [(v.ip(), "NET")],
            "addr": lambda: [(v.address(), "ADDRESS")], "street": lambda: [(v.street(), "ADDRESS")], "city": lambda: [(v.city(), "ADDRESS")],
            "city_state": lambda: [(v.city_state(), "ADDRESS")], "zip": lambda: [(v.zipcode(), "ADDRESS")],
            "id": lambda: [(v.ident(), "ID")], "acct": lambda: [(v.ident("acct"), "ID")], "member": lambda: [(v.ident("member"), "ID")],
            "ssn": lambda: [(v.ident("ssn"), "ID")], "license": lambda: [(v.ident("license"), "ID")], "device": lambda: [(v.ident("device"), "ID")],
            "plate": lambda: [(v.ident("plate"), "ID")], "claim": lambda: [(v.ident("claim"), "ID")],
            "nhs": lambda: [(f"{v._digits(3)} {v._digits(3)} {v._digits(4)}", "ID")], "passport": lambda: [(v.ident("passport"), "ID")],
            "card": lambda: [(v.f["en_US"].credit_card_number(), "ID")], "iban": lambda: [(v.f[rng.choice(["en_GB", "de_DE", "fr_FR"])].iban(), "ID")],
            "user": lambda: [(v.f["en_US"].user_name(), "NET")],
            "rel": lambda: [(rng.choice(bank["rels"]), None)], "drug": lambda: [(v.drug(bank["drugs"]), None)],
            "epo": lambda: [(v.eponym(bank["eponyms"]), None)], "org": lambda: [(rng.choice(bank["orgs"]), None)],
            "state": lambda: [(rng.choice(bank["states"]), None)], "dx": lambda: [(rng.choice(bank["dx"]), None)],
            "role": lambda: [(rng.choice(bank["roles"]), None)], "unit": lambda: [(rng.choice(bank["units"]), None)],
            "weekday": lambda: [(rng.choice(bank["weekdays"]), None)], "num": lambda: [(str(rng.randint(1, 140)), None)],
            "year": lambda: [(str(rng.randint(1960, 2025)), None)], "time": lambda: [(f"{rng.randint(0, 23):02d}{rng.choice([':', ''])}{rng.randint(0, 59):02d}", None)],
            "dose": lambda: [(f"{rng.choice([2.5, 5, 10, 20, 25, 40, 50, 81, 100, 250, 500, 1000])} {rng.choice(['mg', 'mcg', 'units', 'mL'])}", None)],
            "bp": lambda: [(f"{rng.randint(85, 190)}/{rng.randint(45, 110)}", None)],
            "lot": lambda: [(f"{v._letters(2)}{v._digits(4)}", None)], "ndc": lambda: [(f"{v._digits(5)}-{v._digits(3)}-{v._digits(2)}", None)],
            "cpt": lambda: [(v._digits(5), None)], "icd": lambda: [(f"{v._letters(1)}{v._digits(2)}.{v._digits(1)}", None)],
        }
        return simple[name]()

    def line(self, frame: str = "") -> Doc:
        return self.frame(frame).add("\n")

    def clinical(self, k: int) -> Doc:
        for _ in range(k):
            self.frame(self.rng.choice(text_bank()["clinical"])).add(" ")
        return self

    def result(self) -> tuple[str, list[Span]]:
        return "".join(self.parts), self.spans


# ---------------------------------------------------------------------------------------- styles
def _label(rng: random.Random) -> str:
    """An identifier label nobody wrote a rule for: "Beneficiary locator", "Kit ref no."."""
    bank = text_bank()
    return f"{rng.choice(bank['label_qualifiers'])} {rng.choice(bank['label_nouns'])}"


def _sep(rng: random.Random) -> str:
    return rng.choice([": ", ": ", ":  ", " - ", " ", ":\t", " #: ", " = "])


def letter(d: Doc) -> None:
    v, rng, bank = d.v, d.rng, text_bank()
    if rng.random() < 0.6:
        d.add(rng.choice(bank["orgs"]) + "\n").add(v.address(multiline=True), "ADDRESS").add("\n")
        if rng.random() < 0.5:
            d.add("Tel ").seg(v.phone()).add(rng.choice(["  Fax ", "\nFax: "])).seg(v.phone()).add("\n")
    d.add("\n").add(v.date(), "DATE").add("\n\n")
    if rng.random() < 0.5:
        d.line("{titled}").add(rng.choice(bank["orgs"]) + "\n").add(v.address(multiline=rng.random() < 0.7), "ADDRESS").add("\n\n")
    d.line(rng.choice(["Re: {pt}", "RE: {pt}, DOB {dob}", "Re: {pt} (DOB: {dob}; MRN {mrn})", "Patient: {pt}   Date of birth: {dob}",
                       "Re: your patient {pt}", "Regarding: {pt}, born {dob}", "RE: {pt} - Hospital No. {mrn}", "Re:\t{pt}\nDOB:\t{dob}\nAddress:\t{addr}",
                       "RE: {pt}\n{addr}", "Re: {pt} ({dob})"]))
    d.add("\n")
    d.line(rng.choice(["Dear {titled},", "Dear Dr {last},", "Dear {first},", "Dear Colleague,", "Dear {name},", "To whom it may concern,",
                       "Dear Dr. {last} and team,", "Dear {first} and {first},", "Dear Mr {last}", "Dear {ptt},"])).add("\n")
    for _ in range(rng.randint(2, 5)):
        d.frame(rng.choice(bank["letter_body"])).add(" ")
        d.clinical(rng.randint(0, 2))
        if rng.random() < 0.5:
            d.add("\n\n")
    d.add("\n\n" + rng.choice(["Yours sincerely,", "Kind regards,", "With best wishes,", "Sincerely,", "Best regards,", "Yours faithfully,",
                                "Warm regards,", "Many thanks,", "Yours,", "Regards,", "Signed", "With thanks", "Kind regards", "Best wishes"]) + "\n" + rng.choice(["\n", "\n\n", ""]))
    sig = rng.random()
    if sig < 0.6:
        d.seg(v.clinician()).add("\n" + rng.choice(bank["roles"]) + "\n")
    elif sig < 0.8:
        d.add(rng.choice(["Dr ", "Dr. ", ""])).add(v.name("plain"), "NAME").add("\n")
    else:
        d.add(v.first(), "NAME").add("\n")
    if rng.random() < 0.6:
        d.add("\n")
        for _ in range(rng.randint(1, 3)):
            d.line(rng.choice(["cc: {clin}", "cc: {name}; {name}", "CC: {name}, {role}", "Copy to: {titled}, {org}", "cc: Patient",
                               "c.c. {name} (GP)", "cc:\t{clin}\n\t{addr}", "cc {name}", "Copies: {titled}; {titled}"]))
    if rng.random() < 0.3:
        d.line(rng.choice(["Dictated by {name}, typed by {first} on {date}.", "Enc: discharge summary", "D: {date}  T: {date}  {first}/{last}"]))


def nursing(d: Doc) -> None:
    v, rng, bank = d.v, d.rng, text_bank()
    if rng.random() < 0.5:
        d.line(rng.choice(["NURSING NOTE - {unit}", "Nursing Progress Note", "Shift assessment {date}", "RN note for {pt}, MRN {mrn}"]))
    for _ in range(rng.randint(3, 8)):
        d.add(rng.choice([f"{rng.randint(0, 23):02d}{rng.randint(0, 59):02d}", f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}", "-", "*", ""]) + " ")
        d.frame(rng.choice(bank["nursing"]))
        if rng.random() < 0.4:
            d.add(" ").clinical(1)
        d.add("\n")
    d.add(rng.choice(["", "\n"])).seg(rng.choice([[(v.name(), "NAME"), (", RN", None)], [("-", None), (v.first(), "NAME")], [(v.first()[0] + v.last()[0], "NAME")],
                                                   [(v.first() + " " + v.last()[0] + ".", "NAME"), (" RN", None)], v.clinician()]))


def ed(d: Doc) -> None:
    rng, bank = d.rng, text_bank()
    d.line(rng.choice(["EMERGENCY DEPARTMENT NOTE", "ED Provider Note", "Emergency Medicine - {date}", "ED visit {dt}"]))
    if rng.random() < 0.6:
        d.line(rng.choice(["Patient: {pt}   MRN: {mrn}   DOB: {dob}", "{pt} | {mrn} | {dob}", "Name: {pt}\nAge: {age}\nMRN: {mrn}",
                           "{pt}, {age} y/o, MRN {mrn}"]))
    for head in rng.sample(["CHIEF COMPLAINT", "HPI", "ED COURSE", "SOCIAL HISTORY", "ASSESSMENT/PLAN", "DISPOSITION"], rng.randint(2, 5)):
        d.add(rng.choice([head + ":", head.title() + ":", head]) + rng.choice([" ", "\n"]))
        for _ in range(rng.randint(1, 3)):
            d.frame(rng.choice(bank["ed"])).add(" ")
        d.clinical(rng.randint(0, 2)).add("\n")
    d.line(rng.choice(["Electronically signed by {clin} on {dt}", "Attending attestation: I saw and evaluated the patient. {clin}", "Scribe: {name} for {clin}", "{clin}"]))


def phone(d: Doc) -> None:
    v, rng, bank = d.v, d.rng, text_bank()
    d.line(rng.choice(["TELEPHONE ENCOUNTER", "Phone note", "Telephone call {dt}", "Call log - {date}", "Phone Encounter: {pt}"]))
    if rng.random() < 0.6:
        d.line(rng.choice(["Caller: {name} ({rel})", "Caller: patient", "From: {name}  Callback: {phone}", "Spoke with: {kin}, {rel}",
                           "Call from {titled}, {org}"]))
    for _ in range(rng.randint(2, 6)):
        d.frame(rng.choice(bank["phone"])).add(rng.choice([" ", "\n"]))
    d.add("\n").seg(rng.choice([[(v.name(), "NAME"), (rng.choice([", RN", ", MA", ", LPN", ""]), None)], [(v.first(), "NAME")],
                                [(v.first()[0] + v.last()[0], "NAME")], v.clinician()]))


def structured(d: Doc) -> None:
    """An export of fields: key-value lines, some labels familiar and some never seen before,
    or the same record rendered as sentences."""
    v, rng, bank = d.v, d.rng, text_bank()
    labels, fields = bank["labels"], []
    for cat, n in (("NAME", 3), ("DATE", 3), ("PHONE", 2), ("ADDRESS", 1), ("ID", 4), ("EMAIL", 1), ("O", 5)):
        for _ in range(rng.randint(0, n)):
            fields.append((cat, rng.choice(labels[cat])))
    for _ in range(rng.randint(1, 3)):
        fields.append(("ID", _label(rng)))
    rng.shuffle(fields)
    values = {"NAME": lambda: [(v.name(), "NAME")], "DATE": lambda: [(v.date(), "DATE")], "PHONE": v.phone,
              "ADDRESS": lambda: [(v.address(multiline=rng.random() < 0.4), "ADDRESS")], "EMAIL": lambda: [(v.email(), "NET")],
              "ID": lambda: [(v.ident(), "ID")]}
    prose = rng.random() < 0.3
    sep, nl = _sep(rng), rng.choice(["\n", "\n", "; ", "  "])
    for cat, label in fields:
        if cat == "O":
            val = [(rng.choice(bank["o_values"].get(label, ["Yes", "No", "N/A", "see notes"])), None)]
        else:
            val = values[cat]()
        if prose:
            d.add(f"The {label.lower()} is ").seg(val).add(". ")
        else:
            d.add(label + sep).seg(val).add(nl)


def hl7(d: Doc) -> None:
    v, rng = d.v, d.rng
    first, last = d.pt["first"].upper(), d.pt["last"].upper()
    ts = f"{v.day():%Y%m%d}{rng.randint(0, 23):02d}{rng.randint(0, 59):02d}"
    d.add(f"MSH|^~\\&|EPIC|{rng.choice(['MAIN', 'NORTH', 'LAB'])}|RAD|HOSP|").add(ts, "DATE").add(f"||ADT^A0{rng.randint(1, 8)}|{v._digits(8)}|P|2.5\n")
    dob = v.day(1925, 80)
    d.add("PID|1||").add(d.pt["mrn"], "ID").add("^^^MRN||").add(f"{last}^{first}", "NAME").add(f"^{rng.choice('ABCDEJ')}||")
    d.add(f"{dob:%Y%m%d}", "DATE").add(f"|{rng.choice('MF')}|||")
    street, city = v.street(), v.f["en_US"].city()
    d.add(f"{street}^^{city}^{v.f['en_US'].state_abbr()}^{v.f['en_US'].zipcode()}", "ADDRESS").add("||")
    d.add(f"({rng.randint(201, 989)}){rng.randint(200, 999)}-{rng.randint(1000, 9999)}", "PHONE").add("|||||").add(v.ident("acct"), "ID").add("\n")
    if rng.random() < 0.7:
        kf, kl = v.person()
        d.add("NK1|1|").add(f"{kl.upper()}^{kf.upper()}", "NAME").add(f"|{rng.choice(['SPO', 'DAU', 'SON', 'MTH'])}|")
        d.add(f"{v.street()}^^{v.f['en_US'].city()}", "ADDRESS").add("|").add(f"{rng.randint(201, 989)}-{rng.randint(200, 999)}-{rng.randint(1000, 9999)}", "PHONE").add("\n")
    df, dl = v.person()
    d.add(f"PV1|1|I|{rng.choice(['4W', 'MICU', 'ED'])}^{rng.randint(1, 40)}^{rng.randint(1, 2)}||||{v._digits(6)}^").add(f"{dl.upper()}^{df.upper()}", "NAME").add("^^^MD|||||||||||").add(v._digits(9), "ID").add("\n")
    for _ in range(rng.randint(0, 3)):
        d.add(f"OBX|{rng.randint(1, 9)}|NM|{rng.choice(['2345-7^GLUCOSE', '718-7^HGB', '2160-0^CREAT'])}||{rng.randint(1, 300)}|mg/dL|||||F\n")


def table(d: Doc) -> None:
    v, rng = d.v, d.rng
    cols = rng.sample(["Name", "MRN", "DOB", "Room", "Dx", "Phone", "Attending", "Admit", "Age", "Acct", "Code"], rng.randint(4, 7))
    sep = rng.choice(["\t", " | ", "|", "  ", ","])
    d.add(sep.join(cols) + "\n")
    if sep.strip() == "|":
        d.add(sep.join("---" for _ in cols) + "\n")
    for _ in range(rng.randint(2, 7)):
        for i, c in enumerate(cols):
            if i:
                d.add(sep)
            cell = {"Name": lambda: [(v.name(), "NAME")], "MRN": lambda: [(v.ident("mrn"), "ID")], "DOB": lambda: [(v.dob(), "DATE")],
                    "Room": lambda: [(f"{rng.randint(1, 9)}{rng.randint(0, 40):02d}{rng.choice(['', 'A', 'B'])}", None)],
                    "Dx": lambda: [(rng.choice(text_bank()["dx"]), None)], "Phone": lambda: v.phone()[:1],
                    "Attending": lambda: [(v.last(), "NAME")] if rng.random() < 0.5 else [(v.name(), "NAME")],
                    "Admit": lambda: [(v.date(), "DATE")], "Age": v.age, "Acct": lambda: [(v.ident("acct"), "ID")],
                    "Code": lambda: [(rng.choice(["Full", "DNR", "DNI"]), None)]}[c]()
            if sep == "," and any("," in t for t, _ in cell):
                cell = [("\"", None), *cell, ("\"", None)]
            d.seg(cell)
        d.add("\n")


def message(d: Doc) -> None:
    v, rng, bank = d.v, d.rng, text_bank()
    if rng.random() < 0.5:
        d.line(rng.choice(["From: {name} <{email}>", "From: {ptf} {ptl}", "Subject: question about {drug}", "Sent: {dt}", "To: {clin}"]))
    d.line(rng.choice(["Hi {first},", "Hello Dr. {last},", "Dear {titled},", "Good morning {first},", "Hi,", "Hey {first}!", "{first} -"]))
    for _ in range(rng.randint(1, 4)):
        d.frame(rng.choice(bank["message"])).add(rng.choice([" ", "\n"]))
    d.add("\n" + rng.choice(["Thanks,", "Thank you,", "Best,", "Regards,", "Cheers,", "Many thanks,", "Sincerely,", "Take care,", "--", "Thanks!",
                                       "Yours faithfully,", "Kind regards,", "Warm wishes,", "All the best,"]) + "\n")
    d.seg(rng.choice([[(v.first(), "NAME")], [(v.name("plain"), "NAME")], [(d.pt["first"], "NAME")], [(v.first()[0] + v.last()[0], "NAME")], [(f"{d.pt['first']} {d.pt['last']}", "NAME")],
                      [(v.name(), "NAME"), (", MD", None)]]))
    if rng.random() < 0.3:
        d.add("\n").seg(v.phone())


def discharge(d: Doc) -> None:
    rng, bank = d.rng, text_bank()
    frames = bank["discharge"]
    d.line(frames[0] if rng.random() < 0.5 else "Discharge Summary - {date}")
    for frame in sorted(rng.sample(frames[1:], rng.randint(4, 9)), key=frames.index):
        d.frame(frame).add(rng.choice(["\n", " ", "\n\n"]))
        if rng.random() < 0.3:
            d.clinical(rng.randint(1, 2)).add("\n")


def social(d: Doc) -> None:
    rng, bank = d.rng, text_bank()
    d.add(rng.choice(["SOCIAL HISTORY: ", "Social history:\n", "Social: ", "SH: ", ""]))
    for _ in range(rng.randint(2, 6)):
        d.frame(rng.choice(bank["social"])).add(rng.choice([" ", " ", "\n"]))
    d.clinical(rng.randint(0, 2))


def prose(d: Doc) -> None:
    rng, bank = d.rng, text_bank()
    for _ in range(rng.randint(1, 5)):
        d.frame(rng.choice(bank["prose"])).add(rng.choice([" ", " ", "\n"]))


def address_block(d: Doc) -> None:
    """Addresses over line breaks, with and without a label, in a letter head or a form."""
    v, rng = d.v, d.rng
    for _ in range(rng.randint(1, 3)):
        lead = rng.choice(["Address:\n", "Home address:\n", "Lives at\n", "Send to:\n", "", "Mailing address\n", "Patient address: "])
        d.add(lead)
        if rng.random() < 0.5:
            d.add(v.name("plain"), "NAME").add("\n")
        indent = rng.choice(["", "  ", "\t"])
        d.add(indent).add(v.address(multiline=True).replace("\n", "\n" + indent), "ADDRESS").add("\n")
        if rng.random() < 0.5:
            d.add(rng.choice(["Tel: ", "Phone ", "H: "])).seg(v.phone()).add("\n")
        d.add("\n")
    d.clinical(rng.randint(0, 2))


def zh_slot(d: Doc, name: str) -> Seg:
    v, rng, bank = d.v, d.rng, text_bank()["zh"]
    f = v.f["zh_CN"]
    if "zpt" not in d.pt:
        d.pt["zpt"] = f.name()
    given = d.pt["zpt"][1:] if len(d.pt["zpt"]) > 2 else d.pt["zpt"]
    dd = v.day()
    table = {
        "zpt": lambda: [(d.pt["zpt"], "NAME")], "zptg": lambda: [(rng.choice([d.pt["zpt"], given]), "NAME")],
        "zname": lambda: [(f.name(), "NAME")], "zkin": lambda: [(f.name(), "NAME")], "zdoc": lambda: [(f.name(), "NAME")],
        "zsex": lambda: [(rng.choice("男女"), None)], "zage": v.age, "zrel": lambda: [(rng.choice(bank["names_rel"]), None)],
        "zdx": lambda: [(rng.choice(["肺炎", "冠心病", "2型糖尿病", "脑梗死", "慢性阻塞性肺疾病"]), None)],
        "zdate": lambda: [(rng.choice([f"{dd.year}年{dd.month}月{dd.day}日", f"{dd:%Y-%m-%d}", f"{dd.month}月{dd.day}日", f"{dd.year}/{dd.month}/{dd.day}"]), "DATE")],
        "zdob": lambda: [(f"{v.day(1930, 70):%Y-%m-%d}", "DATE")], "ztime": lambda: [(f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}", None)],
        "zmrn": lambda: [(rng.choice([v._digits(8), f"ZY{v._digits(8)}", f"MZ{v._digits(6)}"]), "ID")], "zid": lambda: [(f.ssn(), "ID")],
        "zins": lambda: [(v._digits(12), "ID")], "zphone": lambda: [(f.phone_number(), "PHONE")],
        "zaddr": lambda: [(f.address().rsplit(" ", 1)[0], "ADDRESS")], "zhosp": lambda: [(f.city() + rng.choice(bank["hosp"]), None)],
        "zdrug": lambda: [(rng.choice(bank["drugs"]), None)], "znum": lambda: [(str(rng.randint(1, 160)), None)],
    }
    return table[name]()


def zh_note(d: Doc) -> None:
    rng = d.rng
    for _ in range(rng.randint(3, 9)):
        d.frame(rng.choice(text_bank()["zh"]["frames"])).add(rng.choice(["", "\n", "\n"]))


EN_STYLES = {"letter": letter, "nursing": nursing, "ed": ed, "phone": phone, "structured": structured, "hl7": hl7, "table": table,
             "message": message, "prose": prose, "address": address_block, "discharge": discharge, "social": social}
def zh_form(d: Doc) -> None:
    """Chinese key-value exports, with labels made up from parts nobody listed ("转诊流水号")."""
    rng, bank = d.rng, text_bank()["zh"]
    labels, fields = bank["labels"], []
    for cat, n in (("NAME", 3), ("DATE", 2), ("PHONE", 2), ("ADDRESS", 1), ("ID", 3), ("O", 4)):
        fields += [(cat, rng.choice(labels[cat])) for _ in range(rng.randint(0, n))]
    fields += [("ID", rng.choice(bank["label_parts"][0]) + rng.choice(bank["label_parts"][1])) for _ in range(rng.randint(1, 2))]
    rng.shuffle(fields)
    slot = {"NAME": "zname", "DATE": "zdate", "PHONE": "zphone", "ADDRESS": "zaddr", "ID": "zmrn"}
    sep, nl = rng.choice(["：", ":", "： ", " "]), rng.choice(["\n", "\n", "  ", "；"])
    for cat, label in fields:
        d.add(label + sep).seg([(rng.choice(bank["o_values"].get(label, ["无"])), None)] if cat == "O" else d.slot(slot[cat])).add(nl)


def zh_phone(d: Doc) -> None:
    rng = d.rng
    d.add(rng.choice(["电话随访记录\n", "随访记录：", "【电话随访】", ""]))
    for _ in range(rng.randint(2, 6)):
        d.frame(rng.choice(text_bank()["zh"]["phone_frames"])).add(rng.choice(["", "\n"]))


ZH_STYLES = {"zh_note": zh_note, "zh_form": zh_form, "zh_phone": zh_phone}


def _letterhead(d: Doc) -> None:
    """An organisation's name (not PHI) heading a note, sometimes with its address (PHI here, as an annotator would mark it)."""
    d.add(d.rng.choice(text_bank()["orgs"]) + d.rng.choice(["\n", " - ", "\n\n"]))
    if d.rng.random() < 0.4:
        d.add(d.v.address(), "ADDRESS").add("\n")


def generate(n: int, seed: int, styles: dict) -> list[dict]:
    """n notes, the styles taking turns; each note records its style, so one can be held out."""
    rng = random.Random(seed)
    v = Values(rng)
    names = sorted(styles)
    out = []
    for i in range(n):
        style = names[i % len(names)]
        d = Doc(v)
        if style in ("nursing", "ed", "phone", "discharge", "structured", "table") and rng.random() < 0.25:
            _letterhead(d)
        styles[style](d)
        text, spans = d.result()
        out.append({"style": style, "text": text, "spans": [list(s) for s in spans]})
    return out
