"""How much of one text another supports: the lexical measures of selection and verification.

Terms come from ``openmfm.text.tokens`` (the tokenizer documents and queries share): stemmed
English words, Chinese words and character bigrams.
"""

from __future__ import annotations

from ..text.tokens import content_terms, en_terms, zh_bigrams

__all__ = ["content_terms", "coverage", "overlap", "query_terms"]


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
    """A question's terms: the same content terms a passage has."""
    return content_terms(text)
