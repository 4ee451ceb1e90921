"""Is this a medical question at all? Out-of-scope questions get a notice, never an invented answer.

A nearest-prototype check in the embedder's bilingual space: the question is compared with short
descriptions of medical and non-medical requests in both languages. A term the terminology
service recognises as medical, or a retrieved passage that clearly matches, settles it as in
scope whatever the prototypes say, because a terse clinical question ("CURB-65?") embeds poorly.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..models.embeddings_base import Embedder

MEDICAL = [
    "What is the treatment for this disease?", "What dose of this drug should a patient take?",
    "What are the symptoms and diagnosis of this condition?", "Which antibiotic is first-line for this infection?",
    "What are the side effects and contraindications of this medicine?", "How is this illness prevented or screened?",
    "What does this lab test result mean for the patient?", "When should a patient with chest pain see a doctor?",
    "这种疾病怎么治疗？", "这个药的剂量是多少？", "这种病有什么症状，如何诊断？", "感染首选什么抗生素？",
    "这个药有什么副作用和禁忌？", "如何预防和筛查这种疾病？", "化验结果异常说明什么？", "孕妇可以用这个药吗？",
]
NON_MEDICAL = [
    "What is the capital of a country?", "Write a poem about the sea.", "Who won the football match yesterday?",
    "How do I fix this Python code error?", "Recommend a good movie to watch tonight.", "What is the stock price today?",
    "How do I cook pasta?", "Translate this sentence into French.", "What's the weather like tomorrow?",
    "法国的首都是哪里？", "写一首关于大海的诗。", "昨天的足球比赛谁赢了？", "这段Python代码为什么报错？",
    "推荐一部今晚看的电影。", "今天的股价是多少？", "红烧肉怎么做？", "明天天气怎么样？",
]


@lru_cache(maxsize=4)
def _prototypes(embedder: Embedder) -> tuple[np.ndarray, np.ndarray]:
    return embedder.embed_queries(MEDICAL), embedder.embed_queries(NON_MEDICAL)


def medical_margin(question: str, embedder: Embedder) -> float:
    """Best similarity to a medical prototype minus best to a non-medical one (> 0: medical)."""
    med, non = _prototypes(embedder)
    q = embedder.embed_queries([question])[0]
    return float(np.max(med @ q) - np.max(non @ q))


def in_scope(question: str, embedder: Embedder, *, medical_terms: int = 0, best_relevance: float = 0.0) -> tuple[bool, str]:
    if medical_terms:
        return True, f"{medical_terms} medical term(s) recognised"
    if best_relevance >= 0.5:
        return True, f"the knowledge base matches it (relevance {best_relevance:.2f})"
    margin = medical_margin(question, embedder)
    return margin > 0, f"medical-vs-general margin {margin:+.3f}"
