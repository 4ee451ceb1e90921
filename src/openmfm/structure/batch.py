"""Batch structuring over a folder of notes or a JSONL file, resumable after a kill.

Results are appended to a JSONL file, one line per note; after each note a progress file (written
to a temporary name, then ``os.replace``) records the ids done and the results file's length, so a
resumed run truncates a half-written last line and skips what is done. One audit entry per note,
as each is one ``structure`` call.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config
from ..errors import InvalidInput, MFMError
from ..knowledge.readers import SUFFIXES, read_file
from ..records import RequestContext
from .pipeline import structure


@dataclass
class BatchSummary:
    done: int = 0
    skipped: int = 0  # done by an earlier run
    failed: dict[str, str] = field(default_factory=dict)
    entities: Counter = field(default_factory=Counter)
    assertions: Counter = field(default_factory=Counter)
    flags: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def notes_per_s(self) -> float:
        return self.done / self.seconds if self.seconds else 0.0


def notes(source: Path) -> Iterator[tuple[str, str | None]]:
    """(id, text) for each note: every readable file of a folder, or each record of one file.
    The readers gather records without a text field into one table document (no key); here that
    is a record with no note (text None), reported as a failure, not structured as a note."""
    if source.is_dir():
        for p in sorted(source.rglob("*")):
            if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.endswith(".meta.json"):
                for i, d in enumerate(read_file(p, p.read_bytes())):
                    yield (str(p.relative_to(source)) + (f"#{d.key or i}" if d.key or i else "")), _text(d)
    elif source.is_file():
        for i, d in enumerate(read_file(source, source.read_bytes())):
            yield (d.key or str(i)), _text(d)
    else:
        raise InvalidInput(f"{source} is neither a file nor a folder.", "Pass a note file, a JSONL file or a folder.")


def _text(doc) -> str | None:
    return None if doc.fmt in ("json", "jsonl", "csv") and doc.key is None else doc.text


def _progress_path(out: Path) -> Path:
    return out.with_name(out.name + ".progress.json")


def _write_progress(path: Path, done: list[str], offset: int) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps({"done": done, "offset": offset}), encoding="utf-8")
    os.replace(tmp, path)


def run_batch(source: Path, out: Path, *, cfg: Config, ctx: RequestContext, language: str | None = None,
              model=None, deid: bool = False, on_note: Callable[[str, int], None] | None = None) -> BatchSummary:
    prog = _progress_path(out)
    done: list[str] = []
    offset = 0
    if prog.is_file() and out.is_file():
        state = json.loads(prog.read_text(encoding="utf-8"))
        done, offset = state["done"], state["offset"]
        with open(out, "r+b") as fh:  # drop a line a killed run left half-written
            fh.truncate(offset)
    elif out.exists():
        out.unlink()
    seen = set(done)
    summary = BatchSummary(skipped=len(seen))
    t0 = time.perf_counter()
    with open(out, "ab") as fh:
        for nid, text in notes(source):
            if nid in seen:
                continue
            try:
                if text is None:
                    raise InvalidInput("The record has no text field.", "Give each record a text, content or body field.")
                note = structure(text, cfg=cfg, ctx=ctx, language=language, model=model, deid=deid)
            except MFMError as e:
                summary.failed[nid] = e.message
                line = {"id": nid, "error": e.message}
            else:
                summary.done += 1
                summary.entities.update(e.type for e in note.entities)
                summary.assertions.update(e.assertion for e in note.entities)
                summary.flags.update(f.kind for f in note.flags)
                line = {"id": nid, **note.model_dump(mode="json")}
            fh.write((json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
            done.append(nid)
            seen.add(nid)
            _write_progress(prog, done, fh.tell())
            if on_note:
                on_note(nid, summary.done + len(summary.failed))
    summary.seconds = time.perf_counter() - t0
    return summary
