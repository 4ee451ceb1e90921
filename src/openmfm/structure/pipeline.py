"""``structure(text)``: the public entry point, guarded like every user-facing path.

The caller needs the ``structure`` permission; the note is data, not an instruction, so it is not
screened by ``check_input`` (a note that says "ignore previous instructions" is still a note), and
the model layer treats it as data (see ``model_layer``). One audit entry per call records counts
and a hash of the note, never its text.
"""

from __future__ import annotations

from ..audit import AuditLog
from ..config import Config, load_config
from ..errors import InvalidInput
from ..records import RequestContext
from ..safety import Policy, load_policy, require
from . import model_layer, rules
from .records import NoteFlag, StructuredNote

MAX_CHARS = 200_000  # about 100 pages: longer inputs are refused with a hint, never cut silently
LOCAL_BACKENDS = ("llama-cpp", "transformers")


def check_note(text: object) -> str:
    if not isinstance(text, str):
        raise InvalidInput(f"structure() takes the note as text, not {type(text).__name__}.",
                           "Read the file first (mfm structure FILE reads txt, md, html, pdf, docx, json, jsonl, csv).")
    if not text.strip():
        raise InvalidInput("The note is empty.", "Pass a note with some text.")
    if len(text) > MAX_CHARS:
        raise InvalidInput(f"The note has {len(text):,} characters; one note may have at most {MAX_CHARS:,}.",
                           "Split it into notes (one JSONL record or file each) and run `mfm structure` on the folder.")
    return text


def phi_allowed(ctx: RequestContext, policy: Policy, model) -> bool:
    """PHI may enter a prompt only for a role that may see PHI, and only on a model running here."""
    return policy.allows(ctx.role, "view_phi") and getattr(model, "backend", "") in LOCAL_BACKENDS


def structure(text: str, *, cfg: Config | None = None, ctx: RequestContext | None = None, policy: Policy | None = None,
              language: str | None = None, model=None, deid: bool = False, audit: AuditLog | None = None
              ) -> StructuredNote:
    """Entities, assertions, attributes and codes of a zh or en clinical note, each linked to its span.

    ``model``: a ChatModel to add the model layer (its items are validated, never trusted).
    ``deid``: de-identify the note before the model sees it (done anyway when ``phi_allowed`` says no).
    """
    cfg = cfg or load_config()
    pol = policy or load_policy(cfg)
    ctx = ctx or RequestContext()
    require(ctx, "structure", policy=pol, cfg=cfg)
    text = check_note(text)
    if language not in (None, "zh", "en"):
        raise InvalidInput(f"Unknown language {language!r}.", "Use zh, en, or leave it out to detect it.")
    note = rules.extract(text, cfg, language=language)
    if model is not None:
        prompt_text = text
        if deid or not phi_allowed(ctx, pol, model):
            from ..safety.deid.pipeline import redact_text  # deferred: Presidio and spaCy load in seconds

            prompt_text = redact_text(text, note.language, pol).text
            note.deidentified_for_model = True
        items, failure = model_layer.ask_model(prompt_text, note.language, model)
        if failure:
            note.flags.append(NoteFlag(kind="model_failed", message=f"The model layer gave no usable output: {failure}"))
        model_layer.merge(note, text, items, cfg)
        note.layers.append("model")
        note.model = getattr(model, "name", None)
    log = audit or AuditLog(cfg.audit_path)
    counts: dict[str, int] = {}
    for e in note.entities:
        counts[e.type] = counts.get(e.type, 0) + 1
    note.audit_id = log.append("structure", {
        "channel": ctx.channel, "api_key_id": ctx.api_key_id, "sha256": note.sha256[:16], "chars": note.chars,
        "language": note.language, "entities": counts, "flags": [f.kind for f in note.flags], "layers": note.layers,
        "model": note.model, "deidentified_for_model": note.deidentified_for_model, "terminology": note.terminology,
    }, actor=ctx.actor, role=ctx.role, policy_version=pol.version).id
    return note
