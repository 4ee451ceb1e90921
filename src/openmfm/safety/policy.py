"""The safety policy as code: one TOML file that every request path reads.

Guards, thresholds, locale resources (emergency numbers, crisis lines, refusal texts), the
disclaimer and the role table all live in one validated file, so a hospital changes behaviour by
reviewing a diff rather than patching code. ``Policy.version`` names the file and hashes its
content; each request records it, so an audit entry says exactly which rules were in force.
"""

from __future__ import annotations

import hashlib
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..config import Config
from ..errors import PolicyError
from .redflags import RED_FLAG_CATEGORIES  # one list: the categories the red-flag data files define

PERMISSIONS = ("ask", "deid", "view_phi", "reidentify", "read_audit", "manage_keys", "manage_kb", "consult", "structure",
               "feedback", "monitor", "adapt")
ROLES = ("clinician", "patient", "researcher", "privacy_officer", "admin")
MONITOR_METRICS = ("abstention_rate", "mean_support", "removed_share", "conflict_rate", "red_flag_rate",
                   "injection_refusal_rate", "latency_p95_s", "unsafe_feedback_rate", "wrong_feedback_rate",
                   "language_shift", "topic_shift", "centroid_distance")
Operator = Literal["redact", "mask", "surrogate", "pseudonymize"]


def _only_known(values: list[str], known: tuple[str, ...], what: str) -> list[str]:
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ValueError(f"unknown {what} {unknown}; known: {list(known)}")
    return values


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid")


class InputRules(_Part):
    max_chars: int = Field(20000, gt=0)
    normalize: bool = True
    injection: bool = True
    harmful: bool = True
    injection_threshold: float = Field(1.0, gt=0)
    injection_model: bool = True
    injection_model_threshold: float = Field(0.95, gt=0, lt=1)
    injection_review_threshold: float = Field(0.5, gt=0, lt=1)


class RedFlagRules(_Part):
    enabled: bool = True
    model: bool = True
    model_threshold: float | None = Field(None, gt=0, lt=1)  # None: the classifier's own, chosen leaving categories out
    question_threshold: float = Field(0.5, gt=0, lt=1)
    categories: list[str] = Field(default_factory=lambda: list(RED_FLAG_CATEGORIES))
    clinical_roles: list[str] = Field(default_factory=lambda: ["clinician"])

    @field_validator("clinical_roles")
    @classmethod
    def _roles_known(cls, v: list[str]) -> list[str]:
        return _only_known(v, ROLES, "roles")

    @model_validator(mode="after")
    def _band(self) -> "RedFlagRules":
        if self.model_threshold is not None and self.question_threshold > self.model_threshold:
            raise ValueError("question_threshold must not exceed model_threshold (it is the band below it)")
        return self

    @field_validator("categories")
    @classmethod
    def _known(cls, v: list[str]) -> list[str]:
        return _only_known(v, RED_FLAG_CATEGORIES, "categories")


class OutputRules(_Part):
    phi_filter: bool = True
    dose_check: bool = True
    dose_tolerance: float = Field(1.0, ge=1.0)
    disclaimer: bool = True


class Disclaimer(_Part):
    zh: str
    en: str


class DeidRules(_Part):
    default_operator: Operator = "redact"
    score_threshold: float = Field(0.4, ge=0.0, le=1.0)
    max_chars: int = Field(2_000_000, gt=0)
    date_shift_days: int = Field(365, ge=1)
    learned: bool = True  # the learned PHI recogniser (safety.deid.learned) behind the rules


class MonitorRules(_Part):
    """Alert rules for `mfm monitor`: a window whose metric passes its bound raises an alert.

    Kept here, not in code, so a hospital tunes what pages someone by reviewing the policy diff."""

    max: dict[str, float] = Field(default_factory=lambda: {
        "abstention_rate": 0.5, "removed_share": 0.3, "conflict_rate": 0.3, "red_flag_rate": 0.2,
        "injection_refusal_rate": 0.05, "latency_p95_s": 30.0, "unsafe_feedback_rate": 0.02,
        "wrong_feedback_rate": 0.2, "language_shift": 0.2, "topic_shift": 0.3, "centroid_distance": 0.15})
    min: dict[str, float] = Field(default_factory=lambda: {"mean_support": 0.6})
    min_answers: int = Field(20, ge=1)  # answer metrics alert only from this many answers in a window
    reference_days: int = Field(28, ge=1)  # input drift compares the window with the days before it
    feedback_actor: bool = False  # keep the rater's identity with feedback (else only the role)

    @field_validator("max", "min")
    @classmethod
    def _metrics_known(cls, v: dict[str, float]) -> dict[str, float]:
        _only_known(list(v), MONITOR_METRICS, "monitor metrics")
        return v


class AdaptRules(_Part):
    """The adaptation recipe's rules: what PHI found in training data does, and how far an adapted
    model may fall behind its parent before the gate refuses it (non-inferiority margins on the
    mean item score, judged on the lower end of a paired-bootstrap interval)."""

    phi: Literal["deidentify", "refuse"] = "deidentify"
    medical_margin: float = Field(0.05, ge=0.0, le=1.0)
    general_margin: float = Field(0.05, ge=0.0, le=1.0)
    confidence: float = Field(0.95, gt=0.5, lt=1.0)
    n_boot: int = Field(2000, ge=100)


class LocaleResources(_Part):
    emergency: str
    crisis: str
    escalation: str
    same_day: str
    clinical: str
    crisis_message: str
    refusal_injection: str
    refusal_harmful: str

    @field_validator("escalation", "same_day")
    @classmethod
    def _has_number(cls, v: str) -> str:
        if "{emergency}" not in v:
            raise ValueError("must contain {emergency} so the number can never be left out")
        return v


class Policy(_Part):
    name: str
    default_locale: dict[Literal["zh", "en"], str]
    input: InputRules = InputRules()
    red_flags: RedFlagRules = RedFlagRules()
    output: OutputRules = OutputRules()
    disclaimer: Disclaimer
    deid: DeidRules = DeidRules()
    adapt: AdaptRules = AdaptRules()
    monitor: MonitorRules = MonitorRules()
    roles: dict[str, list[str]]
    locales: dict[str, LocaleResources]
    # set by the loader, not by the file
    version: str = ""
    source: str = ""

    @field_validator("roles")
    @classmethod
    def _roles(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        for role, perms in v.items():
            unknown = sorted(set(perms) - set(PERMISSIONS))
            if unknown:
                raise ValueError(f"role '{role}': unknown permissions {unknown}; known: {list(PERMISSIONS)}")
        missing = sorted(set(ROLES) - set(v))
        if missing:
            raise ValueError(f"roles {missing} are not defined (give them an empty list to deny all)")
        return v

    @model_validator(mode="after")
    def _locales_exist(self) -> "Policy":
        for lang, loc in self.default_locale.items():
            if loc not in self.locales:
                raise ValueError(f"default_locale.{lang} = '{loc}' has no [locales.\"{loc}\"] table")
        for lang in ("zh", "en"):
            if lang not in self.default_locale:
                raise ValueError(f"default_locale has no entry for '{lang}'")
        return self

    def locale(self, language: str, requested: str | None = None) -> tuple[str, LocaleResources]:
        """The locale for a request: the caller's if the policy knows it, else the language default.

        A locale from another language (en-GB for a Chinese message) is kept: the caller's country
        decides the emergency number, the message's language only the default.
        """
        if requested:
            for key in (requested, requested.replace("_", "-")):
                for name, res in self.locales.items():
                    if name.lower() == key.lower():
                        return name, res
        name = self.default_locale["zh" if language == "zh" else "en"]
        return name, self.locales[name]

    def allows(self, role: str, permission: str) -> bool:
        return permission in self.roles.get(role, [])


def builtin_policy_text() -> str:
    return resources.files("openmfm").joinpath("data/policy.toml").read_text(encoding="utf-8")


def parse_policy(text: str, source: str) -> Policy:
    """Validate a policy file's text; errors name the offending key and say how to fix it."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise PolicyError(f"{source} is not valid TOML: {e}", "Fix the syntax and run `mfm policy check FILE`.") from None
    for reserved in ("version", "source"):
        if reserved in data:
            raise PolicyError(f"{source}: '{reserved}' is computed from the file and cannot be set.",
                              f"Remove the '{reserved}' key.")
    try:
        policy = Policy.model_validate(data)
    except ValidationError as e:
        lines = []
        for err in e.errors():
            where = ".".join(str(p) for p in err["loc"]) or "(top level)"
            lines.append(f"{where}: {err['msg']}")
        raise PolicyError(f"{source} is not a valid policy:\n  " + "\n  ".join(lines),
                          "Compare with `mfm policy show` (the built-in policy) and fix the keys listed.") from None
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    policy.version = f"{policy.name}@{digest}"
    policy.source = source
    return policy


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime_ns: int) -> Policy:
    if not path:
        return parse_policy(builtin_policy_text(), "built-in")
    return parse_policy(Path(path).read_text(encoding="utf-8"), path)


def load_policy(cfg: Config) -> Policy:
    """The policy a configuration names: ``[policy] file`` when set, else the built-in one.

    The configuration is required, never looked up here, so the policy applied is always the
    caller's. Cached per file and modification time, so every request pays for parsing once and
    an edited file takes effect on the next request.
    """
    path = cfg.policy.file.strip()
    if not path:
        return _load_cached("", 0)
    p = Path(path).expanduser()
    if not p.is_file():
        raise PolicyError(f"The policy file {p} does not exist.",
                          "Fix `[policy] file` in mfm.toml, or clear it to use the built-in policy.")
    return _load_cached(str(p.resolve()), p.stat().st_mtime_ns)


def check_policy_file(path: Path) -> Policy:
    if not path.is_file():
        raise PolicyError(f"{path} does not exist.", "Pass the path of a policy TOML file.")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise PolicyError(f"{path} is not UTF-8 text.", "Save the policy as UTF-8.") from None
    return parse_policy(text, str(path))
