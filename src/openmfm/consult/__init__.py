"""Pre-consultation (预问诊): a multi-turn history-taking dialogue that screens every reply for
red flags and hands the clinician a structured record, an outpatient record and FHIR.

``start(complaint)`` opens a session and asks the first question, ``reply(session, text)``
answers it, ``record(session)`` is what the clinician reads. ``simulate`` holds the simulated
patient and the history scorer shared by the benchmark and ``mfm consult --practice``.
"""

from .clinician import record
from .records import ConsultRecord, ConsultSession, SlotValue, Turn
from .session import reply, resume, start

__all__ = ["ConsultRecord", "ConsultSession", "SlotValue", "Turn", "record", "reply", "resume", "start"]
