"""Metric functions against hand-computed values; bootstrap and paired tests; answer parsing."""

from __future__ import annotations

import math

import numpy as np
import pytest

from openmfm.evaluation import metrics
from openmfm.evaluation.parsing import parse_choice, parse_number, parse_spans, parse_yes_no_maybe

ABCD = {"A": "Aspirin", "B": "Beta blocker", "C": "Clopidogrel", "D": "Digoxin"}


def test_binary_metrics_by_hand():
    y_true = [1, 1, 1, 0, 0, 0, 0, 1]
    y_pred = [1, 1, 0, 0, 0, 1, 0, 1]
    # tp=3 fn=1 tn=3 fp=1
    m = metrics.binary_metrics(y_true, y_pred, y_score=[0.9, 0.8, 0.4, 0.3, 0.2, 0.6, 0.1, 0.7])
    assert m["accuracy"] == pytest.approx(6 / 8)
    assert m["sensitivity"] == pytest.approx(3 / 4)
    assert m["specificity"] == pytest.approx(3 / 4)
    assert m["precision"] == pytest.approx(3 / 4)
    assert m["f1"] == pytest.approx(3 / 4)
    # positives' scores 0.9 0.8 0.4 0.7, negatives' 0.3 0.2 0.6 0.1: pairs ranked right = 15 of 16
    assert m["auc"] == pytest.approx(15 / 16)


def test_auc_undefined_with_one_class():
    assert math.isnan(metrics.binary_metrics([1, 1], [1, 0], [0.2, 0.3])["auc"])


def test_bootstrap_interval():
    values = [1.0] * 30 + [0.0] * 70
    est = metrics.bootstrap(values, seed=7)
    assert est.value == pytest.approx(0.3) and est.n == 100
    # normal approximation: 0.3 +- 1.96 * sqrt(0.21 / 100) = [0.21, 0.39]
    assert 0.19 <= est.low <= 0.23 and 0.37 <= est.high <= 0.41
    assert metrics.bootstrap(values, seed=7) == est  # seeded: reproducible
    constant = metrics.bootstrap([1.0] * 10)
    assert (constant.low, constant.high) == (1.0, 1.0)
    assert math.isnan(metrics.bootstrap([]).value)


def test_classification_estimates_carry_intervals():
    rng = np.random.default_rng(0)
    t = rng.integers(0, 2, 200)
    p = np.where(rng.random(200) < 0.8, t, 1 - t)
    est = metrics.classification_estimates(t, p, y_score=p * 0.8 + 0.1, n_boot=200)
    point = metrics.binary_metrics(t, p, p * 0.8 + 0.1)
    for name, e in est.items():
        assert e.value == pytest.approx(point[name]) and e.low < e.value < e.high and e.n == 200


def test_bootstrap_where_scipy_alone_would_give_no_interval():
    one = metrics.bootstrap([0.4])  # scipy refuses one item; it can only resample to itself
    assert (one.value, one.low, one.high, one.n) == (0.4, 0.4, 0.4, 1)
    # 2 positives in 20: about one resample in eight has none, where sensitivity is undefined
    est = metrics.classification_estimates([1, 1] + [0] * 18, [1, 0] + [0] * 18, n_boot=300, seed=3)
    sens = est["sensitivity"]
    assert sens.value == 0.5 and 0.0 <= sens.low < 0.5 < sens.high <= 1.0


def test_span_prf_and_multilabel():
    m = metrics.span_prf(["metformin", "Insulin glargine", "aspirin"], ["Metformin", "insulin  glargine", "warfarin"])
    assert m["precision"] == pytest.approx(2 / 3) and m["recall"] == pytest.approx(2 / 3)
    assert metrics.span_prf(["二甲双胍"], ["二甲双胍", "胰岛素"])["precision"] == pytest.approx(0.5)
    ml = metrics.multilabel_f1([{"a", "b"}, {"c"}], [{"a"}, {"c", "d"}])
    assert ml["precision"] == pytest.approx(2 / 3) and ml["recall"] == pytest.approx(2 / 3)


def test_bleu_rouge_en_and_zh():
    assert metrics.bleu("the cat sat on the mat", "the cat sat on the mat") == pytest.approx(100.0)
    assert metrics.bleu("a dog ran", "the cat sat on the mat") < 10
    r = metrics.rouge("the cat sat", "the cat sat on the mat")
    assert r["rouge1"] == pytest.approx(2 * 1.0 * 0.5 / 1.5)  # P=3/3, R=3/6
    zh = metrics.rouge("嵌顿性疝", "嵌顿性腹股沟斜疝")  # characters: 4 shared of 4 predicted, 8 reference
    assert zh["rouge1"] == pytest.approx(2 * 1.0 * 0.5 / 1.5)
    assert metrics.bleu("嵌顿性腹股沟斜疝合并肠梗阻", "嵌顿性腹股沟斜疝合并肠梗阻") == pytest.approx(100.0)


def test_rubric_score_healthbench_style():
    crit = [{"criterion": "a", "points": 5}, {"criterion": "b", "points": 3}, {"criterion": "c", "points": -4}]
    assert metrics.rubric_score(crit, [True, False, False]) == pytest.approx(5 / 8)
    assert metrics.rubric_score(crit, [True, True, True]) == pytest.approx(4 / 8)
    assert metrics.rubric_score(crit, [False, False, True]) == 0.0  # clipped


def test_mcnemar_and_paired_bootstrap():
    # A right on 10 items B misses, B right on 2 items A misses: exact two-sided p = 2 * P(X <= 2 | 12, 0.5)
    assert metrics.mcnemar(10, 2) == pytest.approx(2 * (1 + 12 + 66) / 4096)
    a = [1] * 10 + [0] * 2 + [1] * 20 + [0] * 8
    b = [0] * 10 + [1] * 2 + [1] * 20 + [0] * 8
    t = metrics.paired_compare(a, b, seed=1)
    assert (t.only_a, t.only_b, t.n) == (10, 2, 40)
    assert t.diff.value == pytest.approx((22 - 30) / 40) and t.diff.high < 0
    with pytest.raises(ValueError):
        metrics.paired_compare([1, 0], [1])


@pytest.mark.parametrize("text,want", [
    ("The answer is (C).", "C"),
    ("答案：B", "B"),
    ("答案是 D，因为……", "D"),
    ("正确答案为Ａ", "A"),
    ("C. Clopidogrel", "C"),
    ("I would choose Beta blocker here.", "B"),
    ("Answer: A", "A"),
    ("故选C", "C"),
    ("I am not sure.", None),
])
def test_parse_choice(text, want):
    assert parse_choice(text, ABCD) == want


@pytest.mark.parametrize("text,want", [
    ("yes", "yes"), ("No, it does not.", "no"), ("The answer is maybe.", "maybe"),
    ("答案：是", "yes"), ("否。", "no"), ("可能", "maybe"), ("不是", "no"), ("Answer: **no**", "no"), ("", None),
])
def test_parse_yes_no_maybe(text, want):
    assert parse_yes_no_maybe(text) == want


def test_parse_number_and_spans():
    assert parse_number("BMI = 70 / 1.75^2 ... Answer: 22.86") == 22.86
    assert parse_number("结果为 1,250 mL") == 1250
    assert parse_number("none") is None
    assert parse_spans("- aspirin\n- 二甲双胍；胰岛素") == ["aspirin", "二甲双胍", "胰岛素"]
