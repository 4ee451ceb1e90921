"""The rules-and-terminology layer: dictionary hits, sections, assertions, attributes and codes.

It always runs, needs no model, and is what the model layer is checked against. It works on the
folded text (``text.normalize``: full-width digits and letters, zero-width characters) and maps
every span back to the original characters before it returns.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from ..config import Config
from ..text import detect_language, has_han, normalize
from . import attributes, coding, context, matcher, sections
from .lexicon import context_rules, lexicon
from .records import Entity, NoteFlag, StructuredNote

_CONDITIONS = ("problem", "symptom")
_QUALIFIED = ("problem", "symptom", "procedure")


@lru_cache(maxsize=1)
def _vital_kinds() -> dict[str, str]:
    return {row.canonical: row.code for row in lexicon() if row.type == "vital"}


_coded: dict[tuple, list] = {}


def _codes(concept: str, codes: tuple[str, ...], canonical: str, system: str, fp: str, cfg: Config) -> list:
    """A concept's candidates, computed once per process (a note repeats its concepts, a batch more so)."""
    key = (fp, concept, codes, system)
    if key not in _coded:
        if len(_coded) > 20000:
            _coded.clear()
        _coded[key] = coding.code_concept(codes, [canonical], system, cfg, fill=False) if codes else []
    return _coded[key]


def _allergy_cue(t: str, s: int, e: int) -> bool:
    cues = context_rules().allergy
    after = t[e:e + 8].lstrip(" 类等药物")
    if any(after.startswith(c) for c in cues["zh_after"]) or any(
            t[e:e + 16].lower().lstrip(" ").startswith(c) for c in cues["en_after"]):
        return True
    before = t[max(0, s - 24):s].lower()
    if any(before.rstrip(" ").endswith(c) for c in cues["en_before"]):
        return True
    return any(t[max(0, s - 4):s].endswith(c) for c in cues["zh_before"]) and "过敏" in t[e:e + 10]


_LIST_ITEM = re.compile(r"^\s*(?:[-*•·]|\d{1,2}[.)、）])")


def _heading_block(t: str, sec, pos: int) -> bool:
    """Whether ``pos`` is on the heading's own line or in the list right under it: an allergy
    heading speaks for that list, not for every paragraph until the next heading."""
    lines = t[sec.start:pos].split("\n")
    return all(_LIST_ITEM.match(line) for line in lines[1:])


def _split_allergy(t: str, hits: list[matcher.Hit], cfg: Config) -> list[matcher.Hit]:
    """"青霉素过敏" is a CMeKG disease name; the allergen inside it is what a record needs."""
    out = []
    for h in hits:
        name = t[h.start:h.end]
        if h.type in _CONDITIONS and has_han(name) and name.endswith("过敏") and len(name) > 3:
            inner = [x for x in matcher.find(name[:-2], cfg) if x.type in ("medication", "allergy")]
            if inner and inner[0].start == 0:
                x = inner[0]
                out.append(matcher.Hit(h.start, h.start + x.end, "allergy", x.concept, x.canonical, (), x.prio))
                continue
        out.append(h)
    return out


def _merge_sites(t: str, hits: list[matcher.Hit]) -> list[matcher.Hit]:
    """A site written right before a symptom is part of its name ("flank pain", "右下腹压痛"): one
    symptom spanning both, as clinicians and coders read it."""
    out: list[matcher.Hit] = []
    for h in hits:
        prev = out[-1] if out else None
        if (prev and prev.type == "anatomy" and h.type == "symptom" and t[prev.end:h.start] in ("", " ")):
            out[-1] = matcher.Hit(prev.start, h.end, h.type, h.concept, h.canonical, h.codes, h.prio)
            continue
        out.append(h)
    return out


def extract(text: str, cfg: Config, *, language: str | None = None) -> StructuredNote:
    norm = normalize(text)
    t = norm.text
    lang = language or detect_language(t)
    secs = sections.find_sections(t)
    hits = _merge_sites(t, _split_allergy(t, matcher.find(t, cfg), cfg))
    flags: list[NoteFlag] = []
    found = context.triggers(t, [(h.start, h.end) for h in hits])
    used: set[int] = set()
    ents: list[tuple[matcher.Hit, Entity]] = []
    for i, h in enumerate(hits):
        limit = hits[i + 1].start if i + 1 < len(hits) else len(t)
        sec = sections.section_at(secs, h.start)
        ent = Entity(id="", type=h.type, text="", start=h.start, end=h.end, section=sec.name if sec else None,
                     normalized=h.canonical, concept=h.concept)
        if h.type == "medication":
            ent.attributes = attributes.medication(t, h.end, limit)
        elif h.type == "lab":
            ent.attributes = attributes.lab(t, h.end, limit)
        elif h.type == "vital":
            ent.attributes, fits = attributes.vital(t, h.end, limit, _vital_kinds().get(h.canonical))
            if not fits:
                ent.flags.append("unit_mismatch")
        short = len(t[h.start:h.end]) <= (2 if has_han(t[h.start:h.end]) else 3)
        if h.type in ("lab", "vital") and short and ent.attributes.value is None:
            continue  # "T", "钾", "BP" alone are words, not measurements
        cats, where = context.assertion_for(t, h.start, h.end, found)
        used.update(where)
        implied = sections.implies(ent.section)
        in_allergies = implied == "allergy" and _heading_block(t, sec, h.start)
        if h.type in ("medication", "allergy") and (in_allergies or _allergy_cue(t, h.start, h.end)):
            ent.type = "allergy"
            ent.attributes = ent.attributes.model_copy(update={"dose": None, "unit": None, "route": None,
                                                                "frequency": None, "duration": None})
        if implied == "family" and ent.type in _CONDITIONS:
            cats.add("family")
        if implied == "historical" and ent.type in (*_CONDITIONS, "procedure"):
            cats.add("historical")
        if ent.type in ("lab", "vital") and ent.attributes.value is not None:
            cats.discard("negated")  # "肌钙蛋白阴性" is a result, not an absent test
            cats.discard("historical")
        if ent.type == "allergy":
            cats.discard("historical")  # an allergy in the history is still the patient's allergy
        ent.assertion = context.resolve(cats)
        if "family" in cats:
            ent.experiencer = "other"
        ents.append((h, ent))

    # anatomy is kept only where it qualifies a neighbouring entity (its site)
    kept: list[Entity] = []
    for j, (_, ent) in enumerate(ents):
        if ent.type == "anatomy":
            nxt = ents[j + 1][1] if j + 1 < len(ents) else None
            prv = ents[j - 1][1] if j > 0 else None
            near = [x for x in (nxt, prv) if x and x.type in _QUALIFIED and
                    (0 <= x.start - ent.end <= 3 or 0 <= ent.start - x.end <= 3)]
            if not near:
                continue
            near[0].attributes.site = t[ent.start:ent.end]
            ent.assertion = near[0].assertion
        kept.append(ent)

    fp = matcher.fingerprint(cfg)
    for ent in kept:
        h_codes = next(h for h, e in ents if e is ent)
        if ent.type in _CONDITIONS:
            systems = ("icd10", "icd10cm") if lang == "en" else ("icd10",)
            cands = [c for s in systems for c in _codes(ent.concept or "", h_codes.codes, ent.normalized or "", s, fp, cfg)]
            ent.candidates = cands
            ent.codes = [next(c for c in cands if c.system == s) for s in systems if any(c.system == s for c in cands)]

    for s, e, code, ok in coding.code_like(t):
        if not ok:
            os_, oe = norm.span(s, e)
            flags.append(NoteFlag(kind="unknown_code", start=os_, end=oe,
                                  message=f"{code} looks like an ICD-10 code but is in neither ICD-10 nor ICD-10-CM."))
    for s, e in context.dangling(t, found, used):
        os_, oe = norm.span(s, e)
        flags.append(NoteFlag(kind="dangling_negation", start=os_, end=oe,
                              message="A negation governs nothing on its line: check whether the items after it are negated."))

    out_secs = []
    for sec in secs:
        s, e = norm.span(sec.start, sec.end)
        out_secs.append(sec.model_copy(update={"start": s, "end": e}))
    for n, ent in enumerate(kept, 1):
        s, e = norm.span(ent.start, ent.end)
        ent.id, ent.start, ent.end, ent.text = f"e{n}", s, e, text[s:e]
    return StructuredNote(language=lang if lang in ("zh", "en") else "en", chars=len(text),
                          sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
                          sections=out_secs, entities=kept, flags=flags, terminology=fp)


def dictionary_only(text: str, cfg: Config) -> StructuredNote:
    """The benchmark's baseline: exact terminology matching, every hit present, no sections,
    no assertion rules, no attributes; codes as the terminology gives them."""
    norm = normalize(text)
    ents = []
    for n, h in enumerate(matcher.find(norm.text, cfg), 1):
        s, e = norm.span(h.start, h.end)
        ents.append(Entity(id=f"e{n}", type=h.type, text=text[s:e], start=s, end=e, normalized=h.canonical,
                           concept=h.concept, codes=[c for code in h.codes[:1] if (w := coding.who_code(code))
                                                     for c in [coding.Coding(system="icd10", code=w[0], confidence=0.5)]]))
    lang = detect_language(norm.text)
    return StructuredNote(language=lang if lang in ("zh", "en") else "en", chars=len(text),
                          sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(), entities=ents,
                          terminology=matcher.fingerprint(cfg))


