"""Configuration precedence: defaults < TOML file < MFM_* environment < flags, with origins."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from openmfm.config import load_config
from openmfm.errors import ConfigError


def test_defaults_have_default_origin():
    cfg = load_config()
    assert cfg.model.backend == "llama-cpp"
    assert cfg.origins["model.backend"] == "default"


def test_precedence_file_env_flag(tmp_path, monkeypatch):
    cfg_file = tmp_path / "mfm.toml"
    cfg_file.write_text('[model]\nname = "from-file"\nn_ctx = 1024\nmax_tokens = 99\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MFM_MODEL_N_CTX", "2048")
    cfg = load_config({"model.name": "from-flag"})
    assert cfg.model.name == "from-flag" and cfg.origins["model.name"] == "flag"
    assert cfg.model.n_ctx == 2048 and cfg.origins["model.n_ctx"] == "env MFM_MODEL_N_CTX"
    assert cfg.model.max_tokens == 99 and cfg.origins["model.max_tokens"] == str(cfg_file)


def test_explicit_config_file_and_home(tmp_path, monkeypatch):
    f = tmp_path / "hospital.toml"
    f.write_text('[kb]\nname = "ward-7"\n', encoding="utf-8")
    monkeypatch.setenv("MFM_CONFIG", str(f))
    monkeypatch.setenv("MFM_HOME", str(tmp_path / "home"))
    cfg = load_config()
    assert cfg.kb.name == "ward-7"
    assert cfg.kb_dir() == tmp_path / "home" / "kb" / "ward-7"


@pytest.mark.parametrize(
    "content, needle",
    [
        ("[model\nname=1", "not valid TOML"),
        ('[model]\ncolour = "red"\n', "Unknown setting 'model.colour'"),
        ('[model]\nn_ctx = "lots"\n', "Invalid value 'lots' for 'model.n_ctx'"),
        ('model = 3\n', "must be a [section]"),
    ],
)
def test_bad_config_file_is_a_clear_error(tmp_path, monkeypatch, content, needle):
    (tmp_path / "mfm.toml").write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as e:
        load_config()
    assert needle in e.value.message


def test_missing_explicit_config_file(tmp_path, monkeypatch):
    monkeypatch.setenv("MFM_CONFIG", str(tmp_path / "nope.toml"))
    with pytest.raises(ConfigError, match="does not exist"):
        load_config()


def test_cli_config_show_json_reports_origins(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    env = {"MFM_HOME": str(tmp_path / "h"), "MFM_EMBEDDER_BATCH_SIZE": "8", "PATH": ""}
    out = subprocess.run([sys.executable, "-m", "openmfm.cli", "config", "show", "--json"],
                         capture_output=True, text=True, env=env, check=True).stdout
    data = json.loads(out)
    assert data["embedder.batch_size"] == {"value": 8, "from": "env MFM_EMBEDDER_BATCH_SIZE"}


def test_cli_prints_user_errors_without_traceback(tmp_path, monkeypatch):
    (tmp_path / "mfm.toml").write_text("[model\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "openmfm.cli", "config", "show"], cwd=tmp_path,
                       capture_output=True, text=True, env={"MFM_HOME": str(tmp_path / "h"), "PATH": ""})
    assert r.returncode == 2
    assert "not valid TOML" in r.stderr and "Traceback" not in r.stderr
