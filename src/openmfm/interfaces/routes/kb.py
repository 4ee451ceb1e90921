"""The knowledge base: search, sources and their versions, diffs, and uploads of new versions."""

from __future__ import annotations

from datetime import date
from pathlib import PurePath
from typing import Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile

from ...knowledge import IngestReport, SourceInfo
from ...knowledge.ingest import slug
from ...knowledge.readers import SUFFIXES
from ...records import RequestContext, SourceVersion
from ..auth import needs
from ..errors import ApiError
from ..schemas import DiffResponse, SearchRequest, SearchResponse, VersionText
from . import services_of

router = APIRouter(tags=["knowledge"])


@router.post("/v1/kb/search", response_model=SearchResponse)
async def search(body: SearchRequest, request: Request, ctx: RequestContext = needs("ask")) -> SearchResponse:
    """Hybrid search (BM25 + dense, zh/en); each hit is an evidence card with its source and span."""
    svc = services_of(request)
    return await svc.work_lane.run(svc.search, ctx, body.query, k=body.k, languages=body.languages,
                                   doc_types=body.doc_types, source_ids=body.source_ids, as_of=body.as_of)


@router.get("/v1/kb/sources", response_model=list[SourceInfo])
async def sources(request: Request, ctx: RequestContext = needs("ask")):
    """Every source with its newest version, licence and attribution."""
    svc = services_of(request)
    return await svc.work_lane.run(svc.sources, ctx)


@router.get("/v1/kb/sources/{source_id:path}/versions/{version}", response_model=VersionText)
async def version_text(source_id: str, version: int, request: Request,
                       ctx: RequestContext = needs("ask")) -> VersionText:
    """The clean text of one version: the text every citation's offsets index."""
    svc = services_of(request)
    text = await svc.work_lane.run(svc.version_text, ctx, source_id, version)
    return VersionText(source_id=source_id, version=version, text=text)


@router.get("/v1/kb/sources/{source_id:path}/versions", response_model=list[SourceVersion])
async def versions(source_id: str, request: Request, ctx: RequestContext = needs("ask")):
    """A source's versions: dates, content hash, what superseded what."""
    svc = services_of(request)
    return (await svc.work_lane.run(svc.source, ctx, source_id))["versions"]


@router.get("/v1/kb/sources/{source_id:path}", response_model=dict[str, Any])
async def source(source_id: str, request: Request, ctx: RequestContext = needs("ask")):
    """One source's metadata and its versions."""
    svc = services_of(request)
    found = await svc.work_lane.run(svc.source, ctx, source_id)
    return {"source": found["source"].model_dump(mode="json"),
            "versions": [v.model_dump(mode="json") for v in found["versions"]]}


@router.get("/v1/kb/diff", response_model=DiffResponse)
async def diff(request: Request, source_id: str = Query(..., max_length=500), v1: int = Query(..., ge=1),
               v2: int = Query(..., ge=1), ctx: RequestContext = needs("ask")) -> DiffResponse:
    """A unified diff between two versions of a source's clean text."""
    svc = services_of(request)
    out = await svc.work_lane.run(svc.diff, ctx, source_id, v1, v2)
    return DiffResponse(source_id=source_id, v1=v1, v2=v2, diff=out, same=not out)


def _upload_name(filename: str | None) -> str:
    """The stored name: the file's own name made safe, with a suffix the readers know."""
    p = PurePath((filename or "").replace("\\", "/"))
    suffix = p.suffix.lower()
    if suffix not in SUFFIXES:
        raise ApiError(415, "unsupported_file_type", f"Files of type '{suffix or '(none)'}' cannot be ingested.",
                       f"Upload one of: {', '.join(sorted(SUFFIXES))}.", param="files")
    return f"{slug(p.stem) or 'upload'}{suffix}"


@router.post("/v1/kb/upload", response_model=IngestReport)
async def upload(request: Request, files: list[UploadFile] = File(..., description="The documents (md, txt, html, pdf, docx, csv, json, jsonl)"),
                 title: str | None = Form(None), publisher: str | None = Form(None), author: str | None = Form(None),
                 doc_type: str | None = Form(None), language: str | None = Form(None),
                 licence: str | None = Form(None), attribution: str | None = Form(None), url: str | None = Form(None),
                 doi: str | None = Form(None), published: date | None = Form(None), effective: date | None = Form(None),
                 edition: str | None = Form(None), source_id: str | None = Form(None),
                 ctx: RequestContext = needs("manage_kb")) -> IngestReport:
    """Ingest documents: each becomes a source, or a new immutable version of the source uploaded
    under the same file name (or `source_id`) before. The report has one line per file."""
    svc = services_of(request)
    limit = int(svc.settings.max_upload_mb * 1024 * 1024)
    if len(files) > svc.settings.max_upload_files:
        raise ApiError(400, "too_many_files", f"{len(files)} files were sent; the limit is {svc.settings.max_upload_files}.",
                       "Upload them in several requests.", param="files")
    if source_id and len(files) > 1:
        raise ApiError(400, "one_id_many_files", "A source_id can name one file only.",
                       "Send one file with source_id, or leave source_id out.", param="source_id")
    named: list[tuple[str, bytes]] = []
    for f in files:
        name = _upload_name(f.filename)
        data = await f.read(limit + 1)
        if len(data) > limit:
            raise ApiError(413, "file_too_large", f"{name} is larger than {svc.settings.max_upload_mb:g} MB.",
                           "Split it, or start the server with a higher --max-upload-mb.", param="files")
        if not data:
            raise ApiError(400, "empty_file", f"{name} is empty.", "Upload a file with content.", param="files")
        named.append((name, data))
    if len({n for n, _ in named}) < len(named):
        raise ApiError(400, "duplicate_file_name", "Two uploaded files have the same name.",
                       "Rename one: a file name decides which source a file is a version of.", param="files")
    meta = dict(title=title, publisher=publisher, author=author, doc_type=doc_type, language=language, licence=licence,
                attribution=attribution, url=url, doi=doi, published=published and published.isoformat(),
                effective=effective and effective.isoformat(), edition=edition, id=source_id)
    return await svc.work_lane.run(svc.upload, ctx, named, {k: v for k, v in meta.items() if v})
