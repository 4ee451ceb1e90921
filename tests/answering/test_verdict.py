"""Yes/no questions get an explicit, calibrated verdict read from the evidence."""

from __future__ import annotations

import pytest

from openmfm.answering import ask, verdict
from openmfm.records import ChoiceScores, GenerationRecord

from .evidence_factory import make_evidence


class _Scorer:
    """A model that leans to the first word on any input, by `bias`, and otherwise reads `lean`."""

    name, sha256 = "scorer", "0" * 64

    def __init__(self, lean: dict[str, float], bias: float = 2.5):
        self.lean, self.bias = lean, bias

    def score_choices(self, messages, choices):
        content_free = "N/A" in messages[-1].content
        lp = {c: (0.0 if content_free else self.lean.get(c, -3.0)) for c in choices}
        lp[choices[0]] += self.bias
        return ChoiceScores(logprobs=lp, best=max(lp, key=lp.get), record=GenerationRecord(model=self.name, backend="test"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_calibration_removes_the_models_lean_to_yes(lang):
    yes, no, maybe = verdict.WORDS[lang]
    model = _Scorer({yes: -1.5, no: -0.2, maybe: -3.0})
    ev = [make_evidence("Routine screening did not reduce mortality in the trial.", language="en")]
    raw = model.score_choices(verdict.messages("q", ev, lang), [yes, no, maybe])
    assert raw.best == yes  # uncalibrated, the lean wins
    label, probs = verdict.read_verdict("Does routine screening reduce mortality?", ev, lang, model)
    assert label == "no" and probs["no"] > probs["yes"]


def test_a_yes_no_question_in_generate_mode_shows_the_verdict_first(kbs, short_cfg, smollm2):
    a = ask("Is amoxicillin first-line for low-severity community-acquired pneumonia?", mode="generate",
            kb=kbs["cap"], cfg=short_cfg, model=smollm2)
    step = next(s for s in a.transcript if s.step == "verdict")
    if a.abstained:  # every drafted sentence failed verification: the verdict is not shown without evidence
        assert not a.text.startswith("Verdict")
        return
    assert a.verdict == step.outputs["verdict"]
    assert abs(sum(step.outputs["probabilities"].values()) - 1) < 0.01
    assert "Verdict:" in a.text.split("\n\n")[-2] or "Verdict:" in a.text


def test_an_open_question_gets_no_verdict(kbs, short_cfg, smollm2):
    a = ask("What is the first-line antibiotic for low-severity community-acquired pneumonia?", mode="generate",
            kb=kbs["cap"], cfg=short_cfg, model=smollm2)
    assert a.verdict is None and next(s for s in a.transcript if s.step == "verdict").outputs == {"verdict": None}
