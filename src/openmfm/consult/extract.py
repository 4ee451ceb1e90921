"""Reading a patient's reply into slots: deterministic rules always, the model's JSON only where
it can be checked against the reply.

The rules (cue words and symptoms from ``data/consult/lexicon.toml``, conditions and drugs from
the terminology service, durations and doses by pattern) never invent: every value is a span of
the reply. The model reads what the rules miss, but a model value is kept only when its words
occur in the reply and its slot is a known one, so a small model's guesses cannot enter a record
a clinician will trust.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import BaseModel

from ..config import Config
from ..errors import GenerationTimeout, OutputFormatError
from ..knowledge.terminology import lookup, normalize_query
from ..records import GenerationParams
from ..text import has_han, tokenize
from .records import SlotValue
from .slots import lexicon, schema

_BOUNDARY = re.compile(r"[，,。.;；!！?？\n、]|\s+(?:and|but)\s+")
_ZH_NUM = re.compile(r"([0-9]+(?:\.[0-9]+)?|[一两二三四五六七八九十半几]+)\s*(个)?\s*(分钟|小时|天|日|周|星期|礼拜|月|年)")
# a reply is read by rules in milliseconds; the model's reading is a bonus that must not stall the dialogue
MODEL_TIMEOUT_S = 45.0
_SEVERITY_NUM = re.compile(r"(\d+(?:\.\d+)?)\s*(?:/\s*10|out of (?:10|ten)|分)")


@dataclass
class Span:
    start: int
    end: int
    text: str


def clauses(text: str) -> list[Span]:
    """The reply cut at punctuation and at "and"/"but": one clause usually says one thing."""
    out, pos = [], 0
    for m in _BOUNDARY.finditer(text + "\n"):
        s, e = pos, m.start()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Span(s, e, text[s:e]))
        pos = m.end()
    return out


def _cue_at(text: str, cue: str) -> int:
    """Where ``cue`` occurs in ``text`` (zh: anywhere; en: at a word start), or -1."""
    if has_han(cue):
        return text.find(cue)
    m = re.search(rf"(?<![a-z]){re.escape(cue)}", text.casefold())
    return m.start() if m else -1


def _words(kind: str, key: str) -> list[str]:
    entry = lexicon()[kind][key]
    return entry["zh"] + entry["en"]


def has_any(text: str, words: list[str]) -> int:
    """Position of the first of ``words`` in ``text``, or -1."""
    found = [p for p in (_cue_at(text, w) for w in words) if p >= 0]
    return min(found) if found else -1


def _zh_number(s: str) -> float | None:
    nums = lexicon()["duration"]["numbers"]["zh"]
    if re.fullmatch(r"[0-9.]+", s):
        return float(s)
    if s in nums:
        return float(nums[s])
    if "十" in s:  # 十二, 二十, 二十五
        head, _, tail = s.partition("十")
        return float((nums.get(head, 1) if head else 1) * 10 + (nums.get(tail, 0) if tail else 0))
    return None


def durations(text: str) -> list[SlotValue]:
    """Every "two weeks" / "3 days" / "三天" / "两个月" in the reply, in days."""
    lex = lexicon()["duration"]
    out = []
    for m in _ZH_NUM.finditer(text):
        n = _zh_number(m.group(1))
        if n is not None:
            out.append((m.start(), m.end(), n * lex["units"]["zh"][m.group(3)]))
    words = "|".join(sorted(map(re.escape, lex["numbers"]["en"]), key=len, reverse=True))
    units = "|".join(sorted(map(re.escape, lex["units"]["en"]), key=len, reverse=True))
    for m in re.finditer(rf"(?<![a-z])(\d+(?:\.\d+)?|{words})(?:\s+of)?\s*-?\s*({units})(?![a-z])", text.casefold()):
        raw = m.group(1)
        n = float(raw) if raw[0].isdigit() else float(lex["numbers"]["en"][raw])
        out.append((m.start(), m.end(), n * lex["units"]["en"][m.group(2)]))
    return [SlotValue(slot="duration", value=text[s:e], turn=0, start=s, end=e, days=round(d, 3), term=iso_period(d))
            for s, e, d in sorted(out)]


def relative_duration(text: str) -> list[SlotValue]:
    """"since yesterday" / "前天开始": read as a duration only when the question asked for one."""
    rel = lexicon()["duration"]["relative"]
    out = []
    for word, days in {**rel["zh"], **rel["en"]}.items():
        p = _cue_at(text, word)
        if p >= 0:
            out.append(SlotValue(slot="duration", value=text[p:p + len(word)], turn=0, start=p, end=p + len(word),
                                 days=float(days), term=iso_period(days), confidence=0.8))
    return sorted(out, key=lambda v: v.start)[:1]


def iso_period(days: float) -> str:
    if days < 1:
        return f"PT{max(1, round(days * 24))}H"
    return f"P{round(days)}D"


@dataclass
class Mention:
    """A symptom, condition or drug named in the reply."""

    start: int
    end: int
    surface: str
    term: str
    kind: str  # symptom | condition | drug
    code: str | None = None
    concept_id: str | None = None


def mentions(text: str, cfg: Config) -> list[Mention]:
    """Symptoms from the lexicon, then conditions and drugs from the terminology; longest first,
    never overlapping."""
    found: list[Mention] = []
    for term, names in lexicon()["symptoms"].items():
        for name in names["zh"] + names["en"]:
            p = _cue_at(text, name)
            if p >= 0:
                found.append(Mention(p, p + len(name), text[p:p + len(name)], term, "symptom"))
    nq = normalize_query(text, cfg, max_concepts=8)
    for surface, concept in zip(nq.matches, nq.concepts):
        p = text.find(surface)
        if p < 0:
            p = text.casefold().find(surface.casefold())
        if p < 0:
            continue
        kind = "drug" if concept.kind == "drug" else "condition"
        found.append(Mention(p, p + len(surface), surface, concept.name_en or concept.name_zh or surface, kind,
                             concept.icd10[0] if concept.icd10 else None, concept.id))
    found.sort(key=lambda m: (-(m.end - m.start), m.start))
    kept: list[Mention] = []
    for m in found:
        if not any(m.start < k.end and k.start < m.end for k in kept):
            kept.append(m)
    for m in kept:
        if m.kind == "symptom" and m.code is None:
            hit = lookup(m.term, cfg, limit=1)
            if hit:
                m.code, m.concept_id = (hit[0].icd10[0] if hit[0].icd10 else None), hit[0].id
    return sorted(kept, key=lambda m: m.start)


def negation_scopes(clause: Span) -> list[tuple[int, int]]:
    """Absolute spans a negation cue governs: from the cue to the clause end or a "but"."""
    neg = lexicon()["negation"]
    text = clause.text
    out = []
    for cue in neg["zh"] + neg["en"]:
        if has_han(cue):
            starts = [m.start() for m in re.finditer(re.escape(cue), text)]
        else:
            starts = [m.start() for m in re.finditer(rf"(?<![a-z']){re.escape(cue)}(?![a-z'])", text.casefold())]
        for s in starts:
            end = len(text)
            for stop in neg["scope_end"]["zh"] + neg["scope_end"]["en"]:
                q = _cue_at(text[s:], stop)
                if q > 0:
                    end = min(end, s + q)
            out.append((clause.start + s, clause.start + end))
    return out


def _in(scopes: list[tuple[int, int]], start: int) -> bool:
    return any(s <= start < e for s, e in scopes)


def dose_after(text: str, pos: int) -> str | None:
    """The dose said right after a drug name ("10 mg daily", "500毫克每天两次")."""
    lex = lexicon()["dose"]
    units = "|".join(sorted(map(re.escape, lex["units"]), key=len, reverse=True))
    m = re.match(rf"\s*(\d+(?:\.\d+)?\s*(?:{units}))", text[pos:pos + 40], re.IGNORECASE)
    if not m:
        return None
    end = pos + m.end()
    rest = text[end:end + 30]
    for f in sorted(lex["frequency"]["zh"] + lex["frequency"]["en"], key=len, reverse=True):
        pattern = rf"[\s，,]*{re.escape(f)}[^，,。.;；]*" if has_han(f) else rf"[\s,]*{re.escape(f)}(?![a-z])"
        m = re.match(pattern, rest, re.IGNORECASE)
        if m:
            end += m.end()
            break
    return text[pos:end].strip()


def _named_drugs(text: str) -> list[tuple[int, int, str]]:
    """Drugs the terminology does not know, recognised by a verb and a dose ("I take X 10 mg")."""
    units = "|".join(sorted(map(re.escape, lexicon()["dose"]["units"]), key=len, reverse=True))
    out = [(m.start(1), m.end(1), m.group(1)) for m in re.finditer(
        rf"(?:take|taking|takes|on|use|using)\s+([A-Za-z][A-Za-z\-]{{3,}})\s+\d+(?:\.\d+)?\s*(?:{units})\b", text, re.IGNORECASE)]
    out += [(m.start(1), m.end(1), m.group(1)) for m in re.finditer(
        rf"(?:吃|服用|服)\s*([\u4e00-\u9fffA-Za-z]{{2,8}}?)\s*\d+(?:\.\d+)?\s*(?:{units})", text)]
    return out


def _allergens(text: str) -> list[tuple[int, int]]:
    out = [(m.start(1), m.end(1)) for m in re.finditer(r"allergic to ([a-z][a-z \-]*?)(?=$|[,.;]| and | but | i | it )",
                                                       text, re.IGNORECASE)]
    out += [(m.start(1), m.end(1)) for m in re.finditer(r"([a-z][a-z\-]+) allerg", text, re.IGNORECASE)
            if m.group(1).lower() not in ("no", "any", "known", "have", "an", "food", "drug", "my")]
    out += [(m.start(1), m.end(1)) for m in re.finditer(r"对\s*([\u4e00-\u9fffA-Za-z]{1,10}?)\s*过敏", text)]
    if not out:
        out += [(m.start(1), m.end(1)) for m in re.finditer(r"([\u4e00-\u9fff]{2,6}?)过敏", text)
                if not re.search("没有|无|不|对", m.group(1))]
    return out


def _value(slot: str, span: Span, turn: int, **kw) -> SlotValue:
    return SlotValue(slot=slot, value=span.text, turn=turn, start=span.start, end=span.end, **kw)


def extract_rules(text: str, turn: int, asked: str | None, cfg: Config, *, complaint_terms: set[str] = frozenset(),
                  ros: list[str] = (), duration_known: bool = False) -> list[SlotValue]:
    """The slots a reply fills by rule; every value is a span of ``text``."""
    out: list[SlotValue] = []
    cl = clauses(text)
    ms = mentions(text, cfg)
    # a cue inside a symptom's own name ("没力气", "无力") negates nothing
    scopes = [(a, b) for c in cl for a, b in negation_scopes(c) if not any(m.start <= a < m.end for m in ms)]
    answers = lexicon()["answers"]

    # durations: only when asked, or the first one heard (an onset answer's "since Monday" is not a new duration)
    if asked in ("duration", None, "chief_complaint") or not duration_known:
        found = durations(text) or (relative_duration(text) if asked == "duration" else [])
        out += [v.model_copy(update={"turn": turn}) for v in found[:1]]
    for m in _SEVERITY_NUM.finditer(text):
        out.append(SlotValue(slot="severity", value=m.group(0), turn=turn, start=m.start(), end=m.end(), term=f"{m.group(1)}/10"))

    clause_of = {id(m): next((c for c in cl if c.start <= m.start < c.end), Span(0, len(text), text)) for m in ms}
    drugs_seen = []
    for m in ms:
        c = clause_of[id(m)]
        neg = _in(scopes, m.start)
        kw = {"term": m.term, "code": m.code, "concept_id": m.concept_id}
        span = Span(m.start, m.end, m.surface)
        if m.kind == "drug":
            if has_any(c.text, _words("slot_cues", "allergies")) >= 0:
                out.append(_value("allergies", span, turn, **kw))
                continue
            dose = dose_after(text, m.end)
            drugs_seen.append((m.start, m.end))
            out.append(_value("medications", span, turn, status="absent" if neg else "present", dose=dose, **kw))
            continue
        if has_any(c.text, _words("slot_cues", "allergies")) >= 0 and "过敏" in m.surface:
            continue  # "青霉素过敏" is an allergy, read below
        if has_any(c.text, _words("slot_cues", "family_history")) >= 0 or asked == "family_history":
            slot = "family_history"
        elif m.kind == "condition" and (has_any(c.text, _words("slot_cues", "past_history")) >= 0 or asked == "past_history"):
            slot = "past_history"
        elif neg:
            slot = "negatives"
        elif m.term.casefold() in complaint_terms or m.surface.casefold() in complaint_terms:
            continue  # the chief complaint itself
        elif asked == "review_of_systems":
            slot = "review_of_systems"
        else:
            slot = "associated" if m.kind == "symptom" or asked in ("associated", "negatives") else "past_history"
        out.append(_value(slot, span, turn, status="absent" if neg else "present", **kw))

    for s, e, name in _named_drugs(text):
        if not any(s < de and ds < e for ds, de in drugs_seen):
            out.append(_value("medications", Span(s, e, name), turn, term=name.lower(), dose=dose_after(text, e),
                              confidence=0.8))
    allergy_cue = _words("slot_cues", "allergies")
    for c in cl:
        if has_any(c.text, allergy_cue) < 0:
            continue
        if _in(scopes, c.start + has_any(c.text, allergy_cue)) or re.search(r"\bno\b|没有|无", c.text.casefold()):
            out.append(_value("allergies", c, turn, status="absent", term="no known allergy"))
            continue
        for s, e in _allergens(text[c.start:c.end]):
            name = text[c.start + s:c.start + e].strip()
            hit = lookup(name, cfg, limit=1)
            out.append(_value("allergies", Span(c.start + s, c.start + s + len(name), name), turn,
                              term=(hit[0].name_en or name) if hit else name, concept_id=hit[0].id if hit else None))

    # cue-word slots: the clause that carries the cue, in the patient's words
    for c in cl:
        for slot in ("onset", "site", "character", "radiation", "severity", "timing", "aggravating", "relieving",
                     "smoking", "alcohol", "occupation", "pregnancy"):
            if slot == "severity" and any(v.slot == "severity" for v in out):
                continue
            p = has_any(c.text, _words("slot_cues", slot))
            if p < 0 or any(m.start <= c.start + p < m.end for m in ms):
                continue  # no cue, or the cue is inside a named condition ("blood pressure")
            if schema()[slot]["kind"] == "yesno":
                neg = _in(scopes, c.start + p) or any(s <= c.start + p < e + 2 for s, e in scopes)
                out.append(_value(slot, c, turn, status="absent" if neg else "present"))
            elif not _in(scopes, c.start + p):
                out.append(_value(slot, c, turn, confidence=0.9))
    # ROS symptoms named by the complaint file that are not in the symptom lexicon
    for item in ros:
        p = _cue_at(text, item)
        if p >= 0 and not any(v.start <= p < v.end for v in out):
            out.append(SlotValue(slot="negatives" if _in(scopes, p) else "associated", value=item, turn=turn, start=p,
                                 end=p + len(item), status="absent" if _in(scopes, p) else "present", term=item))

    if asked and not out:
        out += _answer_to_asked(text, turn, asked, cl, answers)
    return _dedupe(out)


def _answer_to_asked(text: str, turn: int, asked: str, cl: list[Span], answers: dict) -> list[SlotValue]:
    """A reply that answers the question but names nothing the rules know: "I don't know", a
    refusal, a bare yes/no, or the patient's words for the asked slot at lower confidence."""
    if not cl:
        return []
    for status in ("declined", "unknown"):
        p = has_any(text, answers[status]["zh"] + answers[status]["en"])
        if p >= 0:
            return [_value(asked, cl[0], turn, status=status, confidence=1.0)]
    first = cl[0]
    bare = re.sub(r"[\s\W_]+", " ", first.text.casefold()).strip()
    words_no = answers["no"]["zh"] + answers["no"]["en"]
    words_yes = answers["yes"]["zh"] + answers["yes"]["en"]
    if any(bare == w or bare.startswith(w + " ") or (has_han(w) and bare.startswith(w) and len(bare) <= 4) for w in words_no):
        return [_value(asked, first, turn, status="absent", term="no")]
    if any(bare == w or bare.startswith(w + " ") or (has_han(w) and bare.startswith(w) and len(bare) <= 3) for w in words_yes):
        return [_value(asked, first if len(cl) == 1 else Span(first.start, cl[-1].end, text[first.start:cl[-1].end]), turn,
                       confidence=0.7, term="yes" if schema()[asked]["kind"] == "yesno" else None)]
    if asked in ("negatives", "review_of_systems", "chief_complaint"):
        return []  # a list question answered with nothing recognisable: better missing than wrong
    if len(tokenize(first.text)) == 0:
        return []
    return [_value(asked, first, turn, confidence=0.6)]


def _dedupe(values: list[SlotValue]) -> list[SlotValue]:
    seen, out = set(), []
    for v in values:
        key = (v.slot, v.start, v.end, v.status)
        if key not in seen:
            seen.add(key)
            out.append(v)
    return out


# ------------------------------------------------------------------------ the model's reading
class ModelSlot(BaseModel):
    slot: str
    value: str
    status: str = "present"


class ModelExtraction(BaseModel):
    slots: list[ModelSlot]


def _prompt(text: str, asked: str | None, lang: str) -> list[dict]:
    names = ", ".join(s for s in schema() if s != "chief_complaint")
    return [{"role": "system", "content":
             "You file a patient's reply into history-taking slots. Use only these slot names: "
             f"{names}. Copy the patient's exact words as the value; never add words, never guess a diagnosis. "
             'status is "present", "absent" (the patient denies it) or "unknown" (does not know). '
             'Answer with JSON only: {"slots": [{"slot": ..., "value": ..., "status": ...}]}.'},
            {"role": "user", "content": f"Question was about: {asked or 'anything'}\nPatient reply: {text}"}]


def locate(value: str, text: str) -> tuple[int, int] | None:
    """The span of ``text`` that holds ``value``'s words, or None when they are not all there."""
    v = value.strip().strip("\"'“”。.,，")
    if not v:
        return None
    p = text.casefold().find(v.casefold())
    if p >= 0:
        return p, p + len(v)
    toks = re.findall(r"[a-z0-9]+", v.casefold())
    if not toks or has_han(v):  # Chinese: the exact words or nothing
        return None
    positions = []
    low = text.casefold()
    for t in toks:
        q = low.find(t)
        if q < 0:
            return None
        positions.append((q, q + len(t)))
    return min(s for s, _ in positions), max(e for _, e in positions)


def extract_model(text: str, turn: int, asked: str | None, model, lang: str) -> tuple[list[SlotValue], list[str]]:
    """The model's schema-constrained reading, kept only where it checks against the reply."""
    try:
        gen = model.chat(_prompt(text, asked, lang), GenerationParams(temperature=0.0, max_tokens=120, seed=42),
                         json_schema=ModelExtraction, timeout_s=MODEL_TIMEOUT_S)
    except (OutputFormatError, GenerationTimeout) as e:
        return [], [f"model extraction unusable: {e.message}"]
    kept, notes = [], []
    for item in gen.parsed.slots:
        if item.slot not in schema() or item.slot == "chief_complaint" or item.status not in ("present", "absent", "unknown"):
            notes.append(f"model slot rejected (unknown slot or status): {item.slot}")
            continue
        span = locate(item.value, text)
        if span is None:
            notes.append(f"model value rejected (not in the reply): {item.slot}={item.value[:40]}")
            continue
        kept.append(SlotValue(slot=item.slot, value=text[span[0]:span[1]], status=item.status, turn=turn, start=span[0],
                              end=span[1], confidence=0.7, source="model"))
    return kept, notes


def uncovered(text: str, rules: list[SlotValue]) -> list[str]:
    """Clauses of the reply that no rule value touches: what is left for the model to read."""
    return [c.text for c in clauses(text) if len(tokenize(c.text)) > 0
            and not any(v.start < c.end and c.start < v.end for v in rules)]


def merge(rules: list[SlotValue], model: list[SlotValue]) -> list[SlotValue]:
    """Rules first; a model value only for a slot the rules left empty in this reply, and only
    from words the rules did not already file (a drug the rules read is not also a symptom)."""
    have = {v.slot for v in rules}
    return rules + [v for v in model if v.slot not in have
                    and not any(r.start < v.end and v.start < r.end for r in rules if r.status == "present")]
