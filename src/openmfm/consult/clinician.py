"""What the clinician gets from a session: the structured record, the outpatient record, FHIR,
and suggestions that are marked as such and never shown to the patient (questions still open,
and, with a knowledge base, evidence on what to consider, cited to its source)."""

from __future__ import annotations

from ..config import Config, load_config
from ..records import RequestContext
from ..safety.access import require
from ..safety.policy import load_policy
from . import fhir
from .outpatient import as_text, render
from .records import ConsultRecord, ConsultSession
from .session import resume
from .slots import addressed, complaints, template


def suggestions(s: ConsultSession, lang: str, kb=None) -> dict:
    """Open questions in the complaint's priority order; with ``kb``, the passages that match the
    history (complaint and reported symptoms) with their sources, for the clinician to weigh."""
    entry = complaints()[s.complaint_key]
    open_q = [{"slot": slot, "question": template(slot, s, lang)} for slot in entry["priorities"] if not addressed(s, slot)]
    out = {"note": "建议，仅供医生参考；不向患者显示。" if lang == "zh" else
           "Suggestions for the clinician only; not shown to the patient.", "open_questions": open_q, "differential": []}
    if kb is not None:
        terms = [s.complaint] + [v.term or v.value for v in s.values if v.slot == "associated" and v.status == "present"]
        for ev in kb.search(" ".join(terms), k=3):
            out["differential"].append({"source": ev.source.title, "chunk": ev.chunk.id, "quote": ev.quote[:300]})
    return out


def record(session: ConsultSession | str, *, cfg: Config | None = None, ctx: RequestContext | None = None,
           language: str | None = None, kb=None) -> ConsultRecord:
    """The clinician's record of a session (by object or id), in ``language`` (default: the
    session's). FHIR validity is checked here and reported, not assumed."""
    cfg = cfg or load_config()
    ctx = ctx or RequestContext(channel="python")
    require(ctx, "consult", policy=load_policy(cfg), cfg=cfg)
    s = resume(session, cfg=cfg, ctx=ctx)
    lang = language or s.language
    lines = render(s, lang)
    bundle = fhir.resources(s, lang)
    errors = fhir.validate(bundle)
    return ConsultRecord(session_id=s.id, status=s.status, stop_reason=s.stop_reason, urgent=s.urgent,
                         escalation=s.escalation, language=lang, chief_complaint=s.complaint, slots=s.values,
                         contradictions=s.contradictions, outpatient=lines, outpatient_text=as_text(lines), fhir=bundle,
                         fhir_valid=not errors, fhir_errors=errors, suggestions=suggestions(s, lang, kb))
