"""The filter on the learned PHI recogniser's name and place guesses made only of everyday English
words ("Willow Chapel", "Magnesium"), and what it must leave alone: real names (also those that
are words, "Grace"), titled surnames, rule spans and Chinese.

Sentences written for this file; none comes from the training frames, a lexicon or a benchmark round.
"""

from __future__ import annotations

from openmfm.safety.deid import learned
from openmfm.safety.deid.engine import Span, _keep, analyze


def _kept(text: str, value: str, entity: str = "PERSON", recognizer: str = "Learned[en]") -> bool:
    start = text.index(value)
    return _keep(Span(entity, start, start + len(value), 0.95, recognizer), value, text)


def test_everyday_words_are_recognised_as_such():
    assert learned.common_words_only("Willow Chapel")
    assert learned.common_words_only("Magnesium")
    assert learned.common_words_only("Discharge Planners")  # a plural of a dictionary word
    assert not learned.common_words_only("Oyelaran")
    assert not learned.common_words_only("Grace")  # a given name that is also a word stays a name
    assert not learned.common_words_only("Tobias Willow")
    assert not learned.common_words_only("王秀英")  # no English word at all


def test_a_learned_name_of_everyday_words_is_dropped():
    text = "Service held at Willow Chapel on Friday; magnesium replaced overnight."
    assert not _kept(text, "Willow Chapel")
    assert not _kept("Magnesium 2.1 this morning, recheck later.", "Magnesium", "LOCATION")


def test_real_names_titles_and_rule_spans_are_kept():
    assert _kept("Spoke with Tobias Oyelaran about the results.", "Tobias Oyelaran")
    assert _kept("Seen by Grace on the ward round.", "Grace")
    assert _kept("Reviewed by Dr. Meadow in clinic.", "Meadow")  # a title says it is a surname
    # The filter is the learned recogniser's: a rule's span is not second-guessed by it.
    assert _kept("Reviewed by Dr. Meadow in clinic.", "Meadow", recognizer="EnglishNameRecognizer")


def test_notes_still_lose_their_names_in_both_languages():
    en = "Re: follow-up for Ifeoma Castellanos\nShe attended with her brother; stable.\nRegards, Petra Lindqvist"
    spans = analyze(en, "en", 0.4)
    for name in ("Ifeoma Castellanos", "Petra Lindqvist"):
        start = en.index(name)
        assert any(s.start <= start and start + len(name) <= s.end for s in spans), name
    zh = "患者欧阳明辉，男，今日复诊，由其女儿欧阳静陪同。"
    zspans = analyze(zh, "zh", 0.4)
    for name in ("欧阳明辉", "欧阳静"):
        start = zh.index(name)
        assert any(s.start <= start and start + len(name) <= s.end for s in zspans), name


def test_a_word_alone_on_its_line_stays_a_name():
    assert _kept("Thanks for everything,\nSorrel", "Sorrel")
    assert not _kept("Add sorrel to the diet; Sorrel tea was tried.", "Sorrel")


def _found(text: str, value: str, at: int = 0) -> bool:
    start = text.index(value, at)
    return any(s.start <= start and start + len(value) <= s.end for s in analyze(text, "en", 0.4))


def test_a_confirmed_name_is_found_again_in_lower_case_unless_it_is_a_word():
    text = "Patient: Thaddeus Okonjo\nmsg from son: thaddeus slept well, okonjo family will visit."
    assert _found(text, "thaddeus") and _found(text, "okonjo")
    text = "Patient: Rose Adeyemi\nrose water spray used for the dry skin."
    assert _found(text, "Rose Adeyemi") and not _found(text, "rose water")


def test_clinical_shorthand_is_no_learned_address_but_streets_are():
    assert not _kept("- cholecalciferol 1000 IU nightly", "cholecalciferol 1000 IU nightly", "ADDRESS")
    assert not _kept("Ordered: [X] TSH  [X] ferritin", "[X] TSH", "ADDRESS")
    assert not _kept("Oximeter SN 44120931, Mask SN 8812", "Mask SN", "LOCATION")
    assert _kept("Moved to 4410 Quillfeather Road, Dunmore last spring.", "4410 Quillfeather Road, Dunmore", "ADDRESS")
    assert _kept("Lives at Flat 2 (rear), 18 Orchard Row", "Flat 2 (rear), 18 Orchard Row", "ADDRESS")
    assert _kept("Posted from KIRKWALL yesterday.", "KIRKWALL", "LOCATION")


def test_a_name_label_keeps_an_everyday_word_a_name():
    assert _kept('Nickname: "Bramble"   Language: English', "Bramble")
    assert not _kept('Garden: "Bramble" cut back in spring', "Bramble")
