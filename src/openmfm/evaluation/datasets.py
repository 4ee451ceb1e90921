"""Evaluation datasets: one loader per public format, a registry by name, a card and a content hash.

Users bring their own copies of MedQA, PubMedQA, CMMLU and the rest; the loaders turn each format
into the shared ``EvalItem`` so every task, scorer and report works on any of them. A malformed row
is counted and kept as an example in ``Dataset.malformed`` instead of failing the load: a run over
10,000 items should not die on row 7,312, and the report says how many rows were skipped and why.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from charset_normalizer import from_bytes
from pydantic import ValidationError

from ..errors import DatasetError
from ..records import EvalItem
from ..text import detect_language
from .safety_set import BUILTIN
from .safety_set import LICENCE as BUILTIN_LICENCE

LETTERS = "ABCDEFGHIJ"
YNM = {"yes": "yes", "no": "no", "maybe": "maybe"}


@dataclass
class DatasetCard:
    """What a report needs to say about a dataset: where it came from and what it measures."""

    name: str
    format: str
    licence: str
    task: str
    language: str
    size: int
    sha256: str
    path: str | None = None
    malformed: int = 0

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class Dataset:
    name: str
    items: list[EvalItem]
    card: DatasetCard
    malformed: list[str] = field(default_factory=list)  # "row 12: missing 'question'"

    def __len__(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class Format:
    name: str
    licence: str
    description: str
    load: Callable[[bytes, str], Iterable[EvalItem | str]]  # yields items, or error strings


FORMATS: dict[str, Format] = {}


def register_format(name: str, licence: str, description: str):
    """Add a loader to the registry; the loader yields ``EvalItem``s or a message per bad row."""

    def deco(fn: Callable[[bytes, str], Iterable[EvalItem | str]]):
        FORMATS[name] = Format(name, licence, description, fn)
        return fn

    return deco


# --------------------------------------------------------------------------- helpers
def _text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(raw).best()
        if best is None:
            raise DatasetError("The dataset file is not text.", "Convert it to UTF-8 JSON, JSONL or CSV.") from None
        return str(best)


def _json_rows(raw: bytes) -> Iterable[tuple[int, Any]]:
    """A JSON array or JSON lines; each bad line becomes ``(n, DatasetError)`` for the caller."""
    text = _text(raw).strip()
    if text.startswith("["):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise DatasetError(f"The file is not valid JSON: {e}", "Check the file or use JSON lines.") from None
        yield from enumerate(data, 1)
        return
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield n, json.loads(line)
        except json.JSONDecodeError as e:
            yield n, DatasetError(f"invalid JSON ({e.msg})")


def _json_object(raw: bytes) -> dict[str, Any]:
    try:
        data = json.loads(_text(raw))
    except json.JSONDecodeError as e:
        raise DatasetError(f"The file is not valid JSON: {e}", "Check that the file is complete.") from None
    if not isinstance(data, dict):
        raise DatasetError("Expected a JSON object at the top level.", "Is this the right --format?")
    return data


def _lang(*texts: str) -> str:
    return detect_language(" ".join(t for t in texts if t))


def _need(row: Any, *keys: str) -> None:
    if not isinstance(row, dict):
        raise ValueError("not an object")
    missing = [k for k in keys if row.get(k) in (None, "")]
    if missing:
        raise ValueError(f"missing {', '.join(repr(k) for k in missing)}")


def _rows(rows: Iterable[tuple[int, Any]], make: Callable[[int, Any], EvalItem | None]):
    for n, row in rows:
        if isinstance(row, Exception):
            yield f"row {n}: {row}"
            continue
        try:
            item = make(n, row)
        except (ValueError, KeyError, TypeError, IndexError) as e:
            yield f"row {n}: {e}"
            continue
        if item is not None:
            yield item


def _mcq(dataset: str, id_: str, question: str, options: dict[str, str], answer: str, **extra: Any) -> EvalItem:
    options = {k: str(v) for k, v in options.items() if str(v).strip()}
    if len(options) < 2:
        raise ValueError("fewer than two options")
    if answer not in options:
        raise ValueError(f"answer {answer!r} is not one of the options {sorted(options)}")
    return EvalItem(id=str(id_), dataset=dataset, task="mcq", question=question.strip(), options=options,
                    answer=answer, language=_lang(question, *options.values()), **extra)


# --------------------------------------------------------------------------- formats
@register_format("medqa", "MIT", "MedQA-USMLE JSONL: question, options {A..E}, answer_idx")
def load_medqa(raw: bytes, name: str):
    def make(n: int, r: Any) -> EvalItem:
        _need(r, "question", "options", "answer_idx")
        if not isinstance(r["options"], dict):
            raise ValueError("'options' is not an object")
        return _mcq(name, r.get("id", n), r["question"], r["options"], str(r["answer_idx"]).strip().upper(),
                    metadata={k: r[k] for k in ("meta_info",) if k in r})

    return _rows(_json_rows(raw), make)


@register_format("medmcqa", "MIT", "MedMCQA JSON/JSONL: question, opa..opd, cop (1-4; 0-3 when any row has 0)")
def load_medmcqa(raw: bytes, name: str):
    rows = list(_json_rows(raw))
    cops = [r.get("cop") for _, r in rows if isinstance(r, dict)]
    zero_based = any(c in (0, "0") for c in cops)

    def make(n: int, r: Any) -> EvalItem:
        _need(r, "question", "opa", "opb", "cop")
        cop = int(r["cop"]) + (1 if zero_based else 0)
        if not 1 <= cop <= 4:
            raise ValueError(f"'cop' {r['cop']!r} is out of range")
        options = {L: r.get(f"op{L.lower()}") or "" for L in "ABCD"}
        return _mcq(name, r.get("id", n), r["question"], options, "ABCD"[cop - 1],
                    metadata={k: r[k] for k in ("subject_name", "topic_name", "exp") if r.get(k)})

    return _rows(rows, make)


@register_format("pubmedqa", "MIT", "PubMedQA ori_pqal.json: {pmid: {QUESTION, CONTEXTS, final_decision}}")
def load_pubmedqa(raw: bytes, name: str):
    data = _json_object(raw)

    def make(pmid: Any, r: Any) -> EvalItem:
        _need(r, "QUESTION", "final_decision")
        gold = str(r["final_decision"]).strip().lower()
        if gold not in YNM:
            raise ValueError(f"final_decision {gold!r} is not yes/no/maybe")
        contexts = r.get("CONTEXTS") or []
        return EvalItem(id=str(pmid), dataset=name, task="yes_no_maybe", question=r["QUESTION"].strip(),
                        options=dict(YNM), answer=gold, context="\n".join(contexts) or None,
                        language=_lang(r["QUESTION"]),
                        metadata={"long_answer": r.get("LONG_ANSWER"), "year": r.get("YEAR")})

    return _rows(data.items(), make)


def _csv_mcq(raw: bytes, name: str, header: bool):
    reader = list(csv.reader(io.StringIO(_text(raw))))
    if header and reader:
        head = [h.strip().lower() for h in reader[0]]
        try:
            cols = [head.index(k) for k in ("question", "a", "b", "c", "d", "answer")]
        except ValueError:
            raise DatasetError("CMMLU CSV needs a header with Question,A,B,C,D,Answer.",
                               f"Found: {','.join(reader[0])}") from None
        body = enumerate(reader[1:], 2)
    else:
        cols = [0, 1, 2, 3, 4, 5]
        body = enumerate(reader, 1)

    def make(n: int, row: list[str]) -> EvalItem | None:
        if not any(c.strip() for c in row):
            return None
        if len(row) <= max(cols):
            raise ValueError(f"{len(row)} columns, expected {max(cols) + 1}")
        q, a, b, c, d, ans = (row[i] for i in cols)
        return _mcq(name, f"{name}-{n}", q, dict(zip("ABCD", (a, b, c, d))), ans.strip().upper())

    return _rows(body, make)


@register_format("mmlu", "MIT", "MMLU CSV without header: question,A,B,C,D,answer")
def load_mmlu(raw: bytes, name: str):
    return _csv_mcq(raw, name, header=False)


@register_format("cmmlu", "CC-BY-NC-4.0", "CMMLU CSV with header: [index,]Question,A,B,C,D,Answer")
def load_cmmlu(raw: bytes, name: str):
    return _csv_mcq(raw, name, header=True)


@register_format("mirage", "MIT (component datasets keep their own licences)",
                 "MIRAGE benchmark.json: {dataset: {id: {question, options, answer}}}")
def load_mirage(raw: bytes, name: str):
    data = _json_object(raw)

    def rows():
        for sub, body in data.items():
            if not isinstance(body, dict):
                yield sub, ValueError(f"dataset {sub!r} is not an object")
                continue
            for id_, r in body.items():
                yield f"{sub}/{id_}", (sub, r)

    def make(key: str, pair: Any) -> EvalItem:
        if isinstance(pair, Exception):
            raise pair
        sub, r = pair
        _need(r, "question", "options", "answer")
        item = _mcq(name, key, r["question"], r["options"], str(r["answer"]).strip(),
                    metadata={"subset": sub})
        if sorted(item.options.values()) == ["maybe", "no", "yes"]:  # PubMedQA*/BioASQ-Y/N as A/B/C
            item.task = "yes_no_maybe"
        return item

    return _rows(rows(), make)


@register_format("cmb-clin", "Apache-2.0", "CMB-Clin JSON: [{id, title, description, QA_pairs: [{question, answer}]}]")
def load_cmb_clin(raw: bytes, name: str):
    """Each QA pair becomes one generation item; the case record rides along for dialogue tasks."""
    for n, case in _json_rows(raw):
        try:
            if isinstance(case, Exception):
                raise case
            _need(case, "description", "QA_pairs")
            case_id = str(case.get("id", n))
            for k, qa in enumerate(case["QA_pairs"]):
                _need(qa, "question", "answer")
                yield EvalItem(id=f"{case_id}-{k}", dataset=name, task="generation", question=qa["question"],
                               answer=qa["answer"], context=case["description"],
                               language=_lang(case["description"], qa["question"]),
                               metadata={"case_id": case_id, "title": case.get("title", "")})
        except (ValueError, KeyError, TypeError, DatasetError) as e:
            yield f"row {n}: {e}"


@register_format("healthbench", "MIT", "HealthBench JSONL: prompt [{role, content}], rubrics [{criterion, points, tags}]")
def load_healthbench(raw: bytes, name: str):
    def make(n: int, r: Any) -> EvalItem:
        _need(r, "prompt", "rubrics")
        prompt = r["prompt"]
        if not isinstance(prompt, list) or not all(isinstance(m, dict) and "content" in m for m in prompt):
            raise ValueError("'prompt' is not a list of messages")
        rubric = []
        for c in r["rubrics"]:
            if not isinstance(c, dict) or "criterion" not in c or "points" not in c:
                raise ValueError("a rubric entry lacks 'criterion' or 'points'")
            rubric.append({"criterion": str(c["criterion"]), "points": float(c["points"]), "tags": c.get("tags", [])})
        last_user = next((m["content"] for m in reversed(prompt) if m.get("role") == "user"), prompt[-1]["content"])
        return EvalItem(id=str(r.get("prompt_id", n)), dataset=name, task="rubric", question=last_user,
                        rubric=rubric, language=_lang(last_user),
                        metadata={"conversation": prompt, "tags": r.get("example_tags", [])})

    return _rows(_json_rows(raw), make)


@register_format("medcalc", "CC-BY-SA-4.0", "MedCalc-Bench CSV: Patient Note, Question, Ground Truth Answer, Lower/Upper Limit")
def load_medcalc(raw: bytes, name: str):
    reader = csv.DictReader(io.StringIO(_text(raw)))
    need = ("Patient Note", "Question", "Ground Truth Answer")
    if not reader.fieldnames or any(k not in reader.fieldnames for k in need):
        raise DatasetError("MedCalc-Bench CSV needs the columns " + ", ".join(need) + ".",
                           f"Found: {', '.join(reader.fieldnames or [])}")

    def make(n: int, r: dict[str, str]) -> EvalItem:
        _need(r, *need)
        meta: dict[str, Any] = {"calculator": r.get("Calculator Name"), "output_type": r.get("Output Type")}
        for key, col in (("lower", "Lower Limit"), ("upper", "Upper Limit")):
            if (r.get(col) or "").strip():
                meta[key] = float(r[col])
        if meta.get("output_type") != "date":
            float(r["Ground Truth Answer"])  # a non-numeric gold is a malformed row
        return EvalItem(id=str(r.get("Row Number") or n), dataset=name, task="numeric", question=r["Question"],
                        context=r["Patient Note"], answer=r["Ground Truth Answer"].strip(),
                        language=_lang(r["Patient Note"], r["Question"]), metadata=meta)

    return _rows(enumerate(reader, 2), make)


@register_format("native", "as stated by its author", "OpenMFM JSONL: one EvalItem per line (id, task, question, ...)")
def load_native(raw: bytes, name: str):
    def make(n: int, r: Any) -> EvalItem:
        _need(r, "question")
        r = {"id": str(n), "dataset": name, "task": "mcq" if r.get("options") else "generation", **r}
        if "language" not in r:
            r["language"] = _lang(r["question"], *map(str, (r.get("options") or {}).values()))
        try:
            return EvalItem.model_validate(r)
        except ValidationError as e:
            raise ValueError("; ".join(f"{'.'.join(map(str, x['loc']))}: {x['msg']}" for x in e.errors())) from None

    return _rows(_json_rows(raw), make)


# --------------------------------------------------------------------------- detection and loading
def detect_format(path: Path, raw: bytes) -> str:
    """Guess the format from the file's first record; ``--format`` overrides it."""
    head = _text(raw[:200_000]).lstrip()
    if path.suffix.lower() == ".csv":
        first = head.splitlines()[0] if head else ""
        if "Patient Note" in first:
            return "medcalc"
        cells = [c.strip().lower() for c in next(csv.reader([first]), [])]
        return "cmmlu" if "question" in cells and "answer" in cells else "mmlu"
    if head.startswith("{") and not path.suffix.lower() == ".jsonl":
        try:
            data = json.loads(_text(raw))
        except json.JSONDecodeError:
            data = None
        if isinstance(data, dict) and data:
            first = next(iter(data.values()))
            if isinstance(first, dict) and "QUESTION" in first:
                return "pubmedqa"
            if isinstance(first, dict) and first and isinstance(next(iter(first.values())), dict):
                return "mirage"
    line = head.splitlines()[0] if head else ""
    probe = line if not head.startswith("[") else head[1:].lstrip()
    for key, fmt in (('"QA_pairs"', "cmb-clin"), ('"rubrics"', "healthbench"), ('"answer_idx"', "medqa"),
                     ('"opa"', "medmcqa"), ('"task"', "native")):
        if key in (probe if fmt != "cmb-clin" else head[:5000]):
            return fmt
    if '"question"' in probe:
        return "native"
    raise DatasetError(f"Cannot tell the format of {path.name}.",
                       f"Pass --format, one of: {', '.join(sorted(FORMATS))}.")


def load_dataset(source: str | Path, format: str | None = None, name: str | None = None) -> Dataset:
    """Load a dataset file (or a built-in set by name, e.g. ``safety``) into ``EvalItem``s."""
    if isinstance(source, str) and source in BUILTIN and not Path(source).exists():
        items = BUILTIN[source]()
        return Dataset(source, items, make_card(source, "builtin", items, items_hash(items), None, 0,
                                                licence=BUILTIN_LICENCE))
    path = Path(source).expanduser()
    if not path.is_file():
        raise DatasetError(f"No dataset file or built-in set named {source!r}.",
                           f"Give a path, or one of the built-in sets: {', '.join(sorted(BUILTIN))}.")
    raw = path.read_bytes()
    fmt = format or detect_format(path, raw)
    if fmt not in FORMATS:
        raise DatasetError(f"Unknown dataset format {fmt!r}.", f"Use one of: {', '.join(sorted(FORMATS))}.")
    name = name or path.stem
    items: list[EvalItem] = []
    bad: list[str] = []
    seen: set[str] = set()
    for out in FORMATS[fmt].load(raw, name):
        if isinstance(out, str):
            bad.append(out)
        elif out.id in seen:
            bad.append(f"item {out.id}: duplicate id")
        else:
            seen.add(out.id)
            items.append(out)
    if not items:
        raise DatasetError(f"{path.name} has no usable items as format {fmt!r} ({len(bad)} malformed).",
                           bad[0] if bad else "Is the file empty?")
    return Dataset(name, items, make_card(name, fmt, items, hashlib.sha256(raw).hexdigest(), str(path), len(bad)), bad)


def make_card(name: str, fmt: str, items: list[EvalItem], sha256: str, path: str | None, malformed: int,
              licence: str | None = None) -> DatasetCard:
    langs = sorted({i.language for i in items})
    tasks = sorted({i.task for i in items})
    return DatasetCard(name=name, format=fmt, licence=licence or FORMATS[fmt].licence, task="+".join(tasks),
                       language="+".join(langs), size=len(items), sha256=sha256, path=path, malformed=malformed)


def items_hash(items: Iterable[EvalItem]) -> str:
    """A content hash of parsed items, for sets that have no file (built-in, generated)."""
    h = hashlib.sha256()
    for it in items:
        h.update(it.model_dump_json().encode())
    return h.hexdigest()
