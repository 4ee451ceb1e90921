"""Worst-case cost of every public text entry point, in CPU seconds per 1,000 characters.

A pattern that backtracks exponentially turns one short letter into a stalled server (finding 13
of issue 10); one that is quadratic does the same to a long note. This prints, per entry point,
the worst seconds per 1,000 characters over adversarial inputs (runs of capitals, separators,
digits, Han characters, repeated names, at two lengths, so growth beyond linear shows) and
ordinary ones (the referral letter that once hung, and the longest notes of each de-identification
benchmark set), beside a baseline: Presidio's default AnalyzerEngine for de-identification, and
plain ``str.split`` (a floor: one pass over the text) for the others. CPU time, not wall time,
so a shared machine does not inflate the figures.

Run: .venv/bin/python benchmarks/worst_case.py [--lengths 5000 20000] [--notes 10]
"""

from __future__ import annotations

import argparse
import platform
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

LETTER = ("From: Dr Mary Stone, SAINT MARY NORTH NORTH MEDICAL CTR & CLINICS, Springfield\n"
          "Re: Tom Hardy, born 1971-02-03\nTom has chest pain and is short of breath.\nPlease see him this week.")
UNITS = {"capitals": "SAINT MARY NORTH NORTH MEDICAL CTR & CLINICS, ", "AB words": "AB ", "blanks": " \t",
         "digits+separators": "12-3/4.5:6, ", "Han run": "患者张伟胸痛发热", "repeated name": "Smith ",
         "mixed scripts": "张伟 Zhang WEI 139-1234-5678， ", "label soup": "MRN: Dr. MD, 电话：", "one word": "A"}


def adversarial(lengths: list[int]) -> dict[str, str]:
    return {f"{name} x{n}": (unit * (n // len(unit) + 1))[:n] for name, unit in UNITS.items() for n in lengths}


def _deid_bench():
    """benchmarks/deid.py, which reads the note sets and sets up the Presidio
    baseline offline (its e-mail recognizer would otherwise fetch a suffix list); None if absent."""
    try:
        import deid as deid_bench
    except Exception:  # noqa: BLE001 - then the adversarial inputs stand alone
        return None
    return deid_bench


def benchmark_notes(per_set: int) -> dict[str, tuple[str, str]]:
    """The two longest of ``per_set`` notes drawn from each de-identification set (language, text)."""
    deid_bench = _deid_bench()
    if deid_bench is None:
        return {}
    out = {}
    for name in deid_bench.NAMES:
        notes = deid_bench.make_notes(name, per_set)
        for i, (lang, text, _) in enumerate(sorted(notes, key=lambda n: -len(n[1]))[:2]):
            out[f"{name} note {i + 1} ({lang})"] = (lang, text)
    return out


def presidio_default():
    """Presidio out of the box on en_core_web_sm, as the de-identification benchmark runs it."""
    system = _deid_bench().presidio_system()
    return lambda text, lang: system(lang, text)


def entry_points(home: str):
    """name -> (call(text, lang), longest input it accepts); each is the public call."""
    import openmfm
    from openmfm.knowledge import open_kb
    from openmfm.knowledge.chunking import chunk_text
    from openmfm.knowledge.terminology import normalize_query
    from openmfm.safety import RequestContext, check_input, load_policy
    from openmfm.safety.injection import score_injection
    from openmfm.safety.redflags import detect_red_flags

    cfg = openmfm.load_config({"home.path": home})
    pol = load_policy(cfg)
    docs = Path(home) / "docs"
    docs.mkdir()
    (docs / "cap.md").write_text("# Pneumonia\n\n- Low severity: amoxicillin 500 mg three times daily.\n", encoding="utf-8")
    (docs / "cap_zh.md").write_text("# 社区获得性肺炎\n\n- 低危患者首选阿莫西林口服，每次0.5克，每日3次。\n", encoding="utf-8")
    kb = open_kb(cfg, "tiny", create=True)
    kb.add_paths([docs / "cap.md", docs / "cap_zh.md"], doc_type="guideline")

    def ask(text, lang):
        try:
            return openmfm.ask(text, mode="extractive", kb=kb, cfg=cfg)
        except openmfm.MFMError:
            return None

    def inp(text, lang):
        try:
            return check_input(text, RequestContext(), pol)
        except openmfm.MFMError:
            return None

    return {
        "deid": (lambda t, lang: openmfm.deid(t, language=lang, operator="redact", cfg=cfg, policy=pol), pol.deid.max_chars),
        "red flags (detect_red_flags)": (lambda t, lang: detect_red_flags(t), None),
        "injection (score_injection)": (lambda t, lang: score_injection(t), None),
        # The two learned classifiers embed the whole request (linear, seconds per 1,000 Han
        # characters), so these two are measured on the first 2,000 characters of each input.
        "check_input": (inp, 2000),
        "ask, extractive": (ask, 2000),
        "chunking (chunk_text)": (lambda t, lang: chunk_text(t), None),
        "terminology (normalize_query)": (lambda t, lang: normalize_query(t, cfg), None),
    }


def worst(call, inputs: dict[str, tuple[str, str]], limit: int | None) -> tuple[float, str]:
    """Worst CPU seconds per 1,000 characters, and the input that cost it."""
    call("warm up 预热", "en")
    best = (0.0, "")
    for name, (lang, text) in inputs.items():
        text = text[:limit] if limit else text
        c = time.process_time()
        call(text, lang)
        per_k = (time.process_time() - c) / max(len(text), 1) * 1000
        best = max(best, (per_k, name))
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lengths", type=int, nargs="+", default=[5000, 20000])
    ap.add_argument("--notes", type=int, default=10, help="notes drawn per de-identification set (the two longest are kept)")
    args = ap.parse_args()
    inputs = {"referral letter": ("en", LETTER)}
    inputs.update({k: ("en", v) for k, v in adversarial(args.lengths).items()})
    inputs.update(benchmark_notes(args.notes))
    print(f"# worst case, {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {platform.machine()} "
          f"{platform.python_implementation()} {platform.python_version()}; {len(inputs)} inputs, "
          f"up to {max(len(t) for _, t in inputs.values()):,} characters")
    presidio = presidio_default()  # before openmfm's recognizers load: Presidio looks classes up by name
    with tempfile.TemporaryDirectory() as home:
        points = entry_points(home)
        split = lambda t, lang: t.split()  # noqa: E731 - the floor
        print(f"{'entry point':32} {'s/1k chars':>11} {'worst input':34} {'baseline':>10}  baseline")
        for name, (call, limit) in points.items():
            per_k, which = worst(call, inputs, limit)
            base_name, base = ("Presidio default", presidio) if name == "deid" else ("str.split", split)
            base_k, _ = worst(base, inputs, limit)
            print(f"{name:32} {per_k:11.4f} {which[:34]:34} {base_k:10.4f}  {base_name}")


if __name__ == "__main__":
    main()
