"""Dates people type: one reader for ``--as-of``, front matter and API fields alike.

Guidelines are dated to the year or month as often as to the day, so a partial date is read as
its first day; the same forms are accepted whichever door the date comes through.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from .errors import InvalidInput, MFMError

FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y-%m", "%Y")


def parse_day(value: Any, what: str, *, error: type[MFMError] = InvalidInput) -> date | None:
    """``value`` as a date (None for an empty value); ``error`` names the caller's kind of failure."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    s = str(value).strip()
    for fmt in FORMATS:
        try:
            return datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    raise error(f"Invalid {what} {s!r}.", "Use YYYY-MM-DD (or YYYY-MM, or YYYY), e.g. 2024-01-31.")
