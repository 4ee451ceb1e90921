"""The evaluation harness: Dataset -> System under test -> Scorer, runs as resumable artefacts,
reports with confidence intervals, robustness, fairness, safety, resources and multi-turn metrics.

``run_eval(RunSpec(...), cfg)`` runs or resumes; ``build_report(cfg, [run_id, ...])`` writes the
HTML and JSON; ``load_dataset(path)`` reads any supported format. The `mfm eval` commands are a
thin shell over these.
"""

from __future__ import annotations

from .datasets import Dataset, DatasetCard, load_dataset
from .report import build_report
from .runner import RunOutcome, RunSpec, run_eval
from .summary import compare, summarise

__all__ = ["Dataset", "DatasetCard", "RunOutcome", "RunSpec", "build_report", "compare", "load_dataset", "run_eval",
           "summarise"]
