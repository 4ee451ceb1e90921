"""The model path with the small real model (SmolLM2-135M): whatever it writes, a question the
patient sees is one acceptable question, and a model value enters the record only as words the
patient said."""

from __future__ import annotations

import pytest

from openmfm.config import load_config
from openmfm.consult import record, reply, start
from openmfm.consult.extract import extract_model, locate
from openmfm.consult.questioning import acceptable


@pytest.fixture(scope="module")
def smol(tmp_path_factory, smollm2_gguf):
    from openmfm.models import load_model

    cfg = load_config({"home.path": str(tmp_path_factory.getbasetemp() / "mfm-home"), "model.n_threads": 1,
                       "model.n_ctx": 2048})
    return cfg, load_model(cfg, name="smollm2-135m-instruct")


def test_model_session_keeps_only_checked_values(smol):
    cfg, model = smol
    s = start("knee pain", cfg=cfg, model=model, mode="model")
    assert s.mode == "model" and acceptable(s.pending_question, "en")
    s = reply(s, "It has hurt for ten days, mostly when I climb stairs, and my ankle feels odd too", cfg=cfg, model=model)
    for v in s.values:
        reply_text = s.turns[v.turn].reply
        assert reply_text[v.start:v.end] == v.value
    assert s.done or acceptable(s.pending_question, s.language)
    assert record(s, cfg=cfg).fhir_valid


def test_model_values_not_in_the_reply_are_rejected(smol):
    _, model = smol
    kept, notes = extract_model("my elbow aches after tennis", 1, "site", model, "en")
    assert all(locate(v.value, "my elbow aches after tennis") for v in kept)
    assert all(v.source == "model" and v.slot != "chief_complaint" for v in kept)
    assert isinstance(notes, list)


def test_locate_refuses_invented_words():
    assert locate("left knee", "the pain is in my left knee") == (18, 27)
    assert locate("right knee", "the pain is in my left knee") is None
    assert locate("胀痛", "整个头都胀痛") == (4, 6)
    assert locate("刺痛", "整个头都胀痛") is None
    assert locate("头胀", "整个头都胀痛") is None  # scattered characters are not the patient's words
