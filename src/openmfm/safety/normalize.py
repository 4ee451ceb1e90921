"""Kept as an import path only: normalisation lives in ``openmfm.text.normalize``.

Rules in this layer (red flags, de-identification) still import it from here; new code should
import from ``openmfm.text``.
"""

from __future__ import annotations

from ..text.normalize import Normalized, normalize, normalize_text

__all__ = ["Normalized", "normalize", "normalize_text"]
