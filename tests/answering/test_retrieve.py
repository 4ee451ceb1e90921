"""Retrieval for a question searches with the question's language, whatever the query's words."""

from __future__ import annotations

from openmfm.answering.question import Question
from openmfm.answering.retrieve import retrieve


class _KB:
    def __init__(self):
        self.calls: list[tuple[str, dict]] = []

    def search(self, query, **kw):
        self.calls.append((query, kw))
        return []


def test_a_chinese_question_with_an_english_rewrite_is_searched_as_chinese():
    kb = _KB()
    q = Question(text="儿童发热什么时候需要退烧药？", language="zh", query="儿童发热什么时候需要退烧药？ fever antipyretic child",
                 terms=set(), expansions=["fever"])
    retrieve(kb, q, k=6, as_of=None)
    query, kw = kb.calls[0]
    assert query == q.query and kw["language"] == "zh" and kw["expansion"] == ["fever"] and kw["k"] == 6
