"""The fixed sentences an answer may contain, in both languages (answers follow the question)."""

from __future__ import annotations

PHRASES: dict[str, dict[str, str]] = {
    "verdict": {
        "en": "Verdict: {verdict} (the model's reading of the evidence below; check the cited passages).",
        "zh": "结论：{verdict}（模型根据下列证据作出的判断，请核对所引段落）。",
    },
    "verdict_yes": {"en": "yes", "zh": "是"},
    "verdict_no": {"en": "no", "zh": "否"},
    "verdict_maybe": {"en": "uncertain", "zh": "不确定"},
    "not_answered": {
        "en": "I cannot answer this from the knowledge base: the passages found are on the topic but do not state what was asked ({missing}).",
        "zh": "无法根据知识库回答这个问题：检索到的内容与主题相关，但没有给出所问的内容（{missing}）。",
    },
    "missing_subject": {"en": "nothing about {topic}", "zh": "没有关于“{topic}”的内容"},
    "missing_dose": {"en": "no dose", "zh": "没有剂量"},
    "missing_threshold": {"en": "no threshold or target value", "zh": "没有阈值或目标值"},
    "missing_timing": {"en": "no timing or duration", "zh": "没有时间或疗程"},
    "missing_choice": {"en": "no treatment recommendation", "zh": "没有治疗推荐"},
    "missing_other": {"en": "no statement on it", "zh": "没有相关陈述"},
    "missing_link": {"en": "no passage names the subject and states it together", "zh": "没有同时涉及该主题并给出答案的段落"},
    "abstain": {
        "en": "I cannot answer this from the knowledge base: no passage in it bears on the question closely enough to cite.",
        "zh": "无法根据知识库回答这个问题：库中没有与问题足够相关、可以引用的内容。",
    },
    "all_unsupported": {
        "en": "I cannot give a supported answer: every statement drafted from the evidence failed verification against its sources.",
        "zh": "无法给出有依据的回答：根据证据起草的每一句话都未能通过与来源的核对。",
    },
    "searched": {
        "en": "Searched knowledge base '{kb}' (snapshot {snapshot}) for: {query}. Looked at {n} passages; the closest was {best}.",
        "zh": "已在知识库“{kb}”（快照 {snapshot}）中检索：{query}。共查看 {n} 个段落；最接近的是{best}。",
    },
    "searched_none": {
        "en": "Searched knowledge base '{kb}' (snapshot {snapshot}) for: {query}. It returned no passages.",
        "zh": "已在知识库“{kb}”（快照 {snapshot}）中检索：{query}。没有返回任何段落。",
    },
    "suggest": {
        "en": "To answer it, add a guideline, drug label or protocol that covers {topic} (`mfm kb add FILE`).",
        "zh": "如需回答，请向知识库添加涵盖“{topic}”的指南、药品说明书或诊疗规程（`mfm kb add 文件`）。",
    },
    "out_of_scope": {
        "en": "This does not look like a medical question, so I will not answer it: OpenMFM answers clinical questions from cited medical sources.",
        "zh": "这似乎不是医学问题，因此不予回答：OpenMFM 只根据有出处的医学资料回答临床问题。",
    },
    "fallback": {
        "en": "The model ({model}) gave no usable cited answer, so this answer quotes the evidence directly.",
        "zh": "模型（{model}）未给出可用的带引用回答，因此本回答直接摘录证据原文。",
    },
    "quoted_other_language": {
        "en": "Quoted from the sources (in Chinese):",
        "zh": "以下为来源原文摘录（英文）：",
    },
    "removed": {
        "en": "{n} statement(s) were removed because the cited evidence does not support them: {which}",
        "zh": "有 {n} 句因与所引证据不符已被删除：{which}",
    },
    "marked": {
        "en": "{n} statement(s) are not supported by the cited evidence and are marked [unsupported]: {which}",
        "zh": "有 {n} 句与所引证据不符，已标注[无依据]：{which}",
    },
    "unsupported_mark": {"en": " [unsupported]", "zh": "[无依据]"},
    "low_support": {
        "en": "The evidence only partly supports this answer (support {score:.2f}); check the quoted sources.",
        "zh": "证据只部分支持该回答（支持度 {score:.2f}），请核对所引原文。",
    },
    "suspicious": {
        "en": "Source '{title}' contains instruction-like text; it was treated as data and cut from the evidence.",
        "zh": "来源“{title}”含有类似指令的文字，已作为数据处理并从证据中剔除。",
    },
    "condition_dropped": {
        "en": "drops the condition: {conditions}",
        "zh": "遗漏了适用条件：{conditions}",
    },
    "condition_changed": {
        "en": "changes the condition: says '{said}' where the evidence says '{evidence}'",
        "zh": "改变了适用条件：写作“{said}”，而证据为“{evidence}”",
    },
    "condition_generalised": {
        "en": "generalises: says '{said}', which the evidence does not",
        "zh": "以偏概全：证据中没有“{said}”",
    },
    "condition_prefix": {"en": "For {conditions}: ", "zh": "对于{conditions}患者："},
    "agent_missing": {
        "en": "names {names}, which the cited evidence does not",
        "zh": "提到了所引证据中没有的药物：{names}",
    },
}


def say(key: str, lang: str, **fields) -> str:
    return PHRASES[key][lang].format(**fields)
