"""Red-flag rules on patients' own words: every category fires in Chinese and English, and each
mechanism that keeps a look-alike quiet (negation, cancellers, vetoes, general questions, past
episodes) is tested as a pair: the same words fire without it and stay quiet with it, so a pair
fails if the mechanism stops working and cannot pass just because nothing matched.

The sentences were written for these tests: none is in the lexicon (checked below), in the example
bank or in a benchmark round."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from openmfm.safety.redflags import detect_red_flags, load_lexicon

FIRES = {
    "chest_pain": [
        "My husband says it's like a heavy weight pressing on his chest and he's gone grey and sweaty",
        "Tightness across my chest for the last hour and it's moving into my left shoulder",
        "Dad has had chest pain since lunch and now he's throwing up",
        "我老公胸口发紧，背上全是冷汗",
        "妈妈说心口像压了块石头，还出了一身汗",
        "我爸胸痛半个多小时了，疼得连着左胳膊",
    ],
    "stroke": [
        "Mum's smile is lopsided and her words are coming out slurred",
        "My brother suddenly can't raise his right arm and is talking gibberish",
        "Grandad was fine an hour ago and now he's mixing up the wrong words",
        "我外婆刚刚突然口角歪斜，左手也没劲",
        "我爸一下子说不出话了，右边胳膊抬不起来",
        "老公突然头痛得像要裂开，从来没这么痛过",
    ],
    "anaphylaxis": [
        "Twenty minutes after the penicillin shot her tongue swelled up and she's wheezing",
        "I ate some walnuts and my throat is closing",
        "Stung on the neck at the picnic, now hives are spreading everywhere and he feels faint",
        "女儿吃了一口花生酱，脸都肿了，呼吸困难",
        "打完青霉素皮试，全身起风团，人站不稳要倒",
        "吃完芒果嗓子发紧，声音都哑了",
    ],
    "severe_bleeding": [
        "My wife is bleeding heavily after the birth and the towels are soaked",
        "He's on warfarin and fell down the stairs, hit his head",
        "The nosebleed has gone on for over half an hour and won't stop",
        "我爸吐了一大口血",
        "伤口按了二十分钟还是止不住",
        "她在吃华法林，今天摔了一跤磕到了头",
    ],
    "suicidal": [
        "I've made up my mind and the tablets are saved in my drawer",
        "Honestly I wish I were dead",
        "Some days I just don't want to exist",
        "我真的活不下去了",
        "我已经把遗书写好放在桌上了",
        "我想吞药，药都已经准备好了",
    ],
    "sepsis": [
        "Grandma has a UTI, a temperature of 39 and she doesn't recognise us",
        "He's been feverish since his surgery and his knees look mottled",
        "On chemo and now running a fever",
        "我妈发高烧，人叫不醒",
        "我爸尿路感染，今天意识模糊，血压很低",
        "孩子发烧，身上有按压不褪色的出血点",
    ],
    "infant_fever": [
        "My 10 day old son measured 38.2 on the ear thermometer",
        "Newborn feels really hot and won't wake for feeds",
        "She is only 7 weeks and has a fever",
        "小外孙生下来才18天，今晚发烧了",
        "闺女才两个月，额头烫手",
        "孩子刚生下来九天，体温38.6",
    ],
    "breathing": [
        "My son is fighting for air and his lips are turning purple",
        "Her oxygen reading is 85% and she can't speak in full sentences",
        "Dad's inhaler isn't helping at all and he can barely talk",
        "外公喘得一句整话都说不出来，指甲发紫",
        "孩子呼吸的时候肋骨下面都陷进去了",
        "他突然喘不过气来，脸都发紫了",
    ],
    # The triage taxonomy (issue 12): two emergencies in each language per category.
    "poisoning": [
        "My sister swallowed thirty of her sleeping tablets after the argument, she swears she feels normal",
        "Our two year old found the blister packs in nana's coat and chewed through some of them",
        "邻居阿姨喝了小半瓶敌敌畏，现在还能说话",
        "我儿子一口气吞了二十片对乙酰氨基酚，说没什么感觉",
    ],
    "foreign_body": [
        "Think my grandson swallowed the coin battery out of the singing birthday card",
        "She gulped down four of the little magnetic beads from her brother's kit",
        "小女儿把助听器的纽扣电池塞嘴里咽了",
        "外公吃排骨卡住了，连口水都咽不下，一直往外吐",
    ],
    "seizure": [
        "My nephew has been convulsing for over five minutes and we can't stop it",
        "Wife collapsed and started jerking all over, she has never had a seizure before",
        "爸爸抽搐停了又抽，中间一直没醒过来",
        "我媳妇怀孕三十二周，刚才突然全身抽搐",
    ],
    "diabetic": [
        "Type 1 teen, the glucometer reads HI and he keeps vomiting",
        "Grandpa's sugar is 2.0, he's sweaty and too drowsy to drink anything",
        "外婆有糖尿病，今天一直吐，人昏昏沉沉的",
        "血糖仪显示二十九，闺女一直呕吐，喘气特别深",
    ],
    "acute_abdomen": [
        "His belly is hard as a plank and he screams if I touch it",
        "Uncle brought up dark coffee-ground stuff twice this evening",
        "我爸肚子绞痛得直打滚，还一直呕吐",
        "两天没排气了，肚子胀得像鼓，还在吐",
    ],
    "torsion": [
        "My 12 year old suddenly has terrible pain in one testicle and has been throwing up",
        "Woke at 3am with agony in my left ball, it's swollen and I feel sick",
        "儿子打完篮球突然说睾丸剧痛，还吐了",
        "我知道自己有卵巢囊肿，刚才突然左下腹剧痛，一直在吐",
    ],
    "obstetric": [
        "I'm 34 weeks and the baby hasn't kicked at all since this morning",
        "Had a c-section six days ago and now I'm passing clots the size of plums",
        "怀孕二十六周，突然出血很多，还有血块",
        "孕三十三周，头疼得厉害，眼前老是闪光",
    ],
    "head_injury": [
        "My mum is 78, she tripped on the rug and smacked her head on the fireplace",
        "He took a knock to the head playing hockey and has vomited three times since",
        "我老公摔倒后脑勺着地，现在说话颠三倒四，一直想睡",
        "孩子从滑梯上摔下来撞到头，吐了好几次",
    ],
    "meningitis": [
        "My teenager is burning up, says his neck is stiff and the light is hurting his eyes",
        "Temp of 39.2 and a few purple spots on her legs that stay when I press a glass on them",
        "儿子高烧39度，脖子硬得低不下头",
        "宝宝发烧，囟门鼓得很明显",
    ],
    "child_dehydration": [
        "My 11 month old has had runny poos since yesterday and no wet nappy for about 10 hours",
        "Toddler with a stomach bug, crying with no tears and her eyes look sunken",
        "宝宝拉肚子一天了，从早上到现在都没尿",
        "两岁儿子吐了一夜，哭的时候没有眼泪，眼窝凹陷",
    ],
    "burns": [
        "My little boy pulled a pan of boiling water down his front",
        "Dad touched a live wire at work and has a burn on his palm and his heart feels weird",
        "孩子被开水烫到脸，起了大水泡",
        "厨房着火，我爸在里面待了好久，现在咳黑痰声音嘶哑",
    ],
    "limb_ischaemia": [
        "My husband's right leg went cold and pale an hour ago and he's in agony",
        "Her arm is in a cast since yesterday and the pain is getting worse even with the strong painkillers",
        "我妈左脚突然冰凉发紫，疼得不行",
        "小腿骨折打了石膏，现在越来越疼，脚趾发紫",
    ],
    "cauda_equina": [
        "My lower back has been agony all week and now I can't feel anything when I wipe",
        "Dad has sciatica and this morning he couldn't pee at all",
        "腰疼了好几天，现在会阴那里发麻",
        "腰椎间盘突出，今天大便控制不住了",
    ],
    "vision_loss": [
        "Out of nowhere my gran lost the sight in her left eye",
        "There's a grey curtain creeping across the bottom of my vision in my right eye",
        "爷爷右眼突然看不见了",
        "洁厕灵溅到我眼睛里了",
    ],
    "safeguarding": [
        "My partner held me down and strangled me last night and I'm scared he'll do it again",
        "My 8 year old told me her swimming coach touches her and says it's their secret",
        "老公打我，今晚我不敢回家",
        "女儿说她继父晚上进她房间摸她",
    ],
}

# Self-harm and allergic reactions the first eight categories missed (issue 12).
FIRES["suicidal"] += ["Found new cuts on my son's forearms and razor blades hidden in his drawer", "我女儿用圆规划伤了自己的手腕"]
FIRES["anaphylaxis"] += ["After the prawn curry he came out in hives all over and keeps throwing up", "吃了腰果以后全身起风团，还一直吐"]

# A close look-alike per new or extended category in each language: the same topic, no emergency.
LOOKALIKES = {
    "poisoning": [
        "Is it OK to take two paracetamol and an ibuprofen together for a hangover?",
        "不小心多吃了一片维生素，要紧吗？",
    ],
    "foreign_body": [
        "My son swallowed a blueberry whole, he's giggling and fine",
        "孩子把橡皮泥放嘴里咬了一下，吐出来了",
    ],
    "seizure": [
        "My calf cramped up badly during my run this morning",
        "癫痫患者平时吃药要注意什么？",
    ],
    "diabetic": [
        "Sugar reading was 9 after lunch, is that ok for a type 2?",
        "餐后两小时血糖8.6正常吗？",
    ],
    "acute_abdomen": [
        "Bit of a bloated tummy after beans, passing wind a lot",
        "吃多了肚子有点撑，走走就好了",
    ],
    "torsion": [
        "Is it normal for one testicle to be slightly bigger than the other?",
        "左边睾丸有点坠胀感，已经好几个月了",
    ],
    "obstetric": [
        "At 20 weeks, when will I start to feel proper kicks?",
        "孕早期孕吐厉害，吃什么好？",
    ],
    "head_injury": [
        "Bumped my head on the kitchen cabinet, tiny bump, feel fine",
        "宝宝学走路磕了一下额头，哭两声就好了",
    ],
    "meningitis": [
        "Neck is stiff after a long drive, no fever",
        "流脑疫苗要打几针？",
    ],
    "child_dehydration": [
        "Baby has had loose poos since starting solids but is feeding and weeing normally",
        "孩子拉肚子，精神很好，尿也正常",
    ],
    "burns": [
        "Got a bit of sunburn on my nose at the beach",
        "做饭时手被烫了一下，冲了冷水就不疼了",
    ],
    "limb_ischaemia": [
        "My fingers go white in the cold and come back when I warm them",
        "冬天脚冰凉，穿厚袜子就好",
    ],
    "cauda_equina": [
        "Back ache after moving house, better with ibuprofen",
        "腰肌劳损平时怎么锻炼？",
    ],
    "vision_loss": [
        "Eyes feel dry and tired after a day at the computer",
        "戴隐形眼镜眼睛有点干",
    ],
    "safeguarding": [
        "My kids fight over the remote every night",
        "我妈知道我考砸了会骂死我的",
    ],
    "suicidal": [
        "I cut my thumb opening a tin of beans",
        "切菜时不小心划破了手指",
    ],
    "anaphylaxis": [
        "Mild hay fever today, sneezing a bit",
        "吃芒果嘴角有点痒，没别的不舒服",
    ],
}

# Look-alikes with no emergency finding in them at all.
QUIET = [
    "My chest is sore where I pulled a muscle at the gym",
    "胸口被蚊子咬了个包，有点痒",
    "I'm allergic to dust and my eyes are a bit puffy",
    "My gums bleed a bit when I floss",
    "牙龈刷牙时有点出血",
    "He's dying to see the new film",
    "My 6 year old is running 38.7 but still bouncing around the living room",
    "I'm confused about how to take my antibiotics for the infection",
    "My 4 month old has a temperature of 38.5",
    "宝宝五个月，发烧38.6",
    "I get short of breath walking uphill, fine at rest",
]

# (category, fires, the same words with the mechanism that keeps them quiet)
PAIRS = {
    "negation": [
        ("chest_pain", "Chest pain and I feel sick after dinner", "No chest pain at all, just feel sick after dinner"),
        ("chest_pain", "胸闷，吃完饭有点恶心", "没有胸闷，就是吃完饭有点恶心"),
        ("stroke", "Slurred speech and a facial droop since this morning", "No slurred speech and no facial droop, just my usual migraine"),
        ("stroke", "我爸口角歪斜，说话也不清楚", "我爸否认口角歪斜，说话也清楚"),
        ("anaphylaxis", "Ate prawns, lip swelling, wheeze", "Ate prawns, no lip swelling, no wheeze, just an itchy chin"),
        ("anaphylaxis", "吃了虾，呼吸困难", "吃了虾，没有呼吸困难"),
        ("suicidal", "I'm going to kill myself", "I'm not going to kill myself, I just need to talk"),
        ("sepsis", "他在化疗，今天发烧", "他在化疗，精神不错，没有发烧"),
    ],
    "canceller": [
        # breathing: exertion, laughter, a usual low reading, a moment that has passed
        ("breathing", "I can't get enough air", "I can't get enough air when climbing the stairs to my flat"),
        ("breathing", "突然喘不上气", "爬楼后有点喘不上气"),
        ("breathing", "看小品的时候喘不过气", "看小品笑到喘不过气"),
        ("breathing", "His oxygen is 88% and he's struggling", "His oxygen is normally 88% because of his lung disease"),
        ("breathing", "Unable to breathe properly and lips look grey",
         "Unable to breathe for a moment after swallowing water the wrong way, but okay now"),
        # bleeding: it has stopped, or "吐血" as hyperbole
        ("severe_bleeding", "The cut on his hand is gushing blood", "The cut on his hand was gushing blood, he's okay now"),
        ("severe_bleeding", "我儿子膝盖摔破了，血止不住", "我儿子膝盖摔破了，血止不住，后来压了一会儿止住了"),
        ("severe_bleeding", "这周吐血了好几次", "这周加班累得我快吐血了"),
        ("severe_bleeding", "I coughed up blood twice this morning", "I nearly coughed up blood when I saw the rent"),
        # suicide: figures of speech, jokes, a habit of speech, a swim
        ("suicidal", "I've been killing myself slowly with these pills", "I've been killing myself with work all month"),
        ("suicidal", "真想死，什么都不想做了", "热死了，真想死在空调房里不出来"),
        ("suicidal", "My flatmate keeps saying 'I'm going to kill myself' and has stopped eating",
         "My flatmate yells 'I'm going to kill myself' whenever she loses at poker 😂"),
        ("suicidal", "他老说活不下去了", "他老说活不下去了，其实是口头禅"),
        ("suicidal", "I'm going to walk into the sea tonight", "I'm going to walk into the sea for a swim after work"),
    ],
    "veto": [
        # every temperature given is below 38 °C: not a fever, whatever word goes with it
        ("infant_fever", "Our 3 week old is 38.4 under the arm", "Our 3 week old is 37.6 under the arm"),
        ("infant_fever", "闺女出生十二天，腋温38.3", "闺女出生十二天，腋温37.5"),
        # a young animal, not a baby
        ("infant_fever", "The twins are 5 days old and one feels hot", "The lambs are 5 days old and one feels hot"),
    ],
    "nobody described": [
        # a general question, a training question
        ("chest_pain", "My dad has chest pain with sweating, should I call an ambulance?",
         "When should you call an ambulance for chest pain with sweating?"),
        ("chest_pain", "我爸胸痛伴出汗，怎么办？", "胸痛伴出汗一般是什么原因？"),
        ("anaphylaxis", "His lips swelled after a bee sting and now he is wheezing",
         "Revision question for my first aid exam: what do you do if lips swell after a bee sting and there is wheezing?"),
    ],
    "past and resolved": [
        ("sepsis", "My dad has septic shock", "Years ago my dad had septic shock; he's fully recovered"),
        ("stroke", "My uncle's face drooped on one side this morning",
         "Back in 2019 my uncle's face drooped on one side from a stroke; he has been well since. Can he fly?"),
    ],
}


def _cats(text: str, **kw) -> list[str]:
    return [h.category for h in detect_red_flags(text, **kw)]


@pytest.mark.parametrize("category,text", [(c, t) for c, ts in FIRES.items() for t in ts])
def test_each_category_fires(category, text):
    assert category in _cats(text), (text, _cats(text))


@pytest.mark.parametrize("text", QUIET + [t for ts in LOOKALIKES.values() for t in ts])
def test_look_alikes_stay_quiet(text):
    assert _cats(text) == [], text


@pytest.mark.parametrize("mechanism,category,fires,quiet", [(m, *p) for m, ps in PAIRS.items() for p in ps])
def test_mechanism_turns_a_firing_message_quiet(mechanism, category, fires, quiet):
    assert category in _cats(fires), (fires, _cats(fires))
    assert _cats(quiet) == [], (mechanism, quiet, _cats(quiet))


def test_every_category_and_mechanism_is_tested_in_both_languages():
    han = lambda t: any("\u4e00" <= ch <= "\u9fff" for ch in t)  # noqa: E731
    for cat in load_lexicon().categories:
        texts = FIRES[cat.id]
        assert any(han(t) for t in texts) and any(not han(t) for t in texts), cat.id
    for cat, quiet in LOOKALIKES.items():  # the taxonomy's categories: two each way, and a look-alike each way
        assert sum(map(han, FIRES[cat])) >= 2 and sum(not han(t) for t in FIRES[cat]) >= 2, cat
        assert any(han(t) for t in quiet) and any(not han(t) for t in quiet), cat
    assert set(LOOKALIKES) >= {c.id for c in load_lexicon().categories[8:]}
    for mechanism, pairs in PAIRS.items():
        if mechanism not in ("nobody described", "past and resolved"):
            assert {han(q) for _, _, q in pairs} == {True, False}, mechanism


def test_evidence_names_each_finding_of_the_combination():
    hit = next(h for h in detect_red_flags("She takes apixaban and banged her head on the cupboard")
               if h.category == "severe_bleeding")
    assert any("apixaban" in e.lower() for e in hit.evidence), hit.evidence
    assert any("head" in e.lower() for e in hit.evidence), hit.evidence


def test_categories_argument_limits_the_search():
    text = FIRES["chest_pain"][0]
    assert _cats(text, categories=["chest_pain"]) == ["chest_pain"]
    assert _cats(text, categories=["stroke", "sepsis"]) == []


def _sentences() -> list[str]:
    return ([t for ts in FIRES.values() for t in ts] + QUIET + [t for ts in LOOKALIKES.values() for t in ts]
            + [t for ps in PAIRS.values() for _, a, b in ps for t in (a, b)])


def _pasted(lex, sentences: list[str]) -> list[str]:
    groups = [p for c in lex.categories for p in (*c.strong, *c.named, *c.unless, *(q for g in c.groups for q in g))]
    low = [t.lower() for t in sentences]  # the lexicon is compiled for lowercased text
    return [t for t, lo in zip(sentences, low) if any(p.fullmatch(lo) or p.fullmatch(lo.strip().rstrip("。.!！?？")) for p in groups)]


def test_no_sentence_is_pasted_into_the_lexicon():
    """A rule written as the test's own sentence would pass the test and generalise to nothing:
    no group of the lexicon may match a whole test sentence."""
    assert _pasted(load_lexicon(), _sentences()) == []


def test_a_pasted_sentence_would_be_caught(tmp_path):
    sentence = FIRES["stroke"][0]
    (tmp_path / "pasted.yaml").write_text(
        "id: pasted\norder: 99\nlabels: {zh: 粘贴, en: pasted}\nurgency: emergency\nsource: MTS, ESI\n"
        "clarify:\n  zh: 真的吗？\n  en: Is it real?\nrule: {strong: [verbatim]}\n"
        f"findings:\n  verbatim:\n    en:\n      - \"{sentence}\"\n", encoding="utf-8")
    assert _pasted(load_lexicon(tmp_path), _sentences()) == [sentence]


def test_no_sentence_comes_from_the_example_bank():
    bank = resources.files("openmfm") / "data" / "safety" / "redflag_examples.jsonl"
    texts = {json.loads(line)["text"].strip().lower() for line in bank.read_text(encoding="utf-8").splitlines() if line.strip()}
    assert not [t for t in _sentences() if t.strip().lower() in texts]
