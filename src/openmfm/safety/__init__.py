"""The safety layer every request path goes through: input and output guards with red-flag
escalation (``gate``), de-identification (``deid``), access control (``access``) and the policy
file that configures all of them (``policy``).

These names are the layer's public surface (benchmarks and interfaces use nothing else). Heavy
parts (Presidio, spaCy) load only when de-identification is first used.
"""

from ..records import RequestContext
from .access import request_context, require
from .gate import InputDecision, check_input, check_output, injection_in, red_flags_in
from .injection import score_injection
from .policy import Policy, load_policy, parse_policy
from .redflags import RedFlagHit, detect_red_flags

__all__ = [
    "InputDecision", "Policy", "RedFlagHit", "RequestContext", "check_input", "check_output", "detect_red_flags",
    "injection_in", "load_policy", "parse_policy", "red_flags_in", "request_context", "require", "score_injection",
]
