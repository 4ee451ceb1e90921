"""Backends and embedders are plugins: Python entry points in the groups ``openmfm.backends`` and
``openmfm.embedders``, our own included (see pyproject.toml).

Plain entry points rather than pluggy hooks (simonw/llm's choice): a plugin here is one named
class, so the entry point's name *is* the configuration value (``[model] backend``,
``[embedder] name``); listing what is installed reads package metadata without importing anything
(torch, llama.cpp), and only the plugin a configuration selects is ever imported. pluggy would
add a dependency and import every plugin up front to call its hooks, for no feature we use.

A hospital adds its own backend from a separate package, without editing ours::

    [project.entry-points."openmfm.backends"]
    my-backend = "my_package.models:MyModel"        # a ChatModel subclass with from_config

    [project.entry-points."openmfm.embedders"]
    my-embedder = "my_package.vectors:MyEmbedder"   # an Embedder subclass with from_config

A plugin whose import fails (an optional dependency missing) is reported as a ConfigError that
carries the ImportError's message, so a plugin should say there what to install.
"""

from __future__ import annotations

from importlib.metadata import EntryPoint, entry_points

from ..errors import ConfigError

BACKENDS_GROUP = "openmfm.backends"
EMBEDDERS_GROUP = "openmfm.embedders"

_KIND = {BACKENDS_GROUP: "model backend", EMBEDDERS_GROUP: "embedder"}
_SETTING = {BACKENDS_GROUP: "[model] backend (MFM_MODEL_BACKEND)", EMBEDDERS_GROUP: "[embedder] name (MFM_EMBEDDER_NAME)"}


def installed(group: str) -> dict[str, EntryPoint]:
    """Installed plugins of ``group`` by name; when two distributions claim a name, the first on
    ``sys.path`` wins, as it would for an import."""
    out: dict[str, EntryPoint] = {}
    for ep in entry_points(group=group):
        out.setdefault(ep.name, ep)
    return out


def load_plugin(group: str, name: str) -> type:
    """The class registered as ``name`` in ``group``; a clear ConfigError naming what is installed
    when there is none, or naming the missing requirement when its import fails."""
    eps = installed(group)
    ep = eps.get(name)
    kind = _KIND.get(group, group)
    if ep is None:
        raise ConfigError(f"Unknown {kind} '{name}'.",
                          f"Installed {kind}s: {', '.join(sorted(eps)) or 'none'}. Set {_SETTING.get(group, group)} "
                          f"to one of them, or install the package that provides '{name}'.")
    try:
        return ep.load()
    except ImportError as e:
        dist = ep.dist.name if ep.dist is not None else "the package that provides it"
        raise ConfigError(f"The {kind} '{name}' ({ep.value}) is installed but cannot be imported: {e}",
                          f"Install what it needs, or reinstall {dist}.") from None
