"""Understanding a question: its language, its terms, and the query sent to retrieval.

The terminology service maps what the clinician typed onto standard names and synonyms in both
languages (社区获得性肺炎 -> community-acquired pneumonia), which is what lets a Chinese question
find English guideline text by words as well as by embeddings. A model may optionally rewrite
the question into a search query; the rewrite only widens retrieval and never replaces the
question the answer is written for.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..config import Config
from ..knowledge.terminology import normalize_query
from ..records import GenerationParams, Message
from . import terms


@dataclass
class Question:
    text: str
    language: str
    query: str  # what retrieval is given
    terms: set[str]  # the question's own content terms: what passages are matched against
    bridge_terms: set[str] = field(default_factory=set)  # terms of the synonyms / other-language names
    concepts: list[str] = field(default_factory=list)  # medical concepts the terminology recognised
    graph_entities: list[str] = field(default_factory=list)  # their Chinese names: knowledge-graph subjects
    expansions: list[str] = field(default_factory=list)  # their synonyms and other-language names
    rewritten: str | None = None

    @property
    def topic(self) -> str:
        """A short description of what was asked, for "add a source about ..." suggestions."""
        return ", ".join(self.concepts[:3]) if self.concepts else self.text.strip().rstrip("?？")[:80]


REWRITE_SCHEMA = {"type": "object", "properties": {"query": {"type": "string"}}, "required": ["query"]}


def rewrite(text: str, model) -> str:
    """A keyword search query in English and the question's language, written by the model."""
    msgs = [Message(role="system", content="Rewrite the medical question as a short keyword search query. "
                    "Include English medical terms and, if the question is Chinese, the Chinese terms too. JSON only."),
            Message(role="user", content=text)]
    gen = model.chat(msgs, GenerationParams(temperature=0.0, max_tokens=48), json_schema=REWRITE_SCHEMA)
    return str((gen.parsed or {}).get("query", "")).strip()


def understand(text: str, language: str, cfg: Config, *, model=None, use_rewrite: bool = False) -> Question:
    """The query stays the question (plus the model's rewrite); the terminology's expansions are
    computed once here, widen what selection matches passages against, and are handed to the KB's
    search so it does not normalise the question a second time. ``language`` is the gate's."""
    lang = language
    nq = normalize_query(text, cfg, language=lang)
    concepts = list(dict.fromkeys((c.name_zh if lang == "zh" else c.name_en) or m for c, m in zip(nq.concepts, nq.matches)))
    rewritten = rewrite(text, model) if use_rewrite and model is not None else None
    query = f"{text} {rewritten}" if rewritten else text
    bridge = {w for n in nq.expansions for w in terms.query_terms(n)}
    graph = list(dict.fromkeys(c.name_zh for c in nq.concepts if c.name_zh))
    return Question(text=text, language=lang, query=query, terms=terms.query_terms(text), bridge_terms=bridge,
                    concepts=concepts, graph_entities=graph,
                    expansions=list(nq.expansions), rewritten=rewritten)
