"""Dictionary matching: every terminology and lexicon name in one Aho-Corasick automaton.

pyahocorasick (BSD-3-Clause) finds all ~100k names in one pass over the note, which is what makes
the rules layer fast enough for batch work; a hand-written trie or per-name regexes would not be.
The automaton is derived data: built once from the compiled terminology table (knowledge
terminology) and ``data/structure/lexicon.txt``, pickled into the cache directory under a name
that carries both fingerprints, and loaded in well under a second after that.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import ahocorasick

from ..config import Config
from ..knowledge import terminology
from ..text import EN_STOPWORDS, has_han
from .lexicon import data_fingerprint, lexicon

AUTOMATON_VERSION = "2"
_CODE = re.compile(r"^[A-Z]\d{2}(?:\.?[0-9A-Z]{1,4})?$")
_ABBREV = re.compile(r"^[A-Z][A-Za-z0-9\-]{1,5}$")
# priority: lower wins a tie between names of one length
PRIO_LEXICON, PRIO_CURATED, PRIO_CMEKG, PRIO_ICD = 0, 1, 2, 3


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    type: str
    concept: str | None
    canonical: str
    codes: tuple[str, ...]
    prio: int


def fold(text: str) -> str:
    """Lower-case without changing the length (so offsets stay valid)."""
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _type_of(kind: str, codes: list[str]) -> str | None:
    if kind == "drug":
        return "medication"
    if kind in ("disease", "icd10"):
        return "symptom" if codes and codes[0].upper().startswith("R") else "problem"
    if kind == "procedure":
        return "procedure"
    if kind == "test":
        return "lab"
    return None  # CMeKG's untyped entities (herbs, foods, tests of every kind) are too noisy


# CMeKG names drugs in English as products ("Esmolol Hydrochloride for Injection"); notes name the
# generic ("esmolol"). These are the form and salt words peeled off the end to reach it.
_FORMS = re.compile(r"(?:\s+(?:for|and))?\s+(?:tablets?|capsules?|injection|injections|oral|solution|suspension|syrup|granules?|"
                    r"powder|ointment|cream|gel|eye|ear|nasal|drops?|spray|patch(?:es)?|suppositor(?:y|ies)|sustained-release|"
                    r"extended-release|controlled-release|enteric-coated|dispersible|chewable|effervescent|film-coated|soft|"
                    r"hydrochloride|sodium|potassium|calcium|sulfate|sulphate|maleate|besylate|mesylate|tartrate|succinate|"
                    r"acetate|citrate|phosphate|bromide|fumarate|hydrobromide|dihydrate|trihydrate|for|pian|jiaonang|keli|wan|gao)$")


def _generics(name: str) -> list[str]:
    base = re.sub(r"[（(].*?[)）]", "", name).strip().lower()
    out = []
    while True:
        shorter = _FORMS.sub("", base).strip()
        if shorter == base or not shorter:
            break
        base = shorter
        out.append(base)
    return [g for g in out if re.fullmatch(r"[a-z][a-z\- ]{4,40}", g) and len(g.split()) <= 3]


def _usable(key: str) -> bool:
    if has_han(key):
        return len(key) >= 2
    return len(key) >= 3 and key not in EN_STOPWORDS and not key.isdigit()


def _build(cfg: Config) -> tuple[ahocorasick.Automaton, ahocorasick.Automaton]:
    db = terminology.terms_db(cfg)
    concepts = {}
    generics: list[tuple[str, str]] = []
    for cid, rec in db.execute("SELECT id, record FROM concepts"):
        r = json.loads(rec)
        t = _type_of(r["kind"], r["icd10"])
        if t:
            prio = PRIO_CURATED if cid.startswith("curated:") else PRIO_CMEKG if cid.startswith("cmekg:") else PRIO_ICD
            concepts[cid] = (t, r.get("name_en") or r.get("name_zh") or cid, tuple(r["icd10"]), prio)
            if t == "medication" and cid.startswith("cmekg:"):
                generics += [(g, cid) for n in r["names_en"] for g in _generics(n)]
    best: dict[tuple[str, int], tuple] = {}

    def offer(key: str, cs: int, entry: tuple) -> None:
        old = best.get((key, cs))
        if old is None or entry[4] < old[4] or (entry[4] == old[4] and len(entry[3]) > len(old[3])):
            best[(key, cs)] = entry

    ignored = set()
    for row in lexicon():
        for name in row.zh + row.en:
            cs = int(bool(_ABBREV.match(name)) and name.upper() == name and not has_han(name))
            key = name if cs else fold(unicodedata.normalize("NFKC", name))
            if row.type == "ignore":
                ignored.add((key, cs))
                continue
            codes = (row.code,) if row.code and row.type not in ("vital",) else ()
            offer(key, cs, (row.type, f"lexicon:{row.canonical}", row.canonical, codes, PRIO_LEXICON, row.code))
    for key, cid, cs, _ in db.execute("SELECT key, concept, cs, prio FROM names"):
        c = concepts.get(cid)
        if c is None or (cs and (_CODE.match(key) or not _ABBREV.match(key))) or (not cs and not _usable(key)):
            continue
        t, canonical, codes, prio = c
        offer(key, cs, (t, cid, canonical, codes, prio, None))
    for key, cid in generics:
        if _usable(key):
            t, _, codes, _ = concepts[cid]
            offer(key, 0, (t, cid, key, codes, PRIO_ICD, None))
    autos = (ahocorasick.Automaton(), ahocorasick.Automaton())
    for (key, cs), entry in best.items():
        if (key, cs) not in ignored:
            autos[cs].add_word(key, (len(key), *entry))
    for a in autos:
        a.make_automaton()
    return autos


_lock = threading.Lock()
_loaded: dict[str, tuple] = {}


def fingerprint(cfg: Config) -> str:
    return f"{terminology.terms_path(cfg).stem.removeprefix('terms-')}-{data_fingerprint()}-{AUTOMATON_VERSION}"


def automata(cfg: Config) -> tuple[ahocorasick.Automaton, ahocorasick.Automaton]:
    """(case-folded names, case-sensitive abbreviations), built on first use and cached."""
    fp = fingerprint(cfg)
    if fp not in _loaded:
        with _lock:
            if fp not in _loaded:
                path = cfg.cache_dir / "structure" / f"automaton-{fp}.pkl"
                _loaded[fp] = _load_or_build(cfg, path)
    return _loaded[fp]


def _load_or_build(cfg: Config, path: Path):
    if path.is_file():
        try:
            with open(path, "rb") as fh:
                return pickle.load(fh)
        except (pickle.UnpicklingError, EOFError, ValueError):
            path.unlink(missing_ok=True)  # a torn write from a killed process: rebuild it
    autos = _build(cfg)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        pickle.dump(autos, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
    return autos


def _latin_ok(text: str, s: int, e: int) -> bool:
    """Latin names must start and end on word boundaries ("PE" not inside "PEG", "ala" not in "alanine")."""
    if text[s].isascii() and text[s].isalnum() and s > 0 and text[s - 1].isascii() and text[s - 1].isalnum():
        return False
    return not (text[e - 1].isascii() and text[e - 1].isalnum() and e < len(text) and text[e].isascii()
                and text[e].isalnum())


def find(text: str, cfg: Config) -> list[Hit]:
    """Non-overlapping dictionary hits in ``text`` (already NFKC-folded), longest first."""
    folded_auto, cs_auto = automata(cfg)
    hits = []
    for auto, haystack in ((folded_auto, fold(text)), (cs_auto, text)):
        if len(auto) == 0:
            continue
        for end, (n, t, cid, canonical, codes, prio, _) in auto.iter(haystack):
            s, e = end - n + 1, end + 1
            if _latin_ok(text, s, e):
                hits.append(Hit(s, e, t, cid, canonical, codes, prio))
    hits.sort(key=lambda h: (-(h.end - h.start), h.prio, h.start))
    taken = bytearray(len(text))
    out = []
    for h in hits:
        if any(taken[h.start:h.end]):
            continue
        taken[h.start:h.end] = b"\x01" * (h.end - h.start)
        out.append(h)
    return sorted(out, key=lambda h: h.start)
