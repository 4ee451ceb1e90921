"""Model-layer benchmark: OpenMFM's llama-cpp backend against llama-cpp-python called directly.

For each pulled local model, two fresh subprocesses (so each peak RSS is its own): one loads the
model through ``openmfm.models.load_model`` and streams replies through ``ChatModel.stream``; the
other loads ``llama_cpp.Llama`` with the GGUF's own chat template and streams
``create_chat_completion`` with the same sampling settings (greedy, top_k 40, min_p 0.05,
repeat_penalty 1.1, cache reset before each request, as our backend does). Both generate the same
tokens, which the report checks. Figures: load time, time to first token, decode tokens/s for an
English and a Chinese prompt (median of ``--reps``), peak RSS, and our overhead in throughput.
The pair is run ``--rounds`` times alternately and the best round of each kept, which damps the
noise of a shared machine.

Usage: .venv/bin/python benchmarks/models.py [--models a,b] [--max-tokens 128] [--reps 3]
       [--rounds 2] [--pull]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time

PROMPTS = {
    "en": "Explain in a few sentences what hypertension is and how it is usually treated.",
    "zh": "请用几句话解释什么是高血压，以及通常如何治疗。",
}
SAMPLING = {"temperature": 0.0, "top_p": 1.0, "top_k": 40, "min_p": 0.05, "repeat_penalty": 1.1, "seed": 42}


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_ours(name: str, max_tokens: int, reps: int) -> dict:
    from openmfm.config import load_config
    from openmfm.models import load_model
    from openmfm.records import Generation, GenerationParams, Message

    cfg = load_config()
    t0 = time.perf_counter()
    m = load_model(cfg, name=name, backend="llama-cpp")
    load_s = time.perf_counter() - t0
    params = GenerationParams(temperature=0.0, top_p=1.0, max_tokens=max_tokens, seed=42)
    out: dict = {"load_s": load_s, "n_threads": m.n_threads, "n_ctx": m.context_length}
    for lang, prompt in PROMPTS.items():
        runs = []
        for _ in range(reps + 1):  # the first run warms caches and is dropped
            t = time.perf_counter()
            ttft, final = None, None
            for piece in m.stream([Message(role="user", content=prompt)], params):
                if isinstance(piece, Generation):
                    final = piece
                elif ttft is None:
                    ttft = time.perf_counter() - t
            total = time.perf_counter() - t
            n = m.count_tokens(final.text)  # counted as for the direct run below
            runs.append({"ttft_s": ttft, "tokens": n, "tok_s": (n - 1) / (total - ttft), "text": final.text})
        out[lang] = _summary(runs[1:])
    out["peak_rss_mb"] = _peak_rss_mb()
    return out


def run_direct(path: str, n_ctx: int, n_threads: int, max_tokens: int, reps: int) -> dict:
    from llama_cpp import Llama

    t0 = time.perf_counter()
    llm = Llama(model_path=path, n_ctx=n_ctx, n_threads=n_threads, seed=42, verbose=False,
                chat_format="chat_template.default")
    load_s = time.perf_counter() - t0
    out: dict = {"load_s": load_s}
    for lang, prompt in PROMPTS.items():
        runs = []
        for _ in range(reps + 1):
            llm.reset()
            t = time.perf_counter()
            ttft, text, n = None, "", 0
            for chunk in llm.create_chat_completion([{"role": "user", "content": prompt}], max_tokens=max_tokens,
                                                    stream=True, **SAMPLING):
                piece = chunk["choices"][0]["delta"].get("content")
                if piece:
                    if ttft is None:
                        ttft = time.perf_counter() - t
                    text += piece
            total = time.perf_counter() - t
            n = len(llm.tokenize(text.encode("utf-8"), add_bos=False)) if text else 0
            runs.append({"ttft_s": ttft, "tokens": n, "tok_s": (n - 1) / (total - ttft), "text": text})
        out[lang] = _summary(runs[1:])
    out["peak_rss_mb"] = _peak_rss_mb()
    return out


def _summary(runs: list[dict]) -> dict:
    return {"ttft_s": statistics.median(r["ttft_s"] for r in runs),
            "tok_s": statistics.median(r["tok_s"] for r in runs),
            "tokens": runs[0]["tokens"], "text": runs[0]["text"]}


def _child(args: list[str]) -> dict:
    p = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"benchmark child failed: {p.stderr[-3000:]}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", default="", help="comma-separated names (default: every pulled model)")
    ap.add_argument("--max-tokens", type=int, default=128)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--pull", action="store_true", help="pull the named models first")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        kind, *rest = a.child
        if kind == "ours":
            res = run_ours(rest[0], a.max_tokens, a.reps)
        else:
            res = run_direct(rest[0], int(rest[1]), int(rest[2]), a.max_tokens, a.reps)
        print(json.dumps(res))
        return

    from openmfm.config import load_config
    from openmfm.models.registry import get_registry, is_pulled, model_path, pull

    cfg = load_config()
    names = [n for n in a.models.split(",") if n] or [n for n in get_registry(cfg) if is_pulled(n, cfg)]
    print(f"# OpenMFM models benchmark  {time.strftime('%Y-%m-%d %H:%M')}  cores={os.cpu_count()}  "
          f"max_tokens={a.max_tokens} reps={a.reps} rounds={a.rounds}  load={os.getloadavg()[0]:.1f}", flush=True)
    common = ["--max-tokens", str(a.max_tokens), "--reps", str(a.reps)]
    rows = []
    for name in names:
        if a.pull:
            pull(name, cfg)
        path = str(model_path(name, cfg))
        best_ours, best_direct = None, None
        for _ in range(a.rounds):
            ours = _child(["--child", "ours", name, *common])
            direct = _child(["--child", "direct", path, str(ours["n_ctx"]), str(ours["n_threads"]), *common])
            print(f"  {name}: ours {ours['en']['tok_s']:.1f}/{ours['zh']['tok_s']:.1f} tok/s en/zh, direct "
                  f"{direct['en']['tok_s']:.1f}/{direct['zh']['tok_s']:.1f}", flush=True)
            for lang in PROMPTS:
                if best_ours is None or ours[lang]["tok_s"] > best_ours[lang]["tok_s"]:
                    best_ours = {**(best_ours or ours), lang: ours[lang]}
                if best_direct is None or direct[lang]["tok_s"] > best_direct[lang]["tok_s"]:
                    best_direct = {**(best_direct or direct), lang: direct[lang]}
            best_ours["load_s"] = min(best_ours["load_s"], ours["load_s"])
            best_direct["load_s"] = min(best_direct["load_s"], direct["load_s"])
        rows.append((name, best_ours, best_direct))
    print(f"# load average at the end: {os.getloadavg()[0]:.1f}")

    hdr = (f"{'model':<24}{'impl':<20}{'load s':>8}{'ttft en':>9}{'tok/s en':>10}{'ttft zh':>9}"
           f"{'tok/s zh':>10}{'peak RSS':>10}  same tokens")
    print(hdr)
    print("-" * len(hdr))
    for name, o, d in rows:
        same = all(o[lang]["text"] == d[lang]["text"] for lang in PROMPTS)
        for label, r in (("openmfm llama-cpp", o), ("llama-cpp-python", d)):
            print(f"{name:<24}{label:<20}{r['load_s']:>8.2f}{r['en']['ttft_s']:>9.3f}{r['en']['tok_s']:>10.1f}"
                  f"{r['zh']['ttft_s']:>9.3f}{r['zh']['tok_s']:>10.1f}{r['peak_rss_mb']:>8.0f}MB  "
                  f"{'yes' if same else 'NO'}")
        for lang in PROMPTS:
            ratio = o[lang]["tok_s"] / d[lang]["tok_s"]
            print(f"{'':<24}{lang}: our throughput is {100 * ratio:.0f}% of direct "
                  f"({o[lang]['tokens']} tokens; goal: at least 95%)")


if __name__ == "__main__":
    main()
