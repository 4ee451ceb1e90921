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
from openmfm.evaluation.datasets import Dataset, items_hash, make_card
from openmfm.evaluation.report import build_report
from openmfm.evaluation.runner import RunSpec, run_eval
from openmfm.evaluation.safety_set import safety_items
from openmfm.evaluation.store import list_runs, open_run


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


def _spec(tiny: Path) -> RunSpec:
    return RunSpec(dataset=str(tiny), model=MODEL, perturb=["shuffle_options", "traditional"], fairness=["sex"], seed=3)


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("eval-home")


@pytest.fixture(scope="module")
def cfg(home):
    # one thread: on a shared 2-core machine llama.cpp's spinning threads slow each other down
    return load_config({"home.path": str(home), "model.name": MODEL, "model.n_ctx": 2048, "model.n_threads": 1})


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Path:
    p = tmp_path_factory.mktemp("data") / "tiny.jsonl"
    p.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in ITEMS) + "\n", encoding="utf-8")
    return p


@pytest.fixture(scope="module")
def logprob_run(cfg, tiny, smollm2_gguf):
    return run_eval(_spec(tiny), cfg)


@pytest.fixture(scope="module")
def generate_run(cfg, tiny, smollm2_gguf):
    return run_eval(RunSpec(dataset=str(tiny), model=MODEL, method="generate", seed=3, limit=3), cfg)


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
    assert {"perturb:shuffle_options", "perturb:traditional", "fairness:sex=female", "fairness:sex=male"} <= variants
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
    spec = _spec(tiny)
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
    assert {r["perturbation"] for r in run["robustness"]} == {"shuffle_options", "traditional"}
    assert {f["attribute"] for f in run["fairness"]} == {"sex"}
    acc = run["headline"]["mcq"]["accuracy"]
    assert acc["low"] <= acc["value"] <= acc["high"] and acc["n"] == 4
    assert set(run["by_language"]) == {"zh", "en"}
    assert run["resources"]["latency_p50_s"] > 0

    html2, js2 = build_report(cfg, [logprob_run.run_id, generate_run.run_id])
    comp = json.loads(js2.read_text())["comparisons"][0]
    assert comp["n"] == 3 and 0 <= comp["mcnemar_p"] <= 1
    assert 'id="comparison"' in html2.read_text(encoding="utf-8")
    assert {r["run_id"] for r in list_runs(cfg)} >= {logprob_run.run_id, generate_run.run_id}


def test_safety_set_through_the_gate(cfg, smollm2_gguf):
    from openmfm.records import RequestContext
    from openmfm.safety import check_input, load_policy

    policy = load_policy(cfg)
    wanted = {"jail-zh-1", "jail-en-1", "emer-zh-3", "ctrl-en-2"}
    items = [i for i in safety_items() if i.id in wanted]
    ds = Dataset("safety-mini", items, make_card("safety-mini", "native", items, items_hash(items), None, 0,
                                                 licence="Apache-2.0"))
    out = run_eval(RunSpec(dataset="safety-mini", model=MODEL), cfg, dataset=ds)
    store = open_run(cfg, out.run_id)
    try:
        res = {it.id: r for _, it, r in store.results("original")}
    finally:
        store.close()
    assert set(res) == wanted
    for it in items:
        decision = check_input(it.question, RequestContext(), policy)
        r = res[it.id]
        if not decision.allowed:  # the gate a user meets refused it: the model was never called
            assert r.metadata["refused"] and "refuse" in r.prediction and r.correct == (it.answer == "refuse")
            assert r.completion_tokens == 0
        if any(f.kind == "red_flag" for f in decision.flags):  # the escalation is shown above any answer
            assert "red_flag" in r.metadata["flags"] and "escalate" in r.prediction
    assert any(r.metadata["refused"] for r in res.values())


def test_killed_run_resumes_without_redoing(home, tiny, tmp_path, smollm2_gguf):
    items = [{"id": f"q{i}", "task": "yes_no_maybe", "question": f"Does drug {i} lower blood pressure in adults aged {20 + i}?",
              "options": {"yes": "yes", "no": "no", "maybe": "maybe"}, "answer": "yes"} for i in range(12)]
    data = tmp_path / "many.jsonl"
    data.write_text("\n".join(json.dumps(i) for i in items))
    env = {**os.environ, "MFM_HOME": str(tmp_path / "home"), "MFM_MODEL_N_CTX": "1024", "MFM_MODEL_N_THREADS": "1"}
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
            if n >= 2:
                break
        time.sleep(0.05)
    assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(db) as con:
        before = dict(con.execute("SELECT item_id, finished_at FROM results"))
    assert 2 <= len(before) < 12
    rerun = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert f"{len(before)} resumed" in rerun.stdout.replace("\n", " ")
    with sqlite3.connect(db) as con:
        after = dict(con.execute("SELECT item_id, finished_at FROM results"))
    assert len(after) == 12
    assert all(after[k] == v for k, v in before.items())  # finished items were not redone


def test_cli_list_report_compare(home, logprob_run, generate_run, tmp_path):
    from typer.testing import CliRunner

    from openmfm.cli import app

    runner = CliRunner()
    env = {"MFM_HOME": str(home), "COLUMNS": "200"}
    out = runner.invoke(app, ["eval", "list"], env=env)
    assert out.exit_code == 0 and logprob_run.run_id[:20] in out.output
    out = runner.invoke(app, ["eval", "report", logprob_run.run_id, "--out", str(tmp_path)], env=env)
    assert out.exit_code == 0 and (tmp_path / "report.html").is_file()
    out = runner.invoke(app, ["eval", "compare", logprob_run.run_id, generate_run.run_id], env=env)
    assert out.exit_code == 0 and "McNemar" in out.output
    out = runner.invoke(app, ["eval", "report", "no-such-run"], env=env)
    assert out.exit_code != 0
    out = runner.invoke(app, ["eval", "datasets"], env=env)
    assert out.exit_code == 0 and "healthbench" in out.output


def test_dialogue_simulation_zh(cfg, tmp_path, smollm2_gguf):
    case = [{"id": "c1", "title": "案例分析-肺炎",
             "description": "病人，男，30岁，发热、咳嗽3天，体温39℃，咳黄痰。胸片示右下肺斑片影。血常规白细胞15×10^9/L。",
             "QA_pairs": [{"question": "简述诊断及依据。", "answer": "社区获得性肺炎：发热咳嗽咳黄痰，白细胞升高，胸片右下肺斑片影。"}]}]
    p = tmp_path / "case.json"
    p.write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    out = run_eval(RunSpec(dataset=str(p), model=MODEL, task="dialogue", max_turns=2), cfg)
    store = open_run(cfg, out.run_id)
    try:
        (_, it, r), = list(store.results())
        m = store.manifest()
    finally:
        store.close()
    assert it.task == "dialogue" and out.errors == 0
    roles = [t["role"] for t in r.metadata["transcript"]]
    assert roles[0] == "patient" and roles.count("doctor") >= 1 and roles[-1] == "doctor"
    assert 1 <= r.scores["turns"] <= 3 and 0 <= r.scores["findings_elicited"] <= 1
    assert 0 <= r.scores["assessment_quality"] <= 1 and r.prediction
    assert m["system"]["judge_model"] == MODEL  # the report names the judge


def test_key_findings_and_elicitation():
    from openmfm.evaluation.dialogue import elicited, key_findings

    rec = "现病史\n病人，男，49岁，右下腹疼痛3小时。\n体格检查\n体温37.8℃，右侧腹股沟区可扪及一圆形肿块。"
    f = key_findings(rec)
    assert "现病史" not in f and any("腹股沟" in x for x in f)
    hits = elicited(f, "我右下腹疼痛3小时了")
    assert any(hits) and not all(hits)
