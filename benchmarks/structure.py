"""Clinical text structuring benchmark (issue 16): entities, assertions and ICD-10 codes in zh and
en notes, OpenMFM (rules layer, through the public ``openmfm.structure``) side by side with a
dictionary-only baseline (exact terminology matching, every hit "present") and, for English, the
same dictionary spans with medspaCy's ConText assertions when a medspaCy environment is given.

Sets (blind, written by people who had not seen the rules): benchmarks/sets/structure/
notes_{zh,en}.jsonl {id, lang, style, text, entities: [{start, end, text, type, assertion, code}]}
and coding_{zh,en}.jsonl {mention, context, code, system}. The first run on them is the blind
score (docs/benchmarks.md); --dev runs the developers' own notes (tests/structure/dev_notes.jsonl).
Scorers: openmfm.evaluation.structure_scoring.

Run: nice .venv/bin/python benchmarks/structure.py [--dev] [--medspacy /path/to/medspacy-venv/bin/python]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import time
from pathlib import Path

from openmfm import MFMError, load_config
from openmfm.evaluation import structure_scoring as sc
from openmfm.knowledge.terminology import lookup
from openmfm.structure import structure
from openmfm.structure.coding import code_mention, who_code
from openmfm.structure.rules import dictionary_only

ROOT = Path(__file__).resolve().parent
SETS = ROOT / "sets" / "structure"


def medspacy_predict(python: str, rows: list[dict], cfg) -> dict[str, list[dict]]:
    preds = {r["id"]: sc.note_predictions(dictionary_only(r["text"], cfg)) for r in rows}
    feed = "".join(json.dumps({"text": r["text"], "spans": [[p["start"], p["end"], p["type"]] for p in preds[r["id"]]]}) + "\n"
                   for r in rows)
    out = subprocess.run([python, sc.__file__], input=feed, capture_output=True, text=True, check=True).stdout.splitlines()
    for r, line in zip(rows, out, strict=True):
        for p, a in zip(preds[r["id"]], json.loads(line)["assertions"], strict=True):
            p["assertion"] = a
    return preds


def show(name: str, res: dict[str, sc.NoteScores], secs: float, n: int) -> None:
    for lang, s in sorted(res.items()):
        ex, ov = s.total("exact").prf(), s.total().prf()
        print(f"{name:11} {lang:3} exact P/R/F1 {ex[0]:.3f}/{ex[1]:.3f}/{ex[2]:.3f}  overlap {ov[0]:.3f}/{ov[1]:.3f}/{ov[2]:.3f}  "
              f"assertion {sc.rate(s.assertion)}  negation {sc.rate(s.negation)}  code top-1 {sc.rate(s.top1)} top-5 {sc.rate(s.top5)}")
        for t in sorted(set(s.exact) | set(s.overlap)):
            e, o = s.exact[t].prf(), s.overlap[t].prf()
            c = s.overlap[t]
            print(f"{'':15} {t:10} exact {e[0]:.2f}/{e[1]:.2f}/{e[2]:.2f}  overlap {o[0]:.2f}/{o[1]:.2f}/{o[2]:.2f}  "
                  f"(gold {c.tp + c.fn}, pred {c.tp + c.fp})")
    print(f"{name:11} {n} notes in {secs:.1f} s: {n / secs:.1f} notes/s\n")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dev", action="store_true", help="the developers' own notes, not the blind sets")
    ap.add_argument("--medspacy", help="python of an environment with medspaCy 1.3 (English assertion baseline)")
    args = ap.parse_args()
    cfg = load_config()
    files = [ROOT.parent / "tests" / "structure" / "dev_notes.jsonl"] if args.dev else sorted(SETS.glob("notes_*.jsonl"))
    rows = [r for f in files for r in sc.load_jsonl(f)]
    for r in {r.get("lang"): r for r in rows}.values():  # warm-up per language: automaton, ICD-10(-CM) tables
        structure(r["text"], cfg=cfg)
        dictionary_only(r["text"], cfg)

    def safe(fn):  # a note the product refuses (InvalidInput) scores as no predictions, not a crash
        def run(r):
            try:
                return fn(r)
            except MFMError as e:
                print(f"  {r.get('id')}: {e.message}")
                return []
        return run

    for name, fn in (("openmfm", safe(lambda r: sc.note_predictions(structure(r["text"], cfg=cfg)))),
                     ("dictionary", safe(lambda r: sc.note_predictions(dictionary_only(r["text"], cfg))))):
        t0 = time.perf_counter()
        res = sc.score_notes(rows, fn)
        show(name, res, time.perf_counter() - t0, len(rows))
    en = [r for r in rows if r.get("lang") == "en"]
    if args.medspacy and en:
        t0 = time.perf_counter()
        preds = medspacy_predict(args.medspacy, en, cfg)
        show("medspacy", sc.score_notes(en, lambda r: preds[r["id"]]), time.perf_counter() - t0, len(en))
    for f in ([] if args.dev else sorted(SETS.glob("coding_*.jsonl"))):
        items = sc.load_jsonl(f)
        ours = sc.score_coding(items, lambda r: [c.code for c in code_mention(r["mention"], r.get("system", "icd10"), cfg,
                                                                              context=r.get("context", ""))])
        base = sc.score_coding(items, lambda r: [w[0] for c in lookup(r["mention"], cfg, limit=5) for x in c.icd10
                                                 if (w := who_code(x))])
        for system in sorted(ours):
            (o1, o5, n), (b1, b5, _) = ours[system], base.get(system, (0, 0, 0))
            print(f"coding {f.stem} {system}: openmfm top-1 {o1:.3f} top-5 {o5:.3f} | dictionary top-1 {b1:.3f} top-5 {b5:.3f} (n={n})")


if __name__ == "__main__":
    main()
