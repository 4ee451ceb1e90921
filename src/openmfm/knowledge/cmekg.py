"""CMeKG (Chinese Medical Knowledge Graph) rendered as citable evidence.

Each entity becomes a block of the source's clean text, one line per relation. The head of the
block is the entity's summary chunk (what BM25 finds); every (subject, relation, object) triple
is a fact whose span is the object inside its line (reached through ``KnowledgeBase.facts``).
Facts are neither embedded nor in the BM25 index: 967k short items would cost minutes to index
and add nothing that a summary plus an exact entity lookup do not already give.
"""

from __future__ import annotations

import importlib.util
import pickle
from functools import lru_cache
from pathlib import Path

from ..errors import KnowledgeBaseError
from ..records import Chunk
from ..text import tokenize
from .ingest import chunk_id
from .store import Fact, NewChunk

SOURCE_ID = "cmekg"
URL = "https://github.com/king-yyf/PyCMeKG"

# Relations in the order an entity block lists them: the summary chunk is the block's first
# SUMMARY_CHARS characters, so the informative relations come first and the long brand-name
# lists (相关药物, hundreds of items) last.
FIRST_RELATIONS = (
    "英文名称", "英文名", "ICD10", "别称", "同义词", "又称", "通用名", "分类", "就诊科室", "常见症状", "临床症状及体征",
    "药物治疗", "治疗", "治疗方案", "手术治疗", "辅助治疗", "检查", "实验室检查", "影像学检查", "常见病因", "病因",
    "并发症", "多发群体", "传染性", "适应症", "功能主治", "主治", "功效", "用法用量", "用量", "禁忌", "不良反应",
    "注意事项", "药物相互作用", "性味", "入药部位",
)
LAST_RELATIONS = ("相关药物", "商品名", "成份")
SUMMARY_CHARS = 300


def cmekg_path() -> Path:
    spec = importlib.util.find_spec("pyCMeKG")
    if spec is None or not spec.submodule_search_locations:
        raise KnowledgeBaseError("PyCMeKG is not installed.", "pip install PyCMeKG==0.2.5")
    p = Path(list(spec.submodule_search_locations)[0]) / "model" / "cmekg.pkl"
    if not p.is_file():
        raise KnowledgeBaseError(f"{p} is missing from the PyCMeKG package.", "Reinstall PyCMeKG==0.2.5")
    return p


def load() -> dict[str, dict[str, list[str]]]:
    with open(cmekg_path(), "rb") as fh:
        return pickle.load(fh)


@lru_cache(maxsize=500_000)
def _tok(value: str) -> tuple[str, ...]:
    return tuple(tokenize(value))


def _order(rels: dict) -> list[str]:
    rank = {r: i for i, r in enumerate(FIRST_RELATIONS)}
    last = {r: i for i, r in enumerate(LAST_RELATIONS)}
    return sorted((r for r in rels if isinstance(rels[r], list)),
                  key=lambda r: (rank.get(r, 100 + last.get(r, -50)), r))


def render(kg: dict[str, dict[str, list[str]]], version: int) -> tuple[str, list[NewChunk], list[Fact]]:
    """The clean text of a CMeKG version, its summary chunks and its facts.

    An entity block reads "【实体】" then one line per relation ("关系：值1、值2"); each fact's
    span is its object inside that line, and the summary chunk is the block's head (cut at a
    line or item boundary), so both quote the version text exactly.
    """
    buf: list[str] = []
    pos = 0
    heads: list[tuple[int, int, str, list[str]]] = []
    facts: list[Fact] = []

    def emit(s: str) -> int:
        nonlocal pos
        start = pos
        buf.append(s)
        pos += len(s)
        return start

    for entity in sorted(kg):
        rels = kg[entity]
        block_start = emit(f"【{entity}】")
        tokens = list(_tok(entity)) * 3  # the entity's own name counts as a title field (x3)
        summary_end = pos
        for rel in _order(rels):
            vals = [v.strip() for v in rels[rel] if isinstance(v, str) and v.strip()]
            if not vals:
                continue
            emit(f"\n{rel}：")
            in_summary = pos - block_start < SUMMARY_CHARS
            if in_summary:
                tokens += _tok(rel)
            for i, v in enumerate(vals):
                if i:
                    emit("、")
                s = emit(v)
                facts.append((s, pos, entity, rel, v))
                if in_summary and pos - block_start <= SUMMARY_CHARS:
                    tokens += _tok(v)
                    summary_end = pos
        emit("\n\n")
        heads.append((block_start, summary_end, entity, tokens))
    full = "".join(buf)
    out = []
    for s, e, entity, tokens in heads:
        body = full[s:e]
        out.append(NewChunk(Chunk(id=chunk_id(SOURCE_ID, version, s, e, body), source_id=SOURCE_ID, version=version,
                                  text=body, start=s, end=e, language="zh", section=entity),
                            tokens=tokens, page=entity))
    return full, out, facts
