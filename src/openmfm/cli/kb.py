"""`mfm kb`: build, fill, inspect and search knowledge bases of versioned evidence."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer
from rich.markup import escape
from rich.table import Table

from ..dates import parse_day
from ..errors import KnowledgeBaseError
from .common import config_from_flags, console

app = typer.Typer(help="Knowledge bases: versioned evidence sources and hybrid zh/en search.", no_args_is_help=True)

KB_OPT = typer.Option(None, "--kb", help="Knowledge base name (default: [kb] name, 'default').")
JSON_OPT = typer.Option(False, "--json", help="Print JSON.")


def _kb(name: str | None, create: bool = False):
    from ..knowledge import open_kb  # deferred: the knowledge layer (faiss, bm25s, jieba) would slow `mfm --help`

    return open_kb(config_from_flags(), name, create=create)


def _when(ver) -> str:
    d = ver.effective or ver.published
    return d.isoformat() if d else f"ingested {ver.ingested_at.date().isoformat()}"


@app.command("build-default")
def build_default(
    if_absent: bool = typer.Option(False, "--if-absent",
                                   help="Do nothing when the KB exists and was built by this version's recipe."),
    force: bool = typer.Option(False, "--force", help="Rebuild from scratch (documents you added are not kept)."),
    embed_now: bool = typer.Option(False, "--embed-now",
                                   help="Compute the guideline vectors inside the build instead of in the background."),
    kb: Optional[str] = KB_OPT,
    as_json: bool = JSON_OPT,
) -> None:
    """Build the default KB: open-medicine guidelines (en), CMeKG knowledge (zh), ICD-10 terms.

    Takes a few minutes on two cores; the guideline vectors are then computed by a background
    process at idle priority (`mfm kb list` shows how far), and search uses them as they arrive.
    An existing KB is updated in place, keeping documents you added; one built by an older
    recipe is rebuilt.

    Example: mfm kb build-default --if-absent
    """
    from ..knowledge.default_kb import build_default as build  # deferred: knowledge layer, as in _kb

    report = build(config_from_flags(), if_absent=if_absent, progress=not as_json, name=kb, force=force,
                   embed="now" if embed_now else "background")
    if as_json:
        console.print_json(report.model_dump_json())
        return
    if report.skipped:
        console.print(f"Knowledge base already present at {report.kb_dir} (snapshot {report.snapshot_id}); nothing to do.")
        return
    if report.rebuilt_because:
        console.print(f"Rebuilt {report.kb_dir}: it was {report.rebuilt_because}.")
    _print_results(report.results)
    parts = ", ".join(f"{k} {v:.0f}s" for k, v in report.seconds_by_part.items())
    console.print(f"Built {report.kb_dir}: {report.chunks:,} chunks ({report.embedded:,} embedded), {report.facts:,} facts, "
                  f"in {report.seconds:.0f}s ({parts}). Snapshot {report.snapshot_id}.")
    if report.pending:
        console.print(f"{report.pending:,} guideline chunks are being embedded in the background (idle priority); "
                      "search uses BM25 for them until then. Progress: mfm kb list")


@app.command("add")
def add(
    paths: List[Path] = typer.Argument(..., help="Files or directories (searched recursively)."),
    title: Optional[str] = typer.Option(None, help="Title (single file) - overrides front matter."),
    publisher: Optional[str] = typer.Option(None),
    author: Optional[str] = typer.Option(None),
    doc_type: Optional[str] = typer.Option(None, "--doc-type",
                                           help="guideline, label, textbook, article, local_protocol, kg_fact, other"),
    language: Optional[str] = typer.Option(None, "--lang", help="zh or en (default: detected)."),
    licence: Optional[str] = typer.Option(None, "--licence", "--license"),
    attribution: Optional[str] = typer.Option(None),
    url: Optional[str] = typer.Option(None),
    doi: Optional[str] = typer.Option(None),
    published: Optional[str] = typer.Option(None, help="Publication date YYYY[-MM[-DD]]."),
    effective: Optional[str] = typer.Option(None, help="Date from which this version is in force."),
    edition: Optional[str] = typer.Option(None, "--edition", help="Edition or version label."),
    source_id: Optional[str] = typer.Option(None, "--id", help="Source id (single file); default: from the path."),
    max_mb: float = typer.Option(25.0, "--max-mb", help="Refuse files larger than this."),
    no_embed: bool = typer.Option(False, "--no-embed", help="BM25 only (no dense vectors): much faster."),
    kb: Optional[str] = KB_OPT,
    as_json: bool = JSON_OPT,
) -> None:
    """Ingest files (md, txt, html, pdf, docx, csv, json, jsonl; UTF-8 or GBK) as versioned sources.

    Changed content becomes a new version; unchanged files are skipped, so re-running after an
    interruption resumes. Every file gets a line in the report.

    Example: mfm kb add guidelines/ --doc-type guideline --publisher "Hospital X" --licence internal
    """
    meta = dict(title=title, publisher=publisher, author=author, doc_type=doc_type, language=language,
                licence=licence, attribution=attribution, url=url, doi=doi, published=published,
                effective=effective, edition=edition, id=source_id)
    base = _kb(kb, create=True)
    report = base.add_paths(paths, max_mb=max_mb, embed=not no_embed, progress=not as_json,
                            **{k: v for k, v in meta.items() if v is not None})
    if as_json:
        console.print_json(report.model_dump_json())
    else:
        _print_results(report.results)
        console.print(f"{report.count('added')} added, {report.count('new_version')} new versions, "
                      f"{report.count('unchanged')} unchanged, {report.count('duplicate')} duplicates, "
                      f"{report.count('failed')} failed; {report.chunks_written} chunks in {report.seconds:.1f}s. "
                      f"Snapshot {report.snapshot_id}.")
    if report.count("failed"):
        raise typer.Exit(1)


def _print_results(results) -> None:
    colour = {"added": "green", "new_version": "cyan", "unchanged": "dim", "duplicate": "yellow", "failed": "red"}
    table = Table(show_header=True, header_style="bold")
    for c in ("status", "file", "source", "ver", "chunks", "note"):
        table.add_column(c, overflow="fold")
    for r in results:
        note = r.reason or ""
        if r.duplicate_of:
            note = f"duplicate of {r.duplicate_of}: {note}"
        if r.flags:
            note = (note + " " if note else "") + "flags: " + ",".join(r.flags)
        if r.encoding and r.encoding not in ("utf-8", None):
            note = (note + " " if note else "") + f"(encoding {r.encoding})"
        table.add_row(f"[{colour[r.status]}]{r.status}[/]", escape(r.path), escape(r.source_id or ""),
                      str(r.version or ""), str(r.chunks or ""), escape(note))
    console.print(table)


@app.command("list")
def list_(kb: Optional[str] = KB_OPT, as_json: bool = JSON_OPT) -> None:
    """List sources with version, type, language, licence and attribution.

    Example: mfm kb list
    """
    base = _kb(kb)
    infos = base.sources()
    if as_json:
        console.print_json(json.dumps([i.model_dump(mode="json") for i in infos], ensure_ascii=False))
        return
    table = Table(title=f"Knowledge base '{base.name}' - snapshot {base.snapshot_id} - {len(infos)} sources")
    for c in ("source", "title", "ver", "type", "lang", "date", "chunks", "licence / attribution"):
        table.add_column(c, overflow="fold")
    for i in infos:
        v = i.version
        lic = (i.source.licence or "unknown") + (f"\n{i.source.attribution}" if i.source.attribution else "")
        flags = f" [red]{','.join(v.flags)}[/]" if v and v.flags else ""
        table.add_row(escape(i.source.id), escape(i.source.title) + flags, str(v.version if v else "-"),
                      i.source.doc_type, i.source.language, _when(v) if v else "-",
                      f"{i.chunks:,}" + _vector_note(i), escape(lic))
    console.print(table)
    done, total, state = base.embedding_progress()
    if done < total:
        why = {"running": "embedding in the background at idle priority",
               "error": f"stopped after an error, see {base.dir / 'vectors.log'}; rebuild with mfm kb build-default --force",
               "idle": "waiting: the next `mfm` command that opens this KB restarts it"}[state]
        console.print(f"Vectors: {done:,} of {total:,} chunks ({why}).")


def _vector_note(info) -> str:
    if not info.embedded:
        return " (bm25)"
    return "" if info.vectors >= info.chunks else f" ({info.vectors:,} with vectors)"


@app.command("search")
def search(
    query: str = typer.Argument(..., help="A question or keywords, Chinese or English."),
    k: int = typer.Option(5, "--k", "-k", help="Number of results."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Search the versions in force on this date."),
    doc_type: Optional[List[str]] = typer.Option(None, "--doc-type", help="Only these document types."),
    lang: Optional[List[str]] = typer.Option(None, "--lang", help="Only sources in this language (zh, en)."),
    source: Optional[List[str]] = typer.Option(None, "--source", help="Only these source ids."),
    no_expand: bool = typer.Option(False, "--no-expand", help="Do not add synonyms / translations of terms."),
    kb: Optional[str] = KB_OPT,
    as_json: bool = JSON_OPT,
) -> None:
    """Hybrid search (BM25 + dense); each hit shows source, version, date, licence and the quoted span.

    Example: mfm kb search "心梗 阿司匹林负荷剂量" --k 3
    """
    base = _kb(kb)
    when = parse_day(as_of, "--as-of date")
    hits = base.search(query, k=k, doc_types=doc_type, languages=lang, source_ids=source, as_of=when,
                       expand_terms=not no_expand)
    if as_json:
        console.print_json(json.dumps([h.model_dump(mode="json") for h in hits], ensure_ascii=False))
        return
    head = f"KB '{base.name}' snapshot {base.snapshot(when)}" + (f" as of {when}" if when else "")
    if not no_expand:
        from ..knowledge.terminology import normalize_query  # deferred: knowledge layer, as in _kb

        nq = normalize_query(query, base.cfg)
        if nq.expansions:
            head += f"; expanded with: {', '.join(nq.expansions[:8])}"
    console.print(f"[dim]{escape(head)}[/]")
    if not hits:
        console.print("No evidence found. Try other words, or check the filters (mfm kb list).")
        return
    for h in hits:
        s, v = h.source, h.source_version
        flags = f" [red]({', '.join(v.flags)})[/]" if v.flags else ""
        console.print(f"\n[bold][{h.rank}][/] [bold]{escape(s.title)}[/]{flags}")
        console.print(f"    {escape(s.id)} v{v.version} | {_when(v)} | {s.doc_type} | licence: {escape(s.licence or 'unknown')}"
                      f" | chars {h.span_start}-{h.span_end} | score {h.score:.3f} "
                      f"(bm25 {h.scores.get('bm25', 0):.2f}, dense {h.scores.get('dense', 0):.3f})")
        if h.chunk.section:
            console.print(f"    [dim]§ {escape(h.chunk.section)}[/]")
        quote = h.quote.strip().replace("\n", "\n    > ")
        console.print(f"    > {escape(quote)}", highlight=False)


@app.command("show")
def show(
    source_id: str = typer.Argument(..., help="Source id (see mfm kb list)."),
    version: Optional[int] = typer.Option(None, "--version", "-v", help="Version (default: newest)."),
    full: bool = typer.Option(False, "--full", help="Print the whole clean text."),
    kb: Optional[str] = KB_OPT,
    as_json: bool = JSON_OPT,
) -> None:
    """Show a source's metadata, its versions and (the start of) a version's clean text.

    Example: mfm kb show open-medicine/bts_cap_2009
    """
    base = _kb(kb)
    src = base.source(source_id)
    versions = base.versions(source_id)
    ver = next((v for v in versions if v.version == (version or versions[-1].version)), None)
    if ver is None:
        raise KnowledgeBaseError(f"Source {source_id!r} has no version {version}.", f"mfm kb versions {source_id}")
    text = base.text(source_id, ver.version)
    if as_json:
        console.print_json(json.dumps({"source": src.model_dump(mode="json"), "version": ver.model_dump(mode="json"),
                                       "text": text}, ensure_ascii=False))
        return
    table = Table(show_header=False, title=f"{src.id} v{ver.version}")
    for key, val in src.model_dump().items():
        if val:
            table.add_row(key, escape(str(val)))
    for key in ("content_sha256", "published", "effective", "edition", "original_encoding", "ingested_at", "superseded_at", "flags"):
        val = getattr(ver, key)
        if val:
            table.add_row(key, escape(str(val)))
    table.add_row("versions", ", ".join(f"v{v.version}" + (" (superseded)" if v.superseded_at else "") for v in versions))
    console.print(table)
    shown = text if full or len(text) <= 1500 else text[:1500] + f"\n... ({len(text):,} characters; --full for all)"
    console.print(escape(shown), highlight=False)


@app.command("versions")
def versions(source_id: str = typer.Argument(...), kb: Optional[str] = KB_OPT, as_json: bool = JSON_OPT) -> None:
    """List a source's versions: dates, content hash, what superseded what.

    Example: mfm kb versions my-protocol-1a2b3c
    """
    base = _kb(kb)
    vs = base.versions(source_id)
    if as_json:
        console.print_json(json.dumps([v.model_dump(mode="json") for v in vs]))
        return
    table = Table(title=f"Versions of {source_id}")
    for c in ("ver", "in force from", "ingested", "superseded", "sha256", "encoding", "flags"):
        table.add_column(c)
    for v in vs:
        table.add_row(str(v.version), _when(v), v.ingested_at.strftime("%Y-%m-%d %H:%M:%S"),
                      v.superseded_at.strftime("%Y-%m-%d %H:%M:%S") if v.superseded_at else "current",
                      v.content_sha256[:12], v.original_encoding or "", ",".join(v.flags))
    console.print(table)


@app.command("diff")
def diff(source_id: str = typer.Argument(...), v1: int = typer.Argument(...), v2: int = typer.Argument(...),
         kb: Optional[str] = KB_OPT) -> None:
    """Unified diff between two versions of a source's clean text.

    Example: mfm kb diff my-protocol-1a2b3c 1 2
    """
    out = _kb(kb).diff(source_id, v1, v2)
    if not out:
        console.print(f"v{v1} and v{v2} have the same text.")
        return
    for line in out.splitlines():
        style = "green" if line.startswith("+") else "red" if line.startswith("-") else "cyan" if line.startswith("@@") else None
        console.print(f"[{style}]{escape(line)}[/]" if style else escape(line), highlight=False)


@app.command("remove")
def remove(source_id: str = typer.Argument(...), yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask."),
           kb: Optional[str] = KB_OPT) -> None:
    """Delete a source and all its versions from the KB (the snapshot id changes).

    Example: mfm kb remove my-protocol-1a2b3c --yes
    """
    base = _kb(kb)
    base.source(source_id)
    if not yes and not typer.confirm(f"Remove {source_id} and all its versions?"):
        raise typer.Exit(1)
    n = base.remove(source_id)
    console.print(f"Removed {source_id} ({n:,} chunks). Snapshot {base.snapshot_id}.")


@app.command("facts")
def facts(entity: str = typer.Argument(..., help="Entity name (Chinese, or a name the terminology maps to one)."),
          relation: Optional[str] = typer.Option(None, "--relation", "-r", help="e.g. 用法用量, 禁忌, 不良反应"),
          limit: int = typer.Option(30, help="Show at most this many."),
          kb: Optional[str] = KB_OPT, as_json: bool = JSON_OPT) -> None:
    """Knowledge-graph facts (CMeKG triples) about an entity, with their source and span.

    Example: mfm kb facts 阿司匹林肠溶片 --relation 用法用量
    """
    base = _kb(kb)
    ev = base.facts(entity, relation)
    if as_json:
        console.print_json(json.dumps([e.model_dump(mode="json") for e in ev[:limit]], ensure_ascii=False))
        return
    if not ev:
        rels = base.relations(entity)
        console.print(f"No facts for {entity!r}" + (f" with relation {relation!r}; it has: {', '.join(rels)}" if rels else "."))
        return
    s = ev[0].source
    console.print(f"[dim]{escape(s.title)} v{ev[0].source_version.version} | licence: {escape(s.licence or '')} | "
                  f"snapshot {ev[0].snapshot_id}[/]")
    for e in ev[:limit]:
        subj, rel, obj = e.chunk.fact
        console.print(f"  {escape(subj)} | {escape(rel)} | {escape(obj)}  [dim]({e.chunk.id}, chars {e.span_start}-{e.span_end})[/]")
    if len(ev) > limit:
        console.print(f"  ... {len(ev) - limit} more (--limit)")
