"""The adaptation recipe (`mfm adapt`): instruction data -> LoRA -> merge -> GGUF -> quantise ->
gate against the parent -> registry entry with lineage. Each step is a function of ``steps``
that reads and writes the run's record (``workspace``); torch, peft and llama.cpp load only in the
steps that need them."""

from __future__ import annotations

from .schema import AdaptRun, EvidenceRef, Example, Recipe
from .steps import data, export, gate, merge, quantize, register, run_all, train

__all__ = ["AdaptRun", "EvidenceRef", "Example", "Recipe", "data", "export", "gate", "merge", "quantize", "register",
           "run_all", "train"]
