"""Vectors filled in after the build, by a background process, so the first answer need not wait.

Embedding the default KB's guideline chunks in full (2,144 chunks, about 830,000 characters with
their section paths) takes several minutes on two cores, longer than `make run` should spend
before its first answer. ``build-default`` therefore commits those chunks with their BM25 tokens
and no vectors, and starts this module as a detached process at idle CPU priority, so an answer
computed meanwhile keeps the cores. Each batch commits on its own (``store.put_vectors``): the
store's vector state moves but its generation does not (BM25 and the snapshot id stay as they
are), and a search picks the new vectors up on its next call; until its vector arrives a chunk
is fused on its BM25 score alone (``fusion.convex``). One process per KB (a lock file);
``open_kb`` starts one again when vectors are still missing and none runs (after a reboot or a
kill); ``KnowledgeBase.embedding_progress`` says how far it is.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

from ..config import Config, load_config
from .ingest import index_text

LOCK = ".vectors.lock"
LOG = "vectors.log"
PENDING = "vectors_pending"  # meta key: "1" while chunks of embedded sources wait for vectors, "error" after a failure
CONFIG_ENV = "MFM_VECTORS_CONFIG"  # the caller's configuration, as JSON, for the background process
BATCH = 16
# not "python -m": the package imports this module first, and runpy warns about running it again
_RUN = "import sys; from openmfm.knowledge.backfill import main; sys.exit(main(sys.argv[1]))"


def running(kb_dir: Path) -> bool:
    """Whether a background process holds the KB's vector lock now."""
    path = Path(kb_dir) / LOCK
    if not path.is_file():
        return False
    with open(path, "a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(fh, fcntl.LOCK_UN)
    return False


def start(kb) -> bool:
    """Start the background process for ``kb`` when it has vectors pending and none runs."""
    if kb.store.get_meta(PENDING) != "1" or running(kb.dir):
        return False
    with open(kb.dir / LOG, "a") as log:
        subprocess.Popen([sys.executable, "-c", _RUN, str(kb.dir)],
                         stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True,
                         env={**os.environ, CONFIG_ENV: kb.cfg.model_dump_json()})
    return True


def fill(kb, batch: int = BATCH) -> int:
    """Embed every chunk of an embedded source that has no vector, batch by batch; how many."""
    done = 0
    while rows := kb.store.missing_vectors(batch):
        vecs = kb.embedder.embed_passages([index_text(chunk, title) for _, chunk, title in rows])
        kb.store.put_vectors([(rowid, v) for (rowid, _, _), v in zip(rows, vecs)])
        done += len(rows)
    with kb.store.transaction("vectors"):
        if not kb.store.missing_vectors(1):  # a build may have added chunks since the last batch
            kb.store.set_meta(PENDING, "0")
    return done


def _idle() -> None:
    """Run only on CPU time nothing else wants (the answer being computed, another build)."""
    try:
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    except (AttributeError, OSError):
        os.nice(19)


def main(kb_dir: str) -> int:
    from .kb import KnowledgeBase  # deferred: kb imports this module

    _idle()
    d = Path(kb_dir)
    with open(d / LOCK, "a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return 0  # another process is filling this KB
        raw = os.environ.get(CONFIG_ENV)
        kb = KnowledgeBase(d, Config.model_validate_json(raw) if raw else load_config())
        try:
            kb._check_embedder()
            n = fill(kb)
            kb._refresh_indexes(save=True)
        except BaseException:
            with kb.store.transaction("vectors"):
                kb.store.set_meta(PENDING, "error")  # not restarted on every open; a rebuild resets it
            raise
        finally:
            kb.store.close()
    print(f"{n} chunks embedded", flush=True)
    return 0
