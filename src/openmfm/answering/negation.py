"""Polarity of a statement: does it assert or deny?

"X is recommended" and "X is not recommended" share every content word, so coverage scores rate
them identical; an explicit polarity check is what catches the flip. Cue lists are deliberately
small and clinical; Chinese compounds that contain a negation character without negating
(不良反应 "adverse reaction", 肾功能不全 "renal insufficiency", 不稳定型心绞痛) are masked first, and
so are bounds ("no more than 5 days", 不超过10天) and 除非 ("unless"), which limit a statement
without denying it.
"""

from __future__ import annotations

import re

_EN = re.compile(
    r"\b(?:not|no|never|without|avoid(?:ed|s)?|contraindicated|cannot|can't|don't|doesn't|shouldn't|"
    r"neither|nor|none|lack(?:s|ed)?|absence of|fails? to|refrain)\b",
    re.IGNORECASE,
)
_ZH_MASK = re.compile(r"不良|不全|不稳定|不适|不足|不明|不规则|不齐|不典型|不耐受|无菌|无症状|无并发症|无痛|非甾体|非典型|未成年|"
                      r"不宜?超过|不[少多大小高低短长]于|除非")
_EN_MASK = re.compile(r"\b(?:no|not) (?:more|less|fewer|longer|shorter|greater|higher|lower) than\b|\bnot (?:to )?exceed(?:ing)?\b",
                      re.IGNORECASE)
_ZH = re.compile(r"不|没有|无|禁用|禁止|禁忌|避免|勿|未|忌|非")


def is_negated(text: str) -> bool:
    """True when the statement carries an odd number of negation cues (double negatives cancel)."""
    zh = _ZH_MASK.sub("", text)
    en = _EN_MASK.sub("", text)
    return (len(_EN.findall(en)) + len(_ZH.findall(zh))) % 2 == 1


def polarity_agrees(claim: str, support: str) -> bool:
    return is_negated(claim) == is_negated(support)
