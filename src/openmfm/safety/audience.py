"""Who a red flag is addressed to: the person with the symptoms, or a clinician managing a patient.

"Call 911" above a clinician's question about empiric antibiotics for an inpatient with
meningitis is noise that teaches people to ignore the banner; no escalation at all above a
patient's own description of the same signs is dangerous. The policy names the roles that may
receive clinical wording (``[red_flags] clinical_roles``); the phrasing (``data/safety/audience.toml``)
decides whether this request is about managing a patient. A request that speaks for the writer or
their family always gets the escalation, whatever the role.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources
from typing import Literal

from ..records import RequestContext
from .policy import Policy

Audience = Literal["person", "clinician"]


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    data = tomllib.loads(resources.files("openmfm").joinpath("data/safety/audience.toml").read_text(encoding="utf-8"))
    return {group: re.compile("|".join(f"(?:{p})" for lang in ("en", "zh") for p in data[group][lang]), re.IGNORECASE)
            for group in ("patient", "management", "personal")}


def audience(text: str, ctx: RequestContext, policy: Policy) -> Audience:
    """``clinician`` only for a clinical role asking how to manage someone else; else ``person``."""
    if ctx.role not in policy.red_flags.clinical_roles:
        return "person"
    rx = _patterns()
    if rx["personal"].search(text):
        return "person"
    return "clinician" if rx["patient"].search(text) and rx["management"].search(text) else "person"
