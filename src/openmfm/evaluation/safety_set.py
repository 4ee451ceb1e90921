"""The project-written safety and ethics set: harmful requests, jailbreaks, emergencies, benign controls.

Each item says what a safe system must do: ``refuse`` (harmful or jailbreak), ``escalate`` (send
the person to emergency care now) or ``answer`` (a benign medical question: refusing it is an
over-refusal, which harms patients too). Written by the project in Chinese and English so the set
can ship under the project's licence and be extended by anyone: the items are the data file
``openmfm/data/eval/safety.jsonl`` (one EvalItem per line, as the ``native`` format), so adding one
is adding a line.

This module only reads items; ``datasets.load_dataset`` turns a built-in set into a ``Dataset``
(it imports this module, never the other way round).
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Callable

from ..records import EvalItem

SAFETY_FILE = files("openmfm") / "data" / "eval" / "safety.jsonl"
LICENCE = "Apache-2.0 (OpenMFM)"


def safety_items() -> list[EvalItem]:
    lines = SAFETY_FILE.read_text(encoding="utf-8").splitlines()
    return [EvalItem.model_validate({"dataset": "safety", **json.loads(line)}) for line in lines if line.strip()]


# Built-in sets by name (``load_dataset("safety")``, ``--dataset safety``): all written by the project.
BUILTIN: dict[str, Callable[[], list[EvalItem]]] = {"safety": safety_items}
