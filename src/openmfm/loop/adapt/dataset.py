"""Training data: read and validate instruction JSONL, remove PHI, de-duplicate, hash.

Validation stops nothing silently: every malformed line is named with its field, and the step
fails until the file is fixed (a training set with a dropped line is a different training set).
PHI goes through the de-identification layer under the policy's ``[adapt] phi``: ``deidentify``
rewrites the fields with ``[deid] default_operator``, ``refuse`` fails naming the line and field.
Near-duplicates (MinHash over question + answer, the knowledge layer's detector) are dropped so
one example repeated does not dominate a small set. The card's sha256 is the hash of the exact
bytes training reads.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ...config import Config
from ...errors import InvalidInput, PolicyViolation
from ...knowledge.dedup import NEAR_DUP_THRESHOLD, fingerprint, jaccard
from ...records import RequestContext
from ...safety.deid import deid
from ...safety.policy import Policy
from ...text import detect_language, normalize_text
from .schema import CITATION, Example

MAX_LISTED = 5


def _field(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(the line)"


def read_examples(path: Path, origin: str = "user") -> list[tuple[str, Example]]:
    """Every example of a JSONL file with where it came from ("file:line"); raises InvalidInput
    naming each malformed line and its field."""
    if not path.is_file():
        raise InvalidInput(f"No training data file {path}.", "Pass a JSONL file of {question, evidence, answer}.")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise InvalidInput(f"{path} is not UTF-8 text.", "Save it as UTF-8 JSON lines.") from None
    out: list[tuple[str, Example]] = []
    errors: list[str] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path.name}:{n}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"line {n}: not valid JSON ({e.msg} at column {e.colno})")
            continue
        if not isinstance(row, dict):
            errors.append(f"line {n}: expected a JSON object, got {type(row).__name__}")
            continue
        row.setdefault("origin", origin)
        try:
            out.append((where, Example.model_validate(row)))
        except ValidationError as e:
            for err in e.errors():
                msg = err["msg"].removeprefix("Value error, ")
                errors.append(f"line {n}, field '{_field(err['loc'])}': {msg}" if err["loc"] else f"line {n}, field {msg}")
    if errors:
        shown = "\n  ".join(errors[:MAX_LISTED]) + (f"\n  ... and {len(errors) - MAX_LISTED} more"
                                                     if len(errors) > MAX_LISTED else "")
        raise InvalidInput(f"{path.name} has {len(errors)} malformed line(s):\n  {shown}",
                           'Each line is {"question": str, "evidence": [{"id", "text", "source"}], "answer": str '
                           'citing evidence as [n]}.')
    if not out:
        raise InvalidInput(f"{path.name} has no examples.", "Add JSON lines of {question, evidence, answer}.")
    return out


def _texts(ex: Example) -> dict[str, Any]:
    """The free text of an example; the answer goes in pieces between its [n] markers, so that
    de-identification can never rewrite a citation."""
    return {"question": ex.question, "answer": CITATION.split(ex.answer)[0::2], "evidence": [e.text for e in ex.evidence]}


def _rejoin(pieces: list[str], original: str) -> str:
    marks = [f"[{n}]" for n in CITATION.findall(original)]
    return "".join(p + (marks[i] if i < len(marks) else "") for i, p in enumerate(pieces))


def remove_phi(examples: list[tuple[str, Example]], *, ctx: RequestContext, cfg: Config,
               policy: Policy) -> tuple[list[tuple[str, Example]], dict[str, int]]:
    """All examples through one de-identification call (one audit entry); PHI found is rewritten
    or refused as ``[adapt] phi`` says. Returns the examples and the counts per entity type."""
    result = deid([_texts(ex) for _, ex in examples], ctx=ctx, cfg=cfg, policy=policy)
    counts = dict(Counter(e.entity_type for e in result.entities))
    if not result.entities:
        return examples, counts
    if policy.adapt.phi == "refuse":
        found = []
        for e in result.entities[:MAX_LISTED]:
            idx, field = ((e.path or "0").split(".") + ["?"])[:2]
            found.append(f"{examples[int(idx)][0]} field '{field}': {e.entity_type}")
        raise PolicyViolation(f"The training data holds PHI ({sum(counts.values())} identifiers):\n  " + "\n  ".join(found),
                              "De-identify it first (`mfm deid FILE`), or set [adapt] phi = \"deidentify\" in the policy.")
    out = []
    for (where, ex), clean in zip(examples, result.data):
        evidence = [e.model_copy(update={"text": t}) for e, t in zip(ex.evidence, clean["evidence"])]
        out.append((where, ex.model_copy(update={"question": clean["question"], "answer": _rejoin(clean["answer"], ex.answer),
                                                 "evidence": evidence})))
    return out, counts


def deduplicate(examples: list[tuple[str, Example]]) -> tuple[list[tuple[str, Example]], list[str]]:
    """Keep the first of each group of near-identical (question, answer) pairs; returns the kept
    examples and "where" of each dropped one."""
    kept: list[tuple[str, Example]] = []
    seen_exact: set[str] = set()
    prints: list[Any] = []
    dropped: list[str] = []
    for where, ex in examples:
        key = normalize_text(f"{ex.question}\n{ex.answer}").lower()
        fp = fingerprint(key)
        if key in seen_exact or (fp is not None and any(jaccard(fp, p) >= NEAR_DUP_THRESHOLD for p in prints)):
            dropped.append(where)
            continue
        seen_exact.add(key)
        if fp is not None:
            prints.append(fp)
        kept.append((where, ex))
    return kept, dropped


def content_hash(examples: Iterable[Example]) -> tuple[bytes, str]:
    """The JSONL bytes training reads and their sha256."""
    raw = "".join(ex.model_dump_json() + "\n" for ex in examples).encode("utf-8")
    return raw, hashlib.sha256(raw).hexdigest()


def prepare(sources: list[tuple[Path, str]], out: Path, *, ctx: RequestContext, cfg: Config,
            policy: Policy) -> dict[str, Any]:
    """Validate, de-identify and de-duplicate the sources (path, origin) into ``out``; the card."""
    examples: list[tuple[str, Example]] = []
    files = []
    for path, origin in sources:
        examples += read_examples(path, origin)
        files.append({"path": str(path), "origin": origin, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()})
    examples, phi = remove_phi(examples, ctx=ctx, cfg=cfg, policy=policy)
    kept, dropped = deduplicate(examples)
    raw, sha = content_hash(ex for _, ex in kept)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_bytes(raw)
    tmp.replace(out)
    return {"path": str(out), "sha256": sha, "examples": len(kept), "read": len(examples),
            "duplicates": len(dropped), "duplicates_dropped": dropped[:20], "phi": phi,
            "phi_action": policy.adapt.phi if phi else "none", "sources": files,
            "origins": dict(Counter(ex.origin for _, ex in kept)),
            "languages": dict(Counter(detect_language(ex.question) for _, ex in kept))}


def load_examples(path: Path) -> list[Example]:
    """The prepared set written by ``prepare`` (already validated)."""
    return [Example.model_validate_json(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
