"""Build the verifier's hard-negative set (pairs.jsonl) from real guideline sentences.

English units are list items of the open-medicine guideline summaries (the default KB's
guidelines) under a heading, with a bold label or with a clause that limits them; Chinese units are
hand translations of a sample of them (zh_units.jsonl: the Chinese evidence item under its
translated heading, a hand-written faithful restatement, and which words of it are the condition,
the drug and the population term, with the replacement a rule puts in; each keeps its English
source chunk for the cross-language run). Each unit gives one faithful restatement
(positive) and one negative per rule that applies; the rules are documented in README.md. This
script never imports the verifier: what counts as a condition, a drug or a population here is
decided by its own lists, so the set measures the verifier rather than restating it.

    .venv/bin/python benchmarks/sets/verifier/make_set.py      # writes pairs.jsonl next to itself
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
PER_GUIDELINE = 2
SEED = 11

# A heading, label or clause is a condition when it names one of these (the generator's own list).
QUALIFIER = re.compile(
    r"sever|mild|moderate|critical|outpatient|inpatient|\bICU\b|ward|emergency|hospitali|adult|child|adolescent|"
    r"p(?:a)?ediatric|neonat|infant|elderly|older|pregnan|lactat|breast|postpartum|women|\bmen\b|renal|kidney|\bCKD\b|"
    r"eGFR|CrCl|hepatic|liver|cirrho|Child-Pugh|dialysis|comorbid|risk factor|allerg|second-line|refractory|"
    r"alternative|failure|non-respon|CURB|NIHSS|GCS|score|stage|class [IVX]|grade|\bage[sd]?\b|years|≥|≤|<|>|with\b|without|"
    r"sepsis|shock|suspected|intolerance|contraindicat|type [12]", re.IGNORECASE)
GENERIC = re.compile(r"general (?:principle|consideration|approach|measure|management)|overview|principle|recommend|regimen|dosing|definition|mechanism|monitoring|limitation|"
                     r"evidence|key|summary|step \d|algorithm|decision|criteria|indication|option [a-z]\b|assessment|"
                     r"imaging|diagnos|screening|critical consideration|special consideration|timing|technique|"
                     r"\bby\b|interpretation|disposition", re.IGNORECASE)
STOP = {"the", "a", "an", "of", "for", "and", "or", "with", "in", "to", "on", "at", "by", "is", "are", "if", "when",
        "patients", "patient", "only"}
CLAUSE = re.compile(r",? (?:if|unless|when|except|in patients with|for patients with|in those with|during pregnancy|"
                    r"in pregnancy|in children|in adults)\b(?:[^;(),]|\.(?!\s|$))*?(?=\.\s|\.$|[;,(]|$)", re.IGNORECASE)
ACTION = re.compile(r"recommend|should|\bgive|\bstart|\buse\b|administer|consider|reduce|target|preferred|reasonable|"
                    r"indicated|avoid|initiate|\badd\b|switch|increase|discontinue|continue|treat|first-line|dose", re.IGNORECASE)
DOSE = re.compile(r"(\d+(?:\.\d+)?)\s*(mg/kg|mg|mcg|µg|g|units?|mL|mmol|days?|hours?|weeks?|%)(?![\w/])")
# A drug, for this generator: a capitalised word right before a dose ("Amoxicillin 500 mg") or a bold word
# before one ("**Octreotide** 50 mcg"), in the raw Markdown.
DRUG_BEFORE_DOSE = re.compile(r"(?:\*\*)?\b([A-Z][a-z]{4,}(?:-[a-z]+)?)(?:\*\*)?:?\s+\d+(?:\.\d+)?\s*(?:mg|mcg|µg|g|units?)\b")
NOT_DRUG = {"daily", "dose", "doses", "loading", "maximum", "total", "initial", "then", "every", "bolus", "infusion",
            "orally", "about", "least", "approximately", "start", "increase", "reduce", "target", "using", "given",
            "reduction", "adults", "children", "weight", "fixed-dose", "first", "second", "starting", "usual", "typical",
            "range", "dosing", "regimen", "single", "after", "before", "until", "within", "above", "below", "under",
            "therapy", "patients", "women", "higher", "lower", "standard", "minimum", "alternative", "preferred",
            "maintenance", "workup", "caveats", "reduced", "goal", "limit", "avoid", "consider"}
ABBREV = [(r"\bTDS\b", "three times daily"), (r"\bBD\b", "twice daily"), (r"\bOD\b", "once daily"),
          (r"\bQDS\b", "four times daily"), (r"\bPO\b", "orally"), (r"\bPLUS\b", "plus")]
IMPERATIVE = re.compile(r"^(Give|Start|Use|Administer|Add|Switch|Consider|Prescribe|Reduce|Stop|Begin|Continue|"
                        r"Initiate|Treat|Offer|Repeat|Obtain|Perform|Target|Titrate|Increase|Discontinue|Hold|Monitor|"
                        r"Limit|Maintain|Transfer|Admit|Refer)\b")
POPULATION_SWAPS = [(r"\boutpatients?\b", "inpatients"), (r"\binpatients?\b", "outpatients"), (r"\bICU\b", "general ward"),
                    (r"\bgeneral ward\b", "ICU"), (r"\bchildren\b", "adults"), (r"\badults\b", "children"),
                    (r"\bpregnan(?:t|cy)\b", "breastfeeding"), (r"\b(?:elderly|older adults)\b", "younger adults"),
                    (r"\bmild\b", "severe"), (r"\bsevere\b", "mild"), (r"\bhigh severity\b", "low severity"),
                    (r"\blow severity\b", "high severity"), (r"\bwithout comorbidities\b", "with comorbidities"),
                    (r"\bwith comorbidities\b", "without comorbidities"), (r"\bpenicillin allergy\b", "no penicillin allergy"),
                    (r"\bwomen\b", "men"), (r"\bmen\b", "women"), (r"\btype 2\b", "type 1"), (r"\btype 1\b", "type 2"),
                    (r"\bhepatic impairment\b", "normal liver function"), (r"\bCKD\b", "normal renal function"),
                    (r"\bhigh[- ]risk\b", "low-risk"), (r"\blow[- ]risk\b", "high-risk"), (r"\bmoderate\b", "mild"),
                    (r"\bwithout\b", "with"), (r"\bwith\b", "without"), (r"(?:>=|≥)", "<"), (r"(?:<=|≤)", ">"),
                    (r"<", "≥"), (r">", "≤")]


def clean(s: str) -> str:
    s = re.sub(r"\*\*|__|`|(?<!\w)\*|\*(?!\w)", "", s)
    s = re.sub(r"\s*\((?:Strong|Conditional|Weak|Class|Grade|Level)[^)]*\)", "", s)
    return re.sub(r"\s+", " ", s).strip().rstrip(";:,").strip()


def sentence(s: str) -> str:
    s = s.strip().rstrip(";,: ").removesuffix(" OR").removesuffix(" or").rstrip(";,: ")
    return s if s.endswith((".", "!", "?")) else s + "."


def expand(s: str) -> str:
    for a, b in ABBREV:
        s = re.sub(a, b, s)
    return s


def en_units(root: Path) -> list[dict]:
    rng = random.Random(SEED)
    out = []
    for gdir in sorted(p for p in root.iterdir() if p.is_dir()):
        cands = []
        for f in sorted(gdir.glob("*.md")):
            stack: list[tuple[int, str]] = []
            for line in f.read_text(encoding="utf-8").splitlines():
                h = re.match(r"^(#{1,6})\s+(.*)", line)
                if h:
                    lv = len(h.group(1))
                    stack = [x for x in stack if x[0] < lv] + [(lv, clean(h.group(2)))]
                    continue
                item = re.match(r"^\s*(?:[-*]|\d+\.)\s+(.*)", line)
                if not item or not (30 <= len(item.group(1)) <= 220) or "|" in line:
                    continue
                raw = item.group(1)
                lab = re.match(r"\*{1,2}([^*]{2,50}?):?\*{1,2}:?\s*(.+)", raw)
                label, body = (clean(lab.group(1)), clean(lab.group(2))) if lab else ("", clean(raw))
                if len(body) < 20 or not DOSE.search(body) or len(stack) < 2 or body.endswith(":"):
                    continue
                if not (DRUG_BEFORE_DOSE.search(f"{label}: {body}") or ACTION.search(f"{label} {body}")):
                    continue
                if label and GENERIC.search(label):
                    continue  # a definition or a monitoring note, not a recommendation
                if label and not QUALIFIER.search(label):
                    body, label = f"{label}: {body}", ""  # a label that names the subject stays in the statement
                head = stack[-1][1] if len(stack) > 1 else ""
                clause = CLAUSE.search(body)
                # every qualifying heading above the item is restated (and dropped) with it
                heads = ", ".join(t for _, t in stack[1:] if QUALIFIER.search(t) and not GENERIC.search(t))
                if label and QUALIFIER.search(label) and not GENERIC.search(label):
                    cond, kind = ", ".join(x for x in (heads, label) if x), "label"
                elif head and QUALIFIER.search(head) and not GENERIC.search(head):
                    cond, kind = heads, "heading"
                elif clause:
                    cond, kind = clause.group(0).strip(" ,"), "clause"
                else:
                    continue
                lines = [f"{'#' * lv} {t}" for lv, t in stack[1:]] + [f"- {raw}"]
                cands.append({"guideline": gdir.name, "file": f.name, "section": " > ".join(t for _, t in stack),
                              "chunk": "\n".join(lines), "item": f"- {raw}", "label": label, "body": body,
                              "cond": cond, "cond_kind": kind})
        rng.shuffle(cands)
        out += cands[:PER_GUIDELINE]
    return out


def lower_title(s: str) -> str:
    return " ".join(w.lower() if re.fullmatch(r"[A-Z][a-z]+", w) else w for w in s.split())


def en_pairs(u: dict, i: int, drugs: dict[str, list[str]]) -> list[tuple[str, str, str]]:
    """(type, claim, rule) for one English unit."""
    body = sentence(u["body"])
    if u["cond_kind"] == "clause":
        cut = re.sub(r"\s+([.,;])", r"\1", body.replace(u["cond"], ""))
        cut = re.sub(r"(^|[.;] )[,;]?\s*([a-z])", lambda m: m.group(1) + m.group(2).upper(), cut.lstrip(", "))
        pos, dropped = expand(body), expand(sentence(cut))
    else:
        cond = lower_title(u["cond"])
        pos = expand(f"For {cond}: {body}" if i % 2 == 0 else f"{body[:-1]}, for {cond}.")
        dropped = expand(body)
    out = [("positive", pos, "condition restated before (even) or after (odd) the item; abbreviations spelled out")]
    words = {w for w in re.findall(r"[a-z0-9]+", u["cond"].lower()) if w not in STOP}
    if len(words & set(re.findall(r"[a-z0-9]+", dropped.lower()))) * 2 < len(words):
        # only when the item does not itself restate the condition in other words
        out.append(("dropped_qualifier", dropped, f"the {u['cond_kind']} condition removed"))
    m = DOSE.search(pos)
    if m:
        v = float(m.group(1))
        if i % 2 == 0 or m.group(2) not in ("mg", "g"):
            new, rule = f"{v * 2:g} {m.group(2)}", "the first number with a unit doubled"
        else:
            new, rule = f"{m.group(1)} {'g' if m.group(2) == 'mg' else 'mg'}", "mg and g swapped"
        out.append(("changed_number", pos[: m.start()] + new + pos[m.end():], rule))
    out.append(("flipped_negation", *flip_en(pos)))
    known = drugs.get(u["guideline"], []) + drugs["*"]
    names = [d for d in known if re.search(rf"\b{re.escape(d)}\b", pos, re.IGNORECASE)]
    names += [d for d in DRUG_BEFORE_DOSE.findall(pos) if d.lower() not in NOT_DRUG]
    pool = [d for d in known if d.lower() not in pos.lower()]
    if names and pool:
        other = pool[i % len(pool)]
        out.append(("swapped_drug", re.sub(rf"\b{re.escape(names[0])}\b", lambda m: other.capitalize() if m.group(0)[0].isupper()
                                            else other.lower(), pos, count=1, flags=re.IGNORECASE), "a drug of the guideline's pool replaced"))
    cond = lower_title(u["cond"]) if u["cond_kind"] != "clause" else u["cond"]
    for pat, rep in POPULATION_SWAPS:
        if cond in pos and re.search(pat, cond, re.IGNORECASE):
            swapped = re.sub(pat, rep, cond, count=1, flags=re.IGNORECASE)
            out.append(("swapped_population", pos.replace(cond, swapped, 1), f"in the condition: {pat} -> {rep}"))
            break
    first = dropped[0].lower() if dropped[1:2].islower() else dropped[0]
    gen = f"In all patients, {first}{dropped[1:]}" if i % 2 == 0 else f"{dropped[:-1]}, in every case."
    out.append(("generalised", gen, "condition removed and 'In all patients,' (even) / 'in every case' (odd) added"))
    return out


def flip_en(s: str) -> tuple[str, str]:
    if re.search(r"\bnot\b", s):
        return re.sub(r"\bnot\s+", "", s, count=1), "'not' removed"
    if re.search(r"\b[Aa]void\b", s):
        return re.sub(r"\b([Aa])void\b", lambda m: "Use" if m.group(1) == "A" else "use", s, count=1), "'avoid' -> 'use'"
    if "contraindicated" in s:
        return s.replace("contraindicated", "indicated", 1), "'contraindicated' -> 'indicated'"
    m = re.search(r"\b(is|are|should be|may be|can be|should|may|can)\b", s)
    if m:
        return s[: m.end()] + " not" + s[m.end():], f"'not' after '{m.group(1)}'"
    head, sep, tail = s.rpartition(": ")
    if IMPERATIVE.match(tail):
        flipped = f"{'do' if sep else 'Do'} not {tail[0].lower()}{tail[1:]}"
        return (f"{head}{sep}{flipped}"), "'do not' before the imperative"
    return s[:-1] + " is not recommended.", "'is not recommended' appended"


ZH_NEG = [("禁用", "可用"), ("避免", "使用"), ("不推荐", "推荐"), ("不应", "应"), ("不宜", "宜"), ("不给", "给予"), ("推荐", "不推荐"),
          ("建议", "不建议"), ("应", "不应"), ("可", "不可"), ("首选", "不首选")]


def zh_pairs(u: dict, i: int) -> list[tuple[str, str, str]]:
    pos = u["positive"]
    out = [("positive", pos, "hand translation of the restated unit"),
           ("dropped_qualifier", pos.replace(u["cond"], "", 1).lstrip("，、："), "the condition's words removed")]
    m = re.search(r"(\d+(?:\.\d+)?)\s*(毫克|mg|克|g|微克|单位|U|天|日|周|小时|ml|毫升)", pos)
    if m:
        out.append(("changed_number", pos[: m.start()] + f"{float(m.group(1)) * 2:g}" + pos[m.start(1) + len(m.group(1)):],
                    "the first number with a unit doubled"))
    for a, b in ZH_NEG:
        if a in pos:
            out.append(("flipped_negation", pos.replace(a, b, 1), f"{a} -> {b}"))
            break
    if u.get("drug"):
        out.append(("swapped_drug", pos.replace(u["drug"], u["drug_swap"], 1), "drug replaced (hand-chosen from the guideline)"))
    if u.get("pop"):
        out.append(("swapped_population", pos.replace(u["pop"], u["pop_swap"], 1), "population term replaced"))
    rest = pos.replace(u["cond"], "", 1).lstrip("，、：")
    out.append(("generalised", ("所有患者" if i % 2 == 0 else "一律") + "：" + rest, "condition removed, 所有患者 / 一律 added"))
    return out


def main() -> None:
    import importlib.util

    root = Path(list(importlib.util.find_spec("open_medicine").submodule_search_locations)[0]) / "guidelines" / "content"
    units = en_units(root)
    drugs: dict[str, list[str]] = {"*": []}
    for gdir in sorted(p for p in root.iterdir() if p.is_dir()):
        text = " ".join(f.read_text(encoding="utf-8") for f in sorted(gdir.glob("*.md")))
        found = sorted({d.lower() for d in DRUG_BEFORE_DOSE.findall(text) if d.lower() not in NOT_DRUG})
        drugs[gdir.name] = found
        drugs["*"] += found[:3]
    rows = []
    for i, u in enumerate(units):
        uid = f"en-{i:03d}"
        span = u["chunk"] if i % 2 == 0 else u["item"]  # the cited span holds its heading, or only the item
        for t, claim, rule in en_pairs(u, i, drugs):
            rows.append({"id": f"{uid}-{t}", "unit": uid, "language": "en", "type": t, "label": int(t == "positive"),
                         "claim": claim, "rule": rule, "guideline": u["guideline"], "section": u["section"],
                         "chunk": u["chunk"], "span": span, "condition": u["cond"], "condition_kind": u["cond_kind"]})
    zh_path = HERE / "zh_units.jsonl"
    zh = [json.loads(x) for x in zh_path.read_text(encoding="utf-8").splitlines() if x.strip()] if zh_path.exists() else []
    for i, u in enumerate(zh):
        uid = f"zh-{i:03d}"
        chunk = f"### {u['heading']}\n- {u['item']}" if u.get("heading") else f"- {u['item']}"
        for t, claim, rule in zh_pairs(u, i):
            rows.append({"id": f"{uid}-{t}", "unit": uid, "language": "zh", "type": t, "label": int(t == "positive"),
                         "claim": claim, "rule": rule, "guideline": u["guideline"],
                         "section": f"{u['title']} > {u['heading']}" if u.get("heading") else u["title"],
                         "chunk": chunk, "span": chunk if i % 2 == 0 else f"- {u['item']}", "condition": u["cond"],
                         "condition_kind": "heading" if u.get("heading") and u["cond"] in u["heading"] else "sentence",
                         "en_chunk": u["en_chunk"], "en_span": u["en_span"], "en_section": u["en_section"]})
    (HERE / "pairs.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(units)} English units, {len(zh)} Chinese units, {len(rows)} pairs")


if __name__ == "__main__":
    main()
