"""A Chinese question reaches the English guideline that answers it, among Chinese look-alikes;
the fusion weights per question language come from the data file."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from openmfm.knowledge import fusion, open_kb

from .conftest import make_cfg

# Made-up English guideline summaries, one topic each (written for this test): name | title | section | text.
EN = {name: (title, section, body) for name, title, section, body in (line.split(" | ") for line in """
gout | Acute Gout Flares | Treatment | Begin anti-inflammatory treatment within 24 hours of the onset of a flare: low-dose colchicine, a full-dose NSAID or a short oral glucocorticoid course.
motion | Motion Sickness | Prevention Before Travel | For sea or car journeys, a transdermal scopolamine patch placed behind the ear at least four hours before departure prevents nausea and vomiting.
snake | Venomous Snakebite | First Aid | Keep the bitten limb still and below heart level, remove rings, do not cut or suck the wound, and transport the patient for antivenom.
frost | Frostbite | Rewarming | Rewarm the affected part in water at 37 to 39 degrees Celsius for 15 to 30 minutes once there is no risk of refreezing.
stones | Kidney Stones | Medical Expulsive Therapy | Tamsulosin helps ureteric stones of 5 to 10 mm pass; drink enough fluid to make over two litres of urine a day.
migraine | Migraine | Acute Attacks | A triptan taken early in the headache phase, with or without an NSAID, is the first choice for moderate to severe attacks.
thyroid | Primary Hypothyroidism | Replacement Dose | Levothyroxine at about 1.6 micrograms per kilogram daily, taken on an empty stomach, with TSH rechecked after six to eight weeks.
scabies | Scabies | Topical Treatment | Apply permethrin 5% cream from the neck down, wash it off after 8 to 14 hours, and repeat after one week; treat household contacts at the same time.
iron | Iron Deficiency | Oral Iron | Ferrous sulfate once daily or on alternate days, taken away from tea and calcium, for three months after the haemoglobin has normalised.
tetanus | Wound Care and Tetanus | Immunisation | A dirty wound in someone whose last tetanus booster was more than five years ago needs a booster dose; add immunoglobulin if never vaccinated.
""".strip().splitlines())}
# Chinese look-alikes: same kind of questions, other topics.
ZH = {
    "cold": "# 普通感冒\n\n多休息、多饮水，发热时可服用对乙酰氨基酚，一般不需要抗生素。\n",
    "diarrhoea": "# 急性腹泻\n\n口服补液盐预防脱水，出现便血或高热时应及时就医。\n",
    "insomnia": "# 失眠\n\n首选睡眠卫生教育和认知行为治疗，出门旅行时注意规律作息。\n",
    "eczema": "# 湿疹\n\n保湿剂每天多次外用，急性期可短期外用糖皮质激素。\n",
}


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    root = tmp_path_factory.mktemp("xl")
    for name, (title, section, body) in EN.items():
        (root / f"{name}.md").write_text(f"---\ntitle: {title} Guideline\ndoc_type: guideline\n---\n"
                                         f"# {title}\n\n## {section}\n\n{body}\n", encoding="utf-8")
    for name, text in ZH.items():
        (root / f"{name}.md").write_text(text, encoding="utf-8")
    kb = open_kb(make_cfg(tmp_path_factory.mktemp("home")), "xl", create=True)
    kb.add_paths([root])
    return kb


@pytest.mark.parametrize("question,topic", [
    ("痛风急性发作后多久之内要开始用药？", "gout"),  # the terminology bridges 痛风 -> gout
    ("坐船容易晕，出发前用什么药预防？", "motion"),  # nothing to bridge: cross-lingual vectors only
    ("冻伤的手指应该用多少度的温水复温？", "frost"),
])
def test_chinese_question_reaches_english_guideline(kb, question, topic):
    hits = kb.search(question, k=5)
    assert f"{EN[topic][0]} Guideline" in [h.source.title for h in hits], [h.source.title for h in hits]


def test_weights_per_language_come_from_the_data_file():
    table = tomllib.loads(resources.files("openmfm").joinpath("data/knowledge/fusion.toml").read_text("utf-8"))
    assert fusion.weights("zh") == fusion.Weights(**table["zh"])
    assert fusion.weights("en") == fusion.Weights(**table["en"])
    assert fusion.weights("fr") == fusion.weights("en")  # a language without its own weights


def test_search_uses_the_weights_of_the_question_language(kb, monkeypatch):
    asked = []
    real = fusion.weights
    monkeypatch.setattr(fusion, "weights", lambda lang: asked.append(lang) or real(lang))
    kb.search("痛风用药", k=3)
    kb.search("gout colchicine", k=3)
    kb.search("gout colchicine", k=3, language="zh")  # the caller's language wins (ask passes the gate's)
    assert asked == ["zh", "en", "zh"]
