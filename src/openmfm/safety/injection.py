"""Prompt-injection and jailbreak rules (Chinese and English), scored by weight.

Each rule carries a weight; a request is refused when the weights of the rules it matches reach
the policy's ``injection_threshold``. Strong patterns (ignore previous instructions, reveal the
system prompt, developer mode) weigh 1.0 and refuse alone; weak ones (role-play openers, "from
now on") only refuse together. Rules run on normalised text, so homoglyphs and zero-width
characters do not slip past them.

The same strong rules, plus ``DOCUMENT_RULES`` (phrases ordinary in a user's request but never in
a document, which speaks about medicine, not to an assistant), screen documents through one entry
point, ``document_instructions``: the knowledge base flags a version that holds one, and
answering cuts such sentences from evidence, so a sentence the knowledge base flags is exactly
one answering will not quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import normalize_text

_F = re.IGNORECASE | re.MULTILINE


@dataclass(frozen=True)
class InjectionRule:
    name: str
    pattern: re.Pattern[str]
    weight: float


def _r(name: str, weight: float, *alts: str) -> InjectionRule:
    return InjectionRule(name, re.compile("|".join(f"(?:{a})" for a in alts), _F), weight)


# Weak in a request ("you are now my doctor" is harmless there), a sign of injection in a document.
_YOU_ARE_NOW_EN = r"\byou\s+are\s+(?:now|no\s+longer)\b"
_YOU_ARE_NOW_ZH = r"你现在(?:是|扮演|变成)"

RULES: tuple[InjectionRule, ...] = (
    _r("override_instructions", 1.0,
       r"\b(?:ignore|disregard|forget|skip|override|bypass)\s+(?:all\s+|any\s+|the\s+|your\s+|of\s+)*(?:previous|prior|above|earlier|preceding|original|initial|system|safety)?\s*"
       r"(?:instructions?|rules|prompts?|directions|guidelines|guardrails|restrictions|programming|constraints)",
       r"(?:忽略|无视|忘记|忘掉|不要理会|抛开|跳过|绕过)(?:掉)?(?:你)?(?:之前|以上|上面|前面|先前|此前|原来|原有|所有|全部|一切)?(?:的|所有的)?(?:所有)?(?:指令|指示|规则|提示词?|设定|要求|限制|约束|系统提示)"),
    _r("reveal_system_prompt", 1.0,
       r"\b(?:reveal|show|print|repeat|output|display|tell\s+me|leak|dump|give\s+me)\s+(?:me\s+)?(?:your|the)\s+(?:\w+\s+)?(?:system\s+prompt|hidden\s+(?:prompt|instructions)|initial\s+(?:prompt|instructions)|instructions\s+above)",
       r"what\s+(?:is|are|was|were)\s+your\s+(?:system\s+prompt|(?:initial|original|hidden)\s+instructions)",
       r"(?:显示|输出|告诉我|打印|泄露|重复|给我看|说出)(?:一下)?(?:你的)?(?:系统提示词?|系统指令|初始指令|隐藏指令|原始指令|system\s*prompt)"),
    _r("jailbreak_persona", 1.0,
       # DAN in capitals only: "my son Dan" is a person, not a persona.
       r"(?-i:\bDAN\b)", r"do\s+anything\s+now", r"developer\s+mode", r"\bjailbr(?:eak|oken)\b", r"god\s+mode", r"\bunfiltered\s+(?:mode|ai|assistant|model)",
       r"(?:开发者|上帝|越狱|无限制|无审查)模式", r"越狱"),
    _r("remove_safety", 1.0,
       r"\b(?:disable|turn\s+off|remove|deactivate|switch\s+off|bypass|circumvent)\s+(?:\w+\s+){0,2}(?:safety|filters?|guard(?:rail)?s?|restrictions|content\s+policy|moderation|censorship)",
       r"(?:no\s+longer|not)\s+bound\s+by\s+(?:any\s+)?(?:rules|guidelines|policies|restrictions|ethics)",
       r"without\s+(?:any\s+)?(?:ethical|moral|safety)\s+(?:restrictions|limits|guidelines|constraints)",
       r"(?:关闭|禁用|解除|绕过|取消|去掉)(?:你的)?(?:所有)?(?:安全|过滤|审查|限制|道德|伦理)(?:机制|规则|限制|过滤|审查|约束)?",
       r"不(?:再)?受(?:任何)?(?:规则|限制|道德|伦理|政策)(?:的)?(?:约束|限制|束缚)"),
    _r("fake_system_turn", 1.0,
       r"<\|im_start\|>\s*system", r"\[/?INST\]", r"<<SYS>>", r"<\|system\|>", r"^[^\S\n]*+#{0,3}[^\S\n]*+(?:system|assistant)\s*+(?:prompt|message)?\s*:", r"^[^\S\n]*+(?:系统|系统提示)\s*+[:：]"),
    _r("new_instructions", 0.6,
       r"\b(?:new|updated|real|actual)\s+instructions?\s*:", r"(?:新的|真正的|最新的)(?:指令|指示|任务)\s*[:：]"),
    _r("persona_switch", 0.5,
       _YOU_ARE_NOW_EN, r"\bfrom\s+now\s+on,?\s+you\b", r"\bpretend\s+(?:to\s+be|you\s+are|that\s+you)\b",
       r"\b(?:act|behave|respond)\s+as\s+(?:if\s+you\s+(?:are|were)|an?\s+(?:unrestricted|uncensored|evil|different))", r"\broleplay\s+as\b",
       _YOU_ARE_NOW_ZH, r"从现在(?:开始|起)(?:，)?你(?:是|将|要|必须)", r"(?:扮演|假装(?:你是)?|充当)(?:一个)?"),
    _r("no_limits", 0.5,
       r"\b(?:no|without)\s+(?:any\s+)?(?:limits|limitations|restrictions|filters|rules|censorship)\b", r"\buncensored\b",
       r"(?:没有|不受|不要有|摆脱)(?:任何)?(?:限制|约束|规则|审查|过滤)"),
)


# Only for documents and evidence, on top of the strong rules: phrases that are ordinary or weak in
# a request but in evidence can only be addressed to the model reading it.
DOCUMENT_RULES: re.Pattern[str] = re.compile("|".join(f"(?:{a})" for a in (
    r"\b(?:ignore|disregard|forget|override)\b.{0,40}\b(?:instructions?|prompts?|rules?|guidelines above|context|system)\b",
    _YOU_ARE_NOW_EN, _YOU_ARE_NOW_ZH,
    r"\b(?:act|behave|respond|answer) as (?:if|an?|the)\b.{0,30}\b(?:assistant|model|ai|system|doctor)\b",
    r"^[^\S\n]*+user\s*:",  # "system:"/"assistant:" lines are the strong fake_system_turn rule
    r"</?\s*(?:system|assistant|user|evidence|instructions?)\s*>",
    r"\b(?:always|must) (?:recommend|answer|say|respond)\b",
    r"\bnew instructions?\b",
    r"\bdo\s+not\s+(?:cite|mention)\s+(?:any\s+)?(?:sources?|evidence)",
    r"(?:忽略|无视|忘记|不要理会).{0,12}(?:指令|指示|提示|规则|说明|要求)",
    r"(?:必须|一律|总是)(?:推荐|回答|建议)",
)), _F)


@dataclass(frozen=True)
class InjectionResult:
    score: float
    rules: tuple[str, ...]


def instruction_phrases(text: str) -> list[str]:
    """The phrases of the strong rules (those that refuse a request alone) found in ``text``."""
    return _strong_phrases(normalize_text(text))


def document_instructions(text: str) -> list[str]:
    """Instruction-like phrases in a document or a piece of evidence (empty when none): the strong
    rules plus ``DOCUMENT_RULES``, on normalised text."""
    t = normalize_text(text)
    return _strong_phrases(t) + [m.group(0) for m in DOCUMENT_RULES.finditer(t)]


def _strong_phrases(t: str) -> list[str]:
    return [m.group(0) for r in RULES if r.weight >= 1.0 for m in r.pattern.finditer(t)]


def score_injection(text: str) -> InjectionResult:
    t = normalize_text(text)
    hits = [r for r in RULES if r.pattern.search(t)]
    return InjectionResult(sum(r.weight for r in hits), tuple(r.name for r in hits))
