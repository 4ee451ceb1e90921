"""Content terms of a text, the unit of lexical support between a statement and its evidence.

English: lower-cased words minus function words, with a light suffix strip so "recommended" and
"recommends" meet. Chinese: jieba words plus character bigrams, because a statement and its
source often segment the same phrase differently; bigrams make coverage robust to that.
"""

from __future__ import annotations

import re
from functools import lru_cache

_EN_STOP = frozenset("""
a an the and or but if then than that this these those is are was were be been being am do does did
of in on at to for from by with as into onto about over under after before between within without
it its it's they them their there here he she his her we our you your i me my what which who whom
whose when where why how can could should would may might must shall will also any all some such no
not nor only other more most much many each per via both either neither so very just use used using
patient patients adult adults treatment treat treated recommended recommend recommends recommendation
""".split())

_ZH_STOP = frozenset("""
的 了 和 与 及 或 是 在 对 为 以 于 等 中 可 可以 应 应该 需要 进行 使用 用 给予 治疗 患者 病人 成人 什么 哪些
怎么 如何 吗 呢 是否 有 无 一 个 其 该 此 这 那 这些 那些 及其 以及 并 并且 而 但 但是 如果 则 时 后 前
""".split())

_WORD_EN = re.compile(r"[a-z][a-z0-9]*")
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")


def _stem(w: str) -> str:
    for suf in ("ations", "ation", "ments", "ment", "ingly", "ing", "edly", "ed", "ies", "es", "s", "ly"):
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            return w[: -len(suf)]
    return w


@lru_cache(maxsize=1)
def _jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def en_terms(text: str) -> set[str]:
    return {_stem(w) for w in _WORD_EN.findall(text.lower()) if w not in _EN_STOP and len(w) > 1}


def zh_terms(text: str) -> set[str]:
    words: set[str] = set()
    for run in _HAN_RUN.findall(text):
        words.update(w for w in _jieba().lcut(run) if w not in _ZH_STOP and len(w) > 1)
    return words


def zh_bigrams(text: str) -> set[str]:
    grams: set[str] = set()
    for run in _HAN_RUN.findall(text):
        grams.update(run[i: i + 2] for i in range(len(run) - 1))
    return {g for g in grams if g[0] not in "的了和与及或是在对为以于等" and g[1] not in "的了和与及或是"}


def content_terms(text: str) -> set[str]:
    """Terms of both scripts: a Chinese sentence citing an English span still shares drug names,
    abbreviations and numbers written in Latin script."""
    return en_terms(text) | zh_terms(text)


def coverage(claim: str, support: str) -> float:
    """Share of the claim's content that appears in ``support`` (1.0 when the claim has none).

    Chinese is measured on character bigrams, English on stemmed words; the two are averaged by
    their sizes so mixed-script statements count both.
    """
    ce, se = en_terms(claim), en_terms(support)
    cz, sz = zh_bigrams(claim), zh_bigrams(support)
    total = len(ce) + len(cz)
    if total == 0:
        return 1.0
    return (len(ce & se) + len(cz & sz)) / total


def overlap(query_terms: set[str], text: str) -> float:
    """Share of the question's terms found in a passage (for selection, not verification)."""
    if not query_terms:
        return 0.0
    t = text.lower()
    tt = content_terms(text) | zh_bigrams(text)
    hits = sum(1 for q in query_terms if q in tt or (len(q) > 3 and q in t))
    return hits / len(query_terms)


def query_terms(text: str) -> set[str]:
    return en_terms(text) | zh_terms(text)
