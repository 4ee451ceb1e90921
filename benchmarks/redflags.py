"""Red-flag benchmark: labelled Chinese and English messages, emergencies and look-alike
non-emergencies, scored for recall on emergencies and false-positive rate on the rest; the
baseline is a keyword list (the symptom names alone) in the same run.

The messages are written in patients' own words, distinct from the unit-test examples and
from the rule lists; each base message is varied by who is speaking about whom and by a
lead-in, which gives >= 200 labelled messages. Run: .venv/bin/python benchmarks/redflags.py
"""

from __future__ import annotations

import itertools
import re
import time

EMERG_EN = [
    ("chest_pain", "{who} chest feels like an elephant is sitting on it and {pro} is sweaty and pale"),
    ("chest_pain", "{who} has tight chest pain going down the left arm and feels sick"),
    ("chest_pain", "squeezing pain in {pos} chest for 20 minutes with a cold clammy feeling"),
    ("stroke", "{who} woke up and one side of the face is drooping, can't smile properly"),
    ("stroke", "{who} suddenly can't lift the right arm and the words come out slurred"),
    ("stroke", "{who} has the worst headache of {pos} life, came on like a thunderclap"),
    ("anaphylaxis", "{who} ate shrimp and now the throat is closing up"),
    ("anaphylaxis", "bee sting 10 minutes ago, hives everywhere and {pro} is wheezing"),
    ("severe_bleeding", "{who} is vomiting blood, lots of it"),
    ("severe_bleeding", "deep cut from a knife, blood is spurting out"),
    ("severe_bleeding", "postpartum and soaking through a pad every 15 minutes"),
    ("suicidal", "honestly everyone would be better off dead without me, I've been saving up pills"),
    ("suicidal", "I keep thinking about ending my life and I have a plan"),
    ("sepsis", "{who} has a fever and is confused, breathing fast and the skin looks mottled"),
    ("sepsis", "doctor said possible sepsis after surgery, now {pro} is shivering and barely responsive"),
    ("infant_fever", "newborn is hot to touch, thermometer says 38.3"),
    ("infant_fever", "our 6 week old has a fever and won't feed"),
    ("breathing", "{who} is gasping for air and can't finish a sentence"),
    ("breathing", "{who} is struggling to breathe, ribs sucking in with every breath"),
]
EMERG_ZH = [
    ("chest_pain", "{who}胸口闷得厉害，满头大汗，疼到后背"),
    ("chest_pain", "{who}心前区疼了半小时，还恶心想吐，出冷汗"),
    ("stroke", "{who}刚才吃饭时筷子突然拿不住，右边手脚没劲，嘴也歪了"),
    ("stroke", "{who}突然讲话含糊，一边脸耷拉下来"),
    ("anaphylaxis", "{who}吃了海鲜以后全身起风团，喘不上气"),
    ("anaphylaxis", "{who}输液时突然喉头发紧，血压下降"),
    ("severe_bleeding", "{who}吐了好多血，颜色鲜红"),
    ("severe_bleeding", "{who}手被玻璃割了，血往外喷，按不住"),
    ("suicidal", "我活着没意思，已经写好遗书了"),
    ("suicidal", "最近一直想自杀，药都准备好了"),
    ("sepsis", "{who}高烧40度，意识不清，手脚冰凉"),
    ("sepsis", "{who}术后发热寒战，心跳很快，血压很低"),
    ("infant_fever", "孩子刚满月，发烧38.5℃"),
    ("infant_fever", "{who}家宝宝出生15天，体温38度，不吃奶"),
    ("breathing", "{who}憋得说不出话，嘴唇都发青了"),
    ("breathing", "{who}突然呼吸困难，坐着都喘"),
]
BENIGN_EN = [
    "{who} has chest pain only when pressing on the ribs after coughing all week",
    "{who} gets heartburn after spicy food, burning behind the breastbone",
    "{who} has a headache that comes and goes with stress",
    "{who} sneezes a lot around cats and the eyes itch",
    "{who} has a small paper cut that bled for a minute",
    "{who} had a nosebleed this morning but it stopped after pinching",
    "I'm dying to know if this rash is eczema",
    "my boss is killing me with overtime",
    "{who} has a mild fever of 37.8 and a runny nose, eating fine",
    "our 8 month old has a temperature of 38 and is playful",
    "{who} feels winded after running for the bus",
    "{who} is short of breath when jogging uphill",
    "{who} has numb fingers after sleeping on the arm",
    "what does an allergic reaction look like?",
    "{who} has a sore throat and a cough for three days",
]
BENIGN_ZH = [
    "{who}咳嗽好几天了，按压胸口有点疼",
    "{who}吃完辣的胃里烧心",
    "{who}最近工作压力大，偶尔头痛",
    "{who}对花粉过敏，打喷嚏流鼻涕",
    "{who}切菜划破了手指，已经止血了",
    "今天热死了，出了一身汗",
    "{who}家孩子三岁，低烧37.6度，精神挺好",
    "{who}爬山的时候有点喘，休息一下就好了",
    "{who}刷牙的时候牙龈出血",
    "睡觉压着胳膊醒来手麻",
    "{who}感冒了，嗓子疼，流鼻涕",
    "中风有哪些早期表现？",
    "{who}饭后胃胀，打嗝",
    "{who}血压有点高，需要吃药吗",
    "宝宝一岁半，发烧38度，能吃能玩",
]
WHO_EN = [("My dad", "his", "he"), ("My wife", "her", "she"), ("My neighbour", "their", "they")]
WHO_ZH = ["我爸", "我妈", "邻居"]
LEAD_EN = ["", "Please help: ", "Quick question, "]
LEAD_ZH = ["", "请问，", "急！"]


def messages() -> list[tuple[str, str, bool]]:
    out = []
    for (cat, tpl), (who, pos, pro), lead in itertools.product(EMERG_EN, WHO_EN, LEAD_EN[:2]):
        out.append(("en", lead + tpl.format(who=who, pos=pos, pro=pro), True))
    for (cat, tpl), who, lead in itertools.product(EMERG_ZH, WHO_ZH, LEAD_ZH[:2]):
        out.append(("zh", lead + tpl.format(who=who), True))
    for tpl, (who, pos, pro), lead in itertools.product(BENIGN_EN, WHO_EN, LEAD_EN[:2]):
        out.append(("en", lead + tpl.format(who=who, pos=pos, pro=pro), False))
    for tpl, who, lead in itertools.product(BENIGN_ZH, WHO_ZH, LEAD_ZH[:2]):
        out.append(("zh", lead + tpl.format(who=who), False))
    return list(dict.fromkeys(out))


KEYWORDS = re.compile(r"chest pain|stroke|anaphyla|bleeding|blood|suicid|sepsis|fever|breath|胸痛|胸闷|中风|过敏|出血|血|自杀|发烧|发热|呼吸|喘", re.I)


def main() -> None:
    from openmfm.safety.redflags import detect_red_flags

    msgs = messages()
    t = time.perf_counter()
    ours = [bool(detect_red_flags(m)) for _, m, _ in msgs]
    dt = time.perf_counter() - t
    base = [bool(KEYWORDS.search(m)) for _, m, _ in msgs]
    print(f"{len(msgs)} messages: {sum(1 for *_, y in msgs if y)} emergencies, {sum(1 for *_, y in msgs if not y)} look-alikes "
          f"({sum(1 for l, *_ in msgs if l == 'zh')} zh, {sum(1 for l, *_ in msgs if l == 'en')} en)\n")
    print(f"{'':<10}{'OpenMFM rules':>14}{'keyword baseline':>18}")
    for lang in ("zh", "en", "all"):
        sel = [i for i, (l, _, _) in enumerate(msgs) if lang == "all" or l == lang]
        for name, pred in (("recall", True), ("FPR", False)):
            def rate(p):
                idx = [i for i in sel if msgs[i][2] is pred]
                return sum(p[i] for i in idx) / len(idx)
            print(f"{lang + ' ' + name:<10}{rate(ours):>14.3f}{rate(base):>18.3f}")
    print(f"\n{len(msgs) / dt:.0f} messages/s")
    for (l, m, y), p in zip(msgs, ours):
        if p != y:
            print(("MISSED " if y else "FALSE+ ") + m)


if __name__ == "__main__":
    main()
