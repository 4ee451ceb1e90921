"""Phrasings the rules used to miss in the weakest categories (adrenaline already given, a hypo read
off the meter, a cord or heavy bleeding at a home birth, a burden or farewell message, Cantonese),
each beside a look-alike that must stay silent. Written for this file: not in the lexicon, the
classifier bank or the benchmark rounds."""

from __future__ import annotations

import pytest

from openmfm.safety.redflags import detect_red_flags

FIRES = [
    ("anaphylaxis", "孩子误吃了核桃酥，我刚给他扎了一支肾上腺素笔，现在还在咳"),
    ("anaphylaxis", "I already used her epipen after the sesame bagel and she's still wheezy"),
    ("diabetic", "外公打完胰岛素没吃晚饭，指尖测出1.9，人迷迷糊糊的"),
    ("diabetic", "type 1 teen, she's 2.2 after netball and slurring, won't take the jelly babies"),
    ("diabetic", "my dad's glucose reading HI again tonight and he has been vomiting since lunch"),
    ("obstetric", "怀起九个月了，阴道里好像有根管子一样的东西滑出来了"),
    ("obstetric", "姐姐昨晚在家里生的，今天血还是流得特别多，站不稳"),
    ("obstetric", "孕35周，昨天下午开始宝宝就没怎么踢我了"),
    ("suicidal", "我想大家没了我会过得更好，真的累了"),
    ("suicidal", "弟弟下午发来一句'替我照顾好爸妈'，之后电话一直关机"),
    ("meningitis", "個仔發緊高燒，條頸好硬，唔肯望燈"),
    ("poisoning", "佢飲咗成支漂白水，而家一路嘔"),
    ("poisoning", "the twins got into granny's iron pills, a few are gone from the strip"),
    ("poisoning", "babysitter measured 8 ml of the baby ibuprofen instead of 2.5 by mistake"),
    ("obstetric", "33周了，从中午到现在一点动静都没有，平时很能踢"),
    ("obstetric", "38 weeks and the baby hasn't kicked since last night"),
    ("anaphylaxis", "学生误吃了花生糖，嗓子一阵阵发紧"),
    ("meningitis", "our 4 month old is burning up and the soft spot on her head looks tense and raised"),
]
SILENT = [
    "the girl is 2.5 years old and confused about which school she'll go to",
    "出差一周，替我照顾好家里的花，谢谢",
    "周末晒太阳晒得有点头疼，喝点水就好",
    "Our midwife said to count kicks from 28 weeks, how many in two hours is normal?",
    "I gave him paracetamol instead of ibuprofen for his cold, is that ok?",
    "这个药要连续吃12周，中间能停吗",
]


@pytest.mark.parametrize("category,text", FIRES)
def test_gap_phrasings_fire_in_their_category(category, text):
    assert category in [h.category for h in detect_red_flags(text)]


@pytest.mark.parametrize("text", SILENT)
def test_their_look_alikes_stay_silent(text):
    assert detect_red_flags(text) == []
