"""``deid`` and ``reidentify``: detection, then transformation by Presidio's AnonymizerEngine,
on plain text, JSON records and FHIR-shaped JSON, under the policy and the caller's role.

Operators:
- ``redact``: ``[PERSON]``-style tags (readable, and says what was removed);
- ``mask``: every letter, digit and Han character becomes ``*``, separators stay (shape kept);
- ``surrogate``: consistent fake values (see ``surrogates``), dates shifted per patient;
- ``pseudonymize``: ``[PERSON#3f9a…]`` tokens, reversible through the encrypted vault by a role
  with the ``reidentify`` permission, and only then.
Every call is audited with counts per entity type, never with the values.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections import Counter
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, Field

from ...audit import AuditLog
from ...config import Config, load_config
from ...errors import InvalidInput
from ...records import RequestContext
from ...text import detect_language
from ..access import require
from ..policy import Policy, load_policy
from .engine import Span, analyze, merge
from .structured import SKIP, field_type
from .surrogates import surrogate
from .vault import TOKEN, Vault, hash_key, load_key

OperatorName = Literal["redact", "mask", "surrogate", "pseudonymize"]
OPERATORS = ("redact", "mask", "surrogate", "pseudonymize")


class DeidEntity(BaseModel):
    """One identifier found and replaced; offsets index the original string (or JSON value)."""

    entity_type: str
    start: int
    end: int
    score: float
    recognizer: str
    replacement: str
    path: str | None = None  # JSON path for structured input, e.g. "entry.0.resource.name.0.family"


class DeidResult(BaseModel):
    text: str | None = None
    data: Any | None = None
    entities: list[DeidEntity] = Field(default_factory=list)
    operator: str
    language: str | None = None
    policy_version: str

    def counts(self) -> dict[str, int]:
        return dict(Counter(e.entity_type for e in self.entities))


@lru_cache(maxsize=1)
def _anonymizer():
    from presidio_anonymizer import AnonymizerEngine  # deferred: Presidio and spaCy take seconds to import

    return AnonymizerEngine()


def _mask(value: str) -> str:
    return "".join("*" if (c.isalnum() or "\u4e00" <= c <= "\u9fff") else c for c in value)


class _Transformer:
    """One call's state: operator, keys and the scope that makes surrogates consistent."""

    def __init__(self, operator: str, cfg: Config | None, pol: Policy, scope: str):
        self.operator, self.pol, self.scope = operator, pol, scope
        self.vault = Vault(cfg.data_home) if operator == "pseudonymize" else None
        self.key = hash_key(load_key(cfg.data_home)) if operator in ("surrogate", "pseudonymize") else b""
        self.pending: list[tuple[str, str, str]] = []
        self.names: set[str] = set()  # values of name fields in the current JSON document

    def replacement(self, entity_type: str, value: str, lang: str) -> str:
        if self.operator == "redact":
            return f"[{entity_type}]"
        if self.operator == "mask":
            return _mask(value)
        if self.operator == "pseudonymize":
            token = self.vault.token_for(entity_type, value)
            self.pending.append((token, entity_type, value))
            return token
        return surrogate(entity_type, value, lang=lang, key=self.key, scope=self.scope,
                         date_shift_days=self.pol.deid.date_shift_days)

    def apply(self, text: str, spans: list[Span], lang: str, path: str | None = None) -> tuple[str, list[DeidEntity]]:
        from presidio_anonymizer.entities import (  # deferred: Presidio and spaCy take seconds to import
            OperatorConfig,
            RecognizerResult,
        )

        if not spans:
            return text, []
        replacements = {}
        results, operators = [], {}
        for i, s in enumerate(spans):
            # One pseudo entity type per span, so each gets its own operator (and replacement).
            tag = f"E{i}"
            replacements[i] = self.replacement(s.entity_type, text[s.start:s.end], lang)
            results.append(RecognizerResult(entity_type=tag, start=s.start, end=s.end, score=s.score))
            operators[tag] = OperatorConfig("replace", {"new_value": replacements[i]})
        out = _anonymizer().anonymize(text=text, analyzer_results=results, operators=operators)
        entities = [DeidEntity(entity_type=s.entity_type, start=s.start, end=s.end, score=round(s.score, 3),
                               recognizer=s.recognizer, replacement=replacements[i], path=path)
                    for i, s in enumerate(spans)]
        return out.text, entities

    def flush(self) -> None:
        if self.vault is not None and self.pending:
            self.vault.put_many(self.pending)
            self.pending.clear()


def _lang(text: str, language: str | None) -> str:
    return language if language in ("zh", "en") else detect_language(text)


def _walk(obj: Any, tr: _Transformer, pol: Policy, language: str | None, path: tuple[str, ...],
          resource: str | None, found: list[DeidEntity]) -> Any:
    if isinstance(obj, dict):
        resource = obj.get("resourceType") if isinstance(obj.get("resourceType"), str) else resource
        return {k: _walk(v, tr, pol, language, path + (str(k),), resource, found) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_walk(v, tr, pol, language, path + (str(i),), resource, found) for i, v in enumerate(obj)]
    if isinstance(obj, (int, float)) and not isinstance(obj, bool):
        ftype = field_type(path, resource, str(obj))
        if ftype in (None, "SKIP", "DATE"):
            return obj
        obj = str(obj)
    if not isinstance(obj, str) or not obj.strip():
        return obj
    dotted = ".".join(path)
    ftype = field_type(path, resource, obj)
    if ftype == "SKIP" or (ftype is None and path and path[-1] in SKIP):
        return obj
    lang = _lang(obj, language)
    if ftype is not None:
        spans = [Span(ftype, 0, len(obj), 1.0, f"field:{path[-1]}")]
    else:
        spans = analyze(obj, lang, pol.deid.score_threshold, pol.deid.learned)
        # A name the record holds in a name field is a name wherever its free text repeats it.
        for name in tr.names:
            spans += [Span("PERSON", m.start(), m.end(), 0.9, "field-propagation") for m in re.finditer(re.escape(name), obj)]
        spans = merge(spans)
    text, ents = tr.apply(obj, spans, lang, dotted)
    found.extend(ents)
    return text


def _field_names(obj: Any, path: tuple[str, ...], resource: str | None) -> set[str]:
    if isinstance(obj, dict):
        resource = obj.get("resourceType") if isinstance(obj.get("resourceType"), str) else resource
        return set().union(*(_field_names(v, path + (str(k),), resource) for k, v in obj.items()))
    if isinstance(obj, list):
        return set().union(*(_field_names(v, path + (str(i),), resource) for i, v in enumerate(obj)))
    if isinstance(obj, str) and len(obj.strip()) >= 2 and field_type(path, resource, obj) == "PERSON":
        return {obj.strip()}
    return set()


def _scope(key: bytes, patient_id: str | None, data: Any) -> str:
    """Surrogates are consistent per patient when one is named, else per document."""
    if patient_id:
        return "patient:" + hmac.new(key or b"scope", patient_id.encode("utf-8"), hashlib.sha256).hexdigest()[:16]
    canon = data if isinstance(data, str) else json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return "doc:" + hashlib.sha256(canon.encode("utf-8")).hexdigest()[:16]


def redact_text(text: str, language: str | None, policy: Policy) -> DeidResult:
    """Redaction without permission check or audit: for the output gate, which runs inside a
    request that is itself checked and audited. Redaction needs no key or vault, so no data home."""
    tr = _Transformer("redact", None, policy, "")
    lang = _lang(text, language)
    out, ents = tr.apply(text, analyze(text, lang, policy.deid.score_threshold, policy.deid.learned), lang)
    return DeidResult(text=out, entities=ents, operator="redact", language=lang, policy_version=policy.version)


def deid(data: str | dict | list, *, operator: OperatorName | None = None, language: str | None = None,
         patient_id: str | None = None, ctx: RequestContext | None = None, cfg: Config | None = None,
         policy: Policy | None = None) -> DeidResult:
    """De-identify text, a JSON record or FHIR-shaped JSON (nested, contained resources).

    Runs under the policy: the caller's role needs the ``deid`` permission, the operator
    defaults to the policy's, and the call is audited with counts only.
    """
    cfg = cfg or load_config()
    pol = policy or load_policy(cfg)
    ctx = ctx or RequestContext()
    require(ctx, "deid", policy=pol, cfg=cfg)
    op = operator or pol.deid.default_operator
    if op not in OPERATORS:
        raise InvalidInput(f"Unknown operator '{op}'.", f"Use one of: {', '.join(OPERATORS)}.")
    if language not in (None, "zh", "en"):
        raise InvalidInput(f"Unknown language '{language}'.", "Use zh, en, or leave it out to detect it.")
    if isinstance(data, str):
        if len(data) > pol.deid.max_chars:
            raise InvalidInput(f"The input has {len(data):,} characters; the policy allows {pol.deid.max_chars:,}.",
                               "Split the document, or raise [deid] max_chars in the policy.")
    elif not isinstance(data, (dict, list)):
        raise InvalidInput(f"deid() takes text, a dict or a list, not {type(data).__name__}.",
                           "Pass the note as a string or the parsed JSON.")
    elif len(json.dumps(data, ensure_ascii=False, default=str)) > pol.deid.max_chars:
        raise InvalidInput("The JSON input is larger than the policy allows.", "Split it, or raise [deid] max_chars.")

    key = hash_key(load_key(cfg.data_home)) if (patient_id or op in ("surrogate", "pseudonymize")) else b""
    tr = _Transformer(op, cfg, pol, _scope(key, patient_id, data))
    found: list[DeidEntity] = []
    if isinstance(data, str):
        lang = _lang(data, language)
        text, found = tr.apply(data, analyze(data, lang, pol.deid.score_threshold, pol.deid.learned), lang)
        result = DeidResult(text=text, entities=found, operator=op, language=lang, policy_version=pol.version)
    else:
        tr.names = _field_names(data, (), None)
        out = _walk(data, tr, pol, language, (), None, found)
        result = DeidResult(data=out, entities=found, operator=op, language=language, policy_version=pol.version)
    tr.flush()
    AuditLog(cfg.audit_path).append("deid", {"operator": op, "channel": ctx.channel, "counts": result.counts(),
                                             "input": "text" if isinstance(data, str) else "json",
                                             "chars": len(data) if isinstance(data, str) else None},
                                    actor=ctx.actor, role=ctx.role, policy_version=pol.version)
    return result


def reidentify(data: str | dict | list, *, ctx: RequestContext | None = None, cfg: Config | None = None,
               policy: Policy | None = None) -> DeidResult:
    """Replace vault tokens with the original values. Only roles with ``reidentify`` (by
    default the privacy officer) may; every attempt, allowed or not, is audited."""
    cfg = cfg or load_config()
    pol = policy or load_policy(cfg)
    ctx = ctx or RequestContext()
    require(ctx, "reidentify", policy=pol, cfg=cfg)
    vault = Vault(cfg.data_home)
    restored: list[DeidEntity] = []

    def sub(text: str, path: str | None) -> str:
        tokens = [m.group(0) for m in TOKEN.finditer(text)]
        values = vault.lookup(tokens)
        out, pos = [], 0
        for m in TOKEN.finditer(text):
            original = values.get(m.group(0))
            if original is None:
                continue
            out.append(text[pos:m.start()] + original)
            pos = m.end()
            restored.append(DeidEntity(entity_type=m.group(1), start=m.start(), end=m.end(), score=1.0,
                                       recognizer="vault", replacement="(restored)", path=path))
        return "".join(out) + text[pos:]

    def walk(obj: Any, path: tuple[str, ...]) -> Any:
        if isinstance(obj, dict):
            return {k: walk(v, path + (str(k),)) for k, v in obj.items()}
        if isinstance(obj, list):
            return [walk(v, path + (str(i),)) for i, v in enumerate(obj)]
        return sub(obj, ".".join(path)) if isinstance(obj, str) else obj

    if isinstance(data, str):
        result = DeidResult(text=sub(data, None), entities=restored, operator="reidentify", policy_version=pol.version)
    elif isinstance(data, (dict, list)):
        result = DeidResult(data=walk(data, ()), entities=restored, operator="reidentify", policy_version=pol.version)
    else:
        raise InvalidInput(f"reidentify() takes text, a dict or a list, not {type(data).__name__}.")
    AuditLog(cfg.audit_path).append("reidentify", {"channel": ctx.channel, "restored": result.counts(),
                                                   "input": "text" if isinstance(data, str) else "json"},
                                    actor=ctx.actor, role=ctx.role, policy_version=pol.version)
    return result
