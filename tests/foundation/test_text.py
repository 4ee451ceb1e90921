"""The text toolkit (openmfm.text): language, Han ranges, normalisation, tokens, sentences."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from openmfm.knowledge.chunking import chunk_text
from openmfm.text import (
    HAN,
    content_terms,
    detect_language,
    en_terms,
    has_han,
    nfkc,
    normalize,
    sentence_texts,
    sentences,
    tokenize,
    zh_bigrams,
    zh_terms,
)

# ---------------------------------------------------------------------------- language and Han


def test_detects_chinese_with_latin_abbreviations():
    assert detect_language("患者胸痛3小时，心电图示ST段抬高，CT未见出血") == "zh"
    assert detect_language("阿司匹林 100 mg qd") == "zh"


def test_detects_english():
    assert detect_language("Chest pain for 3 hours with ST elevation on ECG") == "en"
    assert detect_language("") == "en"


def test_single_chinese_term_in_english_sentence_stays_english():
    assert detect_language("What does the term 心梗 mean in clinical English notes today?") == "en"


@pytest.mark.parametrize("ch", ["䶮", "㐂", "㵘", "﨑", "肺", "龥"])
def test_han_covers_extension_a_and_compatibility_ideographs(ch):
    assert re.fullmatch(HAN, ch) and has_han(f"name {ch}")


@pytest.mark.parametrize("ch", ["。", "，", "の", "한", "Ａ", "a", "1"])
def test_han_excludes_punctuation_kana_hangul_and_latin(ch):
    assert not re.fullmatch(HAN, ch) and not has_han(ch)


def test_extension_a_only_text_is_chinese():
    assert detect_language("䶮㐂㵘 MRI") == "zh"


# ---------------------------------------------------------------------------- normalisation


def test_nfkc_folds_full_width_letters_but_keeps_chinese_punctuation():
    assert nfkc("复查ＣＴ，１２ｍｍ结节（右肺）！") == "复查CT，12mm结节（右肺）！"


def test_normalize_folds_mixed_script_look_alikes_and_maps_back():
    text = "pls іgnоre\u200b that"  # Cyrillic і and о inside a Latin word, and a zero-width space
    n = normalize(text)
    assert n.text == "pls ignore that"
    s, e = n.span(n.text.index("that"), n.text.index("that") + 4)
    assert text[s:e] == "that"
    assert normalize("Привет, доктор").text == "Привет, доктор"  # genuine Cyrillic is left alone


# ---------------------------------------------------------------------------- tokens

_BEFORE = json.loads((Path(__file__).parent / "data" / "tokens_before_toolkit.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", _BEFORE["cases"], ids=lambda c: c["text"][:24] or "empty")
def test_tokens_identical_to_the_tokenizer_knowledge_bases_were_built_with(case):
    # Expected values were produced by the pre-toolkit openmfm.knowledge.tokens (see the file's
    # "source"); knowledge bases store these tokens, so any difference breaks existing ones.
    assert tokenize(case["text"]) == case["tokens"]


def test_answer_terms_stem_english_and_share_segmentation_with_tokens():
    assert en_terms("prescribed") == en_terms("prescribing") == en_terms("Prescribes")
    assert en_terms("first-line anti-TNF therapy") == {"first", "line", "anti", "tnf", "therapy"}
    # The domain words every clinical passage shares are not content.
    assert en_terms("The patient was treated as recommended") == set()


def test_chinese_terms_are_words_and_bigrams_of_the_same_runs():
    text = "阿莫西林用于社区获得性肺炎"
    assert "阿莫西林" in zh_terms(text)
    assert {"肺炎", "获得"} <= zh_bigrams(text)
    assert all(len(w) > 1 for w in zh_terms(text))
    # A compound the dictionary lacks stays one term of a question (retrieval tokens split it).
    assert "含服" in zh_terms("舌下含服硝酸甘油") and "含服" not in tokenize("舌下含服硝酸甘油")[:4]
    # Both scripts count; numbers and one-letter units are not terms.
    assert content_terms("头孢曲松 ceftriaxone 2 g qd") == {"头孢曲松", "ceftriaxone", "qd"}


def test_extension_a_characters_are_tokenised_as_chinese():
    assert "䶮" in "".join(tokenize("病历姓名用字䶮需保留"))
    assert any("䶮" in g for g in zh_bigrams("姓名用字䶮"))


# ---------------------------------------------------------------------------- sentences


def _roundtrip(text: str) -> list[str]:
    spans = sentences(text)
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert [text[s:e] for s, e in spans] == sentence_texts(text)
    return [text[s:e] for s, e in spans]


def test_english_sentences_keep_abbreviations_and_decimals_together():
    text = "Give 0.5 mg i.v. now, e.g. in the ward. Review after 2 h! Dr. Wong agrees; repeat if needed"
    assert _roundtrip(text) == ["Give 0.5 mg i.v. now, e.g. in the ward.", "Review after 2 h!",
                                "Dr. Wong agrees;", "repeat if needed"]


def test_chinese_sentences_end_at_chinese_punctuation_without_spaces():
    text = "患者发热三天。体温39.5℃！是否需要住院？先查血常规；再决定"
    assert _roundtrip(text) == ["患者发热三天。", "体温39.5℃！", "是否需要住院？", "先查血常规；", "再决定"]


def test_mixed_script_lines_and_bullets_are_statements_with_markup_outside_the_span():
    text = "## 治疗 Treatment\n- 阿莫西林 amoxicillin 500 mg t.i.d.\n- **Avoid** NSAIDs。然后复查 CRP.\n\n"
    assert _roundtrip(text) == ["治疗 Treatment", "阿莫西林 amoxicillin 500 mg t.i.d.", "**Avoid** NSAIDs。",
                                "然后复查 CRP."]


def test_wrapped_prose_is_one_sentence_without_line_breaks():
    text = "Start low-molecular-weight heparin\nunless bleeding risk is high. Then reassess."
    assert sentence_texts(text)[0] == "Start low-molecular-weight heparin"
    spans = sentences(text, line_breaks=False)
    assert [text[s:e] for s, e in spans] == ["Start low-molecular-weight heparin\nunless bleeding risk is high.",
                                             "Then reassess."]


def test_chunks_of_long_prose_end_where_the_shared_splitter_ends_a_sentence():
    para = " ".join(f"Step {i}: give a loading dose, e.g. {100 + i * 25} mg of the agent, then review the response."
                    for i in range(14))
    ends = {e for _, e in sentences(para, line_breaks=False)}
    chunks = chunk_text(para)
    assert len(chunks) > 1
    assert all(c.end in ends for c in chunks)
    assert not any(para[: c.end].endswith("e.g.") for c in chunks)
