"""Red-flag benchmark: labelled Chinese and English messages, emergencies and look-alike
non-emergencies, scored for recall on emergencies and false-positive rate on the rest, for three
systems on the same messages: the rules alone, the product's input gate (rules, then the learned
classifier for what they miss) and a keyword baseline (the symptom names alone).

The rounds are data: ``benchmarks/sets/redflags/<round>.jsonl``, one message a line, already
expanded by speaker and lead-in ({"round", "template_id", "language", "emergency", "category",
"text"}); ``benchmarks/sets/README.md`` says who wrote each round and how. Each blind round's
first score is recorded once in docs/benchmarks.md; a rerun measures the tuned system. The
``dev`` set is the false-alarm check on real questions nobody wrote for this benchmark.

Rounds 9 and 10 cover the triage categories added in December 2026; their look-alikes name the
category they resemble (``near``), so recall and false-positive rate are reported per category.
The eight-category system that came before them is scored on the same messages from its own
commit (``--old-ref``), and the classifier's leave-one-category-out recall is printed with it.

Run: .venv/bin/python benchmarks/redflags.py [--set round8 ...|all|dev] [--old-ref 002dcb9] [--speed 100]
(``--speed N``: the input check's p50/p95 on N 200-character dev messages per language, alone.)
"""

from __future__ import annotations

import argparse
import json
import re

from _common import SETS, SHARED_DATA, at_commit, policy_variant, predict, rate_table, read_jsonl, set_names

KEYWORDS = re.compile(r"chest pain|stroke|anaphyla|bleeding|blood|suicid|sepsis|fever|breath|胸痛|胸闷|中风|过敏|出血|血|自杀|发烧|发热|呼吸|喘", re.I)


OLD_GATE = """import json, sys
from openmfm import load_config
from openmfm.safety import RequestContext, check_input, load_policy
pol = load_policy(load_config()).model_copy(deep=True)
pol.input.injection = pol.input.harmful = False
print(json.dumps([any(f.kind == "red_flag" for f in check_input(t, RequestContext(), pol).flags) for t in json.load(sys.stdin)]))
"""


def systems(cfg) -> dict:
    from openmfm.safety import RequestContext, check_input, load_policy

    ctx = RequestContext()
    # Only the red-flag verdict is scored, so the injection and harmful-request screens are off.
    product = policy_variant(load_policy(cfg), input__injection=False, input__harmful=False)
    rules = policy_variant(product, red_flags__model=False)

    def gate(policy):
        return lambda text: any(f.kind == "red_flag" for f in check_input(text, ctx, policy).flags)

    return {"rules": gate(rules), "rules+classifier": gate(product), "keyword baseline": lambda text: bool(KEYWORDS.search(text))}


def evaluate(name: str, rows: list[dict], systems: dict, old_ref: str | None) -> None:
    preds, speed = predict(systems, [r["text"] for r in rows])
    if old_ref:
        preds = {f"old ({old_ref})": at_commit(old_ref, OLD_GATE, [r["text"] for r in rows]), **preds}
    n_em = sum(r["emergency"] for r in rows)
    print(f"== {name}: {len(rows)} messages, {n_em} emergencies, {len(rows) - n_em} look-alikes "
          f"({sum(r['language'] == 'zh' for r in rows)} zh, {sum(r['language'] == 'en' for r in rows)} en)")
    langs = [(lang, lambda r, lang=lang: r["language"] == lang) for lang in ("zh", "en")]
    rate_table(rows, "emergency", preds, langs + [("all", lambda r: True)])
    cats = sorted({r["category"] for r in rows if r["emergency"]})
    if any("near" in r for r in rows):  # look-alikes say which category they resemble
        rate_table(rows, "emergency", preds, [(f"{c} {lang}", lambda r, c=c, lang=lang: r.get("near", r["category"]) == c
                                               and r["language"] == lang) for c in cats for lang in ("zh", "en")])
    else:
        rate_table(rows, "emergency", preds, [(c, lambda r, c=c: r["category"] == c) for c in cats], negative="-")
    print("messages/s: " + ", ".join(f"{n} {v:.0f}" for n, v in speed.items()) + "; misses and false alarms of rules+classifier:")
    for r, p in zip(rows, preds["rules+classifier"]):
        if p != r["emergency"]:
            print(("MISSED " if r["emergency"] else "FALSE+ ") + f"[{r['language']}] " + r["text"].replace("\n", " | "))
    print()


def dev_false_alarms(cfg) -> None:
    """Escalations and injection refusals or flags on PubMedQA dev titles (en) and CMB-Clin case
    questions (zh): ordinary medical questions, so any of either is a false alarm."""
    from openmfm.safety import RequestContext, check_input, load_policy

    pub, cmb = SHARED_DATA / "pubmedqa_dev.json", SHARED_DATA / "cmb_clin_dev.json"
    if not pub.is_file() or not cmb.is_file():
        print(f"({SHARED_DATA} absent: false alarms on real questions not measured)")
        return
    policy, ctx = load_policy(cfg), RequestContext()
    en = [v["QUESTION"] for v in json.loads(pub.read_text(encoding="utf-8")).values()]
    zh = [qa["question"] for case in json.loads(cmb.read_text(encoding="utf-8")) for qa in case["QA_pairs"]]
    print("== dev: false alarms on real medical questions (product policy)")
    print(f"{'':<26}{'n':>5}{'red-flag escalations':>22}{'injection refused+flagged':>27}")
    for name, qs in (("PubMedQA dev (en)", en), ("CMB-Clin questions (zh)", zh)):
        kinds = [{f.kind for f in check_input(q, ctx, policy).flags} for q in qs]
        red, inj = sum("red_flag" in k for k in kinds), sum("injection" in k for k in kinds)
        print(f"{name:<26}{len(qs):>5}{red / len(qs):>22.3f}{inj / len(qs):>27.3f}")


def speed(cfg, n: int) -> None:
    """Latency of the whole input check (red flags, injection, harmful) on 200-character slices of
    real dev text nobody embedded before (the rules are mostly silent there, so the classifier
    runs: the slow path), once warm; then where the time goes, on other slices of the same kind."""
    import time

    import numpy as np

    from openmfm.safety import RequestContext, check_input, classifier, detect_red_flags, load_policy

    policy, ctx = load_policy(cfg), RequestContext()
    ms = lambda f, xs: np.array([-time.perf_counter() + (f(x), time.perf_counter())[1] for x in xs]) * 1e3  # start, call, stop
    pub = [v["QUESTION"] + " " + " ".join(v["CONTEXTS"]) for v in json.loads((SHARED_DATA / "pubmedqa_dev.json").read_text(encoding="utf-8")).values()]
    cmb = [c["description"].replace("\n", " ") for c in json.loads((SHARED_DATA / "cmb_clin_dev.json").read_text(encoding="utf-8"))]
    check_input("warm-up: load the lexicon, the embedder and the weights", ctx, policy)
    print(f"== speed: ms per message, {n} per language, 200 characters, warm, each text new to the embedder")
    print(f"{'':<6}{'check_input p50':>16}{'p95':>8}{'rules p50':>11}{'embed p50':>11}{'p95':>8}{'classifiers p50':>17}")
    for lang, texts in (("zh", [t[i:i + 200] for t in cmb for i in range(0, len(t) - 200, 40)]), ("en", [t[:200] for t in pub])):
        whole = ms(lambda t: check_input(t, ctx, policy), texts[:n])
        rules, emb = ms(detect_red_flags, texts[n:2 * n]), ms(lambda t: classifier.embedder().embed_queries([t]), texts[n:2 * n])
        clf = ms(lambda t: [classifier.predict_one(k, t) for k in classifier.NAMES], texts[n:2 * n])  # embeddings cached now
        print(f"{lang:<6}{np.median(whole):>16.1f}{np.percentile(whole, 95):>8.1f}{np.median(rules):>11.1f}"
              f"{np.median(emb):>11.1f}{np.percentile(emb, 95):>8.1f}{np.median(clf):>17.2f}")


def main() -> None:
    rounds = set_names("redflags")
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", action="append", choices=[*rounds, "dev", "all"],
                    help=f"set(s) to score, repeatable (default: {rounds[-1]}, the latest round, and dev)")
    ap.add_argument("--speed", type=int, metavar="N", help="only time the input check on N messages per language")
    ap.add_argument("--old-ref", help="also score the system as it was at this commit (e.g. 002dcb9, before the triage taxonomy)")
    args = ap.parse_args()
    chosen = [*rounds, "dev"] if "all" in (args.set or []) else args.set or [rounds[-1], "dev"]
    from openmfm import load_config

    cfg = load_config()
    if args.speed:
        return speed(cfg, args.speed)
    sys_ = systems(cfg) if set(chosen) - {"dev"} else {}
    if sys_:
        from openmfm.safety import classifier

        print(classifier.loco_report("redflag"), "\n")
    for name in chosen:
        if name == "dev":
            dev_false_alarms(cfg)
        else:
            evaluate(name, read_jsonl(SETS / "redflags" / f"{name}.jsonl"), sys_, args.old_ref)


if __name__ == "__main__":
    main()
