"""OpenMFM: turn medical foundation models into verifiable clinical tools.

The public Python API; the `mfm` CLI is a thin shell over it. Heavy entry points (models,
Presidio, the knowledge base) load on first use, so `import openmfm` stays instant.
"""

from __future__ import annotations

__version__ = "0.1.0"

import importlib

from .config import Config, load_config  # noqa: E402
from .errors import MFMError  # noqa: E402
from .records import Answer, Claim, Evidence, Flag, Provenance, RequestContext, StepRecord  # noqa: E402

_LAZY = {
    "ask": ("openmfm.answering", "ask"),
    "replay": ("openmfm.answering", "replay"),
    "check_input": ("openmfm.safety", "check_input"),
    "check_output": ("openmfm.safety", "check_output"),
    "load_policy": ("openmfm.safety", "load_policy"),
    "request_context": ("openmfm.safety", "request_context"),
    "deid": ("openmfm.safety.deid", "deid"),
    "reidentify": ("openmfm.safety.deid", "reidentify"),
    "load_dataset": ("openmfm.evaluation", "load_dataset"),
    "run_eval": ("openmfm.evaluation", "run_eval"),
    "open_kb": ("openmfm.knowledge", "open_kb"),
    "load_model": ("openmfm.models", "load_model"),
    "load_embedder": ("openmfm.models", "load_embedder"),
    "consult": ("openmfm.consult", None),  # the module: consult.start / reply / record / resume
    "structure": ("openmfm.structure", "structure"),
    "give_feedback": ("openmfm.loop", "give_feedback"),
    "monitor": ("openmfm.loop", "summarise"),
    "stale_answers": ("openmfm.loop", "stale_answers"),
}


def __getattr__(name: str):
    if name in _LAZY:
        module, attr = _LAZY[name]
        loaded = importlib.import_module(module)
        return loaded if attr is None else getattr(loaded, attr)
    raise AttributeError(f"module 'openmfm' has no attribute {name!r}")


__all__ = ["Answer", "Claim", "Config", "Evidence", "Flag", "MFMError", "Provenance", "RequestContext", "StepRecord",
           "__version__", "load_config", *_LAZY]
