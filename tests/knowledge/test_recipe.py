"""A default KB built by an older recipe is rebuilt by `build-default --if-absent`; question words
bridge a Chinese question to English guidelines."""

from __future__ import annotations

from openmfm.knowledge import default_kb
from openmfm.knowledge.kb import KnowledgeBase
from openmfm.knowledge.terminology import question_words

from .conftest import make_cfg


def test_a_kb_without_this_recipe_is_outdated_and_one_stamped_with_it_is_not(tmp_path):
    kb = KnowledgeBase(tmp_path / "kb", make_cfg(tmp_path), create=True)
    reason = default_kb.outdated_recipe(kb)
    assert reason and f"recipe {default_kb.RECIPE}" in reason and "recipe 1" in reason
    with kb.store.transaction():
        kb.store.set_meta(default_kb.RECIPE_KEY, default_kb.RECIPE)
    assert default_kb.outdated_recipe(kb) is None


def test_a_chinese_question_gains_the_english_words_of_what_it_asks():
    words = question_words("孕妇甲亢的首选药物和起始剂量是什么")
    assert {"preferred", "initial dose", "pregnancy"} <= set(words)
    assert "dose" not in words  # 起始剂量 is read once, as the longer word


def test_an_english_question_gains_no_chinese_words():
    assert question_words("Which drug is preferred for hyperthyroidism in pregnancy?") == []
