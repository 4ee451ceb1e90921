"""Round 6 of the red-flag benchmark: blind templates, to be scored once.

Written blind on 2026-11-22 by someone who had not seen the red-flag rules, the learned
classifier or its example bank (nothing under src/openmfm/, tests/, scripts/ or docs/ was
opened), and who neither ran the detector nor this benchmark's evaluation while writing them.
Only benchmarks/redflags.py was read, for its format and so that rounds 1-5 are not repeated.
The set is meant to be scored ONCE, at the end of the day; once scored it is no longer blind:
do not tune rules or the classifier on it.

Voices not much used by rounds 1-5: elderly relatives dictating to a phone, teenagers, nurses
and care-home staff on a triage line (clinical shorthand), non-native English, Cantonese,
Sichuanese, northern-dialect and Taiwan-style Chinese (some in traditional characters),
voice-to-text without punctuation, long rambling messages with the emergency in the middle,
very short messages, emoji, Fahrenheit / bpm / SpO2 inside Chinese messages, and messages that
ask an unrelated question first and mention the emergency in passing.

The look-alikes are clinically not emergencies: resolved or old episodes, reproducible or mild
symptoms, exam-style or general questions about emergencies, prevention, medication questions,
babies older than 3 months with a mild fever, figurative speech and hyperbole, and worried-well
questions about what to watch for.

Templates use the {who}/{pos}/{pro} slots of benchmarks/redflags.py only where they read
naturally for every speaker in WHO_EN / WHO_ZH (with "they" the verb after {pro} is a modal or
in the past tense); anything tied to one sex or one speaker is written without slots.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from redflags import expand  # noqa: E402  (benchmarks/redflags.py)

EMERG6_EN = [
    # chest_pain
    ("chest_pain", "{who} was shovelling snow and came in grey and sweating, saying there's a pressure in the middle of the chest that won't go away, 25 minutes now"),
    ("chest_pain", "hello this is nana typing on the ipad my chest has got a heavy weight on it since I sat down after tea and I feel sick and my jaw aches what do I do"),
    ("chest_pain", "Nurse line: 62yo M, central chest pressure x30 min radiating to L arm, diaphoretic, nauseated, hx diabetes and smoker"),
    ("chest_pain", "my husband he have very bad pain in chest, it go to the back, he is wet with sweat and cannot breath good"),
    ("chest_pain", "Quick one about parking at the hospital. {who} has had a tightness across the chest since breakfast, now short of breath and clammy, should we just drive in?"),
    ("chest_pain", "\U0001f630 chest crushing, arm numb, can't stop sweating"),
    ("chest_pain", "So it's been a long week, the kids were off school and I've been doing double shifts and barely sleeping, and tonight while loading the dishwasher I got this pain in the middle of my chest like a fist clenching, it's going up into my neck and jaw and I'm drenched and a bit breathless, anyway I also wanted to ask whether I can take melatonin with my blood pressure tablets"),
    # stroke
    ("stroke", "{who}'s smile went lopsided at dinner and the right arm just flopped down onto the table, maybe 10 min ago"),
    ("stroke", "mum cant find her words all of a sudden she says fork when she means phone and her left hand has gone weak 911??"),
    ("stroke", "Hotline triage: 74F, sudden onset L facial droop and L arm drift at 14:10, last known well 13:50, speech dysarthric"),
    ("stroke", "{who} suddenly couldn't see anything on the left side, walked straight into the door frame, and then got really muddled about where we were"),
    ("stroke", "granddad keeps dropping his tea and talking funny like his tongue is too big it started after his nap"),
    ("stroke", "hey random q, how long can you keep cooked rice in the fridge. also my grandma's face looks kinda droopy on one side and she's not making sense, prob nothing?"),
    ("stroke", "{who} strained on the toilet and got a sudden splitting pain at the back of the head, the worst ever, then vomited and now seems very drowsy"),
    # anaphylaxis
    ("anaphylaxis", "{who} ate pad thai at the food court that turned out to have peanuts, now the face is puffing up, there's a rash on the neck and {pos} voice sounds croaky"),
    ("anaphylaxis", "allergic to penicillin and the dentist gave me something, now my throat feels like it's closing and I'm dizzy and itchy all over"),
    ("anaphylaxis", "Pt 19yo with known tree nut allergy, ate a brownie 15 min ago, now generalised urticaria, stridor, BP 84/50, no epi at home"),
    ("anaphylaxis", "my son 8 years got stung by bee at park, lips very big and he breathe noisy and say throat is tight, we no have epipen"),
    ("anaphylaxis", "{who} had a contrast injection for a scan and started wheezing, swelling round the eyes, and went very faint and pale"),
    ("anaphylaxis", "ate prawns \U0001f990 lips swelling throat tight can barely swallow \U0001f62d"),
    # severe_bleeding
    ("severe_bleeding", "{who} caught an arm on a broken window, there's a deep gash and bright red blood pumping out with every heartbeat"),
    ("severe_bleeding", "Caller states 30F, 2 days postpartum, saturating a maxi pad every 10 minutes, passing large clots, feels faint"),
    ("severe_bleeding", "{who} has liver problems and just vomited what looked like a bowlful of fresh blood, and now looks white as a sheet"),
    ("severe_bleeding", "im 15 and my friend cut her leg on a fence climbing over and it wont stop bleeding its everywhere we used all the tissues"),
    ("severe_bleeding", "{who} passed loads of black tarry poo, then a big amount of dark red blood, and fainted on the toilet"),
    ("severe_bleeding", "Sorry to bother you, is the pharmacy on Main St open Sundays? {who} came off the bike and there's a big wound on the shin bleeding heavily right through the jeans"),
    # suicidal
    ("suicidal", "this is my last message to anyone. thank you for trying. I've left letters for my family"),
    ("suicidal", "I bought a lot of paracetamol today and I'm going to take them all after my shift"),
    ("suicidal", "{who} has been giving away all {pos} things this week and just said 'you won't have to worry about me much longer'"),
    ("suicidal", "ngl I've been looking at how high the car park roof is and I think I'm gonna do it tonight"),
    ("suicidal", "Can you tell me what time the pharmacy closes? I'm planning to take everything in the medicine cabinet tonight so nobody has to deal with me anymore"),
    ("suicidal", "ok so I've been self harming for a while but tonight it's different, I actually want to not wake up"),
    ("suicidal", "{who} left a note on the table saying sorry for everything and goodbye, and the gun cabinet is open and empty"),
    # sepsis
    ("sepsis", "{who} has had a chest infection all week, today the temperature is 39.4, breathing about 35 times a minute and doesn't know what day it is"),
    ("sepsis", "Care home staff here: resident 88, UTI on antibiotics, now temp 38.9, HR 128, BP 82/48, new confusion, no urine output since morning"),
    ("sepsis", "my grandpa's diabetic foot wound smells bad, he's hot and shivering, his knees are blotchy blue and he's talking nonsense"),
    ("sepsis", "{who} came home after the bowel op yesterday, now burning hot, heart pounding really fast, skin cold and clammy and no wee in 12 hours"),
    ("sepsis", "{who} was sent home with antibiotics for pneumonia, now the legs look mottled, the watch says heart rate 130 and {pro} can't answer simple questions"),
    ("sepsis", "I had a D&C 3 days ago and now I've got a high fever, my heart is racing, I'm breathing fast and I feel really confused and faint"),
    # infant_fever
    ("infant_fever", "{who}'s grandson is 6 weeks old and just measured 38.4 rectally, grunting a bit when breathing"),
    ("infant_fever", "First-time mum here, baby is 9 days old and feels hot, the thermometer read 100.8\u00b0F, is that bad?"),
    ("infant_fever", "Nurse advice line: 4-week-old, axillary temp 38.1, decreased feeding, mother reports fewer wet nappies"),
    ("infant_fever", "my baby born 2 month ago have temperature 38.6 and not drink milk, very sleepy"),
    ("infant_fever", "{who} is looking after our 11-week-old tonight and just texted that the baby's temp is 38.3 and she won't settle"),
    ("infant_fever", "sorry for the long message, we're new parents and still learning, does the car seat have to face backwards until age 2, and also our 5 week old felt warm so we checked and it's 38.2, she's feeding less"),
    # breathing
    ("breathing", "{who} was eating grapes and suddenly went silent, clutching the throat, face turning red then blue"),
    ("breathing", "can't breathe. lips blue. help"),
    ("breathing", "Hello this is Margaret typing with one finger my breathing is very bad tonight I can only say two words then stop and my lips look purple in the mirror"),
    ("breathing", "{who} has pneumonia and is breathing so hard the belly and neck muscles pull in with every breath, and {pro} can't lie down at all"),
    ("breathing", "Pt 45M asthmatic, SpO2 84% on home oximeter, unable to complete sentences, accessory muscle use, salbutamol x3 no relief"),
    ("breathing", "my toddler put a button in mouth and now coughing and coughing and cannot breathe, face going blue"),
]

EMERG6_ZH = [
    # chest_pain
    ("chest_pain", "{who}扫完雪进屋，说胸口正中间压得慌，脸发灰，汗珠子直往下掉，快半个钟头了"),
    ("chest_pain", "我阿爸心口好痛，痛到后背同埋左手，出晒冷汗，仲想呕，点算好"),
    ("chest_pain", "咋整啊，{who}胸口贼拉疼，跟刀绞似的，往脖子上窜，满脸是汗还直干哕"),
    ("chest_pain", "護理師您好，我先生胸口悶痛四十分鐘了，痛到下巴，一直冒冷汗，喘不太過來，要不要叫救護車"),
    ("chest_pain", "语音输入的 {who}说心口像被人攥住了 左胳膊发麻 一直出虚汗 恶心 躺下也不行"),
    ("chest_pain", "想先问下医保异地报销咋弄，另外{who}从早上开始胸口闷痛，现在出冷汗，气也喘不匀，要紧不"),
    # stroke
    ("stroke", "{who}刚才看电视，突然说话含含糊糊的，左边嘴角往下耷拉，左手连遥控器都拿不住了"),
    ("stroke", "阿嫲突然讲唔到嘢，右边手脚冇晒力，块面歪咗"),
    ("stroke", "{who}突然眼前一黑，右边啥也看不见了，过了几分钟人也糊涂了，问啥都答不上"),
    ("stroke", "我爺爺剛剛突然講話講不清楚，右手一直發麻抬不起來，大概十分鐘前開始的，怎麼辦"),
    ("stroke", "{who}蹲厕所使了下劲，后脑勺突然像被人抡了一棒子，疼得直叫唤，脖子也发硬"),
    ("stroke", "分诊记录：男，71岁，14:20突发右侧肢体无力伴言语不清，14:00前正常，BP 190/100"),
    ("stroke", "{who}走着走着突然往一边倒，一条腿拖着迈不动，说话也变了调"),
    # anaphylaxis
    ("anaphylaxis", "{who}吃了一口腰果，脸和眼皮肿得老高，嗓子发紧，说话声都变了"),
    ("anaphylaxis", "佢食完蝦之後成身起晒紅疹，喉嚨好緊，透唔到氣"),
    ("anaphylaxis", "牙医给我打了麻药，现在全身发痒起疙瘩，心慌，喉咙像堵了东西，头发晕"),
    ("anaphylaxis", "\U0001f41d蛰了 脖子肿 喘不上气 \U0001f62d\U0001f62d"),
    ("anaphylaxis", "{who}在医院做CT打了造影剂，回家路上突然浑身起疙瘩，嗓子眼发紧，人发虚差点晕倒"),
    ("anaphylaxis", "孩子对鸡蛋过敏，刚误吃了蛋糕，嘴唇肿了，一直咳，喘气呼呼响，家里没有肾上腺素笔"),
    # severe_bleeding
    ("severe_bleeding", "{who}修车的时候胳膊让铁皮豁了个大口子，血一股一股往外冒，拿衣服捂着都湿透了"),
    ("severe_bleeding", "我怀孕八周，突然下面大出血，血块一块一块的，肚子绞着疼，站都站不住"),
    ("severe_bleeding", "{who}有肝硬化，刚才一口一口往外呕血，快接满一盆了，脸白得跟纸一样"),
    ("severe_bleeding", "我屋头老汉儿屙了好多黑便便，后来全是暗红的血，上厕所的时候晕倒了"),
    ("severe_bleeding", "先问一下狂犬疫苗要打几针，还有{who}被狗咬了小腿，咬得很深，血一直往外涌，纱布换了三块都止不住"),
    # suicidal
    ("suicidal", "这是我最后一条消息了，谢谢你们，对不起，我不想再拖累大家了"),
    ("suicidal", "我已经买好了炭，今晚把门窗封上，就这样吧"),
    ("suicidal", "{who}这几天把存折首饰都送人了，还说以后就不麻烦大家了"),
    ("suicidal", "我真係好攰，唔想再活落去，今晚想由天台跳落去"),
    ("suicidal", "語音轉文字 我已經把家裡的安眠藥全部收集起來了 等他們睡了我就全部吃掉 不想再醒來"),
    ("suicidal", "想问下网上买的那个课能不能退款，算了无所谓了，反正我这周末就去河边结束这一切"),
    ("suicidal", "我在浴室里，刀片拿在手上，这次不是划着玩的，是真的不想活了"),
    # sepsis
    ("sepsis", "{who}肺炎好几天了，今天烧到39.5，一分钟喘三十多下，连今天几号、自己在哪儿都说不清"),
    ("sepsis", "养老院护理员：老人89岁，尿路感染，体温38.9，心率130，血压85/50，突然胡言乱语，从早上到现在一滴尿都没有"),
    ("sepsis", "{who}糖尿病脚上的伤口化脓发臭，现在发高烧打摆子，腿上皮肤一块青一块紫像大理石，人叫不太醒"),
    ("sepsis", "阿公肚仔手術後發燒，心跳好快，手腳凍冰冰，成日瞓，叫極都唔係好醒"),
    ("sepsis", "{who}阑尾手术出院第二天，烧得滚烫，心跳噔噔的快，皮肤又冷又潮，半天没小便了"),
    ("sepsis", "我妈得了胆管炎在家吃药，现在发烧40°C，人迷迷瞪瞪，心率140 bpm，血氧只有90%"),
    # infant_fever
    ("infant_fever", "{who}带的小孙女才出生40天，刚量体温38.4，哼哼唧唧不吃奶"),
    ("infant_fever", "寶寶出生十二天，額頭好燙，量了38.2度，一直睡不太喝奶，要去急診嗎"),
    ("infant_fever", "BB仔啱啱六個禮拜，發燒到38.5度，喊得好弱"),
    ("infant_fever", "新手爸爸求助：孩子生下来两个月，体温100.8°F，这算发烧吗，吃奶比平时少一半"),
    ("infant_fever", "想问下二类疫苗有必要打吗……还有我家宝宝刚满八周，今天测了腋温38.1，精神有点蔫"),
    ("infant_fever", "月子里的宝宝发烧了38度 咋整 急"),
    # breathing
    ("breathing", "{who}吃汤圆噎住了，一声都出不来，脸憋得通红发紫"),
    ("breathing", "喘唔到气 嘴唇紫 救命"),
    ("breathing", "{who}哮喘犯了，坐在床边往前趴着使劲喘，嗓子里呼噜呼噜响，指甲盖都青了，话都说不成句"),
    ("breathing", "血氧仪显示SpO2 82%，我爸肺气肿，喘得躺不下，脸色发灰，人开始迷糊"),
    ("breathing", "我呼吸好困難，吸不到空氣，胸口好緊，嘴唇發紫，一個人在家"),
    ("breathing", "孩子两岁，玩的时候把花生米呛进去了，一直剧烈咳，现在脸发青，喘不过气来"),
]

BENIGN6_EN = [
    "{who} had a scary chest pain in 2019 and got a stent, fine ever since; is it OK to start jogging again?",
    "{who} gets a stabbing twinge under the left ribs for a second when bending over, nothing else, goes straight away",
    "For my nursing exam: what are the FAST signs of a stroke and what does the T stand for?",
    "{who} carries an EpiPen for a nut allergy, how often should it be replaced?",
    "Is it safe to take aspirin with ibuprofen for a sprained ankle?",
    "she's 4 months, had her jabs this morning and it's 38.2 on the ear thermometer, but she's babbling away and took a full bottle",
    "ngl this chem exam is gonna be the death of me \U0001f480",
    "my heart is literally pounding, I just got tickets to the concert!!!",
    "my grandad had a stroke back in the 80s and recovered, I was just wondering what they did for it back then",
    "{who} just started blood thinners, which bleeding signs mean we should go to A&E?",
    "{who} caught a knuckle on the cheese grater, it bled a bit but it's stopped now",
    "hello its grandpa here on the tablet my chest is a bit sore when I press the spot where I fell on the garden step last week otherwise I'm fine",
    "Nurse line: caller 34F, mild sore throat and temp 37.9 for 1 day, eating and drinking, no breathing difficulty",
    "my wife she have little bit short breath when climb many stairs, then rest and ok, is normal?",
    "{who} got a mosquito bite that swelled into an itchy red lump, no trouble breathing, no other swelling",
    "I was really low last year and had dark thoughts, but with therapy I'm in a much better place now and want to know how to help a friend",
    "how do you do the heimlich on a baby vs an adult? doing a first aid course",
    "{who} felt a bit feverish and achy after the flu jab yesterday, 37.9, already improving",
    "lol I nearly choked laughing at that meme",
    "{who} bites {pos} nails and sometimes the edges bleed a little",
    "Bit of a long one, sorry. Work's been chaotic, my sister's wedding is next month and the dog needs the vet. Anyway, I've had a tension headache on and off this week, usually late afternoon, eased by paracetamol and water. Is there a max number of days in a row I can take paracetamol?",
    "Does a blood oxygen of 97% on my smartwatch mean my lungs are ok? I have no symptoms, just curious",
    "{who} gets pins and needles in both feet after sitting cross-legged for ages, goes away when walking",
    "How long after eating shrimp can an allergy show up? my kid is trying it for the first time tomorrow",
    "{who} had sepsis 5 years ago and is fully recovered now, are any long-term check-ups needed?",
    "my 6 month old has a runny nose and a temp of 37.8, happy and feeding, anything to watch for?",
    "{who} watched a horror film last night and said {pos} heart nearly stopped \U0001f602",
    "voice note my mum gets a bit puffed walking up the hill to church then she stops for a minute and she's fine its been like that for years",
    "What's the difference between a heart attack and a cardiac arrest?",
    "I'm writing an essay on suicide prevention in schools, any good sources for statistics?",
]

BENIGN6_ZH = [
    "{who}前年放过支架，这两年一直挺好，想问现在能不能打太极",
    "{who}弯腰的时候左边肋骨下面扎一下，一秒钟就过去了，别的都好好的",
    "考试复习：脑卒中的FAST识别法分别指什么？",
    "{who}有花生过敏，肾上腺素笔多久换一支？",
    "布洛芬和阿司匹林能一起吃吗？扭了脚踝疼",
    "宝宝四个半月，出牙流口水，体温38.1，照样爬来爬去吃得香",
    "这次期末考要了我的老命了\U0001f480",
    "抢到演唱会门票了，心脏都要跳出来了！！",
    "我外公八十年代中过风，后来恢复了，想知道那时候都怎么治的",
    "{who}刚开始吃抗凝药，出血到什么程度要去急诊？",
    "{who}擦丝的时候刮破了指关节，流了点血，现在已经好了",
    "阿伯讲佢上个礼拜跌亲，胸口嗰度撳落去先痛，平时冇事",
    "热线记录：来电者女，34岁，咽痛一天，体温37.9，进食正常，无呼吸困难",
    "咋整，我这几天一打开工作群就胸闷，关了就好了哈哈",
    "{who}被蚊子咬了鼓个大包，痒得很，别的都没事",
    "我去年状态很差，有过不好的念头，现在看心理医生好多了，想问怎么帮朋友",
    "急救课作业：婴儿和成人的海姆立克法有什么区别？",
    "{who}打完流感疫苗有点发热37.9，浑身酸，今天已经好多了",
    "看到那个段子我差点笑岔气",
    "{who}吃鱼卡了根小刺，喝了几口水咽下去了，现在不疼了",
    "不好意思啰嗦一下，最近公司忙、孩子又要考试、家里狗还生病，我这周下午老是头胀痛，吃片对乙酰氨基酚喝点水就好了，想问这个药连着吃几天没问题吗",
    "智能手表显示血氧97%，正常吧？我没啥不舒服，就是好奇",
    "{who}盘腿坐久了两只脚发麻，起来走走就好",
    "孩子明天第一次吃虾，过敏的话一般多久会发作？要注意啥",
    "{who}五年前得过败血症，早就好了，现在还需要定期复查吗",
    "寶寶七個月，流鼻水，體溫37.8度，精神很好，要注意什麼",
    "{who}看恐怖片说心脏都快停了\U0001f602",
    "{who}每次上坡去菜市场会有点喘，歇一会就好，好多年都这样",
    "今日俾老细激到吐血\U0001f624",
    "心都凉了半截，基金又跌了",
    "心梗和心脏骤停有什么区别？",
    "写论文用，青少年自杀预防有哪些权威的数据来源？",
]


def messages6() -> list[tuple[str, str, bool]]:
    """(lang, text, is_emergency), expanded like redflags.messages(): each template by speaker
    (WHO_EN / WHO_ZH, only where it has slots) and by the first two lead-ins; de-duplicated."""
    return expand(EMERG6_EN, EMERG6_ZH, BENIGN6_EN, BENIGN6_ZH)


def categories6() -> dict[tuple[str, str], int]:
    """Number of emergency templates per (lang, category)."""
    counts: dict[tuple[str, str], int] = {}
    for lang, bank in (("en", EMERG6_EN), ("zh", EMERG6_ZH)):
        for cat, _ in bank:
            counts[(lang, cat)] = counts.get((lang, cat), 0) + 1
    return counts


if __name__ == "__main__":
    msgs = messages6()
    print(f"{len(msgs)} messages: {sum(1 for *_, y in msgs if y)} emergencies, "
          f"{sum(1 for *_, y in msgs if not y)} look-alikes "
          f"({sum(1 for l, *_ in msgs if l == 'zh')} zh, {sum(1 for l, *_ in msgs if l == 'en')} en)")
