"""What a caller hands to de-identification: plain text, or JSON (a record or a FHIR resource).

Every door (CLI file or stdin, HTTP body, MCP argument) receives raw text and must decide the
same way whether it is JSON, so the decision lives here rather than in each interface.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from ...errors import InvalidInput

Format = Literal["auto", "text", "json"]


def parse_payload(raw: str, fmt: str = "auto", *, filename: str | None = None) -> str | dict | list:
    """``raw`` as text or parsed JSON. ``auto`` means JSON when the file is named ``*.json`` or the
    text starts like a JSON object or array; anything else is a note."""
    if fmt not in ("auto", "text", "json"):
        raise InvalidInput(f"Unknown input format '{fmt}'.", "Use auto, text or json.")
    if fmt == "auto":
        named_json = bool(filename and filename.lower().endswith(".json"))
        fmt = "json" if named_json or raw.lstrip()[:1] in ("{", "[") else "text"
    if fmt == "text":
        return raw
    try:
        data: Any = json.loads(raw)
    except json.JSONDecodeError as e:
        raise InvalidInput(f"The input is not valid JSON: {e.msg} at line {e.lineno}, column {e.colno}.",
                           "Fix the JSON, or pass --format text to treat it as plain text.") from None
    if not isinstance(data, (dict, list)):
        raise InvalidInput("The JSON input is a bare value, not a record.",
                           "Pass a JSON object or array, or --format text for plain text.")
    return data
