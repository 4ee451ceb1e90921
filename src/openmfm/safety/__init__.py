"""The safety layer every request path goes through: input and output guards with red-flag
escalation (``gate``), de-identification (``deid``), access control (``access``) and the policy
file that configures all of them (``policy``).

Heavy parts (Presidio, spaCy) load only when de-identification is first used.
"""

from .gate import InputDecision, RequestContext, check_input, check_output
from .policy import Policy, load_policy

__all__ = ["InputDecision", "Policy", "RequestContext", "check_input", "check_output", "load_policy"]
