"""The closed loop: clinicians' feedback, monitoring of what the system did, and evidence drift.

Everything here reads what the other layers recorded (the audit log, the KB's versions, the
evaluation formats) and never changes it: feedback and the monitor's index live in their own files.
"""

from .feedback import RATINGS, Feedback, FeedbackStore, give_feedback
from .monitor import Alert, Summary, WindowStats, prometheus, summarise
from .stale import StaleReport, StaleSpan, stale_answers

__all__ = ["RATINGS", "Alert", "Feedback", "FeedbackStore", "StaleReport", "StaleSpan", "Summary", "WindowStats",
           "give_feedback", "prometheus", "stale_answers", "summarise"]
