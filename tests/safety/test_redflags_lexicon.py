"""The red-flag lexicon as data: the built-in files define the categories everyone uses, a new
category is one file in a directory the caller names, and a malformed file fails at load with the
file and the key named."""

from __future__ import annotations

from pathlib import Path

import pytest

from openmfm.safety import policy, redflags
from openmfm.safety.redflags import LABELS, RED_FLAG_CATEGORIES, RedFlagDataError, detect_red_flags, load_lexicon

# A category a hospital might add: heat stroke, a fever (the shared group) or a hot body after heat
# exposure, with confusion. Written for this test, in both languages.
HEAT = """\
id: heat_stroke
order: 90
labels:
  zh: 中暑（热射病）征象
  en: signs of heat stroke
urgency: emergency
source: test category (MTS 'Unwell adult', hot-adult discriminator)
clarify:
  zh: 他现在还清醒吗？
  en: Is he still fully awake?
rule:
  all: [fever, heat, muddled]
  combos: [[heat, hot_body, muddled]]
findings:
  heat:
    en:
      - (?:in|after|out\\s+in)\\s+the\\s+(?:heat|sun|heatwave)|heat\\s*wave
    zh:
      - 高温|暴晒|(?:太阳|烈日)(?:下|底下)|热浪
  hot_body:
    en:
      - skin\\s+(?:[\\w']+\\s+)?(?:is\\s+)?(?:hot\\s+and\\s+dry|burning\\s+hot)
    zh:
      - 皮肤(?:又)?(?:干|烫)(?:又)?(?:烫|干)
  muddled:
    en:
      - (?:confused|not\\s+making\\s+sense|staggering|slurring)\\b
    zh:
      - 说胡话|糊涂|站不稳|神志不清
"""
def _valid(**change: str) -> str:
    """HEAT with some top-level lines replaced."""
    lines = HEAT.splitlines()
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
    (tmp_path / "heat_stroke.yaml").write_text(HEAT, encoding="utf-8")
    lex = load_lexicon(tmp_path)
    assert [c.id for c in lex.categories][-1] == "heat_stroke"
    for text in ("After a day out in the heat he has a fever of 40 and is confused",
                 "在高温下干了一天活，发烧40度，开始说胡话",
                 "Ran a marathon in the heatwave, her skin is hot and dry and she's staggering",
                 "烈日下站岗，皮肤又干又烫，人糊涂了"):
        assert "heat_stroke" in [h.category for h in detect_red_flags(text, lexicon=lex)], text
    for text in ("After a day out in the heat he has a fever of 40 but is not confused", "在高温下干了一天活，发烧40度，人很清醒"):
        assert "heat_stroke" not in [h.category for h in detect_red_flags(text, lexicon=lex)], text
    # the built-in lexicon, and everyone who uses it, is unchanged
    assert "heat_stroke" not in RED_FLAG_CATEGORIES
    assert "heat_stroke" not in [h.category for h in detect_red_flags("After a day out in the heat he has a fever of 40 and is confused")]


BAD = [
    ("not yaml", "id: x\n  order: [\n", "not valid YAML"),
    ("missing label", HEAT.replace("  en: signs of heat stroke\n", ""), "labels.en"),
    ("unknown key", HEAT + "colour: red\n", "colour"),
    ("unknown language", HEAT.replace("    en:\n      - (?:in|after", "    english:\n      - (?:in|after"), "findings.heat.english"),
    ("bad pattern", HEAT.replace("说胡话|糊涂", "说胡话|(糊涂"), "findings.muddled.zh[0]"),
    ("unknown group", HEAT.replace("all: [fever, heat, muddled]", "all: [fever, haet, muddled]"), "rule.all"),
    ("unknown macro", HEAT.replace("高温|暴晒", "${HOT}|暴晒"), "findings.heat.zh[0]"),
    ("group includes itself", HEAT.replace("说胡话|糊涂", "说胡话|${muddled}"), "findings.muddled.zh[0]"),
    ("empty veto", HEAT + "veto:\n  - unless: [heat]\n", "veto.0"),
    ("fires on nothing", HEAT.replace("  all: [fever, heat, muddled]\n  combos: [[heat, hot_body, muddled]]\n", "  all: []\n"), "rule"),
    ("id twice", _valid(id="stroke"), "id: category 'stroke'"),
    # urgency, source and clarify are required, and urgency is one of the three levels
    ("urgency not a level", _valid(urgency="urgent"), "urgency"),
    ("urgency missing", HEAT.replace("urgency: emergency\n", ""), "urgency"),
    ("source missing", HEAT.replace("source: test category (MTS 'Unwell adult', hot-adult discriminator)\n", ""), "source"),
    ("source empty", _valid(source="'  '"), "source"),
    ("clarify in one language", HEAT.replace("  zh: 他现在还清醒吗？\n", ""), "clarify.zh"),
    ("emergency_if on an emergency", HEAT + "emergency_if: [heat]\n", "emergency_if"),
    ("emergency_if unknown group", _valid(urgency="same_day") + "emergency_if: [hate]\n", "emergency_if"),
]


@pytest.mark.parametrize("case,text,key", BAD, ids=[b[0] for b in BAD])
def test_a_malformed_file_names_the_file_and_the_key(tmp_path: Path, case, text, key):
    (tmp_path / "heat_stroke.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(RedFlagDataError) as err:
        load_lexicon(tmp_path)
    assert "heat_stroke.yaml" in str(err.value) and key in str(err.value), (case, str(err.value))


def test_the_lexicon_is_compiled_once():
    assert load_lexicon() is load_lexicon()
    assert load_lexicon() is not load_lexicon(Path(redflags.__file__).parent)  # another set of directories, another lexicon


def test_a_directory_that_is_not_there_is_an_error_not_an_empty_addition(tmp_path: Path):
    with pytest.raises(RedFlagDataError, match="not a directory"):
        load_lexicon(tmp_path / "categories")


TRIAGE_SYSTEMS = ("MTS", "ESI", "NHS", "NICE", "急诊预检分诊")


@pytest.mark.parametrize("cat", load_lexicon().categories, ids=lambda c: c.id)
def test_every_category_states_its_urgency_source_and_deciding_question(cat):
    """The gate words its message by urgency and asks ``clarify`` when a message is ambiguous;
    docs/triage-taxonomy.md explains each source. A category without them is not a triage category."""
    assert cat.urgency in ("emergency", "same_day", "routine")
    assert sum(system in cat.source for system in TRIAGE_SYSTEMS) >= 2, cat.source  # at least two published systems
    zh, en = cat.clarify
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh) and zh.endswith("？"), zh
    assert en.endswith("?") and not any("\u4e00" <= ch <= "\u9fff" for ch in en), en
    assert redflags.CATEGORY_URGENCY[cat.id] == cat.urgency and redflags.CLARIFY[cat.id] == cat.clarify
    assert not cat.emergency_if or cat.urgency != "emergency"


def test_the_taxonomy_document_names_every_category():
    doc = Path(__file__).resolve().parents[2] / "docs" / "triage-taxonomy.md"
    text = doc.read_text(encoding="utf-8")
    missing = [c for c in RED_FLAG_CATEGORIES if f"`{c}`" not in text]
    assert not missing, missing
