"""The errors a user can cause, each carrying the next step to take.

The CLI prints ``message`` and ``hint`` without a traceback; the Python API raises them as-is.
Anything that is not an ``MFMError`` is a bug in OpenMFM and keeps its traceback.
"""

from __future__ import annotations


class MFMError(Exception):
    """Base class: ``hint`` says what the user should do next."""

    exit_code = 2

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.message if not self.hint else f"{self.message}\n  -> {self.hint}"


class ConfigError(MFMError):
    """A configuration file or value is invalid."""


class InvalidInput(MFMError):
    """A request's input cannot be processed (empty, too long, malformed)."""


class ModelNotFound(MFMError):
    """No registered model has that name."""


class ModelNotPulled(MFMError):
    """The model is registered but its file is not in the data home yet."""


class IntegrityError(MFMError):
    """A file's sha256 does not match the pinned value."""


class BackendUnavailable(MFMError):
    """A model backend or server cannot be reached or keeps failing."""


class ContextOverflow(MFMError):
    """A prompt does not fit the model's context window."""


class OutputFormatError(MFMError):
    """A model's output could not be parsed or repaired into the requested format."""


class ModelSourceUnavailable(MFMError):
    """None of a model's sources (part packages, file, URL) can be read to pull it."""


class GenerationTimeout(MFMError):
    """A generation ran past its time limit; ``partial`` holds the text produced so far."""

    partial: str = ""


class GenerationCancelled(MFMError):
    """The caller cancelled a generation; ``partial`` holds the text produced so far."""

    partial: str = ""


class IngestError(MFMError):
    """A file could not be ingested into the knowledge base."""


class KnowledgeBaseError(MFMError):
    """The knowledge base is missing, locked or inconsistent."""


class PolicyError(MFMError):
    """A policy file is invalid."""


class PolicyViolation(MFMError):
    """The safety policy refused a request."""


class PermissionDenied(MFMError):
    """The caller's role does not allow the action."""


class AuditError(MFMError):
    """The audit log is missing, or its hash chain is broken."""


class DatasetError(MFMError):
    """An evaluation dataset cannot be loaded."""
