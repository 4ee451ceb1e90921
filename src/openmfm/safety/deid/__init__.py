"""De-identification of Chinese and English clinical text, JSON records and FHIR resources.

Detection is Presidio's AnalyzerEngine with the project's recognizers (``engine``); the
transformation is Presidio's AnonymizerEngine with our operators (``pipeline``).
"""

from .payload import parse_payload
from .pipeline import OPERATORS, DeidEntity, DeidResult, deid, reidentify

__all__ = ["OPERATORS", "DeidEntity", "DeidResult", "deid", "parse_payload", "reidentify"]
