"""Metric functions, their bootstrap confidence intervals, and paired tests between two systems.

Every headline number in a report comes with a 95% percentile-bootstrap interval: on the few
hundred items a medical benchmark has, a 3-point difference is often noise, and a reader must
see that. Two runs on the same items are compared with McNemar's exact test (binary outcomes)
and a paired bootstrap of the difference.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Callable, Sequence

import numpy as np
from scipy import stats

from ..text import HAN, has_han
from .parsing import normalise


@dataclass
class Estimate:
    """A metric value with its 95% bootstrap interval over ``n`` items."""

    value: float
    low: float
    high: float
    n: int

    def as_dict(self) -> dict[str, float]:
        return asdict(self)

    def __str__(self) -> str:
        return f"{self.value:.3f} [{self.low:.3f}, {self.high:.3f}] (n={self.n})"


def bootstrap(values: Sequence[float] | np.ndarray, statistic: Callable[[np.ndarray], float] = np.mean, *,
              n_boot: int = 1000, seed: int = 0, alpha: float = 0.05) -> Estimate:
    """Percentile bootstrap of ``statistic`` over items (rows of ``values``, resampled whole)."""
    arr = np.asarray(values, dtype=float)
    if arr.ndim == 1:
        return _bootstrap((arr,), statistic, n_boot=n_boot, seed=seed, alpha=alpha)
    # scipy resamples samples, not rows: the columns go in as paired samples and are put back
    # together for the statistic, so that each resample keeps every item's values together.
    return _bootstrap(tuple(arr.T), lambda *cols: statistic(np.column_stack(cols)), paired=True,
                      vectorized=False, n_boot=n_boot, seed=seed, alpha=alpha)


def _bootstrap(samples: tuple[np.ndarray, ...], statistic: Callable[..., float], *, paired: bool = False,
               vectorized: bool | None = None, n_boot: int, seed: int, alpha: float) -> Estimate:
    """``scipy.stats.bootstrap`` (percentile method, seeded) with two things it does not do:

    - fewer than two items: scipy refuses; one item resamples only to itself, so the interval is
      the point;
    - a statistic undefined on some resamples (sensitivity on a resample with no positives):
      scipy's interval is then NaN; we take the percentiles of the resamples where it is defined,
      which is what a reader of "sensitivity [low, high]" means.
    """
    n = len(samples[0])
    if n == 0:
        return Estimate(float("nan"), float("nan"), float("nan"), 0)
    point = float(statistic(*samples))
    if n < 2:
        return Estimate(point, point, point, n)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # scipy warns of NaN resamples; handled below
        res = stats.bootstrap(samples, statistic, n_resamples=n_boot, confidence_level=1 - alpha,
                              method="percentile", paired=paired, vectorized=vectorized,
                              random_state=np.random.default_rng(seed))
    dist = np.asarray(res.bootstrap_distribution, dtype=float)
    if not np.isnan(dist).any():
        lo, hi = res.confidence_interval
    elif np.isnan(dist).all():
        return Estimate(point, float("nan"), float("nan"), n)
    else:
        lo, hi = np.quantile(dist[~np.isnan(dist)], [alpha / 2, 1 - alpha / 2])
    return Estimate(point, float(lo), float(hi), n)


def accuracy(correct: Sequence[bool], **kw) -> Estimate:
    return bootstrap(np.asarray(correct, dtype=float), **kw)


# --------------------------------------------------------------------------- classification
def binary_metrics(y_true: Sequence[int], y_pred: Sequence[int], y_score: Sequence[float] | None = None
                   ) -> dict[str, float]:
    """Accuracy, sensitivity (recall), specificity, precision, F1 and AUC-ROC for 0/1 labels."""
    from sklearn.metrics import roc_auc_score  # deferred: scikit-learn takes about a second to import

    t = np.asarray(y_true, dtype=int)
    p = np.asarray(y_pred, dtype=int)
    tp = int(((t == 1) & (p == 1)).sum())
    tn = int(((t == 0) & (p == 0)).sum())
    fp = int(((t == 0) & (p == 1)).sum())
    fn = int(((t == 1) & (p == 0)).sum())
    div = lambda a, b: a / b if b else float("nan")  # noqa: E731
    sens, prec = div(tp, tp + fn), div(tp, tp + fp)
    out = {
        "accuracy": div(tp + tn, len(t)),
        "sensitivity": sens,
        "specificity": div(tn, tn + fp),
        "precision": prec,
        "f1": div(2 * prec * sens, prec + sens) if tp else 0.0,
    }
    if y_score is not None:
        out["auc"] = float(roc_auc_score(t, y_score)) if len(set(t.tolist())) == 2 else float("nan")
    return out


def classification_estimates(y_true: Sequence[int], y_pred: Sequence[int], y_score: Sequence[float] | None = None,
                             *, n_boot: int = 1000, seed: int = 0) -> dict[str, Estimate]:
    """``binary_metrics`` with a bootstrap interval on each (resampling items jointly)."""
    cols = [np.asarray(y_true, float), np.asarray(y_pred, float)]
    if y_score is not None:
        cols.append(np.asarray(y_score, float))
    table = np.stack(cols, axis=1)
    names = list(binary_metrics(y_true, y_pred, y_score))
    out = {}
    for name in names:
        def stat(rows: np.ndarray, name: str = name) -> float:
            return binary_metrics(rows[:, 0], rows[:, 1], rows[:, 2] if rows.shape[1] > 2 else None)[name]
        out[name] = bootstrap(table, stat, n_boot=n_boot, seed=seed)
    return out


def multilabel_f1(gold: Sequence[set[str]], pred: Sequence[set[str]]) -> dict[str, float]:
    """Micro precision/recall/F1 over label sets (multi-label classification)."""
    tp = sum(len(g & p) for g, p in zip(gold, pred))
    n_pred = sum(len(p) for p in pred)
    n_gold = sum(len(g) for g in gold)
    return _prf(tp, n_pred, n_gold)


# --------------------------------------------------------------------------- extraction
def _norm_span(s: str) -> str:
    return re.sub(r"\s+", " ", normalise(s).strip().lower())


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def span_prf(gold: Sequence[str], pred: Sequence[str]) -> dict[str, float]:
    """Exact-match span precision/recall/F1 after case/space/width normalisation (multiset)."""
    g = Counter(_norm_span(s) for s in gold)
    p = Counter(_norm_span(s) for s in pred)
    tp = sum((g & p).values())
    return _prf(tp, sum(p.values()), sum(g.values()))


# --------------------------------------------------------------------------- generation
def _tokens(text: str) -> list[str]:
    """Words for English, single characters for Chinese (the usual convention for zh BLEU/ROUGE)."""
    return re.findall(HAN + r"|[A-Za-z0-9]+(?:[.'-][A-Za-z0-9]+)*", normalise(text).lower())


def bleu(hypothesis: str, reference: str) -> float:
    """Sentence BLEU (0-100) by sacrebleu; Chinese by characters (sacrebleu's ``zh`` tokeniser)."""
    import sacrebleu  # deferred (here and below): only generation tasks need it, and it is slow to import

    tok = "zh" if has_han(reference) else "13a"
    return float(sacrebleu.sentence_bleu(hypothesis, [reference], tokenize=tok).score)


def corpus_bleu(hypotheses: Sequence[str], references: Sequence[str]) -> float:
    import sacrebleu  # deferred: metric libraries only when that metric is scored

    tok = "zh" if any(has_han(r) for r in references) else "13a"
    return float(sacrebleu.corpus_bleu(list(hypotheses), [list(references)], tokenize=tok).score)


class _Tokenizer:
    """rouge-score's tokeniser drops non-Latin text; this one keeps Chinese characters."""

    def tokenize(self, text: str) -> list[str]:
        return _tokens(text)


def rouge(hypothesis: str, reference: str) -> dict[str, float]:
    """ROUGE-1/2/L F-measures by rouge-score, with character tokens for Chinese."""
    from rouge_score import rouge_scorer  # deferred: it imports nltk

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], tokenizer=_Tokenizer())
    return {k: float(v.fmeasure) for k, v in scorer.score(reference, hypothesis).items()}


def rubric_score(criteria: Sequence[dict], met: Sequence[bool]) -> float:
    """HealthBench: points of met criteria (negative ones subtract) over the positive total, in [0, 1]."""
    possible = sum(c["points"] for c in criteria if c["points"] > 0)
    if possible <= 0:
        return float("nan")
    got = sum(c["points"] for c, m in zip(criteria, met) if m)
    return min(1.0, max(0.0, got / possible))


# --------------------------------------------------------------------------- paired comparison
@dataclass
class PairedTest:
    n: int
    a: float
    b: float
    diff: Estimate  # b - a with a paired-bootstrap interval
    only_a: int  # items A got right and B wrong
    only_b: int
    mcnemar_p: float | None

    def as_dict(self) -> dict:
        d = asdict(self)
        d["diff"] = self.diff.as_dict()
        return d


def mcnemar(only_a: int, only_b: int) -> float:
    """Exact McNemar test: a two-sided binomial test on the discordant pairs."""
    n = only_a + only_b
    return 1.0 if n == 0 else float(stats.binomtest(only_a, n, 0.5).pvalue)


def _mean_difference(a: np.ndarray, b: np.ndarray, axis: int = -1) -> np.ndarray:
    return np.mean(b, axis=axis) - np.mean(a, axis=axis)


def paired_compare(a: Sequence[float], b: Sequence[float], *, n_boot: int = 1000, seed: int = 0) -> PairedTest:
    """Compare two systems on the same items; McNemar applies when both score 0/1."""
    x = np.asarray(a, float)
    y = np.asarray(b, float)
    if len(x) != len(y):
        raise ValueError("paired comparison needs the same items in both runs")
    diff = _bootstrap((x, y), _mean_difference, paired=True, vectorized=True, n_boot=n_boot, seed=seed, alpha=0.05)
    binary = set(np.unique(np.concatenate([x, y])).tolist()) <= {0.0, 1.0}
    only_a = int(((x == 1) & (y == 0)).sum()) if binary else 0
    only_b = int(((x == 0) & (y == 1)).sum()) if binary else 0
    return PairedTest(len(x), float(x.mean()) if len(x) else float("nan"), float(y.mean()) if len(y) else float("nan"),
                      diff, only_a, only_b, mcnemar(only_a, only_b) if binary else None)


def percentile(values: Sequence[float], q: float) -> float:
    return float(np.percentile(np.asarray(values, float), q)) if len(values) else float("nan")
