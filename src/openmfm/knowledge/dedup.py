"""Near-duplicate detection: MinHash over character shingles, banded for lookup in the store.

Character 5-shingles work the same for Chinese (no spaces) and English, and survive the
whitespace and punctuation noise that separates two copies of one guideline. 64 hash functions
in 16 bands of 4 find pairs above ~0.8 Jaccard with high probability; the estimated Jaccard of
each candidate then decides (``NEAR_DUP_THRESHOLD``). datasketch does the same; this is the 30
lines we need of it, with numpy.
"""

from __future__ import annotations

import re
import zlib

import numpy as np

NUM_PERM = 64
SHINGLE = 5
NEAR_DUP_THRESHOLD = 0.85
_PRIME = np.uint64((1 << 61) - 1)
_rng = np.random.default_rng(20261122)
# a < 2^31 and 32-bit shingle hashes keep a*x + b below 2^64: no silent wrap-around
_A = _rng.integers(1, 1 << 31, size=NUM_PERM, dtype=np.uint64)
_B = _rng.integers(0, 1 << 31, size=NUM_PERM, dtype=np.uint64)
_WS = re.compile(r"\s+")


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature of a text, or None when it is too short to compare meaningfully."""
    t = _WS.sub(" ", text.lower()).strip()
    if len(t) < 50:
        return None
    hashes = np.fromiter(
        {zlib.crc32(t[i : i + SHINGLE].encode("utf-8")) for i in range(len(t) - SHINGLE + 1)}, dtype=np.uint64
    )
    prod = (_A[:, None] * hashes[None, :] + _B[:, None]) % _PRIME
    return (prod.min(axis=1) & np.uint64(0xFFFFFFFF)).astype(np.uint32)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(a == b))
