"""Running an evaluation: dataset x variants (original, perturbations, demographic swaps) -> results.

A run's id is a hash of everything that determines its results (dataset content, system,
model, options, seed), so running the same command again resumes the run: finished (variant,
item) pairs are read from the run's store and skipped, the rest are computed. Work goes through
a bounded thread pool when the system tolerates parallel requests (HTTP backends) and one at a
time otherwise; each result is committed the moment it exists.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import subprocess
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

import psutil

from .. import __version__
from ..config import Config
from ..errors import InvalidInput
from ..records import EvalItem, EvalResult, utcnow
from . import fairness, perturb
from .datasets import Dataset, load_dataset
from .dialogue import dialogue_items
from .judge import Judge
from .scoring import score_item
from .store import OutputCache, RunStore, open_run, runs_dir
from .systems import Response, System, build_system

ORIGINAL = "original"


@dataclass
class RunSpec:
    """What to run; every field is part of the run id except ``limit`` (a bigger limit extends a run)."""

    dataset: str
    system: str = "closed-book"
    model: str | None = None
    backend: str | None = None
    format: str | None = None
    task: str | None = None  # "dialogue" turns CMB-Clin QA items into consultations
    perturb: list[str] = field(default_factory=list)
    fairness: list[str] = field(default_factory=list)
    method: str = "auto"  # auto | logprob | generate
    use_context: bool = False
    guard: bool = True
    kb: str | None = None
    judge: str | None = None
    patient: str | None = None
    max_turns: int = 6  # dialogue: doctor turns before the assessment is demanded
    seed: int = 1234
    limit: int | None = None
    price_in_per_mtok: float = 0.0
    price_out_per_mtok: float = 0.0

    def identity(self, dataset_sha: str, system_desc: dict[str, Any]) -> str:
        d = asdict(self)
        d.pop("limit")
        d.update(dataset_sha256=dataset_sha, system_desc=system_desc)
        return hashlib.sha256(json.dumps(d, sort_keys=True, default=str).encode()).hexdigest()[:10]


@dataclass
class RunOutcome:
    run_id: str
    path: Path
    total: int
    computed: int
    skipped: int
    errors: int
    wall_s: float


def code_version() -> str:
    try:
        rev = subprocess.run(["git", "describe", "--always", "--dirty"], capture_output=True, text=True, timeout=5,
                             cwd=Path(__file__).parent).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        rev = ""
    return f"{__version__}+{rev}" if rev else __version__


def select(items: list[EvalItem], limit: int | None, seed: int) -> list[EvalItem]:
    """The first ``limit`` items of a seeded shuffle: a small run is a fair sample, and a larger
    limit with the same seed is a superset of a smaller one (so it extends a resumed run)."""
    order = list(items)
    random.Random(seed).shuffle(order)
    return order if limit is None else order[:limit]


def plan(items: Iterable[EvalItem], spec: RunSpec) -> list[tuple[str, EvalItem]]:
    """Every (variant, item) pair the run must score."""
    work: list[tuple[str, EvalItem]] = []
    items = list(items)
    for it in items:
        work.append((ORIGINAL, it))
    for name in spec.perturb:
        for it in items:
            p = perturb.apply(name, it, spec.seed)
            if p is not None:
                work.append((f"perturb:{name}", p))
    if spec.fairness:
        for it in items:
            for attr, group, v in fairness.variants(it, spec.fairness):
                work.append((f"fairness:{attr}={group}", v))
    return work


class CachedSystem(System):
    """A system whose answers go through the output cache (keyed by system, model file and prompt)."""

    def __init__(self, inner: System, cache: OutputCache):
        self.inner = inner
        self.cache = cache
        self.name = inner.name
        self.concurrency = inner.concurrency
        self.scores_choices = inner.scores_choices
        self._desc = inner.describe()

    def describe(self) -> dict[str, Any]:
        return self._desc

    def _key(self, kind: str, item: EvalItem) -> str:
        content = item.model_dump(include={"task", "question", "options", "context", "language", "rubric"})
        return OutputCache.key(self._desc, kind, content, item.metadata.get("conversation"))

    def _cached(self, kind: str, item: EvalItem, call: Callable[[], Response | None]) -> Response | None:
        key = self._key(kind, item)
        hit = self.cache.get(key)
        if hit is not None:
            hit.cached = True
            return hit
        r = call()
        if r is not None:
            self.cache.put(key, r)
        return r

    def generate(self, item: EvalItem) -> Response:
        r = self._cached("generate", item, lambda: self.inner.generate(item))
        assert r is not None
        return r

    def choose(self, item: EvalItem) -> Response | None:
        return self._cached("choose", item, lambda: self.inner.choose(item))

    def chat(self, messages, max_tokens: int = 256) -> Response:
        return self.inner.chat(messages, max_tokens)


class PeakMemory:
    """Samples this process's resident memory (plus children: a local server started by us)."""

    def __init__(self, interval_s: float = 0.25):
        self._proc = psutil.Process()
        self.peak = 0
        self._stop = threading.Event()
        self._interval = interval_s
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        rss = self._proc.memory_info().rss
        for child in self._proc.children(recursive=True):
            try:
                rss += child.memory_info().rss
            except psutil.Error:
                pass
        self.peak = max(self.peak, rss)

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            self._sample()

    def __enter__(self) -> "PeakMemory":
        self._sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()


def run_eval(spec: RunSpec, cfg: Config, *, system: System | None = None, dataset: Dataset | None = None,
             judge_model: Any = None, patient_model: Any = None, run_id: str | None = None, fresh: bool = False,
             on_start: Callable[[str, int, int], None] | None = None,
             on_result: Callable[[str, EvalItem, EvalResult], None] | None = None,
             use_cache: bool = True) -> RunOutcome:
    """Run (or resume) an evaluation and return where its results are.

    ``system``/``dataset``/``judge_model``/``patient_model`` may be passed in (Python API, tests,
    benchmarks); otherwise they are built from ``spec`` (models are shared per process by
    ``load_model``, so nothing here closes them).
    """
    t0 = time.perf_counter()
    ds = dataset or load_dataset(spec.dataset, spec.format)
    items = ds.items
    if spec.task == "dialogue":
        items = dialogue_items(items)
        if not items:
            raise InvalidInput("--task dialogue needs case records (CMB-Clin descriptions).", "Use a CMB-Clin file.")
    elif spec.task:
        raise InvalidInput(f"Unknown --task {spec.task!r}.", "Only `dialogue` converts a dataset's task.")
    items = select(items, spec.limit, spec.seed)
    for name in spec.perturb:
        if name not in perturb.PERTURBATIONS:
            raise InvalidInput(f"Unknown perturbation {name!r}.", f"Use any of: {', '.join(perturb.PERTURBATIONS)}.")
    for name in spec.fairness:
        if name not in fairness.ATTRIBUTES:
            raise InvalidInput(f"Unknown fairness attribute {name!r}.", f"Use any of: {', '.join(fairness.ATTRIBUTES)}.")

    from ..models import load_model  # deferred: the model layer loads llama.cpp / torch on use

    if system is None:
        system = build_system(spec.system, cfg, model=spec.model, backend=spec.backend,
                              use_context=spec.use_context, guard=spec.guard, kb=spec.kb)
    if spec.method == "logprob" and not system.scores_choices:
        raise InvalidInput(f"The {system.name} system cannot score options by log-probability.",
                           "Use --method generate (or auto, which generates when log-probs are unavailable).")
    judge = patient = None
    if spec.judge or any(i.task in ("rubric", "dialogue") for i in items):
        if judge_model is None and spec.judge:
            judge_model = load_model(cfg, name=spec.judge, backend=spec.backend)
        judge = Judge(judge_model or getattr(system, "model"))
    if spec.task == "dialogue":
        if patient_model is None and spec.patient:
            patient_model = load_model(cfg, name=spec.patient, backend=spec.backend)
        patient = patient_model or getattr(system, "model")

    desc = system.describe()
    if judge is not None:
        desc = {**desc, **judge.describe()}
    run_id = run_id or f"{_slug(ds.name)}-{spec.system}-{_slug(str(desc.get('model', 'model')))}-" \
                       f"{spec.identity(ds.card.sha256, desc)}"
    if fresh and (runs_dir(cfg) / run_id).exists():
        run_id = f"{run_id}-{utcnow().strftime('%Y%m%dT%H%M%S')}"
    store = open_run(cfg, run_id, create=True)
    cache = OutputCache(cfg.eval_dir / "cache.db") if use_cache else None
    runner_sys: System = CachedSystem(system, cache) if cache is not None else system
    try:
        work = plan(items, spec)
        done = store.done(include_failed=False)
        todo = [(v, it) for v, it in work if (v, it.id) not in done]
        prev = store.manifest()
        store.update_manifest(
            run_id=run_id, created=prev.get("created", utcnow().isoformat()), updated=utcnow().isoformat(),
            spec=asdict(spec), dataset=ds.card.as_dict(), malformed_examples=ds.malformed[:20],
            system=desc, code_version=code_version(), seed=spec.seed, items=len(items), work=len(work),
            status="running")
        if on_start:
            on_start(run_id, len(work), len(work) - len(todo))
        errors = 0
        with PeakMemory() as mem:
            errors = _execute(todo, runner_sys, spec, store, judge, patient, on_result)
        kb_snapshots = sorted({r.metadata.get("provenance", {}).get("kb_snapshot") for _, _, r in store.results()} - {None})
        store.update_manifest(
            status="complete", updated=utcnow().isoformat(),
            peak_rss_mb=max(prev.get("peak_rss_mb", 0.0), mem.peak / 2**20), kb_snapshots=kb_snapshots,
            wall_s=prev.get("wall_s", 0.0) + (time.perf_counter() - t0))
        return RunOutcome(run_id, store.dir, len(work), len(todo), len(work) - len(todo), errors,
                          time.perf_counter() - t0)
    finally:
        store.close()
        if cache is not None:
            cache.close()


def _execute(todo: list[tuple[str, EvalItem]], system: System, spec: RunSpec, store: RunStore,
             judge: Judge | None, patient: Any, on_result) -> int:
    errors = 0

    def one(variant: str, item: EvalItem) -> EvalResult:
        return score_item(item, system, method=spec.method, judge=judge, patient=patient, max_turns=spec.max_turns)

    def finish(variant: str, item: EvalItem, res: EvalResult) -> None:
        nonlocal errors
        errors += res.error is not None
        store.add(variant, item, res)
        if on_result:
            on_result(variant, item, res)

    if system.concurrency <= 1:
        for variant, item in todo:
            finish(variant, item, one(variant, item))
        return errors
    with ThreadPoolExecutor(max_workers=system.concurrency) as pool:
        pending: dict[Future, tuple[str, EvalItem]] = {}
        queue = iter(todo)
        for variant, item in queue:
            pending[pool.submit(one, variant, item)] = (variant, item)
            if len(pending) >= 2 * system.concurrency:
                break
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in finished:
                variant, item = pending.pop(fut)
                finish(variant, item, fut.result())
                nxt = next(queue, None)
                if nxt is not None:
                    pending[pool.submit(one, *nxt)] = nxt
    return errors


def _slug(s: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.]+", "-", s).strip("-")[:40] or "x"
