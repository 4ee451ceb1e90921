"""The verifier on hand-built evidence: numbers, negation, coverage, citations, languages."""

from __future__ import annotations

import pytest

from openmfm.answering import verify as V
from openmfm.answering.draft import DraftSentence
from openmfm.answering.quantities import extract, unmatched

from .evidence_factory import make_evidence

CAP = make_evidence("First-line: Amoxicillin 500 mg TDS orally for 5 days. "
                    "Penicillin allergy: doxycycline 200 mg loading dose then 100 mg OD.")
CAP_ZH = make_evidence("社区获得性肺炎低危患者首选阿莫西林口服，每次0.5克，每日三次，疗程5天。", language="zh",
                       source_id="src-zh", title="指南")


def test_quoted_sentence_is_supported():
    [c] = V.verify([DraftSentence("Amoxicillin 500 mg TDS orally for 5 days is first-line.", [1])], [CAP])
    assert c.support == "supported" and c.support_score >= 0.8
    assert c.citations[0].quote == CAP.quote and c.citations[0].source_id == "src-a"


@pytest.mark.parametrize("wrong", ["Amoxicillin 750 mg TDS orally for 5 days is first-line.",
                                   "Amoxicillin 500 mg twice daily for 5 days is first-line.",
                                   "Amoxicillin 500 mg TDS orally for 10 days is first-line."])
def test_wrong_number_frequency_or_duration_is_caught(wrong):
    [c] = V.verify([DraftSentence(wrong, [1])], [CAP])
    assert c.support == "unsupported"
    assert "does not" in c.reasons[0]


def test_wrong_number_in_chinese_is_caught():
    ok, bad = V.verify([DraftSentence("低危患者首选阿莫西林0.5克，每日三次，疗程5天。", [1]),
                        DraftSentence("低危患者首选阿莫西林1克，每日三次，疗程5天。", [1])], [CAP_ZH])
    assert ok.support == "supported"
    assert bad.support == "unsupported" and "1克" in bad.reasons[0]


def test_negation_flip_is_caught():
    ev = make_evidence("Routine corticosteroids are not recommended in community-acquired pneumonia.")
    good, flipped = V.verify([DraftSentence("Routine corticosteroids are not recommended in pneumonia.", [1]),
                              DraftSentence("Routine corticosteroids are recommended in pneumonia.", [1])], [ev])
    assert good.support == "supported"
    assert flipped.support == "unsupported" and "negation" in flipped.reasons[0]


def test_planted_unsupported_sentence_is_caught():
    planted = "Vitamin C megadoses cure bacterial pneumonia within hours."
    [c] = V.verify([DraftSentence(planted, [1])], [CAP])
    assert c.support == "unsupported"


def test_missing_and_invalid_citations():
    none, bad = V.verify([DraftSentence("Amoxicillin is first-line.", []),
                          DraftSentence("Amoxicillin is first-line.", [7])], [CAP])
    assert none.support == "unsupported" and "cites no evidence" in none.reasons
    assert bad.support == "unsupported" and "[7]" in bad.reasons[0]


def test_embedding_support_for_paraphrase_and_cross_language():
    from openmfm.models.embeddings import load_embedder

    emb = load_embedder()
    para, cross, off = V.verify([
        DraftSentence("For mild pneumonia the preferred antibiotic is oral amoxicillin.", [1]),
        DraftSentence("低危社区获得性肺炎首选口服阿莫西林。", [1]),
        DraftSentence("Knee replacement improves mobility in osteoarthritis.", [1]),
    ], [CAP], embedder=emb)
    assert para.support in ("supported", "partial")
    assert cross.support in ("supported", "partial") and "cross-language" in cross.reasons[0]
    assert off.support == "unsupported"
    assert off.support_score < para.support_score


def test_quantity_normalisation():
    assert not unmatched("阿莫西林500毫克，每日3次，5天", "Amoxicillin 500 mg TDS orally for 5 days.")
    assert not unmatched("0.5 g q8h", "500 mg three times daily")
    assert [q.text for q in unmatched("1 g", "500 mg")] == ["1 g"]
    assert {q.dim for q in extract("2 g OD IV for 7–10 days")} == {"mg", "/d", "d"}


def test_answer_support_ignores_removed():
    claims = V.verify([DraftSentence("Amoxicillin 500 mg TDS is first-line.", [1]),
                       DraftSentence("Amoxicillin 900 mg is first-line.", [1])], [CAP])
    claims[1].removed = True
    assert V.answer_support(claims) == claims[0].support_score
