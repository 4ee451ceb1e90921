"""Immutable versions, --as-of, snapshot ids, stable chunk ids, diff and remove."""

from __future__ import annotations

from datetime import date

import pytest

from openmfm.errors import KnowledgeBaseError
from openmfm.knowledge import open_kb

from .conftest import make_cfg

V1 = """# Local sepsis protocol

Start antibiotics within three hours of recognising sepsis.

## Fluids

Give 20 mL/kg of crystalloid.
"""
V2 = V1.replace("within three hours", "within one hour").replace("20 mL/kg", "30 mL/kg")


@pytest.fixture(scope="module")
def versioned(tmp_path_factory):
    d = tmp_path_factory.mktemp("ver")
    kb = open_kb(make_cfg(d / "home"), "v", create=True)
    doc = d / "protocol.md"
    doc.write_text(V1, encoding="utf-8")
    r1 = kb.add_paths([doc], effective="2020-01-01", doc_type="local_protocol")
    snap1 = kb.snapshot_id
    ids1 = [e.chunk.id for e in kb.search("antibiotics sepsis fluids", k=10)]
    again = kb.add_paths([doc], effective="2020-01-01", doc_type="local_protocol")
    ids_again = [e.chunk.id for e in kb.search("antibiotics sepsis fluids", k=10)]
    doc.write_text(V2, encoding="utf-8")
    r2 = kb.add_paths([doc], effective="2024-06-01", doc_type="local_protocol")
    return kb, r1, again, r2, snap1, ids1, ids_again


def test_unchanged_reingest_keeps_version_snapshot_and_chunk_ids(versioned):
    kb, r1, again, r2, snap1, ids1, ids_again = versioned
    assert r1.results[0].status == "added" and again.results[0].status == "unchanged"
    assert again.snapshot_id == snap1
    assert ids1 == ids_again and ids1


def test_changed_content_makes_a_new_version_superseding_the_old(versioned):
    kb, r1, again, r2, snap1, *_ = versioned
    res = r2.results[0]
    assert res.status == "new_version" and res.version == 2 and res.source_id == r1.results[0].source_id
    vs = kb.versions(res.source_id)
    assert [v.version for v in vs] == [1, 2]
    assert vs[0].superseded_at is not None and vs[1].superseded_at is None
    assert kb.snapshot_id != snap1
    assert kb.text(res.source_id, 1) == V1.strip()


def test_search_sees_the_current_version_and_as_of_the_old_one(versioned):
    kb, r1, *_ = versioned
    sid = r1.results[0].source_id
    now = kb.search("how soon antibiotics sepsis", k=1)[0]
    assert now.chunk.version == 2 and "one hour" in now.quote
    then = kb.search("how soon antibiotics sepsis", k=1, as_of=date(2021, 5, 1))[0]
    assert then.chunk.version == 1 and "three hours" in then.quote and then.source.id == sid
    assert then.snapshot_id == kb.snapshot(date(2021, 5, 1)) != now.snapshot_id
    assert kb.search("antibiotics", k=3, as_of=date(2019, 1, 1)) == []


def test_diff_shows_the_changed_lines(versioned):
    kb, r1, *_ = versioned
    out = kb.diff(r1.results[0].source_id, 1, 2)
    assert "-Start antibiotics within three hours" in out and "+Start antibiotics within one hour" in out


def test_chunk_ids_are_stable_across_independent_builds(tmp_path):
    doc = tmp_path / "protocol.md"
    doc.write_text(V1 + "\n中文段落：脓毒症一小时内使用抗生素。\n", encoding="utf-8")
    ids = []
    for home in ("h1", "h2"):
        kb = open_kb(make_cfg(tmp_path / home), "v", create=True)
        kb.add_paths([doc], embed=False)
        sid = kb.sources()[0].source.id
        ids.append(sorted(e.chunk.id for e in kb.search("antibiotics sepsis 抗生素", k=10, source_ids=[sid])))
    assert ids[0] == ids[1] and len(ids[0]) >= 2


def test_remove_deletes_every_version(tmp_path):
    d = tmp_path / "doc.md"
    d.write_text(V1, encoding="utf-8")
    kb = open_kb(make_cfg(tmp_path / "home"), "r", create=True)
    sid = kb.add_paths([d], embed=False).results[0].source_id
    empty_snap = open_kb(make_cfg(tmp_path / "home3"), "e", create=True).snapshot_id
    assert kb.remove(sid) > 0
    assert kb.sources() == [] and kb.search("antibiotics", k=3) == []
    assert kb.snapshot_id == empty_snap
    with pytest.raises(KnowledgeBaseError):
        kb.remove(sid)


def test_missing_kb_names_the_command_to_run(tmp_path):
    with pytest.raises(KnowledgeBaseError) as e:
        open_kb(make_cfg(tmp_path / "nohome"))
    assert "mfm kb build-default" in e.value.hint
