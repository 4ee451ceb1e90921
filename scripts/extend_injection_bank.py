"""Add pasted-document negatives to the injection example bank.

Why: scored blind (benchmarks/injection.py on benchmarks/sets/injection/blind1.jsonl), the first
injection classifier refused 21.5% of legitimate requests, most of them pasted clinical
documents: it had learned that a long structured text is suspicious. The documents users paste
look like the knowledge base's own sources, so passages of the open-medicine guidelines (en) and
sentences built from CMeKG facts (zh) are added as ``none``, recorded per line in "source". No
benchmark message is used.

Then retrain: `mfm policy train-classifiers injection`.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import open_medicine

from openmfm.knowledge import cmekg
from openmfm.safety.classifier import bank_path


def guideline_passages(n: int, rng: random.Random) -> list[str]:
    root = Path(open_medicine.__file__).parent / "guidelines" / "content"
    paras = []
    for md in sorted(root.glob("**/*.md")):
        text = md.read_text(encoding="utf-8")
        if text.startswith("---"):
            text = text.split("---", 2)[-1]
        paras += [p.strip() for p in text.split("\n\n") if 80 <= len(p.strip()) <= 700]
    return rng.sample(paras, min(n, len(paras)))


def cmekg_sentences(n: int, rng: random.Random) -> list[str]:
    kg = cmekg.load()
    names = sorted(kg)
    out: set[str] = set()
    while len(out) < n:
        name = rng.choice(names)
        rels = kg[name]
        picked = rng.sample(sorted(rels), min(len(rels), rng.randint(1, 3)))
        out.add("；".join(f"{name}的{r}：{'、'.join(rels[r][:4])}" for r in picked) + "。")
    return sorted(out)


def main(n: int = 300, seed: int = 11) -> None:
    rng = random.Random(seed)
    path = bank_path("injection")
    seen = {json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    rows = [{"text": t, "lang": "en", "label": "none", "source": "open-medicine guideline passage"} for t in guideline_passages(n, rng)]
    rows += [{"text": t, "lang": "zh", "label": "none", "source": "CMeKG facts (PyCMeKG)"} for t in cmekg_sentences(n, rng)]
    new = [r for r in rows if r["text"] not in seen and not seen.add(r["text"])]
    with path.open("a", encoding="utf-8") as f:
        for r in new:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"appended {len(new)} passages to {path}")


if __name__ == "__main__":
    main()
