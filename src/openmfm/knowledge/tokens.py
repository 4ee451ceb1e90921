"""Tokens for sparse retrieval: jieba words plus character bigrams for Chinese, lowercase words for English.

One tokenizer serves documents and queries alike (a mismatch between the two silently costs
recall). English is lowercased with stopwords removed and no stemming: clinical terms
("infarction", "infarct") carry meaning a stemmer would blur, and the terminology layer adds
synonyms explicitly. Chinese runs are segmented by jieba; single-character function words are
dropped but single-character content words (痛, 肝) are kept because Chinese medicine uses them.
jieba's general dictionary cuts medical compounds inconsistently (社区获得性肺炎 -> 社区 / 获得 /
性肺炎, so a query for 肺炎 misses it), so every Chinese run also contributes its character
bigrams; bigrams are the classic robust unit for Chinese retrieval and cost nothing to compute.
"""

from __future__ import annotations

import re
import threading
import unicodedata

_SEGMENT = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[A-Za-z][A-Za-z0-9\-\+']*|\d+(?:\.\d+)?")

EN_STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not of off on once only or other our ours ourselves out over own same she should
    so some such than that the their theirs them themselves then there these they this those through to
    too under until up very was we were what when where which while who whom why will with would you your
    yours yourself yourselves""".split()
)
# "not"/"no" stay stopwords: BM25 cannot use negation, and they are in nearly every document.

ZH_STOPWORDS = frozenset("的 了 和 是 在 有 与 及 或 等 对 为 以 中 其 之 于 也 就 都 而 被 把 让 吗 呢 啊 吧 哪些 什么 怎么 如何 多少 一个 这 那 该 此 上 下".split())

_jieba_lock = threading.Lock()
_jieba_ready = False


def _jieba():
    global _jieba_ready
    import jieba

    if not _jieba_ready:
        with _jieba_lock:
            if not _jieba_ready:
                jieba.setLogLevel(60)
                jieba.initialize()
                _jieba_ready = True
    return jieba


def tokenize(text: str) -> list[str]:
    """Sparse-retrieval tokens of a Chinese, English or mixed text."""
    text = unicodedata.normalize("NFKC", text)
    out: list[str] = []
    for m in _SEGMENT.finditer(text):
        piece = m.group(0)
        c = piece[0]
        if "\u3400" <= c:
            words = [w for w in _jieba().cut(piece, HMM=False) if w not in ZH_STOPWORDS]
            out += words
            if len(piece) > 2:
                seen = set(words)
                out += [b for b in (piece[i : i + 2] for i in range(len(piece) - 1)) if b not in seen]
        else:
            w = piece.lower().strip("-'+")
            if w and w not in EN_STOPWORDS:
                out.append(w)
    return out
