"""Evidence-grounded answering: every statement cites a versioned span and is verified before a
user sees it; disagreement is flagged, missing evidence means abstention, every answer is audited.

``ask`` is the entry point (re-exported as ``openmfm.ask``); ``replay`` re-runs an audited answer.
"""

from __future__ import annotations

from .pipeline import ask, replay
from .trail import ReplayResult

__all__ = ["ReplayResult", "ask", "replay"]
