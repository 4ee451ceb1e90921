"""Near-duplicate detection: MinHash signatures (datasketch) over character shingles, banded for
lookup in the store, with the exact overlap deciding.

Character 5-shingles work the same for Chinese (no spaces) and English, and survive the
whitespace and punctuation noise that separates two copies of one guideline. Shingles are
hashed with SHA-1 and the signature is datasketch's MinHash, scheme "affine32" (each hash mixed
by the MurmurHash3 finaliser, then permuted), pinned because stored signatures must stay
comparable across datasketch releases. The hand-written MinHash this replaces fed CRC-32 values
to small multipliers without mixing, so the one shingle with the smallest CRC set most of a
signature and unrelated PubMed abstracts (true Jaccard 0.1) were estimated at 0.9 and dropped.

LSH bands only propose candidates; a candidate whose signature agrees closely enough is then
compared exactly (Jaccard of the two shingle-hash sets), and only that exact figure decides.
An estimate's error can therefore cost a lookup, never a distinct document.
"""

from __future__ import annotations

import hashlib
import re
import struct
from dataclasses import dataclass
from functools import cached_property
from typing import Callable, Iterable

import numpy as np

NUM_PERM = 128
SEED = 1
SCHEME = "affine32"
SHINGLE = 5
MIN_CHARS = 50  # shorter texts share too few shingles for an overlap to mean anything
# Exact Jaccard of the shingle sets. One small edit changes 5 shingles, so even at MIN_CHARS a
# single-edit copy scores 0.81; distinct PubMed abstracts reach 0.24 at most.
NEAR_DUP_THRESHOLD = 0.8
# Bands as datasketch's MinHashLSH chooses them for a 0.5 threshold at 128 hashes (25 x 5), well
# below the decision: a pair at Jaccard 0.8 shares a band with probability 1 - 5e-5 (0.9: 1 - 2e-10),
# one at 0.2 with 0.008 (and is then rejected on its signature, without reading its text). Fixed
# here, not recomputed, because stored band keys depend on them.
BANDS, ROWS = 25, 5
_ESTIMATE_SLACK = 0.2  # five standard errors of a 128-hash estimate around 0.8
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class Fingerprint:
    hashes: np.ndarray  # sorted distinct 32-bit hashes of the text's shingles
    signature: np.ndarray  # NUM_PERM uint32 minima

    @cached_property
    def bands(self) -> list[int]:
        return band_keys(self.signature)


@dataclass(frozen=True)
class Twin:
    """The near-twin a text was matched to: who, the exact Jaccard, and the MinHash estimate."""

    name: str
    similarity: float
    estimate: float


def _sha1_32(b: bytes) -> int:
    return struct.unpack("<I", hashlib.sha1(b).digest()[:4])[0]


def _identity(x):
    return x


def fingerprint(text: str) -> Fingerprint | None:
    """Shingle hashes and MinHash signature of a text, or None when it is too short to compare."""
    t = _WS.sub(" ", text.lower()).strip()
    if len(t) < MIN_CHARS:
        return None
    hashes = np.unique(np.fromiter((_sha1_32(t[i : i + SHINGLE].encode("utf-8")) for i in range(len(t) - SHINGLE + 1)),
                                   dtype=np.uint32, count=len(t) - SHINGLE + 1))
    # deferred: importing datasketch takes ~0.7 s (it loads scipy), which searching a KB never needs
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=_identity)  # shingles are hashed already
    for i in range(0, len(hashes), 4096):  # update_batch holds batch x NUM_PERM values in memory
        m.update_batch(hashes[i : i + 4096])
    return Fingerprint(hashes, m.hashvalues.astype(np.uint32))


def band_keys(sig: np.ndarray) -> list[int]:
    """LSH band keys of a signature (band number in the top byte): equal key -> candidate pair."""
    sig = np.asarray(sig, dtype=np.uint32)
    out = []
    for band in range(BANDS):
        h = hashlib.blake2b(sig[band * ROWS : (band + 1) * ROWS].tobytes(), digest_size=7).digest()
        out.append(band << 56 | int.from_bytes(h, "big"))
    return out


def estimate(a: np.ndarray, b: np.ndarray) -> float:
    """The MinHash estimate of the Jaccard similarity: the share of agreeing minima."""
    return float(np.mean(np.asarray(a) == np.asarray(b)))


def jaccard(a: Fingerprint, b: Fingerprint) -> float:
    """Exact Jaccard of two shingle-hash sets."""
    inter = len(np.intersect1d(a.hashes, b.hashes, assume_unique=True))
    union = len(a.hashes) + len(b.hashes) - inter
    return inter / union if union else 0.0


def nearest(fp: Fingerprint, candidates: Iterable[tuple[str, np.ndarray, Callable[[], Fingerprint | None]]]
            ) -> Twin | None:
    """The most similar candidate at or above ``NEAR_DUP_THRESHOLD``, or None.

    ``candidates`` are (name, signature, a function giving its full fingerprint); the fingerprint
    is built only for candidates whose signatures agree enough to be worth the exact comparison.
    """
    best: Twin | None = None
    for name, sig, full in candidates:
        est = estimate(fp.signature, sig)
        if est < NEAR_DUP_THRESHOLD - _ESTIMATE_SLACK:
            continue
        other = full()
        if other is None:
            continue
        j = jaccard(fp, other)
        if j >= NEAR_DUP_THRESHOLD and (best is None or j > best.similarity):
            best = Twin(name, j, est)
    return best
