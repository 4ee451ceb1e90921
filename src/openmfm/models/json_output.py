"""JSON output against a schema: validated always, repaired when the damage is mechanical.

Grammars and JSON modes make valid JSON likely, not certain (a server may ignore the request, a
generation may hit max_tokens mid-object), so every backend's output goes through here. Repairs
are limited to what does not change meaning: code fences, prose around the object, trailing
commas, Python literals. Anything else fails with ``OutputFormatError``.
"""

from __future__ import annotations

import json
import re
from typing import Any, Union

import jsonschema
from pydantic import BaseModel, ValidationError

from ..errors import OutputFormatError

JsonSpec = Union[dict[str, Any], type[BaseModel]]


def schema_dict(spec: JsonSpec) -> dict[str, Any]:
    if isinstance(spec, type) and issubclass(spec, BaseModel):
        return spec.model_json_schema()
    if isinstance(spec, dict):
        jsonschema.Draft202012Validator.check_schema(spec)
        return spec
    raise TypeError(f"json_schema must be a JSON Schema dict or a pydantic model class, not {type(spec)!r}")


def _balanced(text: str) -> str | None:
    """The first complete top-level JSON object or array in ``text``."""
    start = min((i for i in (text.find("{"), text.find("[")) if i >= 0), default=-1)
    if start < 0:
        return None
    depth, in_str, esc = 0, False, False
    for i in range(start, len(text)):
        c = text[i]
        if in_str:
            if esc:
                esc = False
            elif c == "\\":
                esc = True
            elif c == '"':
                in_str = False
        elif c == '"':
            in_str = True
        elif c in "{[":
            depth += 1
        elif c in "}]":
            depth -= 1
            if depth == 0:
                return text[start : i + 1]
    return None


def _candidates(text: str) -> list[str]:
    out = [text.strip()]
    fenced = re.search(r"```(?:json)?\s*(.*?)```", text, re.S)
    if fenced:
        out.append(fenced.group(1).strip())
    for base in list(out):
        inner = _balanced(base)
        if inner:
            out.append(inner)
    for base in list(out):
        fixed = re.sub(r",\s*([}\]])", r"\1", base)
        fixed = re.sub(r"(?<![\"\w])(True|False|None)(?![\"\w])",
                       lambda m: {"True": "true", "False": "false", "None": "null"}[m.group(1)], fixed)
        out.append(fixed)
    seen: list[str] = []
    for c in out:
        if c and c not in seen:
            seen.append(c)
    return seen


def parse_json_output(text: str, spec: JsonSpec) -> Any:
    """The object in ``text`` that validates against ``spec`` (a pydantic instance for a model
    class), or ``OutputFormatError`` saying what was wrong."""
    schema = schema_dict(spec)
    validator = jsonschema.Draft202012Validator(schema)
    last_error = "no JSON object found"
    for cand in _candidates(text) if re.search(r"[{\[]", text) else []:
        try:
            obj = json.loads(cand)
        except json.JSONDecodeError as e:
            last_error = f"invalid JSON ({e.msg} at position {e.pos})"
            continue
        errors = sorted(validator.iter_errors(obj), key=lambda e: list(e.path))
        if errors:
            where = "/".join(str(p) for p in errors[0].path) or "(root)"
            last_error = f"schema violation at {where}: {errors[0].message}"
            continue
        if isinstance(spec, type):
            try:
                return spec.model_validate(obj)
            except ValidationError as e:
                last_error = f"schema violation: {e.errors()[0]['msg']}"
                continue
        return obj
    shown = text if len(text) <= 200 else text[:200] + "..."
    raise OutputFormatError(
        f"The model's output is not JSON matching the requested schema: {last_error}. Output: {shown!r}",
        "Retry at temperature 0, raise max_tokens if the output was cut off, or use a larger model.")
