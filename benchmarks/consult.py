"""Pre-consultation benchmark: a simulated patient answers from each case record; the slot-policy
interviewer and two baselines from the same run (a fixed checklist of every slot, and a free-form
interviewer without slot tracking) are scored on the record each produced.

  nice -n 10 python benchmarks/consult.py                 # rules mode, every case
  nice -n 10 python benchmarks/consult.py --mode model --limit 6

Metrics: recall of the must-elicit facts found in the final record (deterministic matching:
durations in days, normalised terms, words), precision (record items whose words the patient
said), turns, red-flag recall and whether escalation came at the reveal turn, FHIR validity,
seconds per turn. The simulated patient and the scorer live in ``openmfm.consult.simulate``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from _common import SETS, read_jsonl

from openmfm.config import load_config
from openmfm.consult.simulate import run_case, summarise

SYSTEMS = ("slots", "checklist", "freeform")
METRICS = ("recall", "precision", "turns", "red_flag_recall", "escalated_at_reveal", "mean_lag_turns", "fhir_valid",
           "s_per_turn")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", default=str(SETS / "consult" / "cases.jsonl"))
    ap.add_argument("--mode", choices=("rules", "model"), default="rules")
    ap.add_argument("--model", default=None, help="model name for --mode model (default: config model.name)")
    ap.add_argument("--limit", type=int, default=0, help="first N cases per language (0: all)")
    ap.add_argument("--max-turns", type=int, default=24)
    ap.add_argument("--out", default=None, help="write per-case rows as JSONL here")
    args = ap.parse_args()

    cases = read_jsonl(Path(args.cases))
    if args.limit:
        cases = [c for lang in ("zh", "en") for c in [x for x in cases if x.get("lang") == lang][:args.limit]]
    cfg = load_config({"home.path": tempfile.mkdtemp(prefix="mfm-consult-bench-")})
    model = None
    if args.mode == "model":
        from openmfm.models import (
            load_model,  # deferred: rules mode never loads a model
        )

        model = load_model(load_config(), name=args.model)  # the developer's data home holds the pulled model
    rows: dict[str, list[dict]] = {name: [] for name in SYSTEMS}
    for case in cases:
        for name in SYSTEMS:
            rows[name].append(run_case(case, strategy=name, mode=args.mode, cfg=cfg, model=model,
                                       max_turns=args.max_turns))
    print(f"consult benchmark: {len(cases)} cases ({sum(c.get('lang') == 'zh' for c in cases)} zh), "
          f"{sum(bool(c.get('emergency')) for c in cases)} emergencies, mode {args.mode}"
          + (f" ({model.name})" if model else ""))
    for lang in ("all", "zh", "en"):
        subset = {n: [r for r in rs if lang == "all" or r["lang"] == lang] for n, rs in rows.items()}
        if not subset["slots"]:
            continue
        print(f"\n[{lang}] n={len(subset['slots'])}")
        print(f"{'':<22}" + "".join(f"{n:>12}" for n in SYSTEMS))
        stats = {n: summarise(rs) for n, rs in subset.items()}
        for m in METRICS:
            print(f"{m:<22}" + "".join(f"{stats[n][m]:>12.3f}" for n in SYSTEMS))
    missed = [r["id"] for r in rows["slots"] if r["emergency"] and not r["escalated"]]
    if missed:
        print(f"\nemergencies not escalated (slots): {', '.join(missed)}")
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            for name, rs in rows.items():
                f.writelines(json.dumps({"system": name, **r}, ensure_ascii=False) + "\n" for r in rs)


if __name__ == "__main__":
    main()
