"""The red-flag lexicon as data: the built-in files define the categories everyone uses, a new
category is one file in a directory the caller names, and a malformed file fails at load with the
file and the key named."""

from __future__ import annotations

from pathlib import Path

import pytest

from openmfm.safety import policy, redflags
from openmfm.safety.redflags import LABELS, RED_FLAG_CATEGORIES, RedFlagDataError, detect_red_flags, load_lexicon

# A category a hospital might add: meningitis, a fever (the shared group) with a stiff neck or a
# dislike of light. Written for this test, in both languages.
MENINGITIS = """\
id: meningitis
order: 20
labels:
  zh: 脑膜炎征象
  en: signs of meningitis
urgency: null
rule:
  all: [fever, neck]
  combos: [[fever, light]]
findings:
  neck:
    en:
      - (?:stiff|rigid)\\s+neck|neck\\s+(?:is\\s+)?(?:stiff|rigid)
    zh:
      - 脖子(?:发)?(?:僵|硬)|颈(?:部)?(?:僵硬|强直)
  light:
    en:
      - (?:light|brightness)\\s+(?:[\\w']+\\s+){0,2}(?:hurts|painful)\\s+(?:${WHO_EN}\\s+)?eyes
    zh:
      - 怕光|畏光
"""


def _valid(**change: str) -> str:
    """MENINGITIS with some top-level lines replaced."""
    lines = MENINGITIS.splitlines()
    for key, value in change.items():
        lines = [f"{key}: {value}" if line.startswith(f"{key}:") else line for line in lines]
    return "\n".join(lines) + "\n"


def test_builtin_categories_are_the_policy_categories():
    assert policy.RED_FLAG_CATEGORIES == RED_FLAG_CATEGORIES == tuple(LABELS)
    assert RED_FLAG_CATEGORIES[:2] == ("chest_pain", "stroke")  # ``order`` from the files, not file names
    for cat in load_lexicon().categories:
        zh, en = cat.labels
        assert zh and en and any("\u4e00" <= ch <= "\u9fff" for ch in zh), cat.id


def test_a_new_category_is_one_file_in_a_directory_the_caller_names(tmp_path: Path):
    (tmp_path / "meningitis.yaml").write_text(MENINGITIS, encoding="utf-8")
    lex = load_lexicon(tmp_path)
    assert [c.id for c in lex.categories][-1] == "meningitis"
    for text in ("He has a fever of 39 and a stiff neck", "发烧39度，脖子发硬", "Feverish, and the light really hurts her eyes", "孩子发高烧，还怕光"):
        assert "meningitis" in [h.category for h in detect_red_flags(text, lexicon=lex)], text
    for text in ("He has a fever of 39 but no stiff neck", "发烧39度，脖子不硬"):
        assert detect_red_flags(text, lexicon=lex) == [], text
    # the built-in lexicon, and everyone who uses it, is unchanged
    assert "meningitis" not in RED_FLAG_CATEGORIES
    assert detect_red_flags("He has a fever of 39 and a stiff neck") == []


BAD = [
    ("not yaml", "id: x\n  order: [\n", "not valid YAML"),
    ("missing label", _valid(labels="{zh: 脑膜炎}").replace("  zh: 脑膜炎征象\n  en: signs of meningitis\n", ""), "labels.en"),
    ("unknown key", MENINGITIS + "colour: red\n", "colour"),
    ("unknown language", MENINGITIS.replace("    en:\n      - (?:stiff", "    english:\n      - (?:stiff"), "findings.neck.english"),
    ("bad pattern", MENINGITIS.replace("怕光|畏光", "怕光|(畏光"), "findings.light.zh[0]"),
    ("unknown group", MENINGITIS.replace("all: [fever, neck]", "all: [fever, nekc]"), "rule.all"),
    ("unknown macro", MENINGITIS.replace("${WHO_EN}", "${WHOM}"), "findings.light.en[0]"),
    ("group includes itself", MENINGITIS.replace("怕光|畏光", "怕光|${light}"), "findings.light.zh[0]"),
    ("empty veto", MENINGITIS + "veto:\n  - unless: [neck]\n", "veto.0"),
    ("fires on nothing", MENINGITIS.replace("  all: [fever, neck]\n  combos: [[fever, light]]\n", "  all: []\n"), "rule"),
    ("id twice", _valid(id="stroke"), "id: category 'stroke'"),
]


@pytest.mark.parametrize("case,text,key", BAD, ids=[b[0] for b in BAD])
def test_a_malformed_file_names_the_file_and_the_key(tmp_path: Path, case, text, key):
    (tmp_path / "meningitis.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(RedFlagDataError) as err:
        load_lexicon(tmp_path)
    assert "meningitis.yaml" in str(err.value) and key in str(err.value), (case, str(err.value))


def test_the_lexicon_is_compiled_once():
    assert load_lexicon() is load_lexicon()
    assert load_lexicon() is not load_lexicon(Path(redflags.__file__).parent)  # another set of directories, another lexicon


def test_a_directory_that_is_not_there_is_an_error_not_an_empty_addition(tmp_path: Path):
    with pytest.raises(RedFlagDataError, match="not a directory"):
        load_lexicon(tmp_path / "categories")
