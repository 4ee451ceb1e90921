"""The public entry point: permission, one audit entry per call, the callable package."""

from __future__ import annotations

import pytest

import openmfm
import openmfm.structure
from openmfm.audit import AuditLog
from openmfm.errors import PermissionDenied
from openmfm.records import RequestContext


def test_patient_role_may_not_structure(cfg):
    with pytest.raises(PermissionDenied):
        openmfm.structure("咳嗽三天。", cfg=cfg, ctx=RequestContext(role="patient"))


def test_one_audit_entry_per_call_without_the_note(cfg):
    log = AuditLog(cfg.audit_path)
    before = len(log.list(limit=10_000, action="structure"))
    note = openmfm.structure("Seen for gout flare, on colchicine.", cfg=cfg, ctx=RequestContext(role="researcher"))
    entries = log.list(limit=10_000, action="structure")
    assert len(entries) == before + 1
    rec = log.get(note.audit_id)
    assert rec.role == "researcher" and rec.payload["entities"]
    assert "colchicine" not in str(rec.payload)


def test_language_is_detected_or_checked(cfg):
    assert openmfm.structure("头晕伴恶心一天。", cfg=cfg).language == "zh"
    with pytest.raises(Exception) as e:
        openmfm.structure("Dizzy.", cfg=cfg, language="fr")
    assert "language" in str(e.value).lower()
