"""How an evaluation item is put to a system: one prompt per task, in the item's language.

The prompt is part of what a score measures, so it is fixed here, versioned (``PROMPT_VERSION``
goes into every run manifest and cache key) and identical for the closed-book and ``ask``
systems; only what happens after it (retrieval, verification) differs.
"""

from __future__ import annotations

from ..records import EvalItem, Message

PROMPT_VERSION = "1"

_SYSTEM = {
    "en": "You are a careful medical assistant. Answer accurately and concisely.",
    "zh": "你是一名严谨的医学助手。请准确、简洁地回答。",
}
_INSTRUCT = {
    ("mcq", "en"): "Answer the multiple-choice question. Reply with the letter of the correct option.",
    ("mcq", "zh"): "请回答下面的单项选择题，只需回复正确选项的字母。",
    ("numeric", "en"): "Compute the requested value. End your reply with 'Answer: <number>'.",
    ("numeric", "zh"): "请计算所求数值，并在结尾写出“答案：<数值>”。",
    ("extraction", "en"): "List the requested items, one per line, copied exactly from the text.",
    ("extraction", "zh"): "请逐行列出所要求的内容，照原文摘录。",
}
_LABELS = {"en": ("Context", "Question", "Answer"), "zh": ("背景资料", "问题", "答案")}


def question_text(item: EvalItem, *, use_context: bool = False) -> str:
    """The user turn: instruction, optional context, question, options."""
    lang = item.language
    ctx_label, q_label, _ = _LABELS[lang]
    parts = []
    instruct = _INSTRUCT.get((item.task if item.task != "classification" else "mcq", lang))
    if item.task == "yes_no_maybe":  # in the options' order, so option shuffling reaches the prompt
        words = list(choice_strings(item).values())
        instruct = (f"请用{'、'.join(f'“{w}”' for w in words)}之一回答下面的问题。" if lang == "zh"
                    else f"Answer the question with {', '.join(words[:-1])} or {words[-1]}.")
    if instruct:
        parts.append(instruct)
    if use_context and item.context:
        parts.append(f"{ctx_label}: {item.context}")
    parts.append(f"{q_label}: {item.question}")
    if item.options and item.task in ("mcq", "classification"):
        parts.append("\n".join(f"{k}. {v}" for k, v in item.options.items()))
    return "\n\n".join(parts)


def question_first(item: EvalItem) -> str:
    """The question, its options, then a one-line instruction: for systems that search with the
    text they are given (``ask``), so the instruction does not steer retrieval."""
    parts = [item.question]
    if item.options and item.task in ("mcq", "classification"):
        parts.append("\n".join(f"{k}. {v}" for k, v in item.options.items()))
    if item.task == "yes_no_maybe":
        parts.append("请用“是”“否”或“可能”作答。" if item.language == "zh" else "Answer yes, no or maybe.")
    elif item.task in ("mcq", "classification"):
        parts.append("请给出正确选项的字母。" if item.language == "zh" else "Give the letter of the correct option.")
    return "\n".join(parts)


def messages(item: EvalItem, *, use_context: bool = False) -> list[Message]:
    """A system turn plus the user turn; HealthBench items keep their own conversation."""
    conversation = item.metadata.get("conversation")
    if item.task == "rubric" and conversation:
        return [Message(role=m.get("role", "user"), content=m["content"]) for m in conversation]
    return [Message(role="system", content=_SYSTEM[item.language]),
            Message(role="user", content=question_text(item, use_context=use_context))]


_ZH_YNM = {"yes": "是", "no": "否", "maybe": "可能"}


def choice_strings(item: EvalItem) -> dict[str, str]:
    """Label -> the reply log-prob scoring compares: option letters for MCQs, yes/no/maybe words
    (是/否/可能 under a Chinese prompt, which asked for those)."""
    if item.task == "yes_no_maybe" and item.language == "zh":
        return {k: _ZH_YNM.get(k, k) for k in item.options}
    return {k: k for k in item.options}
