"""Recognizers for the HIPAA Safe Harbor identifiers written the English way: names by title or
label, dates, US phone and fax numbers, SSNs, street addresses.

spaCy's ``en_core_web_sm`` finds names in running prose; these patterns catch the names that
clinical formatting hides from it ("Pt: SMITH, John", "Dr. Okafor", "Dictated by: J. Lee").
"""

from __future__ import annotations

import re

from .recognizer import RegexRecognizer

_CAP = r"(?:[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?|Mc[A-Z][a-z]+|O'[A-Z][a-z]+)"
# "SMITH, John": capitals only in the surname-first form. Started only at a run's first capital and
# taken whole (a later start finds the same name, shorter): a line of 20,000 capitals cost n^2 tries.
_UPPER = r"(?:(?<![A-Z])[A-Z]{2,}+(?:[-'][A-Z]+)?)"
_NAME = rf"{_CAP}(?:[ \t]+[A-Z]\.?(?![A-Za-z]))?(?:[ \t]+{_CAP}){{0,2}}"  # a name never spans lines
_LABEL = (r"(?i:patient(?:'s)?\s+name|name|patient|pt|attending(?:\s+physician)?|physician|provider|surgeon|consultant|"
          r"referring\s+(?:physician|provider|doctor|clinician)|pcp|primary\s+care(?:\s+(?:physician|provider))?|"
          r"(?:electronically\s+)?signed(?:\s+by)?|dictated\s+by|transcribed\s+by|reviewed\s+by|seen\s+by|authored\s+by|"
          r"resident|nurse|rn|contact|emergency\s+contact|next\s+of\s+kin|guardian|caregiver|spouse|wife|husband|son|daughter|"
          r"mother|father|sister|brother|nephew|niece|grandson|granddaughter|grandmother|grandfather|aunt|uncle|cousin|"
          r"partner|fianc[eé]e?|boyfriend|girlfriend|roommate|cc|to|from|dear|sincerely|regards|thank\s+you|re|regarding|referral|nok|"
          r"(?:[a-z]+ed|[a-z]+en|given|done)\s+by)\b")
_TITLE = r"(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Sr|Rev)"


class EnglishNameRecognizer(RegexRecognizer):
    ENTITY = "PERSON"
    FLAGS = 0
    LANGS = ("zh", "en")
    PATTERNS = [
        (rf"\b{_TITLE}\.?\s+(?P<v>{_NAME})", 0.85),
        # A label and its name share a line, unless the label ends in ":" or "," ("Sincerely,\nJo Li"):
        # "Spouse\nClaim #" is a value and the next field's label.
        (rf"\b{_LABEL}[ \t]*[:,][ \t]*\n?[ \t]*(?P<v>(?:{_CAP}|{_UPPER}),[ \t]+{_CAP}(?:[ \t]+[A-Z]\.?(?![A-Za-z]))?)", 0.9),
        (rf"\b{_LABEL}(?:[ \t]*[:,][ \t]*\n?[ \t]*|[ \t]+)(?P<v>{_NAME})", 0.75),
        (rf"(?P<v>{_NAME}),?\s+(?:MD|M\.D\.|DO|RN|NP|PA-C|PhD|MBBS|FRCP|FACP|PharmD|DPT|PT|OTR/L|OTR|OT|SLP|CCC-SLP|LCSW|LICSW|MSW|"
         rf"CCHT|CNM|CRNA|DDS|DMD|OD|LPN|LVN|APRN|FNP|FNP-BC|RD|RDN|RRT|PsyD|MPH|BSN|CNA|EMT|NRP|RPh)\b(?![A-Za-z])", 0.85),
        # A name with its relation in brackets: "Bradley Ellis (son)", "Ann Lee (daughter/HCP)".
        (rf"(?P<v>{_NAME})[ \t]*\((?i:son|daughter|wife|husband|spouse|mother|father|sister|brother|partner|friend|niece|nephew|"
         rf"grandson|granddaughter|aunt|uncle|cousin|caregiver|guardian|neighbou?r|hcp|poa|nok|mom|dad|stepson|stepdaughter)\b", 0.8),
        # A patient list row: name, then an optional record number, then age and sex ("VAUGHN, JASON 18586855 94F").
        (rf"(?P<v>(?:{_CAP}|{_UPPER}),[ \t]+(?:{_CAP}|{_UPPER})(?:[ \t]+[A-Z]\.?(?![A-Za-z]))?|{_NAME})[ \t]+(?:[A-Z]{{0,3}}-?\d{{5,10}}[ \t]+)?"
         rf"\d{{1,3}}[ \t]?(?:[MF](?![A-Za-z])|y/?o\b|y\.o\.|yo\b)", 0.8),
        # A sign-off of one first name on its own line: "-Patricia", "— Sam".
        (rf"(?m)^[ \t]*(?:-{{1,2}}|—|~)[ \t]*(?P<v>{_CAP})[ \t]*$", 0.7),
        # A name followed by the patient's demographics: "SMITH, John (MRN …", "Amanda Lewis (69 yo female)".
        (rf"(?P<v>(?:{_CAP}|{_UPPER}),[ \t]+(?:{_CAP}|{_UPPER})(?:[ \t]+[A-Z]\.?(?![A-Za-z]))?|{_UPPER}(?:[ \t]+{_UPPER}){{1,2}}|{_NAME})"
         rf"\s*[(,]\s*(?i:DOB|D\.O\.B|MRN|acct|account|age\s+\d|born|date\s+of\s+birth|SSN|\d{{1,3}}\s*(?:y/?o\b|yo\b|y\.o\.|years?\b|yrs?\b|[MF]\b|-year))", 0.8),
        # HL7 / lab-system names: SMITH^JOHN^A.
        (r"(?<![A-Za-z^])(?P<v>[A-Z][A-Z'-]+\^[A-Z][A-Z'-]+(?:\^[A-Z][A-Z'-]*)*)", 0.85),
        # Greetings and sign-offs: "Hi Samantha,", "Thanks,\nJosh".
        (rf"(?m)^[ \t]*(?:Hi|Hello|Hey|Dear|Good\s+(?:morning|afternoon|evening)|Morning)[ \t]+(?:{_TITLE}\.?[ \t]+)?(?P<v>{_NAME})[ \t]*[,!:;.\n-]", 0.8),
        (rf"(?:Thanks|Thank\s+you|Many\s+thanks|Best|Best\s+wishes|(?:Best|Kind|Warm|Warmest)\s+regards|Regards|Sincerely|Respectfully|"
         rf"Cheers|Cordially|Yours(?:\s+(?:truly|sincerely))?|Take\s+care|Warmly)[ \t]*[,!.]?[ \t]*\n[ \t]*(?:-{{1,2}}|—|~)?[ \t]*(?P<v>{_NAME})[ \t]*(?=\n|$|,)", 0.8),
        # A first name as the subject of a reporting verb: "S: Amber states …", "Tom denies …".
        (rf"(?<![A-Za-z.])(?P<v>{_CAP}(?:[ \t]+{_CAP})?)[ \t]+(?:states|stated|reports|reported|denies|denied|endorses|complains|notes|says|said|feels|"
         rf"presents|presented|agrees|agreed|understands|verbalizes|verbalized|tolerated|tolerates|ambulates|ambulated|returns|returned|"
         rf"called|declines|declined|prefers|wishes|wants|was\s+seen|is\s+a\s+\d|is\s+an\s+\d)\b", 0.6),
        # A relative introduced by a copula: "Daughter/HCP is Justin", "her son, named Paul".
        (rf"\b(?i:daughter|son|wife|husband|spouse|mother|father|sister|brother|caregiver|hcp|poa|proxy|guardian|partner|friend|contact|nok|niece|nephew)"
         rf"(?:/(?i:hcp|poa|proxy|caregiver|guardian))?,?\s+(?:is|was|named|called)\s+(?P<v>{_NAME})", 0.8),
        (rf"\b(?i:patient\s+name|for\s+patient)\s*:\s*(?P<v>{_NAME})", 0.8),
        # A signature: the last line of a letter or note, holding nothing but a name.
        (rf"\n[ \t]*(?:-{{1,2}}|—|~)?[ \t]*(?P<v>{_CAP}(?:[ \t]+[A-Z]\.?)?(?:[ \t]+{_CAP}){{1,2}})[ \t]*\s*$", 0.6),
    ]
    _STOP = {"Patient", "Name", "The", "This", "He", "She", "They", "His", "Her", "My", "Our", "Your", "Their", "Its", "Tmax", "Temp", "Date", "History", "Hospital", "Clinic",
             "Department", "Medical", "Center", "Discharge", "Admission", "Diagnosis", "Plan", "Assessment", "Note", "Report",
             "Complaint", "Reason", "Implant", "Surgeon", "Allergies", "Impression",
             "Summary", "Record", "Number", "Chief", "Complaint", "Phone", "Address", "Fax", "Email", "Male", "Female", "Age",
             "DOB", "MRN", "ID", "No", "Emergency", "Internal", "Medicine", "Cardiology", "Neurology", "Referral", "Re", "Dear",
             "Sincerely", "Regards", "Doctor", "Nurse", "Signed", "Follow", "Unit", "Room", "Bed", "Service", "Mr", "Mrs",
             "Ms", "Dr", "Thank", "You", "In", "On", "At", "For", "With", "And", "Of", "To", "From", "CT", "MRI", "ECG", "EKG",
             "HIPAA", "US", "USA", "SSN", "Email", "Driver", "License", "Tel", "Fax", "Acct", "Account", "Member", "Policy", "Reg",
             "Exam", "Physical", "Course", "Instructions", "Medications", "Results", "Findings", "Procedure", "Review",
             "Systems", "Social", "Family", "Past", "Surgical", "Labs", "Imaging", "Vital", "Signs", "General", "Progress",
             "Pt", "Mother", "Father", "Wife", "Husband", "Son", "Daughter", "Sister", "Brother", "Caregiver", "Spouse", "Parent",
             "Parents", "Today", "Staff", "Team", "Family", "Everyone", "Nobody", "Someone", "It", "We", "I", "You", "Mom", "Dad",
             "Nursing", "Consultation", "Operative", "Triage", "Progress", "Caller", "Telephone", "Encounter", "Letter", "Follow-up", "Return", "Continue", "Call", "Please", "See", "Seen", "Was", "Is", "Has", "Had", "Who", "Presented", "Presents", "Denies", "Reports"}

    def validate(self, value: str, text: str, start: int, end: int):
        words = value.replace(",", " ").split()
        if not words or words[0].rstrip(".") in self._STOP or all(w.rstrip(".") in self._STOP for w in words):
            return None
        return 1.0

    # Runs of blanks are taken whole (*+): two adjacent [ \t]* can split n blanks n ways.
    _ORG_NEXT = re.compile(r"[ \t]*+(?:and\b|&|(?:,[ \t]*+)?(?:Inc|LLC|Ltd|PLC|Group|PC)\b)|[ \t]++(?:Medical|Center|Hospital|Clinic|Health)\b")

    _LABEL_NEXT = re.compile(r",?[ \t]*+(?:(?:MD|RN|NP|DO|PA-C)[ \t]*+)?:")  # "Triage RN:" is a label

    def analyze(self, text, entities, nlp_artifacts=None):
        # A label can be followed by ordinary capitalised words: cut a name at the first one;
        # "Riley, Gomez and Sons" and "Lee Medical Center" are organisations, not people.
        out = []
        for r in super().analyze(text, entities, nlp_artifacts):
            value = text[r.start:r.end]
            words = value.split()
            keep = []
            for w in words:
                if w.rstrip(".,") in self._STOP:
                    break
                keep.append(w)
            if not keep:
                continue
            if len(keep) < len(words):
                r.end = r.start + value.index(keep[-1], len(" ".join(keep[:-1]))) + len(keep[-1])
            if self._ORG_NEXT.match(text, r.end) or self._LABEL_NEXT.match(text, r.end):
                continue
            out.append(r)
        return out


_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
          r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")


class EnglishDateRecognizer(RegexRecognizer):
    """Dates with a month or day in English and numeric forms; a bare year is allowed by Safe
    Harbor and left alone."""

    ENTITY = "DATE"
    FLAGS = 0
    # A time after the date: "10:42 AM", "at 9:05", and 24-hour clock times "@ 0718", " 1109".
    _T = (r"(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?|(?:[ \t]*@[ \t]*|[ \t]+(?:at[ \t]+)?)"
          r"(?:[01]\d|2[0-3]):?[0-5]\d(?:[ \t]*(?:h|hrs|hours)\b)?(?![\d:/-]|\.\d))?")
    _WD = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
    PATTERNS = [
        (rf"\b{_WD}{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d{{2}}|,?\s*['’]\d{{2}}(?!\d))?{_T}(?![\d:])", 0.85),
        # 26SEP2020, 26-Sep-20
        (r"(?<![A-Za-z0-9])\d{1,2}[-\s]?(?i:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEPT?|OCT|NOV|DEC)[-\s]?(?:19|20)?\d{2}(?![A-Za-z0-9])", 0.85),
        # 20230926 (a valid calendar date written compactly)
        (r"(?<![\d.])(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:[T\s]\d{2}:?\d{2}(?::?\d{2})?)?(?!\d)", 0.6),
        (rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?:(?:19|20)\d{{2}})?{_T}", 0.85),
        (rf"\b{_MONTH},?\s+(?:19|20)\d{{2}}\b", 0.8),
        (rf"(?<![\d/.-]){_WD}(?:0?[1-9]|1[0-2])[/-](?:0?[1-9]|[12]\d|3[01])[/-](?:(?:19|20)\d{{2}}|\d{{2}})(?![\d/-]){_T}", 0.85),
        (rf"(?<![\d/.-])(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?:19|20)\d{{2}}(?![\d.])", 0.8),
        (r"(?<![\d/.-])(?:0?[1-9]|1[0-2])/(?:19|20)\d{2}(?![\d/])", 0.6),
        (r"(?:(?<![\u4e00-\u9fff\d/.-])|(?<=[于至到在从自]))(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])(?![\d/])", 0.45),
    ]
    CONTEXT = r"(?i:date|dob|born|admitted|discharged|seen|visit|on|since|from|until)"
    CONTEXT_BOOST = 0.2
    _SCORE_BEFORE = re.compile(r"(?i)(?:pain|score|scale|rated|rates|severity|intensity|strength|power|vas|nrs|mmt|grade)\W{0,12}$")

    def validate(self, value, text, start, end):
        if re.fullmatch(r"\d{1,2}/\d{1,2}", value):
            if value == "2/2":
                return None  # "secondary to"
            if value.endswith("/10") or value.endswith("/5"):
                if self._SCORE_BEFORE.search(text, max(0, start - 30), start):
                    return None  # "Pain 3/10", "strength 4/5"
        return 1.0


class UsPhoneRecognizer(RegexRecognizer):
    """US-style phone and fax numbers (Safe Harbor lists fax separately; both are PHONE_NUMBER)."""

    ENTITY = "PHONE_NUMBER"
    PATTERNS = [
        (r"(?<![\d-])(?:(?:\+?1|001)[-.\s]?)?(?:\(\d{3}\)\s?|\d{3}[-.\s])\d{3}[-.\s]\d{4}(?:\s*(?:x|ext\.?|extension)\s*\d{1,6})?(?![\d-])", 0.8),
        (r"(?:phone|tel|telephone|cell|mobile|fax|pager|call|contact)\s*(?:no\.?|number|#)?\s*[:：]?\s*(?P<v>\+?\d{10,12})(?!\d)", 0.8),
        (r"(?<![\d])\+(?:4[0-9]|3[0-9]|[2-9]\d)\s?\d{2,4}[\s-]\d{3,4}[\s-]\d{3,4}(?!\d)", 0.75),
        # A bare ten-digit NANP number (valid area code and exchange): rarely anything but a phone.
        (r"(?<![\d-])[2-9]\d{2}[2-9]\d{6}(?![\d-])", 0.45),
    ]


class UsSsnRecognizer(RegexRecognizer):
    ENTITY = "US_SSN"
    PATTERNS = [
        (r"(?<![\d-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\d-])", 0.85),
        (r"(?:SSN|Social\s+Security(?:\s+(?:No\.?|Number|#))?)\s*[:：#]?\s*(?P<v>(?!000|666|9\d\d)\d{3}[\s.]?(?!00)\d{2}[\s.]?(?!0000)\d{4})(?!\d)", 0.95),
    ]


_SUFFIX = (r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|Circle|Cir|Parkway|Pkwy|"
           r"Highway|Hwy|Trail|Trl|Square|Sq|Alley|Aly|Bend|Branch|Bridge|Brook|Brooks|Burg|Bypass|Camp|Canyon|Cape|Causeway|Center|"
           r"Centers|Cliff|Cliffs|Club|Common|Commons|Corner|Corners|Course|Courts|Cove|Coves|Creek|Crescent|Crest|Crossing|Crossroad|"
           r"Curve|Dale|Dam|Divide|Drives|Estate|Estates|Expressway|Extension|Falls?|Ferry|Fields?|Flats?|Fords?|Forest|Forges?|Forks?|Fort|"
           r"Freeway|Gardens?|Gateway|Glens?|Greens?|Groves?|Harbors?|Haven|Heights|Hills?|Hollow|Inlet|Islands?|Isle|Junctions?|Keys?|"
           r"Knolls?|Lakes?|Land|Landing|Lights?|Loaf|Locks?|Lodge|Loop|Mall|Manors?|Meadows?|Mews|Mills?|Mission|Motorway|Mount|"
           r"Mountains?|Neck|Orchard|Oval|Overpass|Parks?|Parkways|Pass|Passage|Path|Pike|Pines?|Plains?|Plaza|Points?|Ports?|Prairie|"
           r"Radial|Ramp|Ranch|Rapids?|Rest|Ridges?|River|Roads|Route|Row|Rue|Run|Shoals?|Shores?|Skyway|Springs?|Spurs?|Squares|Station|"
           r"Stravenue|Stream|Streets|Summit|Throughway|Trace|Track|Trafficway|Tunnel|Turnpike|Underpass|Unions?|Valleys?|Via|Viaduct|"
           r"Views?|Villages?|Ville|Vista|Walks?|Wall|Ways|Wells?)")
_UNIT = r"(?:,?\s+(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Room|Rm\.?|Floor|Fl\.?|Bldg\.?|Building|Lot|Space|#)\s*[\w-]+){0,3}"
_CITY_ST = r"(?:,?\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2},?\s+(?:[A-Z]{2}|[A-Z][a-z]+)(?:\s+\d{5}(?:-\d{4})?)?)?"


_STATES = (r"(?:A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOTP]|N[EVHJMYCD]|O[HKR]|P[AR]|RI|S[CD]|T[NX]|UT|V[TAI]|"
           r"W[AVIY]|GU|AS)")


class UsAddressRecognizer(RegexRecognizer):
    """Street addresses (number, street, suffix, unit, city, state, ZIP) and PO boxes."""

    ENTITY = "ADDRESS"
    FLAGS = 0
    PATTERNS = [
        (rf"\b\d{{1,6}}\s+(?:[NSEW]\.?\s+)?(?:[A-Z][a-z]+|\d+(?:st|nd|rd|th))(?:\s+[A-Z][a-z]+){{0,3}}\s+{_SUFFIX}\.?(?![a-z]){_UNIT}{_CITY_ST}", 0.85),
        (r"\b\d{1,6}\s+(?:[A-Z][a-z]+\s+){1,4}(?:Apt\.?|Suite|Ste\.?|Unit)\s*[\w-]+,\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2},\s+[A-Z]{2}\s+\d{5}(?:-\d{4})?", 0.85),
        (r"\b\d{1,6}\s+(?:[A-Z][a-z]+\s+){1,4}[A-Z][a-z]+,\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2},\s+[A-Z]{2}\s+\d{5}(?:-\d{4})?", 0.85),
        (r"\b(?:P\.?\s?O\.?\s+Box|PO\s+Box|(?:RR|R\.R\.|Rural\s+Route|HC|Star\s+Route)\s+\d{1,4},?\s+Box|Box)\s+\d{1,6}(?:,?\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2},?\s+[A-Z]{2}(?:\s+\d{5}(?:-\d{4})?)?(?![A-Za-z]))?", 0.8),
        # A town and state after a preposition: "lives in Port Tammy, KY", "home (Lake Ann, MI)". MD and PA
        # double as degrees, so they need the preposition, not a bracket.
        (rf"(?:\b(?:[Ll]ives|[Ll]iving|[Ll]ived|[Rr]esides?|[Rr]esiding|[Mm]oved|[Hh]ome|[Bb]ased|[Ff]rom|[Nn]ear|[Oo]utside|[Tt]ravel(?:l?ed)?)"
         rf"(?:[ \t]+(?:in|at|to|near|from|with\s+\w+\s+in|with\s+family\s+in))?[ \t]+|\((?!(?:[A-Z][a-z]+\s+){{0,2}}[A-Z][a-z]+,\s+(?:MD|PA|DO)\)))"
         rf"(?P<v>[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){{0,2}},[ \t]+{_STATES})(?![A-Za-z])", 0.8),  # a ZIP after it is its own span
        (r"\b(?:USNS|USNV|USS|USCGC)\s+[A-Z][a-z]+(?:,\s+FPO\s+A[AEP]\s+\d{5})?", 0.8),
        (r"\bUnit\s+\d{4}\s+Box\s+\d{1,5}(?:,\s+DPO\s+A[AEP]\s+\d{5})?", 0.8),
        (r"\b(?:PSC|CMR|Unit)\s+\d{1,5},?\s+Box\s+\d{1,5},?\s+(?:APO|FPO|DPO)\s+A[AEP]\s+\d{5}", 0.85),
    ]


CLASSES = (EnglishNameRecognizer, EnglishDateRecognizer, UsPhoneRecognizer, UsSsnRecognizer, UsAddressRecognizer)
