"""Clinical text structuring: notes to entities with assertions, codes and FHIR resources.

``openmfm.structure(text, cfg=, ctx=)`` returns a ``StructuredNote``; every entity links to the
characters it came from. The rules-and-terminology layer always runs; a model layer may add to it
and is accepted only where it validates.

The package is also callable, so that ``openmfm.structure(text)`` is the API as documented once
the package has been imported (a package attribute would otherwise shadow the function).
"""

from __future__ import annotations

import sys
import types

from .pipeline import MAX_CHARS, structure
from .records import Attributes, Coding, Entity, NoteFlag, Section, StructuredNote


class _CallablePackage(types.ModuleType):
    def __call__(self, text: str, **kwargs) -> StructuredNote:
        return structure(text, **kwargs)


sys.modules[__name__].__class__ = _CallablePackage

__all__ = ["MAX_CHARS", "Attributes", "Coding", "Entity", "NoteFlag", "Section", "StructuredNote", "structure"]
