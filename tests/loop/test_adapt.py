"""The adaptation recipe end to end on SmolLM2-135M and two CPU cores: data checks, LoRA training
interrupted and resumed, merge, GGUF export, quantisation, the gate (a damaged adapter refused, a
trained one registered with its lineage), and the bad inputs of issue 17."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from openmfm.config import load_config
from openmfm.errors import InvalidInput, PermissionDenied, PolicyViolation
from openmfm.loop import adapt
from openmfm.loop.adapt.workspace import load_run
from openmfm.models.registry import get_entry, model_path
from openmfm.records import RequestContext
from openmfm.safety.policy import builtin_policy_text, load_policy, parse_policy

pytestmark = pytest.mark.slow

BASE = "smollm2-135m-instruct"
RESEARCHER = RequestContext(role="researcher")
RECIPE = adapt.Recipe(steps=4, batch_size=2, max_tokens=80, checkpoint_every=2, learning_rate=5e-5)
LIMIT = 1  # gate items per suite and language: the CPU test path


def _ex(q: str, text: str, source: str, answer: str) -> dict:
    return {"question": q, "evidence": [{"id": "p1", "text": text, "source": source}], "answer": answer}


TRAIN = [
    _ex("Which inhaler relieves acute wheeze in adults?", "Salbutamol by metered-dose inhaler relieves acute bronchospasm.",
        "Respiratory handbook", "A salbutamol inhaler relieves acute wheeze [1]."),
    _ex("How long is oral rehydration continued in mild diarrhoea?",
        "Oral rehydration solution is continued until diarrhoea stops, in small frequent sips.",
        "Gastro leaflet", "Continue oral rehydration solution until the diarrhoea stops [1]."),
    _ex("轻度腹泻口服补液要持续多久？", "口服补液盐应少量多次服用，直至腹泻停止。", "消化科手册", "口服补液盐应持续到腹泻停止[1]。"),
    _ex("急性喘息用什么吸入剂缓解？", "沙丁胺醇气雾剂可迅速缓解急性支气管痉挛。", "呼吸科手册", "可用沙丁胺醇气雾剂缓解[1]。"),
]


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    cfg = load_config({"home.path": str(tmp_path_factory.getbasetemp() / "mfm-home"), "model.n_threads": 1})
    data = tmp_path_factory.mktemp("adapt") / "train.jsonl"
    data.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in TRAIN), encoding="utf-8")
    return {"cfg": cfg, "policy": load_policy(cfg), "ctx": RESEARCHER}, data


class Stop(Exception):
    pass


@pytest.fixture(scope="module")
def good(env):
    """A run trained 4 steps, interrupted after step 3 and resumed (checkpoint at step 2), gated
    and registered; plus the same training uninterrupted, to compare the weights with."""
    common, data = env
    adapt.data("good", base=BASE, inputs=[data], **common)

    def interrupt(step: int, loss: float) -> None:
        if step == 3:
            raise Stop

    with pytest.raises(Stop):
        adapt.train("good", recipe=RECIPE, on_step=interrupt, **common)
    run = adapt.train("good", recipe=RECIPE, **common)
    adapt.data("straight", base=BASE, inputs=[data], **common)
    straight = adapt.train("straight", recipe=RECIPE, **common)
    adapt.merge("good", **common)
    adapt.export("good", **common)
    adapt.quantize("good", **common)
    gated = adapt.gate("good", limit=LIMIT, **common)
    return run, straight, gated


def _lora(adapter: str) -> dict:
    from safetensors.torch import load_file

    return load_file(str(Path(adapter) / "adapter_model.safetensors"))


def test_interrupted_training_resumes_from_the_last_checkpoint(good):
    run, straight, _ = good
    out = run.steps["train"].outputs
    assert out["resumed_from"] == 2
    assert len(out["losses"]) == 4
    a, b = _lora(out["adapter"]), _lora(straight.steps["train"].outputs["adapter"])
    assert a.keys() == b.keys()
    assert all((a[k] - b[k]).abs().max() < 1e-5 for k in a)
    assert any(float(a[k].abs().max()) > 0 for k in a if "lora_B" in k)  # it did train


def test_a_trained_adapter_passes_the_gate_and_is_registered_with_its_lineage(good, env):
    common, _ = env
    _, _, gated = good
    assert gated.gate["passed"], gated.gate["reasons"]
    assert set(gated.gate["suites"]) == {"medical", "general"}
    assert {"en", "zh"} <= set(gated.gate["suites"]["medical"]["by_language"])
    run = adapt.register("good", "smollm2-good-test", **common)
    entry = get_entry("smollm2-good-test", common["cfg"])
    assert entry.sha256 == run.steps["quantize"].outputs["sha256"]
    assert run.base_sha256 in entry.provenance
    lineage = json.loads(Path(run.steps["register"].outputs["lineage"]).read_text(encoding="utf-8"))
    assert lineage["parent_sha256"] == run.base_sha256
    assert lineage["data"]["sha256"] == run.data["sha256"]
    assert lineage["recipe"]["rank"] == RECIPE.rank
    assert lineage["metrics"]["medical"]["parent"] == gated.gate["suites"]["medical"]["parent"]
    import gguf

    meta = gguf.GGUFReader(str(model_path("smollm2-good-test", common["cfg"]))).fields["openmfm.lineage"].contents()
    assert json.loads(meta)["data_sha256"] == run.data["sha256"]


def test_a_damaged_adapter_is_refused_and_not_registered(good, env, tmp_path):
    import torch
    from safetensors.torch import save_file

    common, data = env
    run, _, _ = good
    src = Path(run.steps["train"].outputs["adapter"])
    bad = tmp_path / "damaged"
    shutil.copytree(src, bad)
    torch.manual_seed(0)
    weights = {k: (v + 0.5 * torch.randn_like(v)) if "lora_B" in k else v for k, v in _lora(str(src)).items()}
    save_file(weights, str(bad / "adapter_model.safetensors"))
    adapt.data("damaged", base=BASE, inputs=[data], **common)
    adapt.merge("damaged", adapter=bad, **common)
    adapt.export("damaged", **common)
    adapt.quantize("damaged", **common)
    gated = adapt.gate("damaged", limit=LIMIT, **common)
    assert not gated.gate["passed"]
    assert any("below" in r or "fell" in r for r in gated.gate["reasons"])
    medical = gated.gate["suites"]["medical"]
    assert medical["child"] < medical["parent"] - medical["margin"]
    with pytest.raises(PolicyViolation, match="refused by the gate"):
        adapt.register("damaged", "smollm2-damaged-test", **common)
    with pytest.raises(Exception, match="No model named"):
        get_entry("smollm2-damaged-test", common["cfg"])


def test_an_adapter_for_another_base_is_refused(good, env):
    common, data = env
    run, _, _ = good
    if "register" not in load_run(common["cfg"], "good").steps:
        adapt.register("good", "smollm2-good-test", **common)
    adapt.data("other-base", base="smollm2-good-test", inputs=[data], **common)
    with pytest.raises(InvalidInput, match="trained on 'smollm2-135m-instruct'.*based on 'smollm2-good-test'"):
        adapt.merge("other-base", adapter=Path(run.steps["train"].outputs["adapter"]), **common)


def test_malformed_jsonl_names_the_line_and_field(env, tmp_path):
    common, _ = env
    bad = tmp_path / "bad.jsonl"
    rows = [json.dumps(TRAIN[0]), "{not json", json.dumps({**TRAIN[2], "evidence": [{"id": "p1", "source": "手册"}]}),
            json.dumps({**TRAIN[1], "answer": "Continue until it stops [3]."})]
    bad.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as e:
        adapt.data("malformed", base=BASE, inputs=[bad], **common)
    msg = e.value.message
    assert "line 2: not valid JSON" in msg
    assert "line 3, field 'evidence[0].text'" in msg
    assert "line 4" in msg and "cites [3]" in msg
    assert "line 1" not in msg


PHI_EN = _ex("Mr Jonathan Pereira, phone 415-555-0199, asks how to use a salbutamol inhaler.",
             "Salbutamol by metered-dose inhaler relieves acute bronchospasm.", "Respiratory handbook",
             "Use the salbutamol inhaler when wheezy [1].")
PHI_ZH = _ex("患者王建国，手机13912345678，问沙丁胺醇怎么用？", "沙丁胺醇气雾剂可迅速缓解急性支气管痉挛。", "呼吸科手册",
             "喘息时使用沙丁胺醇气雾剂[1]。")


def test_phi_in_training_data_is_deidentified_by_default(env, tmp_path):
    common, _ = env
    f = tmp_path / "phi.jsonl"
    f.write_text(json.dumps(PHI_EN) + "\n" + json.dumps(PHI_ZH, ensure_ascii=False) + "\n", encoding="utf-8")
    run = adapt.data("phi-deid", base=BASE, inputs=[f], **common)
    assert run.data["phi_action"] == "deidentify" and run.data["phi"]
    text = Path(run.data["path"]).read_text(encoding="utf-8")
    for identifier in ("Jonathan Pereira", "415-555-0199", "王建国", "13912345678"):
        assert identifier not in text
    assert "salbutamol" in text and "沙丁胺醇" in text
    assert text.count("[1]") == 2  # de-identification never rewrites a citation marker


def test_a_teachers_verified_statements_become_an_example_and_its_abstentions_do_not():
    from openmfm.loop.adapt.distill import to_example
    from openmfm.records import Answer, Citation, Claim

    from ..answering.evidence_factory import make_evidence

    ev = [make_evidence("Nebulised salbutamol is given for severe acute asthma.", title="Asthma guideline"),
          make_evidence("重度哮喘急性发作时给予雾化沙丁胺醇。", source_id="src-b", title="哮喘指南", language="zh")]
    cite = [Citation(n=2, chunk_id=ev[1].chunk.id, source_id="src-b", version=1, span_start=0, span_end=5, quote="x")]
    claims = [Claim(text="重度哮喘急性发作时雾化沙丁胺醇。", citations=cite, support="supported"),
              Claim(text="再加用抗生素。", citations=cite, support="unsupported", removed=True)]
    answer = Answer(question="重度哮喘怎么处理？", language="zh", text="", mode="generate", claims=claims, evidence=ev)
    ex = to_example(answer)
    assert ex is not None and ex.origin == "teacher"
    assert ex.answer == "重度哮喘急性发作时雾化沙丁胺醇。[2]"
    assert [e.source for e in ex.evidence] == ["Asthma guideline", "哮喘指南"]
    assert to_example(answer.model_copy(update={"abstained": True})) is None
    assert to_example(answer.model_copy(update={"claims": claims[1:]})) is None


def test_phi_in_training_data_is_refused_when_the_policy_says_so(env, tmp_path):
    common, _ = env
    strict = parse_policy(builtin_policy_text().replace('phi = "deidentify"', 'phi = "refuse"'), "strict")
    f = tmp_path / "phi.jsonl"
    f.write_text(json.dumps(TRAIN[0]) + "\n" + json.dumps(PHI_ZH, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(PolicyViolation) as e:
        adapt.data("phi-refuse", base=BASE, inputs=[f], **{**common, "policy": strict})
    assert "phi.jsonl:2 field 'question'" in e.value.message


def test_duplicates_are_dropped_and_the_hash_is_of_the_content(env, tmp_path):
    common, _ = env
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in TRAIN[:2]), encoding="utf-8")
    near = {**TRAIN[0], "answer": TRAIN[0]["answer"].replace("A salbutamol", "The salbutamol")}
    b.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n\n" for r in [*TRAIN[:2], near]), encoding="utf-8")
    ra = adapt.data("dedup-a", base=BASE, inputs=[a], **common).data
    rb = adapt.data("dedup-b", base=BASE, inputs=[b], **common).data
    assert rb["duplicates"] == 1 and rb["examples"] == 2
    assert ra["sha256"] == rb["sha256"]


def test_gguf_export_of_an_unsupported_architecture_is_a_clear_error(tmp_path):
    from openmfm.loop.adapt.gguf_export import architecture

    (tmp_path / "config.json").write_text(json.dumps({"model_type": "mamba"}), encoding="utf-8")
    with pytest.raises(InvalidInput, match="does not support the 'mamba' architecture"):
        architecture(tmp_path)


def test_adapting_needs_the_adapt_permission(env, tmp_path):
    common, data = env
    with pytest.raises(PermissionDenied, match="'adapt'"):
        adapt.data("denied", base=BASE, inputs=[data], **{**common, "ctx": RequestContext(role="clinician")})


def test_the_cli_lists_every_step_and_the_device_flag():
    from typer.testing import CliRunner

    from openmfm.cli import app

    out = CliRunner().invoke(app, ["adapt", "--help"]).output
    for step in ("data", "train", "merge", "export", "quantize", "gate", "register", "run"):
        assert step in out
    assert "cuda" in CliRunner().invoke(app, ["adapt", "train", "--help"]).output
