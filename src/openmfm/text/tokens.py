"""Tokens and content terms: one segmentation of Chinese, English and mixed text for every layer.

A text is cut once into script runs (Han runs, Latin words, numbers, after NFKC), and Han runs
are segmented by one jieba instance. Two views are built on that segmentation:

- ``tokenize``: sparse-retrieval tokens. English lowercase minus stopwords and no stemming
  (clinical terms such as "infarction"/"infarct" carry meaning a stemmer would blur; the
  terminology layer adds synonyms explicitly). Chinese jieba words (HMM off, so a phrase is cut
  alike in a document and a query) minus function words, plus every character bigram: jieba's
  general dictionary cuts medical compounds inconsistently (社区获得性肺炎 -> 社区 / 获得 /
  性肺炎, so 肺炎 would miss) and bigrams are the classic robust unit for Chinese retrieval.
  Knowledge bases store these tokens, so their output must not change.
- ``content_terms`` and friends: what answering compares between a statement and its evidence.
  English words lose their commonest inflection, so "recommended" and "recommends" meet; Chinese is
  compared on bigrams as well as words, because a statement and its source often segment the
  same phrase differently.
"""

from __future__ import annotations

import re
import threading
import tomllib
import unicodedata
from collections.abc import Iterator
from functools import cache, lru_cache
from importlib import resources


from .lang import HAN

_SEGMENT = re.compile(rf"(?P<han>{HAN}+)|(?P<latin>[A-Za-z][A-Za-z0-9\-\+']*)|(?P<number>\d+(?:\.\d+)?)")
_EN_WORD = re.compile(r"[a-z][a-z0-9]*")


@cache
def _lexicon() -> dict:
    raw = resources.files("openmfm").joinpath("data/text/stopwords.toml").read_text(encoding="utf-8")
    return tomllib.loads(raw)


_LEX = _lexicon()
EN_STOPWORDS = frozenset(_LEX["en"]["retrieval"])
ZH_STOPWORDS = frozenset(_LEX["zh"]["retrieval"])
EN_ANSWER_STOPWORDS = EN_STOPWORDS | frozenset(_LEX["en"]["answer"])
ZH_ANSWER_STOPWORDS = ZH_STOPWORDS | frozenset(_LEX["zh"]["answer"])
_BIGRAM_FIRST = frozenset(_LEX["zh"]["bigram_first"])
_BIGRAM_LAST = frozenset(_LEX["zh"]["bigram_last"])

_jieba_lock = threading.Lock()
_jieba_ready = False


def _jieba():
    global _jieba_ready
    import jieba  # deferred: loading its dictionary takes about a second

    if not _jieba_ready:
        with _jieba_lock:
            if not _jieba_ready:
                jieba.setLogLevel(60)
                jieba.initialize()
                _jieba_ready = True
    return jieba


def segments(text: str) -> Iterator[tuple[str, str]]:
    """``(kind, piece)`` script runs of the NFKC text; kind is ``han``, ``latin`` or ``number``."""
    for m in _SEGMENT.finditer(unicodedata.normalize("NFKC", text)):
        yield m.lastgroup, m.group(0)  # type: ignore[misc]


def han_words(run: str, *, hmm: bool = False) -> list[str]:
    """jieba's words of a Han run. Dictionary only by default, so a phrase is cut the same way in
    every context; ``hmm`` also lets jieba's HMM join characters into words it does not know."""
    return list(_jieba().cut(run, HMM=hmm))


def bigrams(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)]


def tokenize(text: str) -> list[str]:
    """Sparse-retrieval tokens of a Chinese, English or mixed text (stored in knowledge bases)."""
    out: list[str] = []
    for kind, piece in segments(text):
        # Digits of scripts above U+3400 (Vai, Saurashtra ...) went down the Chinese path when the
        # stored tokens were first made; they still do, so stored and new tokens agree.
        if kind == "han" or piece[0] >= "\u3400":
            words = [w for w in han_words(piece) if w not in ZH_STOPWORDS]
            out += words
            if len(piece) > 2:
                seen = set(words)
                out += [b for b in bigrams(piece) if b not in seen]
        else:
            w = piece.lower().strip("-'+")
            if w and w not in EN_STOPWORDS:
                out.append(w)
    return out


# A light suffix strip, not Snowball: on the PubMedQA verifier pairs (benchmarks/answering.py,
# 400 pairs) Snowball's wider conflation (day/daily, score/scoring) let unrelated abstracts look
# supported: lexical AUROC 0.956 against 0.967 with this strip.
_SUFFIXES = ("ations", "ation", "ments", "ment", "ingly", "ing", "edly", "ed", "ies", "es", "s", "ly")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A lowercase English word without its commonest inflection, keeping a stem of 4+ letters."""
    for suf in _SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 4:
            return word[: -len(suf)]
    return word


def en_terms(text: str) -> set[str]:
    """Stemmed English content words; hyphenated and apostrophised words count by their parts."""
    return {stem(w) for kind, piece in segments(text) if kind == "latin"
            for w in _EN_WORD.findall(piece.lower()) if len(w) > 1 and w not in EN_ANSWER_STOPWORDS}


def zh_terms(text: str) -> set[str]:
    """Chinese content words of two characters or more.

    With jieba's HMM on: single characters are not terms, so a compound the dictionary lacks
    (含服, 根炎) would otherwise vanish from a question's terms. Retrieval keeps it off because
    its tokens are stored and must cut alike everywhere; these terms are never stored, and
    statements are compared with evidence on bigrams, which do not depend on segmentation.
    """
    return {w for kind, piece in segments(text) if kind == "han"
            for w in han_words(piece, hmm=True) if len(w) > 1 and w not in ZH_ANSWER_STOPWORDS}


def zh_bigrams(text: str) -> set[str]:
    """Character bigrams of the Han runs, without those that straddle a function character."""
    return {g for kind, piece in segments(text) if kind == "han" for g in bigrams(piece)
            if g[0] not in _BIGRAM_FIRST and g[1] not in _BIGRAM_LAST}


def content_terms(text: str) -> set[str]:
    """Terms of both scripts: a Chinese sentence citing an English span still shares drug names,
    abbreviations and numbers written in Latin script."""
    return en_terms(text) | zh_terms(text)
