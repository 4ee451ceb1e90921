"""What the assistant says next: the policy's slot phrased as one short question in the
patient's language, by the model when there is one and it behaves, by the data file's template
otherwise. A question that offers a diagnosis or treatment is never shown: the template is."""

from __future__ import annotations

from ..errors import GenerationTimeout, OutputFormatError
from ..records import GenerationParams
from ..text import has_han
from .extract import MODEL_TIMEOUT_S, has_any
from .records import ConsultSession
from .slots import complaints, label, lexicon, open_question, template

_LANG = {"zh": "Simplified Chinese", "en": "English"}


def acceptable(question: str, lang: str) -> bool:
    """One short question in the right language that names no diagnosis or treatment."""
    q = question.strip()
    if not q or len(q) > 160 or "\n" in q or (lang == "zh") != has_han(q):
        return False
    clinical = lexicon()["clinical"]["diagnosis_words"]
    return has_any(q, clinical["zh"] + clinical["en"]) < 0


def _model_question(messages: list[dict], model) -> str | None:
    try:
        gen = model.chat(messages, GenerationParams(temperature=0.0, max_tokens=48, seed=42, stop=["\n"]),
                         timeout_s=MODEL_TIMEOUT_S)
    except (OutputFormatError, GenerationTimeout):
        return None
    return gen.text.strip().strip('"“”')


def phrase(slot: str, session: ConsultSession, lang: str, model=None) -> tuple[str, str]:
    """(question, "model" | "template") for ``slot``."""
    fallback = template(slot, session, lang)
    if model is None:
        return fallback, "template"
    ros = complaints()[session.complaint_key]["ros"][lang]
    messages = [
        {"role": "system", "content": f"You are a nurse taking a history before a doctor's visit. Write ONE short, kind "
                                      f"question in {_LANG[lang]} only. Never suggest a diagnosis, cause or treatment. "
                                      "Output the question only."},
        {"role": "user", "content": f"The patient's main problem: {session.complaint}\nAsk about: {label(slot, 'en')}"
                                    + (f" (for example: {', '.join(ros)})" if slot in ("negatives", "review_of_systems") else "")
                                    + f"\nA good question looks like: {fallback}"}]
    q = _model_question(messages, model)
    if q and acceptable(q, lang):
        return q, "model"
    return fallback, "template"


def freeform(session: ConsultSession, lang: str, model=None) -> str | None:
    """The free-form baseline's next question: no slots, only the conversation so far."""
    n = len(session.turns) - 1
    if model is None:
        return open_question(n, lang)
    if n >= 8:
        return None
    convo = "\n".join(f"Q: {t.question}\nA: {t.reply}" if t.question else f"Patient: {t.reply}" for t in session.turns)
    q = _model_question([
        {"role": "system", "content": f"You are a doctor taking a history. Ask the next ONE short question in "
                                      f"{_LANG[lang]}. Never give a diagnosis. Output the question only."},
        {"role": "user", "content": convo}], model)
    return q if q and acceptable(q, lang) else open_question(n, lang)
