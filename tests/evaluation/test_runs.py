"""Real runs with SmolLM2-135M: end to end in zh and en, the report, comparison, resume after a kill."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from openmfm.config import load_config
from openmfm.evaluation.datasets import load_dataset
from openmfm.evaluation.report import build_report
from openmfm.evaluation.runner import RunSpec, run_eval
from openmfm.evaluation.safety_set import safety_items
from openmfm.evaluation.store import list_runs, open_run
from openmfm.evaluation.datasets import Dataset, make_card, items_hash

pytestmark = pytest.mark.slow
MODEL = "smollm2-135m-instruct"

ITEMS = [
    {"id": "en1", "task": "mcq", "question": "A 60-year-old man has crushing chest pain. Which test comes first?",
     "options": {"A": "Electrocardiogram", "B": "Colonoscopy", "C": "Skin biopsy", "D": "Eye exam"}, "answer": "A"},
    {"id": "en2", "task": "mcq", "question": "Which vitamin deficiency causes scurvy?",
     "options": {"A": "Vitamin A", "B": "Vitamin B12", "C": "Vitamin C", "D": "Vitamin D"}, "answer": "C"},
    {"id": "en3", "task": "yes_no_maybe", "question": "Does smoking increase the risk of lung cancer?",
     "options": {"yes": "yes", "no": "no", "maybe": "maybe"}, "answer": "yes"},
    {"id": "zh1", "task": "mcq", "question": "患者，女，45岁，突发胸痛。首选检查是什么？",
     "options": {"A": "心电图", "B": "胃镜", "C": "头颅CT", "D": "腹部B超"}, "answer": "A"},
    {"id": "zh2", "task": "yes_no_maybe", "question": "吸烟是否增加肺癌风险？",
     "options": {"yes": "yes", "no": "no", "maybe": "maybe"}, "answer": "yes"},
    {"id": "zh3", "task": "mcq", "question": "缺乏维生素C会引起哪种疾病？",
     "options": {"A": "佝偻病", "B": "夜盲症", "C": "坏血病", "D": "脚气病"}, "answer": "C"},
]


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("eval-home")


@pytest.fixture(scope="module")
def cfg(home):
    return load_config({"home.path": str(home), "model.name": MODEL, "model.n_ctx": 2048})


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Path:
    p = tmp_path_factory.mktemp("data") / "tiny.jsonl"
    p.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in ITEMS) + "\n", encoding="utf-8")
    return p


@pytest.fixture(scope="module")
def logprob_run(cfg, tiny, smollm2_gguf):
    spec = RunSpec(dataset=str(tiny), model=MODEL, perturb=["shuffle_options", "typos", "traditional"],
                   fairness=["sex", "insurance"], seed=3)
    return run_eval(spec, cfg)


@pytest.fixture(scope="module")
def generate_run(cfg, tiny, smollm2_gguf):
    return run_eval(RunSpec(dataset=str(tiny), model=MODEL, method="generate", seed=3), cfg)


def test_end_to_end_zh_en(cfg, logprob_run):
    store = open_run(cfg, logprob_run.run_id)
    try:
        m = store.manifest()
        rows = list(store.results())
    finally:
        store.close()
    assert logprob_run.errors == 0 and logprob_run.computed == logprob_run.total == len(rows)
    orig = {it.id: (it, r) for v, it, r in rows if v == "original"}
    assert set(orig) == {i["id"] for i in ITEMS}
    assert {it.language for it, _ in orig.values()} == {"zh", "en"}
    for it, r in orig.values():
        assert r.metadata["method"] == "logprob" and r.prediction in it.options
        assert r.correct == (r.prediction == it.answer)
        assert sum(v for k, v in r.scores.items() if k.startswith("p_")) == pytest.approx(1.0)
    variants = {v for v, _, _ in rows}
    assert {"perturb:shuffle_options", "perturb:typos", "perturb:traditional", "fairness:sex=female",
            "fairness:insurance=uninsured"} <= variants
    trad = [it for v, it, _ in rows if v == "perturb:traditional"]
    assert {it.language for it in trad} == {"zh"}  # applies to Chinese items only
    assert m["system"]["model"] == MODEL and len(m["system"]["model_sha256"]) == 64
    assert m["dataset"]["sha256"] and m["code_version"] and m["system"]["policy_version"]
    assert m["status"] == "complete" and m["peak_rss_mb"] > 50


def test_generation_scoring_parses_answers(cfg, generate_run):
    store = open_run(cfg, generate_run.run_id)
    try:
        res = [r for _, _, r in store.results("original")]
    finally:
        store.close()
    assert all(r.metadata["method"] == "generate" and r.raw for r in res)
    assert all(r.completion_tokens > 0 for r in res if not r.metadata["cached"])


def test_rerun_resumes_and_cache_is_used(cfg, tiny, logprob_run):
    spec = RunSpec(dataset=str(tiny), model=MODEL, perturb=["shuffle_options", "typos", "traditional"],
                   fairness=["sex", "insurance"], seed=3)
    again = run_eval(spec, cfg)
    assert again.run_id == logprob_run.run_id and again.computed == 0 and again.skipped == logprob_run.total
    fresh = run_eval(spec, cfg, fresh=True)
    assert fresh.run_id != logprob_run.run_id and fresh.computed == fresh.total
    store = open_run(cfg, fresh.run_id)
    try:
        assert all(r.metadata["cached"] for _, _, r in store.results())
    finally:
        store.close()


def test_report_has_sections_and_comparison(cfg, logprob_run, generate_run):
    html, js = build_report(cfg, [logprob_run.run_id])
    text = html.read_text(encoding="utf-8")
    for section in ('id="scores"', 'id="robustness"', 'id="fairness"', 'id="resources"', 'id="provenance"'):
        assert section in text
    assert "data:image/png;base64," in text and "95%" in text
    data = json.loads(js.read_text())
    run = data["runs"][0]
    assert {r["perturbation"] for r in run["robustness"]} == {"shuffle_options", "typos", "traditional"}
    assert {f["attribute"] for f in run["fairness"]} == {"sex", "insurance"}
    acc = run["headline"]["mcq"]["accuracy"]
    assert acc["low"] <= acc["value"] <= acc["high"] and acc["n"] == 4
    assert set(run["by_language"]) == {"zh", "en"}
    assert run["resources"]["latency_p50_s"] > 0

    html2, js2 = build_report(cfg, [logprob_run.run_id, generate_run.run_id])
    comp = json.loads(js2.read_text())["comparisons"][0]
    assert comp["n"] == len(ITEMS) and 0 <= comp["mcnemar_p"] <= 1
    assert 'id="comparison"' in html2.read_text(encoding="utf-8")
    assert {r["run_id"] for r in list_runs(cfg)} >= {logprob_run.run_id, generate_run.run_id}


def test_safety_set_through_the_gate(cfg, smollm2_gguf):
    wanted = {"harm-en-1", "jail-zh-1", "emer-zh-3", "ctrl-en-2"}
    items = [i for i in safety_items() if i.id in wanted]
    ds = Dataset("safety-mini", items, make_card("safety-mini", "native", items, items_hash(items), None, 0,
                                                 licence="Apache-2.0"))
    out = run_eval(RunSpec(dataset="safety-mini", model=MODEL), cfg, dataset=ds)
    store = open_run(cfg, out.run_id)
    try:
        res = {it.id: r for _, it, r in store.results("original")}
    finally:
        store.close()
    # the gate refuses the harmful request and the jailbreak without calling the model
    assert res["harm-en-1"].metadata["refused"] and res["harm-en-1"].correct
    assert res["jail-zh-1"].metadata["refused"] and res["jail-zh-1"].correct
    # an overdose with suicidal intent is escalated (red flag shown above the answer)
    assert "red_flag" in res["emer-zh-3"].metadata["flags"] and res["emer-zh-3"].correct
    assert res["ctrl-en-2"].prediction in ("answer", "refuse", "escalate")


def test_killed_run_resumes_without_redoing(home, tiny, tmp_path, smollm2_gguf):
    items = [{"id": f"q{i}", "task": "yes_no_maybe", "question": f"Does drug {i} lower blood pressure in adults aged {20 + i}?",
              "options": {"yes": "yes", "no": "no", "maybe": "maybe"}, "answer": "yes"} for i in range(60)]
    data = tmp_path / "many.jsonl"
    data.write_text("\n".join(json.dumps(i) for i in items))
    env = {**os.environ, "MFM_HOME": str(tmp_path / "home"), "MFM_MODEL_N_CTX": "1024"}
    cmd = [str(Path(sys.executable).parent / "mfm"), "eval", "run", "--dataset", str(data), "--model", MODEL, "--no-cache",
           "--run-id", "killed", "--no-report"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    db = tmp_path / "home" / "eval" / "runs" / "killed" / "run.db"
    deadline = time.time() + 240
    n = 0
    while time.time() < deadline and proc.poll() is None:
        if db.exists():
            try:
                with sqlite3.connect(db) as con:
                    n = con.execute("SELECT count(*) FROM results").fetchone()[0]
            except sqlite3.OperationalError:
                n = 0
            if n >= 5:
                break
        time.sleep(0.05)
    assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(db) as con:
        before = dict(con.execute("SELECT item_id, finished_at FROM results"))
    assert 5 <= len(before) < 60
    rerun = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert f"{len(before)} resumed" in rerun.stdout.replace("\n", " ")
    with sqlite3.connect(db) as con:
        after = dict(con.execute("SELECT item_id, finished_at FROM results"))
    assert len(after) == 60
    assert all(after[k] == v for k, v in before.items())  # finished items were not redone
