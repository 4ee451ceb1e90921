"""The adaptation recipe on the CPU test model (SmolLM2-135M): LoRA training throughput and peak
memory, then the gate's medical and general scores of the child beside its parent, both scored in
the same run (the parent is the baseline).

    nice -n 10 .venv/bin/python benchmarks/adapt.py [--steps 20] [--limit 4] [--device cpu]

Training data: benchmarks/sets/adapt/train.jsonl (12 grounded examples, zh + en, written for this
benchmark; none of them is in the gate's suites). Runs in a throw-away data home.
"""

from __future__ import annotations

import argparse
import tempfile
import time

from _common import SETS

from openmfm.config import load_config
from openmfm.evaluation.runner import PeakMemory
from openmfm.loop import adapt
from openmfm.records import RequestContext
from openmfm.safety.policy import load_policy


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", default="smollm2-135m-instruct")
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--batch", type=int, default=2)
    ap.add_argument("--max-tokens", type=int, default=128)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--limit", type=int, default=4, help="gate items per suite and language (None: all)")
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as home:
        cfg = load_config({"home.path": home, "model.n_threads": args.threads})
        common = {"cfg": cfg, "policy": load_policy(cfg), "ctx": RequestContext(role="researcher", channel="python")}
        recipe = adapt.Recipe(steps=args.steps, batch_size=args.batch, max_tokens=args.max_tokens,
                              learning_rate=args.lr, checkpoint_every=max(1, args.steps // 2))
        seconds: dict[str, float] = {}
        peaks: dict[str, float] = {}

        def step(name: str, fn, **kw):
            t0 = time.perf_counter()
            with PeakMemory() as mem:
                run = fn("bench", **kw, **common)
            seconds[name] = time.perf_counter() - t0
            peaks[name] = mem.peak / 2**20
            return run

        step("data", adapt.data, base=args.base, inputs=[SETS / "adapt" / "train.jsonl"])
        run = step("train", adapt.train, recipe=recipe, device=args.device)
        step("merge", adapt.merge, device=args.device)
        step("export", adapt.export)
        step("quantize", adapt.quantize)
        run = step("gate", adapt.gate, limit=args.limit or None)

    tr = run.steps["train"].outputs
    print(f"\nLoRA r={recipe.rank} on {args.base}, {args.steps} steps x batch {args.batch}, <= {args.max_tokens} tokens,"
          f" device {args.device}, {args.threads} threads; data {run.data['examples']} examples")
    print(f"training: {tr['train_tokens']} tokens in {tr['train_seconds']:.1f} s = {tr['tokens_per_s']} tokens/s; "
          f"loss {tr['losses'][0]:.3f} -> {tr['losses'][-1]:.3f}")
    print("\nstep      seconds  peak RSS MB")
    for name, secs in seconds.items():
        print(f"{name:9s} {secs:7.1f}  {peaks[name]:10.0f}")
    g = run.gate
    print(f"\ngate (limit {args.limit} per suite and language; parent = baseline, same run)")
    print("suite     n   parent   child    diff  [interval]        margin  McNemar p  verdict")
    for name, s in g["suites"].items():
        print(f"{name:8s} {s['n']:3d}   {s['parent']:.3f}   {s['child']:.3f}  {s['diff']:+.3f}  [{s['low']:+.3f}, "
              f"{s['high']:+.3f}]  {s['margin']:.3f}   {s['mcnemar_p']}      {'pass' if s['passed'] else 'REFUSED'}")
        for lang, d in s["by_language"].items():
            print(f"  {lang}     {d['n']:3d}   {d['parent']:.3f}   {d['child']:.3f}  {d['diff']:+.3f}")
    print("gate:", "passed" if g["passed"] else "refused: " + "; ".join(g["reasons"]))


if __name__ == "__main__":
    main()
