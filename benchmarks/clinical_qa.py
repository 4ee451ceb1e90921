"""Clinical questions over the default KB's guidelines (``benchmarks/data/clinical_qa.jsonl``,
written blind: see its README), zh and en, four systems with the same model in one run:

- closed-book: the question alone;
- naive top-k: the KB's top passages pasted above the question;
- ``ask --mode extractive`` and ``ask --mode generate``: the product.

Each answer is graded deterministically from the set's key facts, wrong facts and deciding
condition: correct; correct but dropped the condition (the question did not state the subgroup
and the answer does not either); wrong; abstained. Unanswerable questions are right only when
abstained. For ``ask`` it also counts wrong or condition-dropping answers shown as supported, and
how often the gold guideline is cited. Model-bound systems run on a seeded stratified subset
(``--limit``), because the 1.5B model on 2 cores takes about a minute per generated answer.

Run: .venv/bin/python benchmarks/clinical_qa.py [--limit 16] [--systems extractive,generate,naive,closed]
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections import Counter, defaultdict

from _common import ROOT, read_jsonl

DATA = ROOT / "benchmarks" / "data" / "clinical_qa.jsonl"
ABSTAIN = re.compile(r"cannot answer|can't answer|not enough information|no (?:passage|evidence)|unable to answer|"
                     r"无法(?:根据|回答|给出)|没有足够|不能回答", re.IGNORECASE)
SYSTEM = {"en": "You are a clinical assistant. Answer the clinician's question in one to three sentences, stating the "
                "patient group the answer applies to. If you do not know, say you cannot answer.",
          "zh": "你是临床助手。用一到三句中文回答医生的问题，并说明答案适用于哪类患者。如果不知道，请说无法回答。"}


def found(alternatives: list[str], text: str) -> bool:
    t = text.lower()
    return any(a.lower() in t for a in alternatives if a.strip())


def grade(item: dict, text: str, abstained: bool) -> str:
    if abstained or ABSTAIN.search(text or ""):
        return "abstained"
    if not item["answerable"]:
        return "wrong"
    if any(found(w, text) for w in item.get("wrong_facts") or []) or not all(found(k, text) for k in item["key_facts"]):
        return "wrong"
    cond = item.get("condition")
    if cond and not cond.get("stated_in_question") and not found(cond["alternatives"], text):
        return "dropped condition"
    return "correct"


def sample(items: list[dict], limit: int | None, seed: int = 7) -> list[dict]:
    """Stratified by language and answerability, so a subset keeps the set's mix."""
    if not limit or limit >= len(items):
        return items
    groups = defaultdict(list)
    for it in items:
        groups[(it["language"], it["answerable"])].append(it)
    rng, out = random.Random(seed), []
    for key in sorted(groups):
        share = max(1, round(limit * len(groups[key]) / len(items)))
        out += rng.sample(groups[key], min(share, len(groups[key])))
    return out


def systems(names: list[str], cfg):
    from openmfm import ask
    from openmfm.answering.prompt import evidence_block
    from openmfm.knowledge import open_kb
    from openmfm.models import load_model
    from openmfm.records import GenerationParams, Message

    model = load_model(cfg) if set(names) - {"extractive"} else None
    kb = open_kb(cfg)
    params = GenerationParams(temperature=0.0, seed=0, max_tokens=200)

    def chat(item, evidence=None):
        user = item["question"] if evidence is None else f"Evidence:\n{evidence_block(evidence)}\n\nQuestion: {item['question']}"
        text = model.chat([Message(role="system", content=SYSTEM[item["language"]]), Message(role="user", content=user)], params).text
        return {"text": text, "abstained": False, "supported": None, "sources": [e.source.id for e in evidence or []]}

    def product(mode):
        def run(item):
            a = ask(item["question"], mode=mode, model=model if mode == "generate" else None, cfg=cfg)
            shown = [c for c in a.claims if not c.removed]
            return {"text": a.text, "abstained": a.abstained, "sources": [e.source.id for e in a.evidence],
                    "supported": bool(shown) and all(c.support == "supported" for c in shown)}
        return run

    table = {"closed": lambda it: chat(it), "naive": lambda it: chat(it, kb.search(it["question"], k=3)),
             "extractive": product("extractive"), "generate": product("generate")}
    return {n: table[n] for n in names}


def report(name: str, rows: list[tuple[dict, dict, str]]) -> None:
    ans = [(i, o, g) for i, o, g in rows if i["answerable"]]
    una = [(i, o, g) for i, o, g in rows if not i["answerable"]]
    for lang in ("zh", "en", "all"):
        sub = [r for r in ans if lang in ("all", r[0]["language"])]
        c = Counter(g for _, _, g in sub)
        n = max(len(sub), 1)
        cells = "  ".join(f"{k} {c[k] / n:.2f}" for k in ("correct", "dropped condition", "wrong", "abstained"))
        print(f"{name:<11}{lang:<4} n={len(sub):<4}{cells}")
    if una:
        print(f"{name:<11}     unanswerable abstained {sum(g == 'abstained' for *_, g in una)}/{len(una)}")
    shown = [(i, o, g) for i, o, g in rows if o["supported"]]
    if any(o["supported"] is not None for _, o, _ in rows):
        bad = sum(g in ("wrong", "dropped condition") for *_, g in shown)
        answered = [(i, o) for i, o, _ in ans if not o["abstained"]]
        cited = sum(f"open-medicine/{i['gold']['guideline']}" in o["sources"] for i, o in answered)
        print(f"{name:<11}     wrong or dropped-condition shown as supported: {bad}/{len(rows)}; gold guideline cited "
              f"{cited}/{len(answered)} of answered")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="seeded stratified subset for every system")
    ap.add_argument("--systems", default="extractive,naive,closed,generate")
    ap.add_argument("--show", action="store_true", help="print every answer with its grade")
    args = ap.parse_args()
    from openmfm import load_config

    items = sample(read_jsonl(DATA), args.limit)
    print(f"clinical QA: {len(items)} questions ({Counter(i['language'] for i in items)}), "
          f"{sum(not i['answerable'] for i in items)} unanswerable")
    for name, run in systems(args.systems.split(","), load_config()).items():
        t0, rows = time.perf_counter(), []
        for it in items:
            out = run(it)
            rows.append((it, out, grade(it, out["text"], out["abstained"])))
            if args.show:
                print(f"  [{rows[-1][2]}] {it['id']} {it['question']}\n    -> {out['text'][:300]!r}")
        report(name, rows)
        print(f"{name:<11}     {(time.perf_counter() - t0) / len(items):.1f} s per question")


if __name__ == "__main__":
    main()
