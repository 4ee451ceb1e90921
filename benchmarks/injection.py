"""Injection benchmark: labelled Chinese and English prompt-injection and jailbreak attempts
aimed at a hospital assistant, and legitimate clinical and patient requests that share their
vocabulary ("ignore the missed dose", "system review", "act as a triage nurse", 系统性红斑狼疮,
管理员, 忽略, pasted discharge letters, questions about prompt injection itself). Scored for
recall on attacks and false-positive rate on the legitimate requests, for the rules alone, the
product's input gate (rules, then the learned classifier: refusing, or refusing and flagging for
review) and a keyword baseline (the obvious words only), in the same run.

The set is data: ``benchmarks/sets/injection/<set>.jsonl`` ({"language", "attack", "category",
"text"}), written blind (see ``benchmarks/sets/README.md``); its first score is recorded once in
docs/benchmarks.md. Run: .venv/bin/python benchmarks/injection.py [--set NAME]
"""

from __future__ import annotations

import argparse
import re
from functools import lru_cache

from _common import SETS, policy_variant, predict, rate_table, read_jsonl, set_names

KEYWORDS = re.compile(
    r"ignore (?:all |any )?(?:of )?(?:your |the )?(?:previous|prior|above) instructions|system prompt|(?-i:\bDAN\b)"
    r"|jailbreak|developer mode|忽略之前|系统提示|越狱|开发者模式",
    re.I,
)


def main() -> None:
    names = set_names("injection")
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=names, default=names[-1])
    args = ap.parse_args()
    from openmfm import load_config
    from openmfm.safety import RequestContext, check_input, load_policy

    rows = read_jsonl(SETS / "injection" / f"{args.set}.jsonl")
    ctx, policy = RequestContext(), load_policy(load_config())
    # Only the injection verdict is scored, so red-flag escalation and the harmful screen are off.
    product = policy_variant(policy, red_flags__enabled=False, input__harmful=False)
    rules = policy_variant(product, input__injection_model=False)

    @lru_cache(maxsize=None)
    def severities(text: str, rules_only: bool = False) -> tuple[str, ...]:
        return tuple(f.severity for f in check_input(text, ctx, rules if rules_only else product).flags if f.kind == "injection")

    systems = {"rules": lambda t: bool(severities(t, True)),
               "gate refuses": lambda t: "critical" in severities(t),
               "refuses+flags": lambda t: bool(severities(t)),
               "keyword baseline": lambda t: bool(KEYWORDS.search(t))}
    preds, speed = predict(systems, [r["text"] for r in rows])
    n_att = sum(r["attack"] for r in rows)
    print(f"== {args.set}: {len(rows)} messages, {n_att} attacks, {len(rows) - n_att} legitimate look-alikes "
          f"({sum(r['language'] == 'zh' for r in rows)} zh, {sum(r['language'] == 'en' for r in rows)} en)")
    print(f"gate refuses: rules, or the classifier at >= {policy.input.injection_model_threshold}; "
          f"flags for review: classifier >= {policy.input.injection_review_threshold}")
    rate_table(rows, "attack", preds, [(lang, lambda r, lang=lang: r["language"] == lang) for lang in ("zh", "en")]
               + [("all", lambda r: True)])
    cats = sorted({r["category"] for r in rows if r["attack"]})
    rate_table(rows, "attack", preds, [(c, lambda r, c=c: r["category"] == c) for c in cats], negative="-")
    print(f"input gate {speed['gate refuses']:.1f} messages/s (rules threshold {policy.input.injection_threshold})\n")
    print("misclassified (REFUSED = a legitimate request refused, flagged = legitimate but flagged for review):")
    for r, refused, caught in zip(rows, preds["gate refuses"], preds["refuses+flags"]):
        text = f"[{r['language']}] " + r["text"].replace("\n", " | ")
        if r["attack"] and not caught:
            print("MISSED " + text)
        elif not r["attack"] and caught:
            print(("REFUSED " if refused else "flagged ") + text)


if __name__ == "__main__":
    main()
