"""Requests for clearly harmful content, in Chinese and English.

Deliberately narrow: a medical assistant must discuss overdoses, lethal interactions and
controlled drugs with clinicians, so only requests whose *purpose* is harm are refused (hurting
another person undetected, making weapons or illicit drugs, forging prescriptions). A person
asking how to end their own life is also refused the method, and the red-flag layer attaches
crisis resources to that refusal.
"""

from __future__ import annotations

import re

from ..text import normalize_text

_F = re.IGNORECASE

CATEGORIES: dict[str, re.Pattern[str]] = {
    "harm_others": re.compile("|".join((
        r"\b(?:how|ways?|best\s+way|easiest\s+way)\s+(?:to|do\s+i|can\s+i|could\s+i|would\s+i)\s+(?:\w+\s+){0,2}(?:poison|kill|murder|suffocate|sedate)\s+"
        r"(?:someone|somebody|a\s+person|people|my\s+\w+|him|her|them|a\s+patient|a\s+child|an?\s+\w+)",
        r"\b(?:undetectable|untraceable)\s+(?:\w+\s+)?(?:poison|drug|overdose|way\s+to\s+kill)",
        r"\bwithout\s+(?:\w+\s+){0,3}(?:detected|noticing|knowing|traced|showing\s+up\s+(?:in|on)\s+(?:an?\s+)?(?:autopsy|tox(?:icology)?\s+screen))",
        r"(?:怎么|如何|怎样|用什么(?:药|方法|办法)?|有什么办法)(?:才能|可以|能)?(?:悄悄|偷偷)?(?:地)?(?:毒死|杀死|杀掉|弄死|害死|毒害|闷死|下毒)",
        r"(?:不被|不会被|查不出|验不出)(?:发现|察觉|检测出?|查出)(?:的)?(?:毒药|毒物|药物|方法)",
        r"给(?:他|她|别人|某人|病人|老人|孩子)下(?:毒|药)",
    )), _F),
    "self_harm_method": re.compile("|".join((
        r"\b(?:how\s+many|how\s+much|what\s+dose\s+of|which)\s+(?:\w+\s+){0,8}?(?:to|would|will|do\s+i\s+need\s+to)\s+(?:kill\s+(?:myself|me)|die|end\s+(?:my\s+life|it))",
        r"\b(?:painless|quickest|easiest|surest)\s+way\s+to\s+(?:die|kill\s+myself|end\s+my\s+life|commit\s+suicide)",
        r"(?:吃|喝|服|吞)(?:多少|几)(?:片|颗|粒|瓶|克|毫克)?(?:.{0,8})?(?:能|会|可以|才能)(?:死|致死|自杀|结束生命)",
        r"(?:怎么|如何|怎样|哪种)(?:自杀|死(?:得)?(?:不痛苦|最快|最没有痛苦))",
        r"(?:无痛|最快|最简单)(?:的)?(?:自杀|死亡)(?:方法|方式)",
    )), _F),
    "weapons_drugs": re.compile("|".join((
        r"\b(?:synthesi[sz]e|make|cook|manufacture|produce|brew|extract)\s+(?:\w+\s+){0,2}(?:meth(?:amphetamine)?|fentanyl|heroin|sarin|ricin|anthrax|nerve\s+agents?|vx\b|mustard\s+gas|botulinum\s+toxin|crack\s+cocaine)",
        r"(?:合成|制造|制作|提炼|熬制|提取)(?:出)?(?:冰毒|甲基苯丙胺|芬太尼|海洛因|沙林|蓖麻毒素|炭疽|神经毒剂|毒气|肉毒毒素|K粉|摇头丸)",
    )), _F),
    "fraud": re.compile("|".join((
        r"\b(?:forge|fake|falsify|counterfeit)\s+(?:\w+\s+){0,2}(?:prescriptions?|medical\s+(?:records?|certificates?)|sick\s+notes?|lab\s+results?)",
        r"\b(?:get|buy|obtain)\s+(?:\w+\s+){0,2}(?:oxycodone|fentanyl|opioids|xanax|adderall|morphine|ketamine)\s+without\s+(?:a\s+)?prescription",
        r"(?:伪造|假造|造假|编造|开假)(?:的)?(?:处方|病历|诊断证明|病假条|化验单|检查报告)",
        r"(?:不要|不用|没有|无)处方(?:怎么|如何)?(?:买|购买|弄到|搞到)(?:吗啡|芬太尼|羟考酮|曲马多|安眠药|氯胺酮|安定)",
    )), _F),
}


def detect_harmful(text: str) -> list[str]:
    """The harm categories a request asks for (empty when it is a legitimate medical request)."""
    t = normalize_text(text)
    return [name for name, rx in CATEGORIES.items() if rx.search(t)]
