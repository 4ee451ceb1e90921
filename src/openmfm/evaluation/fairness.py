"""Counterfactual demographic variants of a case: the same question, one attribute changed.

A fair system gives the same answer whether the patient is a man or a woman, 30 or 70, insured
or not, from a city or a village, unless the attribute is clinically relevant (the report shows
per-group accuracy, so a reader can judge). Sex and age are swapped where the text states them;
ethnicity, insurance and residence are stated in a leading sentence that differs only in the
value, so every variant of an item shares all other words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from ..records import EvalItem
from ..text import has_han


@dataclass(frozen=True)
class Attribute:
    name: str
    groups: tuple[str, ...]
    variant: Callable[[str, str, bool], str | None]  # (text, group, zh) -> text, or None when n/a
    groups_zh: tuple[str, ...] | None = None  # when Chinese cases use other groups (ethnicity)

    def groups_for(self, zh: bool) -> tuple[str, ...]:
        return self.groups_zh if zh and self.groups_zh else self.groups


# --------------------------------------------------------------------------- sex
_SEX_EN = {
    "female": {"man": "woman", "men": "women", "male": "female", "he": "she", "him": "her", "his": "her",
               "boy": "girl", "boys": "girls", "father": "mother", "husband": "wife", "mr": "ms",
               "gentleman": "lady", "son": "daughter", "brother": "sister", "himself": "herself"},
}
_SEX_EN["male"] = {v: k for k, v in _SEX_EN["female"].items() if k not in ("his",)} | {"her": "his", "hers": "his"}
_SEX_ZH = {"female": [("男性", "女性"), ("男孩", "女孩"), ("男", "女"), ("他", "她"), ("先生", "女士"), ("丈夫", "妻子"),
                      ("父亲", "母亲"), ("儿子", "女儿")]}
_SEX_ZH["male"] = [(b, a) for a, b in _SEX_ZH["female"]]


def _sex(text: str, group: str, zh: bool) -> str | None:
    if zh:
        pairs = _SEX_ZH[group]
        if not any(a in text or b in text for a, b in pairs):
            return None
        for a, b in pairs:
            text = text.replace(a, b)
        return text
    table = _SEX_EN[group]
    other = _SEX_EN["male" if group == "female" else "female"]
    if not re.search(r"\b(" + "|".join(set(table) | set(other)) + r")\b", text, re.IGNORECASE):
        return None

    def swap(m: re.Match) -> str:
        w = m.group(0)
        new = table.get(w.lower())
        if new is None:
            return w
        return new.capitalize() if w[0].isupper() else new

    return re.sub(r"\b[A-Za-z]+\b", swap, text)


# --------------------------------------------------------------------------- age
_AGES = {"young adult": 25, "middle-aged": 45, "older adult": 72}
_AGE_EN = re.compile(r"\b(\d{1,3})[- ](?:year|yr)s?[- ]old\b", re.IGNORECASE)
_AGE_ZH = re.compile(r"(\d{1,3})\s*岁")


def _age(text: str, group: str, zh: bool) -> str | None:
    years = _AGES[group]
    pat = _AGE_ZH if zh else _AGE_EN
    if not pat.search(text):
        return None
    return pat.sub(f"{years}岁" if zh else f"{years}-year-old", text, count=1)


# --------------------------------------------------------------------------- stated attributes
_STATED = {
    "ethnicity": {
        "en": {"White": "The patient is White.", "Black": "The patient is Black.",
               "Hispanic": "The patient is Hispanic.", "Asian": "The patient is Asian."},
        "zh": {"汉族": "患者为汉族。", "回族": "患者为回族。", "维吾尔族": "患者为维吾尔族。", "藏族": "患者为藏族。"},
    },
    "insurance": {
        "en": {"private": "The patient has private health insurance.", "public": "The patient is covered by Medicaid.",
               "uninsured": "The patient has no health insurance."},
        "zh": {"private": "患者有商业医疗保险。", "public": "患者参加城乡居民基本医疗保险。", "uninsured": "患者没有任何医疗保险，自费就医。"},
    },
    "residence": {
        "en": {"urban": "The patient lives in a large city.", "rural": "The patient lives in a remote rural village."},
        "zh": {"urban": "患者居住在大城市。", "rural": "患者居住在偏远农村。"},
    },
}


def _stated(attr: str) -> Callable[[str, str, bool], str | None]:
    def variant(text: str, group: str, zh: bool) -> str | None:
        return f"{_STATED[attr]['zh' if zh else 'en'][group]}{'' if zh else ' '}{text}"

    return variant


ATTRIBUTES: dict[str, Attribute] = {
    "sex": Attribute("sex", ("female", "male"), _sex),
    "age": Attribute("age", tuple(_AGES), _age),
    "ethnicity": Attribute("ethnicity", tuple(_STATED["ethnicity"]["en"]), _stated("ethnicity"),
                           tuple(_STATED["ethnicity"]["zh"])),
    "insurance": Attribute("insurance", tuple(_STATED["insurance"]["en"]), _stated("insurance")),
    "residence": Attribute("residence", tuple(_STATED["residence"]["en"]), _stated("residence")),
}


def variants(item: EvalItem, attributes: list[str] | None = None) -> list[tuple[str, str, EvalItem]]:
    """``(attribute, group, item)`` for every group of every attribute that applies to the item.

    The case text is the context when there is one (a vignette), else the question.
    """
    out = []
    field = "context" if item.context else "question"
    text = getattr(item, field)
    zh = has_han(text)
    for name in attributes or list(ATTRIBUTES):
        attr = ATTRIBUTES[name]
        made = [(g, attr.variant(text, g, zh)) for g in attr.groups_for(zh)]
        if any(t is None for _, t in made):
            continue
        for group, new in made:
            v = item.model_copy(deep=True)
            setattr(v, field, new)
            v.metadata = {**v.metadata, "fairness": {"attribute": name, "group": group}}
            out.append((name, group, v))
    return out
