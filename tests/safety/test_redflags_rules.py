"""Red-flag rules: more ways to say each finding, combinations of weaker findings, and the
look-alikes that must stay quiet. Examples are written for these tests (not taken from the
benchmark), in Chinese and English for every finding."""

from __future__ import annotations

import pytest

from openmfm.safety.redflags import detect_red_flags

FIRES = {
    "chest_pain": [
        # pressure described as a weight on the chest, with sweating / spreading / no relief with rest
        "Feels like a car is parked on my chest and I'm drenched in sweat",
        "My uncle is clutching at his chest and has gone pale",
        "Heavy tight feeling across my chest for about 30 minutes, now it goes up into my jaw",
        "The chest pressure hasn't let up with rest and my left arm feels numb and heavy",
        "Her chest feels really tight and it's spreading between the shoulder blades",
        "我爸心口堵得慌，疼得满身是汗",
        "胸口像被箍住一样疼，衣服都湿透了",
        "我妈胸口闷痛，躺下休息了二十分钟也没缓解",
        "胸口揪着疼，脸都煞白了",
        "胸口压得慌，疼到左边肩膀，左手发麻",
    ],
    "stroke": [
        # sudden loss of language, one-sided numbness, worst-ever headache
        "Grandpa suddenly started using the wrong words and can't understand anything we say",
        "Out of nowhere my sister's words are all jumbled, started 10 minutes ago",
        "The whole left side of his body went dead and he has no feeling in that leg",
        "I've never had a headache like this, it came on suddenly while lifting",
        "Her head feels like it's going to explode, it came on all of a sudden",
        "我奶奶突然说话颠三倒四，问她什么都答非所问",
        "我爸刚才突然听不懂我们说的话了",
        "我妈右边身子突然发麻，手也拿不住筷子",
        "他说头疼，这辈子都没这么疼过",
        "我老公突然头像炸开了一样疼",
    ],
    "anaphylaxis": [
        # throat narrowing after a trigger; hives everywhere with fainting
        "After a spoonful of the sesame sauce his throat feels thick and he sounds hoarse",
        "She had a flu jab and broke out in welts everywhere, now she's dizzy and pale",
        "Stung by a hornet, lips are getting puffy and there's a whistling noise when he breathes",
        "我吃了几个腰果，嗓子眼像被掐住一样",
        "输完液身上起了一片风团，人头晕要倒",
        "孩子喝了牛奶以后舌头就肿了，声音也变了",
    ],
    "severe_bleeding": [
        # will not stop after pressure / time, vomited coffee grounds, soaked cloths, thinners + injury
        "He's on Eliquis and banged his head on the car door",
        "The gash on her shin has been bleeding and it still hasn't stopped with a towel pressed on it",
        "She is still bleeding after 40 minutes of pressure on the cut",
        "My mum vomited something like coffee grounds this morning",
        "There is blood everywhere and we have soaked three dish cloths",
        "Two weeks after delivery and passing clots the size of a golf ball",
        "我爸吃着抗凝药，刚才摔倒磕到头了",
        "伤口捏了十五分钟还是在流",
        "我妈吐出来的都是咖啡色的东西",
        "手指被菜刀切了，血把毛巾都染红了",
        "出院后阴道出血跟流水一样",
        "鼻血流了四十分钟还止不住",
    ],
    "suicidal": [
        # indirect plans: a place, saved pills, farewells, going silent, escalating self-harm
        "I can't take it anymore, I'm standing on the ledge of the car park roof",
        "I've been saving up my tablets for weeks and they are ready",
        "He sent a goodbye message to the group and now he's not picking up",
        "I want this to be the last time anyone has to deal with me, I've got the rope",
        "I've been burning myself more and more",
        "我撑不下去了，安眠药已经攒了一瓶",
        "我朋友发朋友圈说下辈子再见，现在电话打不通",
        "我现在坐在楼顶边上，真的不想再活了",
        "最近一直在自残，越来越停不下来",
        "我决定今晚走，东西都送给室友了，永别了",
        "I don't see the point anymore, there's a bottle of pills in front of me",
        "我想从桥上跳下去",
    ],
    "sepsis": [
        # infection or chemotherapy with shock or confusion
        "He had pneumonia last week and now his knees look mottled and his feet are ice cold",
        "My mother is having chemotherapy and has a temperature of 38.4",
        "The wound from her operation is red and hot, she has a fever and is talking nonsense",
        "Temp 39.2, he's really out of it and his BP is 85/50",
        "我爸肺炎住院后回家，现在人迷迷糊糊的，血压90/50",
        "我妈化疗第二周，今晚烧到38.6",
        "伤口化脓好几天了，发高烧，说胡话，认不出人",
        "发烧39度，一整天没怎么尿，手脚冰凉，人迷糊",
    ],
    "infant_fever": [
        # ages in days / weeks / one or two months, and a hot-to-touch baby
        "My grandson is only 4 weeks and he feels hot to the touch",
        "Our 6 wk old daughter has a temperature of 38.1",
        "Baby is a month old and burning up",
        "The baby is 9 days old, forehead thermometer reads 38.3",
        "孩子才五周，摸着额头很烫",
        "我家闺女生下来十二天，测了38.2",
        "宝宝刚满月，耳温38.4",
        "孩子才二十天，身上发烫",
    ],
    "breathing": [
        # only a word or two, reliever not helping, breathing through a straw, choking
        "He can only say one word at a time, breathing is so hard",
        "My asthma inhaler isn't doing anything and I'm fighting for every breath",
        "She choked on a grape and now she can't cough or speak",
        "Lips are going bluish and he can't get a breath in",
        "哮喘发作了，喷雾喷了三次都没用",
        "我爸卡住了，咳不出来，脸憋得发紫",
        "喘得只能坐着，说两句话就要停",
        "感觉像用吸管在呼吸，根本吸不进气",
        "The skin between her ribs is pulling in with each breath",
        "孩子吸气时锁骨上面往里凹，鼻翼一扇一扇的",
    ],
}

QUIET = [
    # resolved or historical
    "My son cut his knee at football, it bled for a while but it has stopped now",
    "He had a nosebleed last week that went on for 20 minutes, it's fine now",
    "孩子流鼻血，捏了五分钟就止住了",
    "切菜划破手，早就不流了",
    "She had a stroke three years ago and is fully recovered, what exercises help?",
    "我爸去年中风过，现在恢复得很好",
    # figurative speech
    "This deadline is killing me, I can't take it anymore lol",
    "My heart literally stopped when I saw the exam results",
    "I'm dying to try that new restaurant",
    "热得要死，空调坏了",
    "这个月工资花得我头都要炸了",
    "笑得我喘不过气来，太搞笑了",
    "The last time I took those pills I got a rash, what else can I take?",
    "今天是最后一次吃抗生素了，还要继续吃吗",
    # general questions
    "How long should a cut bleed before you see a doctor?",
    "What should I do if someone is on warfarin and wants to start ibuprofen?",
    "How do you tell if a newborn has a fever?",
    "新生儿发烧多少度要去医院？",
    "What does coffee ground vomit mean?",
    # mild or benign look-alikes
    "I'm on warfarin and my gums bleed a little when I brush",
    "My 3 year old has a fever of 38.5 and cold hands but is playing",
    "孩子发烧38.6度，手脚有点凉，精神还行",
    "My daughter has had a cold for 2 weeks and a mild temperature",
    "孩子3天没大便了，肚子有点胀",
    "宝宝五个月了，打完疫苗低烧37.8",
    "Chest pain only when I press on my ribs, since I moved house",
    "胸口按着疼，前几天搬过东西",
    "I'm confused about my UTI antibiotics, should I take them with food?",
    "对尘螨过敏，眼睛有点肿，打喷嚏",
    "He has a runny nose that won't stop running",
    "The bite won't stop itching",
    "吃了安眠药还是睡不着，受不了了",
    "I decided to go back on my sleeping pills",
    "My toddler can say a few words now",
    "孩子会说几个字了",
    "The inhaler helps my mild wheeze",
    "用了吸入剂就好多了",
    "My period was heavier than usual but it's normal now",
    "吐了几口，吐完就舒服多了",
    "发烧38.5度，吃了退烧药没什么反应，人精神还可以",
    "I had a bad headache, worst of the week, after a long meeting",
    "我爬楼梯喘得很厉害，歇一会就好",
    "Our 6 week old feels warm after his bath, 37.1 under the arm",
    "Yesterday my son had a nosebleed for 30 minutes, now he's fine",
    "He texted goodbye before boarding his flight, phone off now",
    "We watched a film where a man jumps off a bridge",
    "Ventolin isn't working as well as it used to, should I see my GP?",
    "这份工作受够了，真想一了百了地辞职",
    "他在化疗，有点累，不发烧",
    "I choked on water for a second but I'm fine now",
]


@pytest.mark.parametrize("text", [
    "No chest pain, not sweaty, just a cough",
    "否认胸痛，无出汗",
    "He is not confused and his hands are warm, no fever",
    "没有发烧，精神好，不迷糊",
    "She denies any thoughts of hurting herself",
    "没有自杀的想法，也没有自残",
    "No bleeding, the cut is dry",
])
def test_negation_still_works(text):
    assert detect_red_flags(text) == [], text


def test_evidence_names_the_combination():
    hit = next(h for h in detect_red_flags("He is on warfarin and hit his head on the shelf") if h.category == "severe_bleeding")
    assert any("warfarin" in e.lower() for e in hit.evidence)
    assert any("head" in e.lower() for e in hit.evidence)


# --------------------------------------------------------------------------- round 6 mechanisms
# Vitals written as numbers, shorthand, dialect and traditional characters, and the general
# cancellers (past and resolved, device questions, sub-38 °C readings, pets, hyperbole, negated
# lists). Written for these tests, not taken from the benchmark.
FIRES_R6 = {
    "breathing": [
        "Pulse ox reading 87 percent and he is gasping",
        "SpO2 86% and she can't lie flat",
        "血氧只有85%，坐着都喘",
        "No fever, then suddenly he can't breathe and his lips are blue",  # a new statement ends the list
        "没发烧，突然喘不上气，嘴唇发紫",
        "佢呼吸好困難，嘴唇發紫",  # traditional characters / Cantonese
        "Neb x2 no relief, can't finish sentences",
        "他喘得话都说不成句，指甲盖发青",
    ],
    "sepsis": [
        "Known UTI, temp 38.6, RR 34, looks unwell",
        "Temp 102.5 F and pulse 132 since the op wound went red",
        "肺炎第三天，体温38.7，心率135",
        "发烧101.5°F，心率128，尿路感染",
        "She had sepsis two years ago and recovered, but now she has a fever of 39 and is confused",
        "他三年前得过败血症，早就好了，可现在又发高烧，人迷糊了",
        "chemo patient, now boiling hot and doesn't know what day it is",
    ],
    "infant_fever": [
        "Our 5 week old is 38.0 rectally",
        "three-week-old baby, 100.6°F on the forehead strip",
        "宝宝出生二十天，体温38度",
        "BB仔啱啱三個禮拜，發燒38.3度",
        "my son born 1 month ago has a temperature 38.2",
        "孩子生下来一个多月，体温100.9°F",
        "月子里的孩子发烧了",
    ],
    "stroke": [
        "我阿媽突然講唔到嘢，右手冇晒力",
        "His mouth went crooked and his right arm flopped onto his lap",
        "她走着走着突然往一边歪，说话也变了调",
        "Triage: sudden R facial droop, R arm drift, dysarthric",
        "He suddenly couldn't see out of the left side and bumped into the table",
        "我爸突然左边什么都看不见了",
        "后脑勺突然像被锤子砸了一下，疼得直叫",
    ],
    "anaphylaxis": [
        "We had to use the EpiPen on her ten minutes ago after the peanut sauce",
        "ate a cashew, now generalised hives and stridor",
        "吃了虾，喉咙好紧",
        "打完针全身发痒起红疙瘩，人发晕",
    ],
    "severe_bleeding": [
        "Blood is pulsing out of the cut on his wrist",
        "Three days after the birth she is saturating a pad every half hour",
        "He vomited what looked like a cupful of bright red blood",
        "他被玻璃划了，血一股一股地冒",
        "咳嗽咳到吐血，一大口一大口的",
        "拉了黑便，后来就晕过去了",
    ],
    "suicidal": [
        "I've got 60 tablets of ibuprofen and I'm going to take them all when everyone's asleep",
        "药都在抽屉里，今晚全部吃掉，不想再醒来",
        "I left letters for my kids, this is my last text",
        "给爸妈留了信，这是我最后一条朋友圈",
        "I'm still self harming and tonight I want to not wake up",
        "You won't have to worry about me much longer, I've given away all my stuff",
        "以后就不麻烦大家了，存款都留给妹妹了",
        "买好了炭，门窗都封上了",
    ],
    "chest_pain": [
        "chest crushing, sweating buckets",
        "pain in chest going to the back, wet with sweat",
        "心口像被攥住，出冷汗",
        "胸口像被人拧着疼，左胳膊发麻",
    ],
}

QUIET_R6 = [
    # past and resolved
    "My uncle had meningitis and sepsis in 2012 and has been fine ever since, can he get the flu jab?",
    "我舅舅十年前得过脓毒症，早就康复了，能打流感疫苗吗",
    "I had anaphylaxis to wasp venom as a child, fully recovered, should I carry anything?",
    "她小时候得过严重过敏，后来痊愈了",
    # asking about a device or drug
    "Where should my son keep his EpiPen at school?",
    "How often should an EpiPen be replaced, and can it go in a hot car?",
    "女儿的肾上腺素笔快过期了，去哪里换",
    # temperature below 38 °C, older babies, pets
    "Our 5 week old son is 37.8 under the arm and a bit grizzly",
    "My 6 week old has a slight fever of 99.5F, feeding fine",
    "宝宝出生二十天，有点发热37.5，吃奶正常",
    "宝宝四个月，发烧38.5度，精神很好",
    "Our kitten is 4 weeks old and feels hot",
    "小狗才两周大，身上发烫",
    # hyperbole
    "加班加到吐血，明天还要早起",
    "被这个客户气得吐血",
    "I nearly coughed up blood at the bill",
    # negated lists in triage shorthand
    "Triage note: 58M, no fever, cough or difficulty breathing",
    "Pt 40F, nil SOB/CP, mild headache",
    "来电记录：无发热、咳嗽及呼吸困难",
    "无胸痛、出汗、恶心，只是胃胀",
    # numbers that are not alarming
    "My oximeter says 98%, just checking it works",
    "My dad's sats are usually 89% with his COPD, he feels the same as always",
    "我爸慢阻肺多年，平时血氧就89%左右，今天没什么不舒服",
    "Heart rate 130 when I sprint, is that normal?",
    "心率125，刚爬完楼梯",
    # everyday words that look like findings
    "Spin class really got my blood pumping",
    "She vomited twice but there was no blood",
    "My toddler keeps dropping his cup and talks funny when he's sleepy",
    "I'll take them all with breakfast, is that OK? (my three antibiotics)",
    "把蛋糕全部吃掉了",
    "周末和朋友烧炭烤肉",
    "I've been reading about self-harm for a psychology essay",
    "It's boiling hot out and my heart is racing after the run",
    "喝了滚烫的开水，心跳有点快",
    "He has a UTI and doesn't know where his glasses are",
    "这是今天最后一条消息了，明天再聊",
    "佢感冒咗，有啲咳，冇發燒",
    "My period sometimes has big clots, is that normal?",
]



# Round 7 mechanisms: machine-translated English, text speak, dialect, Chinese-numeral
# temperatures, a suicide plan named by place or method, a non-blanching rash; and the look-alikes
# of training questions, jokes, settled past episodes and managed chronic conditions.
FIRES_R7 = {
    "chest_pain": [
        "My father heart mouth is hurting very much, pain spread to the back, sweating cold",
        "my grandads chest rly hurts n hes sweating loads, pain going into his jaw",
        "我舅舅胸口疼得受不了，疼到脖子，汗直流",
    ],
    "stroke": [
        "My aunt couldn't get her words out at lunch and one side of her mouth is lower now",
        "我姥爷刚才突然说话舌头打结，左手拿啥掉啥",
        "我大舅突然嘴瓢了，右手攥不住杯子",
    ],
    "anaphylaxis": [
        "had prawns at the party n now my throat r closing up, hives all over",
        "He's allergic to wasps, got stung, and his lips and eyelids are swelling and he's going floppy",
    ],
    "severe_bleeding": [
        "After her tonsil op she spat out a mouthful of dark blood and it keeps coming",
        "Blood is running down his shin from the chainsaw cut and won't slow",
        "我叔切菜切到手，血直往外冒，纱布缠上了还往外渗",
        "外婆拔牙后满嘴是血，一口接一口",
    ],
    "suicidal": [
        "My cousin texted that he's going to jump off the multi-storey car park roof tonight",
        "She left a voice note saying she would walk into the river after work",
        "he posted a pic of a handful of tablets with 'goodbye everyone' and isn't answering",
        "My student wrote that he plans to hang himself on Friday",
        "我表弟发消息说要从宿舍楼顶跳下去，电话打不通",
        "朋友发了条再见了这个世界，现在联系不上",
        "药都攒够了，明天就全吃掉，谢谢大家这些年",
        "我哥说已经开了煤气，叫我以后照顾好妈",
    ],
    "sepsis": [
        "My 2 year old has a high fever and little purple spots on her legs that don't fade under a glass",
        "Three days after my hip op: 39.2, heart 128, I can't think straight",
        "孩子发烧，腿上有小红点，用杯子按着也不褪色",
    ],
    "infant_fever": [
        "our bby is 5 wks n her temp is 38.6, wont feed",
        "My daughter birth 40 days, temperature 38.2, sleeping all the time",
        "我外甥女出生才一个半月，量了38.4",
        "個仔啱啱滿月，探熱三十八度五",
        "我孙子才俩月，额头烫，一量三十八度二",
    ],
    "breathing": [
        "Mum has heart failure, woke up feeling like she was drowning, bringing up pink frothy spit",
        "孩子吃花生噎住了，一声都咳不出来",
        "宝宝被果冻卡住了，脸都乌了",
    ],
}

QUIET_R7 = [
    # first-aid and exam questions
    "First aid class question: how long can a tourniquet stay on for severe bleeding?",
    "Exam question: what are the steps if someone has a heart attack at work?",
    "急救培训课上老师问：有人心脏骤停时按压多深？",
    "急救知识：大出血时先压迫止血还是先用止血带？",
    # jokes and hyperbole
    "My sister says 'I'm going to kill myself' every time she fails a level in Candy Crush 🤣",
    "lost the match again lol I want to die 😂",
    "他那句想死了就是口头禅，考完试都这么说",
    # a past episode that is over
    "I self-harmed in the past but I'm doing great now, can the scars be treated?",
    "我之前割过手腕，现在都好了，想问问祛疤",
    # managed chronic conditions and a stopped nosebleed
    "My angina came on walking uphill and went after one spray of GTN, same as always",
    "我爸心绞痛，爬坡时胸口闷了一下，含了硝酸甘油马上就好了，跟平时一样",
    "I'm on warfarin and have a bruise on my shin, no other bleeding",
    "吃华法林，腿上有块淤青，没有别的出血",
    "A pupil had a nosebleed in class, it stopped after 10 minutes of pinching",
    "学生上课流鼻血，捏了十分钟就止住了",
    "Mild asthma, using my blue inhaler with a spacer twice a week, any tips?",
    "孩子轻度哮喘，用储雾罐吸药，现在挺好",
    "BP was 148/92 at the pharmacy, no headache or symptoms, should I see my GP?",
    "体检血压148/92，没有头晕头痛，需要吃药吗",
    # text speak that is fine
    "bby is 5 mos n temp is 37.4, teething i think",
]


def _fires():
    for group in (FIRES, FIRES_R6, FIRES_R7):
        for category, texts in group.items():
            yield from ((category, t) for t in texts)


@pytest.mark.parametrize("category,text", list(_fires()))
def test_new_findings_fire(category, text):
    cats = [h.category for h in detect_red_flags(text)]
    assert category in cats, (text, cats)


@pytest.mark.parametrize("text", QUIET + QUIET_R6 + QUIET_R7)
def test_look_alikes_stay_quiet(text):
    assert detect_red_flags(text) == [], (text, detect_red_flags(text))
