"""CMeKG (Chinese Medical Knowledge Graph) rendered as citable evidence.

Each entity becomes a block of the source's clean text: a one-paragraph summary (the chunk that
BM25 and entity lookup find) followed by one line per (subject, relation, object) fact (chunks
of kind "fact", reached through ``KnowledgeBase.facts``). Facts are not embedded and not in the
BM25 index: 967k short lines would cost minutes to index and add nothing a summary and an exact
entity lookup do not already give.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

from ..errors import KnowledgeBaseError
from ..records import Chunk
from .ingest import chunk_id
from .store import NewChunk
from .tokens import tokenize

SOURCE_ID = "cmekg"
URL = "https://github.com/king-yyf/PyCMeKG"

SUMMARY_RELATIONS = (
    "英文名称", "英文名", "ICD10", "别称", "同义词", "分类", "就诊科室", "常见症状", "临床症状及体征", "药物治疗", "治疗",
    "治疗方案", "手术治疗", "辅助治疗", "检查", "实验室检查", "影像学检查", "常见病因", "病因", "并发症", "多发群体",
    "传染性", "通用名", "适应症", "功能主治", "主治", "功效", "用法用量", "用量", "禁忌", "不良反应", "注意事项",
    "药物相互作用", "性味", "入药部位",
)
PER_RELATION = 6
VALUE_CHARS = 60
SUMMARY_CHARS = 420


def cmekg_path() -> Path:
    spec = importlib.util.find_spec("pyCMeKG")
    if spec is None or not spec.submodule_search_locations:
        raise KnowledgeBaseError("PyCMeKG is not installed.", "pip install PyCMeKG==0.2.5")
    p = Path(list(spec.submodule_search_locations)[0]) / "model" / "cmekg.pkl"
    if not p.is_file():
        raise KnowledgeBaseError(f"{p} is missing from the PyCMeKG package.", "Reinstall PyCMeKG==0.2.5")
    return p


def load() -> dict[str, dict[str, list[str]]]:
    import pickle

    with open(cmekg_path(), "rb") as fh:
        return pickle.load(fh)


@lru_cache(maxsize=400_000)
def _tok(value: str) -> tuple[str, ...]:
    return tuple(tokenize(value))


def _summary(entity: str, rels: dict[str, list[str]]) -> tuple[str, list[str]]:
    """The summary paragraph and its tokens (values repeat across entities: tokenised once each)."""
    parts, tokens = [entity], list(_tok(entity))
    for r in SUMMARY_RELATIONS:
        vals = [v for v in rels.get(r, []) if isinstance(v, str) and v.strip()]
        if not vals:
            continue
        shown = [v.strip()[:VALUE_CHARS] for v in vals[:PER_RELATION]]
        more = f"等{len(vals)}项" if len(vals) > PER_RELATION else ""
        piece = f"{r}：{'、'.join(shown)}{more}。"
        if sum(len(p) for p in parts) + len(piece) > SUMMARY_CHARS:
            break
        parts.append(piece)
        tokens += _tok(r)
        for v in shown:
            tokens += _tok(v)
    return "：".join(parts[:1]) + "。" + "".join(parts[1:]) if len(parts) > 1 else entity, tokens


def render(kg: dict[str, dict[str, list[str]]], version: int) -> tuple[str, list[NewChunk]]:
    """The clean text of the CMeKG source version and its chunks (summaries + facts)."""
    buf: list[str] = []
    pos = 0
    chunks: list[NewChunk] = []

    def emit(s: str) -> tuple[int, int]:
        nonlocal pos
        start = pos
        buf.append(s)
        pos += len(s)
        return start, pos

    for entity in sorted(kg):
        rels = kg[entity]
        summary, toks = _summary(entity, rels)
        s, e = emit(summary)
        emit("\n")
        chunks.append(NewChunk(Chunk(id=chunk_id(SOURCE_ID, version, s, e, summary), source_id=SOURCE_ID,
                                     version=version, text=summary, start=s, end=e, language="zh", section=entity),
                               tokens=toks, page=entity))
        for rel, vals in rels.items():
            if not isinstance(vals, list):
                continue
            for v in vals:
                if not isinstance(v, str) or not v.strip():
                    continue
                line = f"{entity}｜{rel}｜{v.strip()}"
                s, e = emit(line)
                emit("\n")
                chunks.append(NewChunk(Chunk(id=chunk_id(SOURCE_ID, version, s, e, line), source_id=SOURCE_ID,
                                             version=version, text=line, start=s, end=e, language="zh",
                                             section=entity, kind="fact", fact=(entity, rel, v.strip())),
                                       tokens=None, page=entity))
        emit("\n")
    return "".join(buf), chunks
