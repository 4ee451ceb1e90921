"""The learned PHI recogniser: a linear-chain CRF (python-crfsuite) over tokens, run behind the rules.

Rules find what their authors have seen written; on notes nobody tuned them for they missed
names in free prose, after "Re:"/"Dear"/"cc:" and in sign-offs, addresses split over lines and
identifiers behind labels no rule lists. The CRF reads the same cues without a list of
phrasings (``features``), learned from synthetic notes in many independent styles
(``training``). It only adds: its spans pass the same precision filters as the rules'
(``engine._keep``), and only what the rules left uncovered is kept (``engine._beside_rules``),
so a rule's span keeps its boundaries and type. ``[deid] learned = false`` in the policy turns
it off.

The model ships as package data (``data/deid/learned_phi_<lang>.crfsuite``) with a card
(``learned_phi.json``): training data provenance, generators, sizes, seed, date, feature
version and the sha256 of each model file. A model that does not match its card is refused,
with the command that rebuilds it (``mfm policy train-deid``).
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import tempfile
import threading
import time
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from importlib.metadata import version
from pathlib import Path

from ...errors import ConfigError
from ...text import has_han
from ..jsonl import read_checked
from . import features

CARD = "learned_phi.json"
RETRAIN = "Rebuild it: mfm policy train-deid"
LABELS = ("NAME", "ADDRESS", "DATE", "PHONE", "ID", "AGE", "NET")
# The benchmark's categories (and the project's entity types) folded into the CRF's labels.
FOLD = {"NAME": "NAME", "PERSON": "NAME", "ADDRESS": "ADDRESS", "LOCATION": "ADDRESS", "ZIP_CODE": "ADDRESS", "DATE": "DATE",
        "DATE_TIME": "DATE", "PHONE": "PHONE", "PHONE_NUMBER": "PHONE", "AGE": "AGE", "EMAIL": "NET", "EMAIL_ADDRESS": "NET", "URL": "NET",
        "IP": "NET", "IP_ADDRESS": "NET", "ID": "ID", "RECORD": "ID", "INSURANCE": "ID", "ACCOUNT": "ID", "DEVICE": "ID", "VEHICLE": "ID",
        "MEDICAL_RECORD_NUMBER": "ID", "HEALTH_PLAN_NUMBER": "ID", "ACCOUNT_NUMBER": "ID", "DEVICE_ID": "ID", "VEHICLE_ID": "ID",
        "ID_NUMBER": "ID", "LICENSE_NUMBER": "ID", "CN_RESIDENT_ID": "ID", "US_SSN": "ID"}
_ENTITY = {"NAME": "PERSON", "DATE": "DATE", "PHONE": "PHONE_NUMBER", "ID": "ID_NUMBER", "AGE": "AGE"}
_MONTH = re.compile(r"(?i)jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|[年月日号]")
# An age of 90 or more is PHI; a number of 90 or more is not, unless an age word is next to it ("65-99" is a reference range).
_AGE_WORD = re.compile(r"(?i)\bage[sd]?\b|\bturn(?:s|ed)?\b|y/?o\b|\byrs?\b|\byears?\b|year-old|岁|周岁|高龄")
_IP = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
_LOCK = threading.Lock()  # a crfsuite Tagger holds the sequence it was last given
TRAINER = {"c1": 0.05, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}


def data_dir() -> Path:
    return Path(str(resources.files("openmfm").joinpath("data/deid")))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def verify(model_dir: Path | None = None) -> dict:
    """The card, after checking each model file against the sha256 it records."""
    d = model_dir or data_dir()
    try:
        card = json.loads((d / CARD).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ConfigError(f"The learned PHI model card {d / CARD} cannot be read ({e}).", RETRAIN) from None
    if card.get("features_version") != features.VERSION:
        raise ConfigError(f"The learned PHI model was trained on features v{card.get('features_version')}; this code computes v{features.VERSION}.", RETRAIN)
    for lang, m in card["models"].items():
        path = d / m["file"]
        if not path.is_file() or _sha256(path) != m["sha256"]:
            raise ConfigError(f"The learned PHI model for '{lang}' ({path}) does not match the sha256 on its card.", RETRAIN)
    return card


@lru_cache(maxsize=4)
def _taggers(model_dir: str | None = None) -> dict:
    import pycrfsuite  # deferred: only de-identification with the learned recogniser needs it

    d = Path(model_dir) if model_dir else data_dir()
    taggers = {}
    for lang, m in verify(d)["models"].items():
        t = pycrfsuite.Tagger()
        t.open(str(d / m["file"]))
        taggers[lang] = t
    return taggers


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    """English words: WordNet's lemma index as en_core_web_sm's lemmatizer ships it (no download)."""
    import spacy  # deferred: only the English name filters need the lemma tables
    from spacy.lookups import Lookups  # deferred: see above

    from .engine import EN_MODEL  # deferred: engine imports this module

    index = Lookups().from_disk(next(spacy.util.get_package_path(EN_MODEL).rglob("lemmatizer/lookups"))).get_table("lemma_index")
    return frozenset(w for key in index for w in index[key] if w.isalpha())


def is_word(value: str) -> bool:
    """Whether a lower-case word is an English word ("rose", "park"), not only a name ("oksana")."""
    return value in _dictionary() or value.removesuffix("s") in _dictionary()


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """English words that are not people's names: the dictionary less every given name and
    surname in Faker's English-speaking locales."""
    # deferred: only the learned recogniser's filter needs Faker's name lists
    from faker.providers.person import en_GB, en_IE, en_US

    names = {n.lower() for mod in (en_US, en_GB, en_IE) for attr in ("first_names", "last_names")
             for n in getattr(mod.Provider, attr, ())}
    return _dictionary() - names


def common_words_only(value: str) -> bool:
    """Whether every word of a span is an everyday English word ("Heritage Chapel", "Potassium",
    "Transplant Coordinator"): the model's name and place guesses that are, are dropped."""
    words = [w for w in re.split(r"[^A-Za-z]+", value) if w]
    common = _common_words()
    return bool(words) and all(w.lower() in common or w.lower().removesuffix("s") in common for w in words)


def _entity(label: str, value: str) -> str:
    if label == "NET":
        return "EMAIL_ADDRESS" if "@" in value else "IP_ADDRESS" if _IP.fullmatch(value) else "URL"
    if label == "ADDRESS":
        return "ADDRESS" if any(ch.isdigit() for ch in value) or has_han(value) else "LOCATION"
    return _ENTITY[label]


def _plausible_date(value: str) -> bool:
    """A date written in digits alone must be one: "20/40" (vision), "65-99" (a range) and a bare
    year are not, whatever their shape suggested to the model."""
    if _MONTH.search(value):
        return True
    nums = [int(x) for x in re.findall(r"\d+", value)]
    if not nums:
        return False
    if len(nums) == 1:
        return len(str(nums[0])) in (6, 8)
    a, b = nums[:2]
    return (1 <= a <= 12 and 1 <= b <= 31) or (1 <= b <= 12 and 1 <= a <= 31) or (a > 31 and 1 <= b <= 12)


def _whole(text: str, start: int, end: int) -> tuple[int, int]:
    """A code is never PHI in part: widen the span to the whole run of letters and digits joined
    by - / . it sits in, so "1433-80" read inside "NDC 0002-1433-80" meets the NDC label filter."""
    while start > 1 and text[start - 1] in "-/." and text[start - 2].isalnum() or start > 0 and text[start - 1].isalnum():
        start -= 1
    while end + 1 < len(text) and text[end] in "-/." and text[end + 1].isalnum() or end < len(text) and text[end].isalnum():
        end += 1
    return start, end


def spans(text: str, language: str, model_dir: Path | None = None) -> list[tuple[str, int, int, float]]:
    """(entity type, start, end, score) of what the model tags in ``text``; the score is the mean
    marginal probability of the span's labels. Empty when no model serves the language."""
    tagger = _taggers(str(model_dir) if model_dir else None).get(language)
    if tagger is None or not text.strip():
        return []
    toks = features.tokenize(text)
    xseq = features.features(text, toks)
    with _LOCK:
        tagger.set(xseq)
        labels = tagger.tag()
        marginals = [tagger.marginal(label, k) if label != "O" else 0.0 for k, label in enumerate(labels)]
    out, i = [], 0
    while i < len(labels):
        if labels[i] == "O":
            i += 1
            continue
        cat, j = labels[i][2:], i + 1
        while j < len(labels) and labels[j] == "I-" + cat:
            j += 1
        a, b = i, j
        if cat == "NAME" and any(text[toks[k][0]].isupper() for k in range(a, b)):
            # A name the model ran into a neighbouring word ("rang Anneliese"): keep its capitalised core.
            while not text[toks[a][0]].isupper():
                a += 1
            while text[toks[b - 1][0]].islower() and text[toks[b - 1][0] - 1] not in "-'":
                b -= 1
        start, end = toks[a][0], toks[b - 1][1]
        if cat in ("ID", "PHONE", "DATE"):
            start, end = _whole(text, start, end)
        score = sum(marginals[a:b]) / (b - a)
        if (cat != "DATE" or _plausible_date(text[start:end])) and (cat != "AGE" or _AGE_WORD.search(text, max(0, start - 12), min(len(text), end + 14))):
            out.append((_entity(cat, text[start:end]), start, end, score))
        i = j
    return out


# ---------------------------------------------------------------------------------------- training
def bio(text: str, gold: list) -> tuple[list[list[str]], list[str]]:
    """Token features and BIO labels for one labelled note (gold: [start, end, category])."""
    toks = features.tokenize(text)
    labels = ["O"] * len(toks)
    for s, e, cat in sorted(gold, key=lambda g: g[0]):
        lab = FOLD.get(cat)
        inside = [k for k, (ts, te) in enumerate(toks) if ts < e and s < te]
        for n, k in enumerate(inside):
            labels[k] = ("B-" if n == 0 else "I-") + lab if lab else "O"
    return features.features(text, toks), labels


def read_notes(path: Path) -> list[dict]:
    """A hospital's own labelled notes: JSONL of {"text", "spans": [[start, end, category]], "language"?}."""

    def check(row: dict) -> dict:
        text, gold = row["text"], row["spans"]
        if not isinstance(text, str):
            raise TypeError("'text' must be a string")
        for s, e, cat in gold:
            if not (0 <= s < e <= len(text)) or cat not in FOLD:
                raise ValueError(f"bad span {[s, e, cat]} (categories: {', '.join(sorted(FOLD))})")
        return {"style": f"hospital:{path.name}", "text": text, "spans": gold,
                "language": row.get("language") or ("zh" if has_han(text) else "en")}

    return read_checked(path, check, "a labelled note",
                        'One JSON object a line: {"text": ..., "spans": [[start, end, "NAME"], ...]}')


def corpus(n: int, seed: int, languages: tuple[str, ...] = ("en",)) -> list[dict]:
    """The synthetic training notes: n per language, every style taking turns."""
    from .training import notes  # deferred: Faker's locales load in seconds, and only training needs them

    out = []
    for lang in languages:
        styles = notes.EN_STYLES if lang == "en" else notes.ZH_STYLES
        out += [{**row, "language": lang} for row in notes.generate(n, seed + (lang == "zh"), styles)]
    return out


def train(out_dir: Path | None = None, *, n: int = 4000, seed: int = 13, hospital: list[Path] = (), languages: tuple[str, ...] = ("en",),
          repeat_hospital: int = 5, max_iterations: int | None = None) -> dict:
    """Fit one CRF per language on synthetic notes (plus a hospital's own, each repeated
    ``repeat_hospital`` times so a few hundred of them weigh against thousands of synthetic
    ones) and write the models and the card. Returns the card."""
    import pycrfsuite  # deferred: only training and the learned recogniser need it

    from .training import notes, values  # deferred: Faker's locales load in seconds, and only training needs them

    d = out_dir or data_dir()
    d.mkdir(parents=True, exist_ok=True)
    own = [row for p in hospital for row in read_notes(Path(p))]
    if stray := sorted({r["language"] for r in own} - set(languages)):
        raise ConfigError(f"Some labelled notes are in {', '.join(stray)}, which this run does not train.", f"Add --language {stray[0]}.")
    rows = corpus(n, seed, languages=languages)
    started, models, sizes = time.time(), {}, {}
    for lang in languages:
        mine = [r for r in rows if r["language"] == lang]
        extra = [r for r in own if r["language"] == lang]
        batch = mine + extra * repeat_hospital
        random.Random(seed).shuffle(batch)
        trainer = pycrfsuite.Trainer(verbose=False)
        for r in batch:
            trainer.append(*bio(r["text"], r["spans"]))
        trainer.set_params({**TRAINER, **({"max_iterations": max_iterations} if max_iterations else {})})
        with tempfile.TemporaryDirectory() as tmp:
            trainer.train(str(Path(tmp) / "m.crfsuite"))
            data = (Path(tmp) / "m.crfsuite").read_bytes()
        name = f"learned_phi_{lang}.crfsuite"
        (d / name).write_bytes(data)
        models[lang] = {"file": name, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
        sizes[lang] = {"synthetic_notes": len(mine), "hospital_notes": len(extra), "tokens": sum(len(features.tokenize(r["text"])) for r in batch)}
    card = {
        "what": "Linear-chain CRF PHI tagger (python-crfsuite, L-BFGS), BIO over tokens; run behind the rule recognizers in openmfm.safety.deid.",
        "models": models, "labels": list(LABELS), "features_version": features.VERSION, "trainer": {**TRAINER, **({"max_iterations": max_iterations} if max_iterations else {})},
        "seed": seed, "notes_per_language": n, "sizes": sizes, "trained": datetime.now(UTC).strftime("%Y-%m-%d"),
        "seconds": round(time.time() - started, 1),
        "generators": {lang: sorted(notes.EN_STYLES if lang == "en" else notes.ZH_STYLES) for lang in languages},
        "provenance": "Synthetic notes only, written by openmfm.safety.deid.training (our own frames in data/deid/training_text.json and "
                      "Faker locales " + ", ".join(sorted(values.NAME_LOCALES)) + "). No benchmark round and no presidio-evaluator output was used."
                      + (" Plus the hospital's own labelled notes listed under hospital_notes." if own else ""),
        "libraries": {lib: version(lib) for lib in ("python-crfsuite", "faker")},
        "frames_sha256": _sha256(data_dir() / "training_text.json"),
        "corpus_sha256": hashlib.sha256(json.dumps(rows, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest(),
        "hospital_notes": [{"file": Path(p).name, "sha256": _sha256(Path(p)), "notes": sum(1 for r in own if r["style"] == f"hospital:{Path(p).name}")}
                           for p in hospital],
    }
    (d / CARD).write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    _taggers.cache_clear()
    return card
