"""File formats in, ``Document``s out: text with light Markdown structure plus its metadata.

Every reader renders structure as Markdown (headings ``#``, list items ``- ``, table rows
``| a | b |``) so that one chunker handles all formats. Readers raise ``IngestError`` with a reason
a user can act on; they never guess silently (a binary file renamed ``.txt`` is refused, not
decoded into mojibake).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import IngestError
from ..text import HAN_RE

TEXT_FIELDS = ("text", "content", "body", "abstract", "contexts", "passage", "document")
META_KEYS = {
    "id", "title", "publisher", "author", "doc_type", "language", "licence", "attribution", "url", "doi",
    "published", "effective", "edition",
}
_ALIASES = {"license": "licence", "doc-type": "doc_type", "type": "doc_type", "version": "edition", "lang": "language",
            "date": "published", "year": "published", "source_url": "url", "organization": "publisher"}
SUFFIXES = {".md", ".markdown", ".txt", ".text", ".html", ".htm", ".pdf", ".docx", ".csv", ".json", ".jsonl"}


@dataclass
class Document:
    """One source's worth of text from a file (a JSONL file yields one per record)."""

    text: str
    title: str | None
    fmt: str
    encoding: str | None = None
    key: str | None = None  # record id inside a multi-record file
    metadata: dict[str, Any] = field(default_factory=dict)
    drop_repeated_lines: bool = False


def normalise_meta(raw: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in raw.items():
        k = _ALIASES.get(str(k).strip().lower(), str(k).strip().lower())
        if k in META_KEYS and v not in (None, ""):
            out[k] = v
    return out


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """Text and the original encoding; GBK-family files are decoded as GB18030 (their superset)."""
    if not data.strip():
        raise IngestError(f"{path}: the file is empty.", "Remove it or add content.")
    head = data[:8192]
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        raise IngestError(f"{path}: looks like a binary file (NUL bytes), not text.",
                          "Convert it to a supported format (txt, md, html, pdf, docx, csv, json).")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:  # Chinese files that are not UTF-8 are almost always GBK/GB2312: GB18030 decodes all of them
        text = data.decode("gb18030")
        han = len(HAN_RE.findall(text))
        if han >= 0.3 * sum(not ch.isascii() for ch in text) and han > 0:
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # deferred: a reader's library only for its file type

    best = from_bytes(data).best()
    if best is None:
        raise IngestError(f"{path}: cannot determine the text encoding (binary or corrupted file?).",
                          "Save it as UTF-8 and add it again.")
    enc = best.encoding.lower()
    if enc in ("gb2312", "gbk", "gb18030", "hz", "big5") or enc.startswith("gb"):
        enc = "gb18030" if enc != "big5" else enc
    text = data.decode(enc, errors="replace")
    if text.count("\ufffd") > max(10, len(text) // 100):
        raise IngestError(f"{path}: does not decode cleanly as {enc} (mixed encodings?).",
                          "Convert it to UTF-8 (e.g. iconv) and add it again.")
    return text, enc


_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)


def _front_matter(text: str, path: Path) -> tuple[dict, str]:
    m = _FRONT.match(text)
    if not m:
        return {}, text
    import yaml  # deferred: a reader's library only for its file type

    try:
        meta = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError as e:
        raise IngestError(f"{path}: front matter is not valid YAML: {e}", "Fix the block between the --- lines.") from None
    if not isinstance(meta, dict):
        raise IngestError(f"{path}: front matter must be key: value pairs.", "Fix the block between the --- lines.")
    return meta, text[m.end():]


def _first_heading(text: str) -> str | None:
    m = re.search(r"^#{1,3}\s+(.+)$", text, re.MULTILINE)
    return m.group(1).strip() if m else None


def read_markdown(path: Path, data: bytes) -> list[Document]:
    text, enc = decode(data, path)
    meta, body = _front_matter(text, path)
    meta = normalise_meta(meta)
    return [Document(body, meta.get("title") or _first_heading(body), "markdown", enc, metadata=meta)]


def read_text(path: Path, data: bytes) -> list[Document]:
    text, enc = decode(data, path)
    meta, body = _front_matter(text, path)
    first = next((l.strip() for l in body.splitlines() if l.strip()), None)
    meta = normalise_meta(meta)
    return [Document(body, meta.get("title") or (first[:120] if first else None), "text", enc, metadata=meta)]


def read_html(path: Path, data: bytes) -> list[Document]:
    from bs4 import BeautifulSoup  # deferred: a reader's library only for its file type

    text, enc = decode(data, path)
    soup = BeautifulSoup(text, "html.parser")
    for tag in soup(["script", "style", "nav", "footer", "header", "noscript", "form", "aside"]):
        tag.decompose()
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    meta = {m.get("name", "").lower(): m.get("content") for m in soup.find_all("meta") if m.get("name")}
    lines: list[str] = []
    body = soup.body or soup
    for el in body.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr", "pre", "blockquote", "dd", "dt"]):
        if el.find_parent(["li", "tr", "pre", "blockquote"]) is not None and el.name not in ("tr",):
            continue
        if el.name == "tr":
            cells = [c.get_text(" ", strip=True) for c in el.find_all(["td", "th"])]
            lines.append("| " + " | ".join(cells) + " |")
            continue
        t = el.get_text(" ", strip=True)
        if not t:
            continue
        if el.name[0] == "h":
            lines.append("")
            lines.append("#" * int(el.name[1]) + " " + t)
            lines.append("")
        elif el.name == "li":
            lines.append("- " + t)
        else:
            lines.append("")
            lines.append(t)
            lines.append("")
    out = "\n".join(lines)
    if not out.strip():
        out = body.get_text("\n", strip=True)
    md = normalise_meta({k: v for k, v in meta.items() if k in ("author", "publisher", "doi", "description")})
    return [Document(out, title or _first_heading(out), "html", enc, metadata=md)]


def read_pdf(path: Path, data: bytes) -> list[Document]:
    from pypdf import PdfReader  # deferred: a reader's library only for its file type
    from pypdf.errors import PdfReadError  # deferred: a reader's library only for its file type

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception:
                ok = 0
            if not ok:
                raise IngestError(f"{path}: the PDF is encrypted (password protected).",
                                  "Remove the password (e.g. qpdf --decrypt) and add it again.")
        pages = [p.extract_text() or "" for p in reader.pages]
        info = reader.metadata or {}
    except IngestError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as e:
        raise IngestError(f"{path}: cannot read the PDF ({type(e).__name__}: {e}).",
                          "The file may be corrupt or truncated; re-export it.") from None
    text = "\n\n".join(pages)
    if not text.strip():
        raise IngestError(f"{path}: the PDF has no text layer (a scan?).", "Run OCR on it first (e.g. ocrmypdf).")
    title = (getattr(info, "title", None) or "").strip() or None
    author = (getattr(info, "author", None) or "").strip() or None
    return [Document(text, title, "pdf", None, metadata=normalise_meta({"author": author}),
                     drop_repeated_lines=True)]


def read_docx(path: Path, data: bytes) -> list[Document]:
    import docx  # deferred: a reader's library only for its file type
    from docx.table import Table  # deferred: a reader's library only for its file type
    from docx.text.paragraph import Paragraph  # deferred: a reader's library only for its file type

    try:
        d = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises zipfile/KeyError/lxml errors for bad files
        raise IngestError(f"{path}: cannot read the DOCX ({type(e).__name__}).",
                          "The file may be corrupt or not really a .docx; re-save it from the editor.") from None
    lines: list[str] = []
    for child in d.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            p = Paragraph(child, d)
            t = p.text.strip()
            if not t:
                continue
            style = (p.style.name if p.style is not None else "") or ""
            m = re.match(r"Heading (\d)", style)
            if m or style == "Title":
                lines += ["", "#" * (int(m.group(1)) if m else 1) + " " + t, ""]
            elif "List" in style:
                lines.append("- " + t)
            else:
                lines += [t, ""]
        elif tag == "tbl":
            for row in Table(child, d).rows:
                lines.append("| " + " | ".join(c.text.strip() for c in row.cells) + " |")
            lines.append("")
    cp = d.core_properties
    meta = normalise_meta({"author": cp.author, "title": cp.title})
    text = "\n".join(lines)
    return [Document(text, meta.get("title") or _first_heading(text), "docx", None, metadata=meta)]


def _record_text(rec: dict[str, Any]) -> tuple[str | None, str | None]:
    lower = {str(k).lower(): k for k in rec}
    for f in TEXT_FIELDS:
        if f in lower:
            v = rec[lower[f]]
            if isinstance(v, list):
                v = "\n\n".join(str(x) for x in v)
            if isinstance(v, str) and v.strip():
                return v, lower[f]
    return None, None


def _records_to_docs(records: list[tuple[str | None, Any]], path: Path, fmt: str, enc: str | None) -> list[Document]:
    """Records with a text field become one source each; other records render as one table source."""
    docs, rows = [], []
    for key, rec in records:
        if not isinstance(rec, dict):
            rows.append(str(rec))
            continue
        text, field_name = _record_text(rec)
        if text is None:
            rows.append("; ".join(f"{k}: {v}" for k, v in rec.items() if v not in (None, "")))
            continue
        meta = normalise_meta({k: v for k, v in rec.items() if k != field_name})
        rid = str(meta.pop("id", None) or rec.get("ID") or key or len(docs))
        docs.append(Document(text, meta.get("title"), fmt, enc, key=rid, metadata=meta))
    if rows:
        docs.append(Document("\n".join(f"- {r}" for r in rows), path.stem, fmt, enc))
    if not docs:
        raise IngestError(f"{path}: no records found.", "Expect a list of objects, one object per line (JSONL), or CSV rows.")
    return docs


def read_json(path: Path, data: bytes) -> list[Document]:
    text, enc = decode(data, path)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        raise IngestError(f"{path}: invalid JSON ({e.msg} at line {e.lineno}).", "Fix the file and add it again.") from None
    if isinstance(obj, dict):
        for k in ("records", "data", "documents", "items"):
            if isinstance(obj.get(k), list):
                obj = obj[k]
                break
    if isinstance(obj, dict):
        if _record_text(obj)[0] is not None:
            records = [(None, obj)]
        else:  # {id: record}, the PubMedQA layout
            records = list(obj.items())
    elif isinstance(obj, list):
        records = [(None, r) for r in obj]
    else:
        raise IngestError(f"{path}: JSON holds a bare value.", "Expect an object or a list of objects.")
    return _records_to_docs(records, path, "json", enc)


def read_jsonl(path: Path, data: bytes) -> list[Document]:
    text, enc = decode(data, path)
    records = []
    for i, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            records.append((None, json.loads(line)))
        except json.JSONDecodeError as e:
            raise IngestError(f"{path}: line {i} is not valid JSON ({e.msg}).", "Fix that line and add the file again.") from None
    return _records_to_docs(records, path, "jsonl", enc)


def read_csv(path: Path, data: bytes) -> list[Document]:
    text, enc = decode(data, path)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.DictReader(io.StringIO(text), dialect=dialect))
    if not rows:
        raise IngestError(f"{path}: the CSV has a header but no rows.", "Add rows or remove the file.")
    return _records_to_docs([(None, r) for r in rows], path, "csv", enc)


READERS = {
    ".md": read_markdown, ".markdown": read_markdown, ".txt": read_text, ".text": read_text,
    ".html": read_html, ".htm": read_html, ".pdf": read_pdf, ".docx": read_docx,
    ".csv": read_csv, ".json": read_json, ".jsonl": read_jsonl,
}


def sidecar_meta(path: Path) -> dict[str, Any]:
    """Metadata from ``<file>.meta.json`` next to the file, when present."""
    side = path.with_name(path.name + ".meta.json")
    if not side.is_file():
        return {}
    try:
        return normalise_meta(json.loads(side.read_text(encoding="utf-8")))
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise IngestError(f"{side}: invalid sidecar metadata ({e}).", "Fix the JSON or remove the sidecar.") from None


def read_file(path: Path, data: bytes) -> list[Document]:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise IngestError(f"{path}: unsupported file type {path.suffix or '(none)'}.",
                          f"Supported: {', '.join(sorted(SUFFIXES))}.")
    if path.suffix.lower() in (".pdf", ".docx") and not data:
        raise IngestError(f"{path}: the file is empty.", "Remove it or add content.")
    docs = reader(path, data)
    side = sidecar_meta(path)
    for d in docs:
        d.metadata = {**d.metadata, **side} if len(docs) == 1 else {**side, **d.metadata}
    return docs
