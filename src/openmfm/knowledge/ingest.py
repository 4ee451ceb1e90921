"""Files into the knowledge base: read, clean, de-duplicate, chunk, embed, and commit per file.

Each file is one transaction: all of its sources, versions, chunks and vectors commit together
or not at all, so a run killed part-way leaves the KB as it was before the file in progress and
re-running skips what is already in (unchanged content) and resumes with the rest. Every record
ends in exactly one report line: added, unchanged, new version, duplicate (naming its twin and,
for a near-duplicate, the similarity), or failed with the reason.

A record is compared with the KB's current versions and with the records of its own file in the
same way (exact hash, then MinHash LSH candidates checked by exact shingle overlap), so what is
kept does not depend on how documents are batched into files.

This module writes to a ``Store`` and knows nothing of ``KnowledgeBase``: the KB brings its
derived indexes up to date after a run (the dependency points one way).
"""

from __future__ import annotations

import hashlib
import re
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Literal, Protocol, get_args

import numpy as np
from pydantic import BaseModel, Field

from ..dates import parse_day
from ..errors import IngestError, InvalidInput
from ..records import Chunk, DocType, Source, SourceVersion, utcnow
from ..text import HAN_RANGES, detect_language, tokenize
from . import dedup
from .chunking import chunk_text
from .cleaning import clean_text, suspicious_instructions
from .readers import SUFFIXES, Document, read_file
from .store import NewChunk, SQLiteStore

DEFAULT_MAX_MB = 25.0
Status = Literal["added", "unchanged", "new_version", "duplicate", "failed"]


class FileResult(BaseModel):
    path: str
    status: Status
    source_id: str | None = None
    version: int | None = None
    chunks: int = 0
    facts: int = 0
    reason: str | None = None
    duplicate_of: str | None = None  # "<source id> v<version>" of the twin that was kept
    similarity: float | None = None  # near-duplicates: exact Jaccard of 5-character shingles with the twin
    flags: list[str] = Field(default_factory=list)
    encoding: str | None = None


class IngestReport(BaseModel):
    results: list[FileResult] = Field(default_factory=list)
    snapshot_id: str = ""
    seconds: float = 0.0
    chunks_written: int = 0
    chunks_embedded: int = 0
    embed_seconds: float = 0.0

    def count(self, status: Status) -> int:
        return sum(r.status == status for r in self.results)

    @property
    def chunks_per_s(self) -> float:
        return self.chunks_written / self.seconds if self.seconds else 0.0


@dataclass
class Prepared:
    """A document ready to commit."""

    result: FileResult
    source: Source
    version: SourceVersion
    text: str
    chunks: list[NewChunk]
    minhash: np.ndarray | None
    embed: bool
    meta: dict[str, Any] = field(default_factory=dict)
    facts: list = field(default_factory=list)  # store.Fact tuples (knowledge-graph sources)
    fingerprint: dedup.Fingerprint | None = None  # for comparing later records of the same file


def slug(s: str, limit: int = 60) -> str:
    s = unicodedata.normalize("NFKC", s).strip().lower()
    s = re.sub(rf"[^\w{HAN_RANGES}.-]+", "-", s).strip("-.")
    return s[:limit] or "doc"


def chunk_id(source_id: str, version: int, start: int, end: int, text: str) -> str:
    """Stable: the same text at the same place of the same version always gets the same id."""
    h = hashlib.sha256(f"{source_id}\x1f{version}\x1f{start}\x1f{end}\x1f{text}".encode()).hexdigest()
    return "c_" + h[:20]


def iter_files(paths: Iterable[str | Path]) -> Iterable[tuple[Path, str | None]]:
    """Files to ingest (directories recursively, sorted); a missing path yields its error."""
    for p in paths:
        p = Path(p).expanduser()
        if not p.exists():
            yield p, "the path does not exist"
        elif p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUFFIXES and not f.name.endswith(".meta.json") \
                        and not any(part.startswith(".") for part in f.relative_to(p).parts):
                    yield f, None
        else:
            yield p, None


class Target(Protocol):
    """What ingestion needs from a knowledge base: its store, and its embedder when embedding."""

    store: SQLiteStore

    @property
    def embedder(self) -> Any: ...


class Ingestor:
    """Reads, checks and commits files into ``kb.store``; it never touches the derived indexes."""

    def __init__(self, kb: Target, *, max_mb: float = DEFAULT_MAX_MB, embed: bool = True, progress: bool = False):
        self.kb = kb
        self.max_bytes = int(max_mb * 1024 * 1024)
        self.embed = embed
        self.progress = progress

    # ------------------------------------------------------------------ whole runs
    def add_paths(self, paths: Iterable[str | Path], overrides: dict[str, Any]) -> IngestReport:
        t0 = time.perf_counter()
        report = IngestReport()
        files = list(iter_files(paths))
        if overrides.get("id") and len(files) > 1:
            raise InvalidInput("A source id (--id) can name only one file.",
                               "Add the files one at a time, or drop --id to derive ids from the paths.")
        bar = _Bar(self.progress, len(files))
        with bar:
            for path, missing in files:
                bar.step(path.name)
                if missing:
                    report.results.append(FileResult(path=str(path), status="failed", reason=missing))
                    continue
                report.results.extend(self._one_file(path, overrides, report, bar))
        report.seconds = time.perf_counter() - t0
        return report

    def _one_file(self, path: Path, overrides: dict[str, Any], report: IngestReport, bar: "_Bar") -> list[FileResult]:
        try:
            size = path.stat().st_size
            if size > self.max_bytes:
                raise IngestError(
                    f"{path}: {size / 1048576:.1f} MB is over the {self.max_bytes / 1048576:.0f} MB limit per file.",
                    "Split the file, or raise the limit with --max-mb.")
            docs = read_file(path, path.read_bytes())
            prepared, results = [], []
            pending = _Pending()
            for doc in docs:
                item = self.prepare(doc, path, overrides, pending)
                if isinstance(item, FileResult):
                    results.append(item)
                else:
                    prepared.append(item)
                    pending.add(item)
            self._embed(prepared, report, bar)
            self.commit(prepared)
        except IngestError as e:
            return [FileResult(path=str(path), status="failed", reason=e.message + (f" ({e.hint})" if e.hint else ""))]
        except OSError as e:
            return [FileResult(path=str(path), status="failed", reason=f"cannot read: {e.strerror or e}")]
        report.chunks_written += sum(len(p.chunks) for p in prepared)
        return [p.result for p in prepared] + results

    # ------------------------------------------------------------------ one document
    def prepare(self, doc: Document, path: Path, overrides: dict[str, Any],
                pending: "_Pending | None" = None) -> Prepared | FileResult:
        """A document ready to commit, or its report line (unchanged, duplicate, failed).

        ``pending`` holds the records of the same file prepared so far (not yet in the store).
        """
        meta = {**doc.metadata, **{k: v for k, v in overrides.items() if v not in (None, "")}}
        where = f"{path}" + (f" [{doc.key}]" if doc.key else "")
        text = clean_text(doc.text, drop_repeated_lines=doc.drop_repeated_lines)
        if not text.strip():
            return FileResult(path=where, status="failed", reason="no text left after cleaning (empty or boilerplate only)")
        base_id = slug(str(meta["id"])) if meta.get("id") else \
            f"{slug(path.stem)}-{hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:6]}"
        source_id = f"{base_id}/{slug(doc.key)}" if doc.key else base_id
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        store = self.kb.store
        cur = store.current_sha(source_id)
        if cur and cur[1] == sha:
            return FileResult(path=where, status="unchanged", source_id=source_id, version=cur[0],
                              encoding=doc.encoding)
        dup = store.current_by_sha(sha)
        if dup and dup[0] != source_id:
            return FileResult(path=where, status="duplicate", source_id=source_id, duplicate_of=f"{dup[0]} v{dup[1]}",
                              reason="identical content is already in the knowledge base")
        pending = pending if pending is not None else _Pending()
        twin = pending.by_sha.get(sha)
        if twin:
            return FileResult(path=where, status="duplicate", source_id=source_id, duplicate_of=twin,
                              reason="identical to another record of this file")
        fp = dedup.fingerprint(text)
        if fp is not None:
            found = dedup.nearest(fp, self._candidates(fp, source_id, pending))
            if found is not None:
                where_twin = "another record of this file" if found.name in pending.names else "content already in the KB"
                sim = round(found.similarity, 3)
                return FileResult(path=where, status="duplicate", source_id=source_id, duplicate_of=found.name,
                                  similarity=sim,
                                  reason=f"near-duplicate of {where_twin}: Jaccard {sim:.3f} of "
                                         f"{dedup.SHINGLE}-character shingles (MinHash estimate {found.estimate:.2f})")
        if cur:  # a new version keeps the source's metadata unless this run gives new values
            prev = store.get_source(source_id)
            if prev is not None:
                kept = ("publisher", "author", "doc_type", "licence", "attribution", "url", "doi")
                meta = {**{k: v for k, v in prev.model_dump().items() if k in kept and v is not None}, **meta}
        try:
            doc_type = meta.get("doc_type") or "other"
            doc_type = str(doc_type).replace("-", "_").replace(" ", "_").lower()
            if doc_type not in get_args(DocType):
                raise IngestError(f"Unknown document type {doc_type!r}.", f"Use one of: {', '.join(get_args(DocType))}.")
            language = meta.get("language") or detect_language(text)
            if language not in ("zh", "en"):
                raise IngestError(f"Unsupported language {language!r}.", "Use zh or en.")
            published = parse_day(meta.get("published"), "published date", error=IngestError)
            effective = parse_day(meta.get("effective"), "effective date", error=IngestError)
        except IngestError as e:
            return FileResult(path=where, status="failed", reason=f"{e.message} {e.hint or ''}".strip())
        title = str(meta.get("title") or doc.title or path.stem)[:300]
        source = Source(
            id=source_id, title=title, publisher=_s(meta.get("publisher")), author=_s(meta.get("author")),
            doc_type=doc_type, language=language, licence=_s(meta.get("licence")),
            attribution=_s(meta.get("attribution")), url=_s(meta.get("url")), doi=_s(meta.get("doi")),
            path=str(path.resolve()),
        )
        flags = ["suspicious_instructions"] if suspicious_instructions(text) else []
        version_no = (cur[0] + 1) if cur else 1
        version = SourceVersion(source_id=source_id, version=version_no, content_sha256=sha, published=published,
                                effective=effective, edition=_s(meta.get("edition")), original_encoding=doc.encoding,
                                ingested_at=utcnow(), flags=flags)
        chunks = self.text_chunks(source_id, version_no, text, language, title)
        result = FileResult(path=where, status="new_version" if cur else "added", source_id=source_id,
                            version=version_no, chunks=len(chunks), flags=flags, encoding=doc.encoding)
        extra = {"format": doc.fmt}
        if flags:
            extra["suspicious"] = suspicious_instructions(text)[:5]
        return Prepared(result, source, version, text, chunks, fp.signature if fp else None, self.embed, extra,
                        fingerprint=fp)

    def _candidates(self, fp: dedup.Fingerprint, source_id: str, pending: "_Pending"):
        """LSH candidates from the store's current versions and from this file's earlier records."""
        store = self.kb.store
        for other, ver, sig in store.near_duplicates(fp.bands, exclude_source=source_id):
            yield f"{other} v{ver}", sig, lambda o=other, v=ver: dedup.fingerprint(store.version_text(o, v))
        for name, other_fp in pending.candidates(fp.bands, exclude_source=source_id):
            yield name, other_fp.signature, lambda f=other_fp: f

    @staticmethod
    def text_chunks(source_id: str, version: int, text: str, language: str, title: str | None) -> list[NewChunk]:
        out = []
        for sp in chunk_text(text):
            body = text[sp.start : sp.end]
            lang = detect_language(body) if language == "zh" or len(body) > 40 else language
            c = Chunk(id=chunk_id(source_id, version, sp.start, sp.end, body), source_id=source_id, version=version,
                      text=body, start=sp.start, end=sp.end, language=lang, section=sp.section)
            out.append(NewChunk(c, tokenize(index_text(c, title))))
        return out

    def _embed(self, prepared: list[Prepared], report: IngestReport, bar: "_Bar") -> None:
        todo: list[tuple[NewChunk, str]] = []
        for p in prepared:
            if not p.embed:
                continue
            reuse = self.kb.store.vectors_by_text(p.source.id) if p.version.version > 1 else {}
            for nc in p.chunks:
                if (nc.chunk.section, nc.chunk.text) in reuse:
                    nc.vector = reuse[(nc.chunk.section, nc.chunk.text)]
                else:
                    todo.append((nc, index_text(nc.chunk, p.source.title)))
        if not todo:
            return
        emb = self.kb.embedder
        t0 = time.perf_counter()
        bar.start_embed(len(todo))
        step = max(8, getattr(emb, "batch_size", 32))
        for i in range(0, len(todo), step):
            batch = todo[i : i + step]
            vecs = emb.embed_passages([text for _, text in batch])
            for (nc, _), v in zip(batch, vecs):
                nc.vector = v
            bar.advance_embed(len(batch))
        report.embed_seconds += time.perf_counter() - t0
        report.chunks_embedded += len(todo)

    def commit(self, prepared: list[Prepared]) -> None:
        if not prepared:
            return
        store = self.kb.store
        with store.transaction():
            for p in prepared:
                store.put_source(p.source, p.embed)
                store.add_version(p.version, p.text, p.chunks, p.minhash, p.meta, p.facts)


class _Pending:
    """The records of one file prepared so far, looked up the way the store's versions are."""

    def __init__(self) -> None:
        self.by_sha: dict[str, str] = {}
        self.names: set[str] = set()
        self._bands: dict[int, list[tuple[str, str, dedup.Fingerprint]]] = {}

    def add(self, p: Prepared) -> None:
        name = f"{p.source.id} v{p.version.version}"
        self.by_sha.setdefault(p.version.content_sha256, name)
        self.names.add(name)
        if p.fingerprint is not None:
            for b in p.fingerprint.bands:
                self._bands.setdefault(b, []).append((name, p.source.id, p.fingerprint))

    def candidates(self, bands: list[int], exclude_source: str) -> Iterable[tuple[str, dedup.Fingerprint]]:
        seen: set[str] = set()
        for b in bands:
            for name, source_id, fp in self._bands.get(b, ()):
                if source_id != exclude_source and name not in seen:
                    seen.add(name)
                    yield name, fp


def section_path(chunk: Chunk, title: str | None) -> str:
    """Where a chunk stands: "document title > section > subsection" (the title is left out when
    the first heading already is it)."""
    parts = [p for p in (chunk.section or "").split(" > ") if p]
    if title and not (parts and parts[0].casefold() == title.casefold()):
        parts.insert(0, title)
    return " > ".join(parts)


def index_text(chunk: Chunk, title: str | None) -> str:
    """What BM25 tokenizes and the embedder embeds: the section path, then the whole chunk.

    A recommendation's population and severity are often only in the headings above it ("High
    Severity (CURB-65 3-5, inpatient/ICU)"), and a bare list item names neither its disease nor
    its guideline. The path is context, not quote: the chunk's text, offsets and citations stay
    the source's own.
    """
    path = section_path(chunk, title)
    return f"{path}\n{chunk.text}" if path else chunk.text


def _s(v: Any) -> str | None:
    return None if v in (None, "") else str(v)


class _Bar:
    """rich progress for files and embedded chunks, or nothing when progress is off."""

    def __init__(self, enabled: bool, files: int):
        self.enabled = enabled
        self.files = files
        self._p = None

    def __enter__(self):
        if self.enabled:
            # deferred: rich.progress costs a noticeable import and a server or test run never shows a bar
            from rich.console import Console

            # deferred: as above
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._p = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                               TimeRemainingColumn(), console=Console(stderr=True), transient=False)
            self._p.__enter__()
            self._files = self._p.add_task("files", total=self.files)
            self._emb = None
        return self

    def __exit__(self, *exc):
        if self._p is not None:
            self._p.__exit__(*exc)

    def step(self, name: str) -> None:
        if self._p is not None:
            self._p.update(self._files, advance=1, description=f"files ({name[:30]})")

    def start_embed(self, n: int) -> None:
        if self._p is not None:
            if self._emb is None:
                self._emb = self._p.add_task("embedding chunks", total=n)
            else:
                self._p.update(self._emb, total=(self._p.tasks[self._emb].total or 0) + n)

    def advance_embed(self, n: int) -> None:
        if self._p is not None and self._emb is not None:
            self._p.update(self._emb, advance=n)
