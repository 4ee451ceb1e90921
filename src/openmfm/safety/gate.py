"""The one safety gate every request path goes through: ``check_input`` before anything else
runs, ``check_output`` before anything reaches the user.

Red-flag escalation is attached on the way in *and* re-attached on the way out from the
original question, so no later step (a model that ignores it, an abstention, an extractive
fallback) can drop it. Refusals are written in the user's language and say what the assistant
can do instead, because a bare "no" sends people to worse sources.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

from pydantic import BaseModel

from ..errors import ConfigError, InvalidInput
from ..records import Answer, Flag, Lang, RequestContext
from ..text import detect_language, normalize_text
from . import classifier
from .audience import Audience, audience
from .dose import check_doses
from .harmful import detect_harmful
from .injection import score_injection
from .policy import Policy
from .redflags import CATEGORY_URGENCY, CLARIFY, LABELS, RedFlagHit, read_red_flags


class InputDecision(BaseModel):
    """``text`` is the normalised request the rest of the pipeline must use."""

    allowed: bool
    text: str
    language: Lang
    flags: list[Flag]
    refusal: str | None
    policy_version: str


@lru_cache(maxsize=1)
def _urgency_levels() -> dict[str, dict]:
    return tomllib.loads(resources.files("openmfm").joinpath("data/safety/urgency.toml").read_text(encoding="utf-8"))


def escalation_flag(hits: list[RedFlagHit], language: Lang, policy: Policy, locale: str | None,
                    who: Audience = "person") -> Flag:
    """The red flag whose message is shown above any answer, worded for its urgency and audience:
    the most urgent category decides between "call the emergency number now" and "be seen today";
    a clinician managing a patient gets the urgency in clinical terms instead."""
    loc_name, res = policy.locale(language, locale)
    levels = _urgency_levels()
    urgency = min((h.urgency for h in hits), key=lambda u: levels[u]["rank"])
    idx = 0 if language == "zh" else 1
    reasons = ("、" if language == "zh" else "; ").join(LABELS[h.category][idx] for h in hits)
    fields = {"emergency": res.emergency, "crisis": res.crisis, "reasons": reasons,
              "level": levels[urgency][language], "triage": levels[urgency]["triage"][language]}
    if who == "clinician":
        message, severity = res.clinical.format(**fields), "warning"
    else:
        message = (res.escalation if urgency == "emergency" else res.same_day).format(**fields)
        severity = "critical" if urgency == "emergency" else "warning"
        if any(h.category == "suicidal" for h in hits):
            message += ("" if language == "zh" else " ") + res.crisis_message.format(**fields)
    return Flag(kind="red_flag", severity=severity, message=message,
                details={"categories": [h.category for h in hits], "urgency": urgency, "audience": who,
                         "locale": loc_name, "emergency": res.emergency, "crisis": res.crisis,
                         "triggers": [e for h in hits for e in h.evidence][:8]})


def red_flags_in(text: str, policy: Policy) -> list[RedFlagHit]:
    """Rules first; the learned classifier only when no rule fired, so it adds recall and never
    overrides an explainable hit."""
    hits, _ = _screen(text, detect_language(text), policy)
    return hits


def escalation_threshold(policy: Policy, language: str) -> float:
    """The policy's fixed threshold if it sets one, else the classifier's own for this language."""
    t = policy.red_flags.model_threshold or classifier.load("redflag").threshold(language)
    if t is None:
        raise ConfigError("The red-flag classifier's weights carry no threshold and the policy sets none.",
                          "Retrain it (mfm policy train-classifiers) or set [red_flags] model_threshold.")
    return t


def _screen(text: str, language: str, policy: Policy) -> tuple[list[RedFlagHit], classifier.Prediction | None]:
    """The hits, and the classifier's prediction when it was consulted (for the deciding question).
    It is consulted only when the rules are silent on a message that describes someone: an exam
    or training question, or a general one about a condition, is not read by either."""
    rules = policy.red_flags
    hits, describes_no_one = read_red_flags(text, rules.categories)
    if hits or describes_no_one or not rules.model:
        return hits, None
    pred = classifier.predict_one("redflag", text)
    if pred.probability >= escalation_threshold(policy, language) and pred.label in rules.categories:
        hits = [RedFlagHit(pred.label, [f"classifier p={pred.probability:.2f}"], urgency=CATEGORY_URGENCY[pred.label])]
    return hits, pred


def red_flag_for(text: str, language: Lang, policy: Policy, ctx: RequestContext) -> Flag | None:
    """The escalation for this request; or, when only the classifier leans towards an emergency
    without reaching its threshold, the one question that decides, instead of a guess either way."""
    if not policy.red_flags.enabled:
        return None
    hits, pred = _screen(text, language, policy)
    if hits:
        return escalation_flag(hits, language, policy, ctx.locale, audience(text, ctx, policy))
    rules = policy.red_flags
    if pred is not None and pred.label in rules.categories and pred.probability >= rules.question_threshold:
        question = CLARIFY[pred.label][0 if language == "zh" else 1]
        return Flag(kind="triage_question", severity="warning", message=question,
                    details={"category": pred.label, "probability": round(pred.probability, 3)})
    return None


def injection_in(text: str, policy: Policy) -> dict[str, Any] | None:
    """The rules' verdict, else the classifier's: details for the flag, or None when clean.

    ``action`` is "refuse" for a rule hit or a confident classifier, "review" for the band below:
    scored blind, the classifier refused one legitimate request in five at the threshold where it
    caught nine attacks in ten (pasted documents and security questions look alike to it), so in
    that band the request is answered under the normal rules and flagged for a person to review.
    """
    inj = score_injection(text)
    rules = policy.input
    if inj.score >= rules.injection_threshold:
        return {"action": "refuse", "rules": list(inj.rules), "score": inj.score}
    if rules.injection_model:
        p = classifier.predict_one("injection", text).probability
        if p >= min(rules.injection_model_threshold, rules.injection_review_threshold):
            action = "refuse" if p >= rules.injection_model_threshold else "review"
            return {"action": action, "rules": list(inj.rules) + ["classifier"], "score": inj.score, "probability": round(p, 3)}
    return None


_REVIEW = {"zh": "此请求可能试图改变助手的指令，已按常规规则回答，并记录待人工复核。",
           "en": "This request may be trying to change the assistant's instructions; it was answered under the usual "
                 "rules and logged for review."}


def check_input(text: str, ctx: RequestContext, policy: Policy) -> InputDecision:
    """Normalise and screen a request. Raises ``InvalidInput`` for empty or over-long text;
    returns ``allowed=False`` with a refusal for injection and harmful requests.

    The policy is a required argument: a server holding two configurations must never screen a
    request under rules found in its working directory."""
    pol = policy
    if not isinstance(text, str) or not text.strip():
        raise InvalidInput("The request is empty.", "Type a question or pass some text.")
    if len(text) > pol.input.max_chars:
        raise InvalidInput(f"The request has {len(text):,} characters; the policy allows {pol.input.max_chars:,}.",
                           "Shorten it, or split a long document and de-identify it with `mfm deid` first.")
    clean = normalize_text(text) if pol.input.normalize else text
    language = detect_language(clean)
    _, res = pol.locale(language, ctx.locale)
    flags: list[Flag] = []
    refusals: list[str] = []

    red = red_flag_for(clean, language, pol, ctx)
    if red is not None:
        flags.append(red)
    if pol.input.injection:
        found = injection_in(clean, pol)
        if found is not None and found["action"] == "refuse":
            flags.append(Flag(kind="injection", severity="critical", message=res.refusal_injection, details=found))
            refusals.append(res.refusal_injection)
        elif found is not None:
            flags.append(Flag(kind="injection", severity="warning", message=_REVIEW[language], details=found))
    if pol.input.harmful:
        harms = detect_harmful(clean)
        if harms:
            flags.append(Flag(kind="harmful_request", severity="critical", message=res.refusal_harmful,
                              details={"categories": harms}))
            refusals.append(res.refusal_harmful)
    refusal = None
    if refusals:
        parts = ([red.message] if red is not None and red.kind == "red_flag" else []) + list(dict.fromkeys(refusals))
        refusal = ("\n\n").join(parts)
    return InputDecision(allowed=not refusals, text=clean, language=language, flags=flags,
                         refusal=refusal, policy_version=pol.version)


def _strip_phi(answer: Answer, pol: Policy) -> Flag | None:
    from .deid.pipeline import redact_text  # deferred: de-identification imports Presidio and spaCy (seconds)

    found: dict[str, int] = {}
    result = redact_text(answer.text, answer.language, pol)
    for ent in result.entities:
        found[ent.entity_type] = found.get(ent.entity_type, 0) + 1
    if not found:
        return None
    answer.text = result.text
    for claim in answer.claims:
        claim.text = redact_text(claim.text, answer.language, pol).text
    return Flag(kind="phi", severity="warning", details={"removed": found},
                message="已移除您的角色无权查看的个人健康信息。" if answer.language == "zh"
                else "Personal health information your role may not see was removed.")


def check_output(answer: Answer, ctx: RequestContext, policy: Policy, kb: Any = None) -> Answer:
    """Return a copy of ``answer`` that is safe to show this caller under this policy."""
    pol = policy
    out = answer.model_copy(deep=True)
    lang = out.language

    if pol.output.phi_filter and not pol.allows(ctx.role, "view_phi"):
        phi = _strip_phi(out, pol)
        if phi is not None:
            out.flags.append(phi)

    if pol.output.dose_check and kb is not None:
        out.flags.extend(check_doses(out.text, kb, language=lang, tolerance=pol.output.dose_tolerance))

    # Escalation: from the question itself (never trusting that an earlier step kept it), plus
    # any red flag an earlier step attached. It goes first in the text and cannot be removed.
    red = red_flag_for(normalize_text(out.question), lang, pol, ctx)
    existing = [f for f in out.flags if f.kind in ("red_flag", "triage_question")]
    if red is not None and not any(f.message == red.message for f in existing):
        out.flags.insert(0, red)
        existing.insert(0, red)
    if pol.red_flags.enabled:
        for flag in reversed(existing):
            if flag.message not in out.text:
                out.text = f"{flag.message}\n\n{out.text}" if out.text else flag.message

    if pol.output.disclaimer:
        disclaimer = pol.disclaimer.zh if lang == "zh" else pol.disclaimer.en
        if disclaimer not in out.text:
            out.text = f"{out.text}\n\n{disclaimer}" if out.text else disclaimer
        if not any(f.kind == "disclaimer" for f in out.flags):
            out.flags.append(Flag(kind="disclaimer", severity="info", message=disclaimer))

    out.provenance.policy_version = pol.version
    return out
