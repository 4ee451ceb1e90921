"""The default KB's parts: open-medicine sources, CMeKG as evidence and facts, ICD-10 lines."""

from __future__ import annotations

import pytest

from openmfm.knowledge import cmekg, open_kb
from openmfm.knowledge.default_kb import _prepared, guideline_documents, icd10_document
from openmfm.knowledge.ingest import Ingestor
from openmfm.records import Source

from .conftest import make_cfg


@pytest.fixture(scope="module")
def graph():
    kg = cmekg.load()
    keep = ["高血压", "阿司匹林肠溶片", "阿司匹林肠溶缓释片", "社区获得性肺炎", "急性心肌梗死", "拜阿司匹灵"]
    return kg, {k: kg[k] for k in keep}


@pytest.fixture(scope="module")
def kg_kb(tmp_path_factory, graph):
    _, small = graph
    kb = open_kb(make_cfg(tmp_path_factory.mktemp("kghome")), "kg", create=True)
    text, chunks, facts = cmekg.render(small, 1)
    src = Source(id=cmekg.SOURCE_ID, title="CMeKG subset", doc_type="kg_fact", language="zh", licence="MIT")
    with kb.writing():
        Ingestor(kb, embed=False).commit([_prepared(src, text, chunks, kb, False, facts=facts)])
        kb._refresh_indexes(save=True)
    return kb, text


def test_guidelines_carry_doi_year_and_licence():
    docs = guideline_documents()
    assert len(docs) == 43
    with_doi = [s for s, _, _ in docs if s.doi]
    assert len(with_doi) >= 40 and all(s.licence == "MIT" and s.language == "en" for s, _, _ in docs)
    assert all(published is not None for s, _, published in docs if s.doi)
    assert all("open-medicine" in s.attribution for s, _, _ in docs)


def test_cmekg_spans_are_exact(graph):
    _, small = graph
    text, chunks, facts = cmekg.render(small, 1)
    assert all(text[s:e] == o for s, e, _, _, o in facts)
    assert all(text[c.chunk.start:c.chunk.end] == c.chunk.text for c in chunks)
    assert len(facts) == sum(1 for rel in small.values() for vs in rel.values() if isinstance(vs, list)
                             for v in vs if isinstance(v, str) and v.strip())
    head = next(c for c in chunks if c.page == "高血压").chunk.text
    assert head.startswith("【高血压】") and "ICD10：I10" in head and len(head) <= cmekg.SUMMARY_CHARS


def test_facts_as_evidence_with_provenance(kg_kb):
    kb, text = kg_kb
    ev = kb.facts("高血压", "ICD10")
    assert [e.chunk.fact for e in ev] == [("高血压", "ICD10", "I10")]
    e = ev[0]
    assert e.chunk.kind == "fact" and e.quote == "I10" and text[e.span_start:e.span_end] == "I10"
    assert e.source.id == "cmekg" and e.snapshot_id == kb.snapshot_id
    assert kb.get_chunk(e.chunk.id) == e.chunk  # fact ids resolve
    doses = kb.facts("阿司匹林肠溶缓释片", "用法用量")
    assert doses and all(d.chunk.fact[1] == "用法用量" for d in doses)


def test_facts_reached_through_terminology(kg_kb):
    kb, _ = kg_kb
    assert {e.chunk.fact[0] for e in kb.facts("hypertension")} == {"高血压"}
    assert kb.facts("no such entity") == []


def test_entity_summary_found_by_search_in_both_languages(kg_kb):
    kb, _ = kg_kb
    assert kb.search("高血压用什么药治疗", k=1)[0].chunk.section == "高血压"
    assert kb.search("hypertension drug treatment", k=1)[0].chunk.section == "高血压"  # via zh expansion


def test_icd10_lines_carry_chinese_names(graph):
    kg, _ = graph
    src, text, chunks = icd10_document(kg)
    line = next(c.chunk.text for c in chunks if c.chunk.text.startswith("I10 "))
    assert "Essential (primary) hypertension" in line and "高血压" in line
    assert src.doc_type == "terminology" and len(chunks) > 10000
