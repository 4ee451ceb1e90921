"""Search quality on the generated corpus (known answers), both languages, filters, diversity."""

from __future__ import annotations

from pathlib import Path

import pytest

from openmfm.errors import InvalidInput
from openmfm.knowledge import open_kb

from .conftest import make_cfg

# (query, file whose source must rank first)
KNOWN = [
    ("What dose of amoxicillin for mild pneumonia?", "cap.md"),
    ("How is pneumonia severity scored?", "cap.md"),
    ("aspirin loading dose heart attack", "stemi.md"),
    ("When should patients with AF get anticoagulants?", "af.txt"),
    ("first vasopressor in septic shock", "sepsis.html"),
    ("Which drugs for heart failure with reduced ejection fraction?", "hf.pdf"),
    ("reliever inhaler for asthma attack", "asthma.docx"),
    ("2型糖尿病首选什么药？", "dm.md"),
    ("糖化血红蛋白控制目标是多少", "dm.md"),
    ("高血压怎么诊断", "htn.md"),
    ("肾小球滤过率低于多少需要转诊", "ckd.txt"),
    ("华法林INR目标范围", "drugs.jsonl"),
    ("metformin kidney function contraindication", "drugs.jsonl"),
]


def _file_of(kb, report):
    return {r.source_id: Path(r.path.split(" [")[0]).name for r in report.results}


@pytest.mark.parametrize("query,expected", KNOWN)
def test_known_answer_ranks_first(built, query, expected):
    kb, report = built
    hits = kb.search(query, k=3)
    assert _file_of(kb, report)[hits[0].source.id] == expected, [(h.source.id, h.quote[:40]) for h in hits]


def test_cross_lingual_chinese_question_finds_english_source(built):
    kb, report = built
    files = _file_of(kb, report)
    hits = kb.search("心梗患者阿司匹林负荷剂量", k=3, languages=["en"])
    assert files[hits[0].source.id] == "stemi.md"
    hits = kb.search("脓毒症首选哪种血管活性药物", k=3, languages=["en"])
    assert files[hits[0].source.id] == "sepsis.html"


def test_english_question_finds_chinese_source(built):
    kb, report = built
    hits = kb.search("first-line drug for type 2 diabetes", k=3, languages=["zh"])
    assert _file_of(kb, report)[hits[0].source.id] == "dm.md"


def test_evidence_carries_provenance(built):
    kb, _ = built
    h = kb.search("CURB-65", k=1)[0]
    assert h.snapshot_id == kb.snapshot_id and h.rank == 1
    assert h.source.licence == "CC-BY-4.0" and h.source_version.version == 1
    assert set(h.scores) >= {"bm25", "dense", "fused"}
    assert "CURB-65" in h.quote


def test_filters_doc_type_language_source(built):
    kb, report = built
    hits = kb.search("dose", k=10, doc_types=["label"])
    assert hits and {h.source.doc_type for h in hits} == {"label"}
    assert {h.source.language for h in kb.search("treatment 治疗", k=10, languages=["zh"])} == {"zh"}
    sid = next(r.source_id for r in report.results if r.path.endswith("af.txt"))
    assert {h.source.id for h in kb.search("stroke", k=5, source_ids=[sid])} == {sid}


def test_bm25_only_and_dense_only_modes(built):
    kb, _ = built
    assert kb.search("amoxicillin", k=2, mode="bm25")[0].scores.keys() == {"bm25", "fused"}
    assert kb.search("amoxicillin", k=2, mode="dense")[0].scores.keys() == {"dense", "fused"}


def test_diversity_caps_chunks_per_version(tmp_path):
    long_doc = "# Warfarin\n\n" + "\n\n".join(
        f"## Note {i}\n\nWarfarin dosing note {i}: adjust warfarin by the INR; warfarin interacts with drug {i}."
        for i in range(8))
    (tmp_path / "long.md").write_text(long_doc, encoding="utf-8")
    (tmp_path / "short.md").write_text("# Anticoagulants\n\nWarfarin is a vitamin K antagonist.\n", encoding="utf-8")
    kb = open_kb(make_cfg(tmp_path / "home"), "d", create=True)
    rep = kb.add_paths([tmp_path / "long.md", tmp_path / "short.md"], embed=False)
    long_id = rep.results[0].source_id
    uncapped = [h.source.id for h in kb.search("warfarin INR dosing", k=4, max_per_page=10)]
    assert uncapped[:3] == [long_id] * 3
    capped = [h.source.id for h in kb.search("warfarin INR dosing", k=4, max_per_page=2)]
    assert capped[:2] == [long_id] * 2 and capped[2] != long_id  # the other document is lifted up
    assert len(capped) == 4 and capped.count(long_id) == 3  # the cap defers, it does not drop


def test_empty_query_is_refused(built):
    kb, _ = built
    with pytest.raises(InvalidInput):
        kb.search("   ")
