"""`mfm serve` on loopback (default data home): HTTP vs the same calls in process, same run; a bounded concurrent
load with an audit-count check; /healthz and KB search latency while a generate answer streams. Args: [s] [clients] [n]"""

from __future__ import annotations

import contextlib
import os
import random
import socket
import subprocess
import sys
import threading
import time

import httpx

from openmfm import RequestContext, ask, load_config, open_kb
from openmfm.audit import AuditLog
from openmfm.interfaces.metrics import Metrics
from openmfm.interfaces.services import Services
from openmfm.interfaces.settings import ServeSettings

QUESTIONS = ["What is the first-line treatment for community-acquired pneumonia in adults?",
             "成人社区获得性肺炎的一线治疗是什么？", "How is a gout flare treated?", "糖尿病患者的血糖控制目标是多少？",
             "Which antibiotic is used for a urinary tract infection in pregnancy?", "高血压的一线治疗药物有哪些？"]


def row(name: str, xs: list[float]) -> None:
    ms = [sorted(xs)[min(len(xs) - 1, int(p * len(xs)))] * 1000 for p in (.5, .95, .99)]
    print(f"  {name:<38} p50 {ms[0]:8.1f}  p95 {ms[1]:8.1f}  p99 {ms[2]:8.1f} ms  n={len(xs)}")


def timed(fn, arg) -> float:
    t = time.perf_counter()
    fn(arg)
    return time.perf_counter() - t


def main(seconds: float = 20, clients: int = 16, n: int = 40) -> None:
    cfg = load_config()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url, mfm = f"http://127.0.0.1:{port}", os.path.join(os.path.dirname(sys.executable), "mfm")
    server = subprocess.Popen([mfm, "serve", "--port", str(port)], stderr=subprocess.DEVNULL)
    try:
        http = httpx.Client(base_url=url, timeout=900)
        for _ in range(300):  # the model and Presidio load in the background; wait until all is in
            time.sleep(1)
            with contextlib.suppress(httpx.TransportError):
                if http.get("/readyz").status_code == 200:
                    break
        kb, svc = open_kb(cfg), Services(cfg, ServeSettings(preload=False), Metrics())
        http_search = lambda q: http.post("/v1/kb/search", json={"query": q, "k": 5}).raise_for_status()  # noqa: E731
        calls = {"KB search, in process": lambda q: kb.search(q, k=5), "KB search, HTTP": http_search,
                 "KB search, in process + gate + audit": lambda q: svc.search(RequestContext(), q, k=5),
                 "extractive ask, in process": lambda q: ask(q, mode="extractive", kb=kb, cfg=cfg),
                 "extractive ask, HTTP": lambda q: http.post("/v1/ask", json={"question": q, "mode": "extractive"})
                 .raise_for_status()}
        [fn(QUESTIONS[0]) for fn in calls.values()]  # warm both sides
        print(f"Overhead ({n} sequential calls each, zh/en)")
        [row(name, [timed(fn, QUESTIONS[i % len(QUESTIONS)]) for i in range(n)]) for name, fn in calls.items()]
        log, lat, errors, answered, lock = AuditLog(cfg.audit_path), {"search": [], "ask": [], "health": []}, [], [0], threading.Lock()
        before = log.verify().checked

        def client(seed: int) -> None:
            rnd, c, end = random.Random(seed), httpx.Client(base_url=url, timeout=900), time.monotonic() + seconds
            while time.monotonic() < end:
                kind, q, t = rnd.choice(["search", "search", "ask", "health"]), rnd.choice(QUESTIONS), time.perf_counter()
                r = {"health": lambda: c.get("/healthz"), "search": lambda: c.post("/v1/kb/search", json={"query": q}),
                     "ask": lambda: c.post("/v1/ask", json={"question": q, "mode": "extractive"})}[kind]()
                with lock:
                    lat[kind].append(time.perf_counter() - t)
                    errors.extend([r.status_code] if r.status_code >= 400 else [])
                    answered[0] += r.status_code < 400 and kind != "health"

        t0, threads = time.perf_counter(), [threading.Thread(target=client, args=(i,)) for i in range(clients)]
        [t.start() for t in threads], [t.join() for t in threads]
        wall, report = time.perf_counter() - t0, log.verify()  # `mfm audit verify` on the same log
        print(f"Load: {clients} clients x {seconds:.0f} s, search:ask:health 2:1:1: "
              f"{sum(map(len, lat.values())) / wall:.1f} req/s, errors {len(errors)} {sorted(set(errors))}")
        [row(kind, xs) for kind, xs in lat.items()]
        print(f"  audit entries added {report.checked - before}, answered requests {answered[0]}, verify ok={report.ok}")
        probes, marks, done = {"/healthz": [], "KB search": []}, [], threading.Event()

        def stream() -> None:
            t = time.perf_counter()
            with httpx.stream("POST", f"{url}/v1/ask", json={"question": QUESTIONS[0], "mode": "generate", "stream": True},
                              timeout=900) as r:
                for line in r.iter_lines():
                    marks.extend([(line, time.perf_counter() - t)] if line.startswith("event:") and not marks else [])
            marks.append(("end", time.perf_counter() - t))
            done.set()

        threading.Thread(target=stream).start()
        while not done.is_set():
            probes["/healthz"].append(timed(http.get, "/healthz"))
            probes["KB search"].append(timed(http_search, random.choice(QUESTIONS)))
            time.sleep(0.05)
        print(f"While one generate answer streams (first {marks[0][0]!r} at {marks[0][1]:.1f} s, end at {marks[-1][1]:.1f} s)")
        [row(kind, xs) for kind, xs in probes.items()]
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main(*(float(x) if i == 0 else int(x) for i, x in enumerate(sys.argv[1:])))
