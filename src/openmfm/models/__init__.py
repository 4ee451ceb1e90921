"""The model layer: a registry of GGUF models, one ``ChatModel`` interface over three backends
(llama-cpp in process, any OpenAI-compatible server, transformers), and embedders.

Everything above this layer calls ``load_model`` / ``load_embedder`` and never a backend module.
"""

from __future__ import annotations

import threading

from ..config import Config, load_config
from ..errors import ConfigError
from ..records import GenerationParams
from .base import ChatModel
from .embeddings import load_embedder
from .registry import get_registry, model_path, pull, pulled_sha256, register, verify

BACKENDS = ("llama-cpp", "openai", "transformers")

_CACHE: dict[tuple, ChatModel] = {}
_CACHE_LOCK = threading.Lock()


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
    if backend not in BACKENDS:
        raise ConfigError(f"Unknown model backend '{backend}'.", f"Use one of: {', '.join(BACKENDS)}.")
    # Settings that shape the loaded object are part of the key: two configurations asking for
    # the same model get instances that honour each (context size, threads, data home, server).
    key = (backend, name, str(cfg.models_dir), cfg.model.n_ctx, cfg.model.n_threads,
           cfg.openai.base_url if backend == "openai" else None)
    with _CACHE_LOCK:
        if key not in _CACHE:
            _CACHE[key] = _load(cfg, name, backend)
        return _CACHE[key]


def _local_file(cfg: Config, name: str):
    from .registry import get_entry, is_pulled

    entry = get_entry(name, cfg)
    if not is_pulled(name, cfg) and [s.kind for s in entry.sources] == ["package_file"]:
        pull(name, cfg)
    return model_path(name, cfg)


def _load(cfg: Config, name: str, backend: str) -> ChatModel:
    params = default_params(cfg)
    if backend == "llama-cpp":
        from .llama_cpp_backend import LlamaCppModel

        path = _local_file(cfg, name)
        return LlamaCppModel(path, name=name, sha256=pulled_sha256(name, cfg), n_ctx=cfg.model.n_ctx,
                             n_threads=cfg.model.n_threads, seed=cfg.model.seed, defaults=params,
                             timeout_s=cfg.model.timeout_s)
    if backend == "openai":
        from .openai_backend import OpenAIModel

        return OpenAIModel.from_config(cfg, name, defaults=params)
    from .transformers_backend import TransformersModel

    return TransformersModel.from_config(cfg, name, defaults=params, local_file=_local_file)


def unload_models() -> None:
    """Close and forget every cached model (tests, long-running servers switching models)."""
    with _CACHE_LOCK:
        for m in _CACHE.values():
            m.close()
        _CACHE.clear()


__all__ = [
    "BACKENDS", "ChatModel", "get_registry", "load_embedder", "load_model", "model_path", "pull",
    "register", "unload_models", "verify",
]
