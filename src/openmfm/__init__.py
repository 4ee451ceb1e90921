"""OpenMFM: turn medical foundation models into verifiable clinical tools.

The public Python API; the `mfm` CLI is a thin shell over it.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .config import Config, load_config  # noqa: E402
from .errors import MFMError  # noqa: E402

__all__ = ["Config", "MFMError", "__version__", "load_config"]
