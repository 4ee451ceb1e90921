"""Red-flag detection: emergency presentations in Chinese and English messages.

Rules, not a model, because a missed heart attack must be explainable and fixable by a
clinician reading a diff. Each category fires on a strong phrase alone, or on a combination of
findings (chest pain *with* sweating or radiation; fever *in* an infant under three months),
and a finding preceded by a negation in its own clause ("no chest pain", "否认胸痛") does not
count. Detection runs on normalised text (see ``normalize``), so zero-width characters and
full-width digits cannot hide a symptom.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .normalize import normalize_text

LABELS = {
    "chest_pain": ("胸痛伴出汗、放射痛或压榨感", "chest pain with sweating, spreading pain or pressure"),
    "stroke": ("中风（脑卒中）征象", "signs of a stroke"),
    "anaphylaxis": ("严重过敏反应", "a severe allergic reaction (anaphylaxis)"),
    "severe_bleeding": ("严重出血", "severe bleeding"),
    "suicidal": ("自杀或自伤念头", "thoughts of suicide or self-harm"),
    "sepsis": ("脓毒症征象", "signs of sepsis"),
    "infant_fever": ("3个月以下婴儿发热", "fever in a baby under 3 months"),
    "breathing": ("呼吸困难", "difficulty breathing"),
}

_F = re.IGNORECASE


def _rx(*alts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{a})" for a in alts), _F)


@dataclass(frozen=True)
class Rule:
    """A category fires when any ``strong`` pattern matches, or when every group in ``all`` (or in
    one of the ``combos``) has at least one non-negated match."""

    category: str
    strong: tuple[re.Pattern[str], ...] = ()
    all: tuple[re.Pattern[str], ...] = ()
    unless: re.Pattern[str] | None = None  # a look-alike context that cancels a match in its clause
    named: tuple[re.Pattern[str], ...] = ()  # disease names: count only when someone is being described
    combos: tuple[tuple[re.Pattern[str], ...], ...] = ()  # further combinations, each read like ``all``
    veto: Callable[[str], bool] | None = None  # a whole-message reading that rules the category out


# --------------------------------------------------------------------------- findings (zh + en)
CHEST = _rx(r"chest\s*(?:pain|pressure|tightness|discomfort|heaviness)", r"(?:behind|under|in)\s+(?:the|my|his|her|their)\s+(?:breastbone|sternum)",
            r"胸[^，。；！？,.;!?]{0,6}?(?:痛|疼|闷|压)", r"(?:pain|ache|pressure)\s+(?:\w+\s+){0,5}(?:my|the|his|her|their)\s+chest",
            r"(?:band|vice|weight)\s+(?:\w+\s+){0,3}(?:around|on|across)\s+(?:\w+\s+){0,2}chest", r"chest\s+(?:feels|is|felt|was)\s+(?:so\s+|very\s+)?(?:tight|heavy|crushed|like)", r"(?:pain|pressure|tightness|heaviness|squeezing)\s+in\s+(?:my|the|his|her|their)\s+chest",
            r"(?:crushing|squeezing|pressing)\s+(?:pain|feeling)", r"heart\s+attack",
            r"胸(?:口|部|前区|骨后)?(?:痛|疼|闷|压迫|憋|发紧|紧)", r"胸(?:口|部|前)[^，。；！？,.;!?]{0,6}?(?:痛|疼|闷|压)", r"心(?:口|前区)(?:痛|疼)", r"心绞痛")
CHEST_PLUS = _rx(r"sweat", r"diaphore", r"clammy", r"cold\s+sweat",
                 r"(?:radiat|spread|going|goes|travel|moving|shoot)\w*\s+(?:\w+\s+){0,3}(?:to|into|down|up)\s+(?:\w+\s+){0,2}(?:arm|jaw|neck|back|shoulder)",
                 r"(?:left|right)\s+arm\s+(?:pain|ache|numb|hurt)", r"jaw\s+(?:pain|ache)",
                 r"crushing", r"squeez", r"elephant", r"short(?:ness)?\s+of\s+breath", r"can'?t\s+(?:catch\s+my\s+)?breath",
                 r"nause", r"vomit", r"faint", r"pale", r"\bgr[ae]y\b", r"ashen",
                 r"(?:出|冒)(?:冷|虚|大)?汗", r"大汗", r"冷汗", r"汗(?:淋漓|湿)",
                 r"(?:放射|蔓延|牵扯|窜)(?:到|至|向)?", r"(?:左|右)?(?:手臂|胳膊|上臂|肩膀|肩背|后背|下颌|下巴|脖子)(?:也)?(?:痛|疼|麻|酸)",
                 r"压榨", r"濒死", r"喘不上气", r"气短", r"恶心", r"呕吐", r"晕厥", r"面色苍白")
FACE_ASYM = _rx(r"(?:face|mouth|smile|lip)\w*\s+(?:\w+\s+){0,3}(?:pulled\s+down|crooked|lopsided|droop\w*|sag\w*|twisted)",
                r"(?:face|mouth|smile)\w*\s+(?:\w+\s+){0,4}(?:on\s+)?one\s+side", r"(?:arm|leg|hand)\s+(?:\w+\s+){0,3}(?:gave\s+out|went\s+(?:weak|limp|dead|numb)|won'?t\s+move)",
                r"(?:脸|嘴|口角|嘴角)[^，。；！？]{0,4}(?:歪|斜|耷拉|下垂)", r"(?:手|胳膊|腿|脚)[^，。；！？]{0,4}(?:抬不起|没劲|无力|不听使唤|动不了)")
SPEECH = _rx(r"can'?t\s+(?:get\s+(?:\w+\s+)?words\s+out|speak|talk|find\s+(?:the\s+)?words)", r"slurr", r"gibberish", r"garbled",
             r"(?:words|speech)\s+(?:\w+\s+){0,2}(?:wrong|jumbled|strange|slurred)", r"one\s+side", r"sudden",
             r"(?:说话|讲话|言语|口齿|吐字)[^，。；！？]{0,3}(?:不清|含糊|不利索|困难|不出)", r"含含糊糊", r"突然", r"一侧|一边|半边")
STROKE_STRONG = _rx(r"(?:face|mouth|smile)\s+(?:is\s+|was\s+|has\s+|started\s+|seems\s+)?(?:droop|drooping|sagging|lopsided|uneven)",
                    r"droop\w*\s+(?:on\s+)?(?:one\s+side\s+of\s+)?(?:the\s+|my\s+|his\s+|her\s+)?(?:face|mouth)",
                    r"slurr\w*\s+(?:\w+\s+)?(?:speech|words|talking)", r"speech\s+(?:is\s+|was\s+|became\s+)?slurred",
                    r"(?:sudden|suddenly)\s+(?:\w+\s+){0,4}(?:weak|numb|paraly)\w*\s+(?:\w+\s+){0,4}(?:one\s+side|left\s+side|right\s+side|(?:left|right)\s+(?:arm|leg|hand))",
                    r"(?:weak|numb|paraly)\w*\s+(?:\w+\s+){0,3}(?:one|left|right)\s+side\s+of\s+(?:the|my|his|her)\s+body",
                    r"can'?t\s+(?:lift|raise|move)\s+(?:\w+\s+){0,2}(?:left|right)\s+(?:arm|leg)",
                    r"worst\s+headache", r"thunderclap\s+headache", r"(?:talking|speaking|speech\s+is)\s+(?:\w+\s+)?(?:gibberish|garbled|jumbled|nonsense)",
                    r"(?:half|one\s+side|left\s+side|right\s+side)\s+of\s+(?:\w+\s+)?(?:face|body|mouth)\s+(?:\w+\s+){0,3}(?:numb|weak|droop|sag|paraly|dead)",
                    r"(?:sudden|suddenly)\s+(?:\w+\s+){0,3}(?:lost|loss\s+of|can'?t\s+see|blind)",
                    r"(?:sudden|suddenly)\s+(?:\w+\s+){0,3}(?:can'?t|cannot|unable\s+to)\s+(?:speak|talk|find\s+(?:the\s+)?words)",
                    r"口(?:角|眼)(?:歪斜|歪|偏斜)", r"嘴(?:巴)?(?:歪|斜)", r"面(?:部)?(?:瘫|歪)", r"脸(?:歪|一边.{0,3}(?:耷拉|下垂))",
                    r"(?:说话|讲话|言语|口齿|吐字)(?:突然)?(?:不清|含糊|不利索|困难)", r"(?:突然|忽然)(?:说不出话|不会说话|失语)",
                    r"(?:一侧|半边|半身|左侧|右侧|左边|右边|单侧)(?:身体|肢体|手脚|胳膊|手臂|腿)?(?:突然)?(?:无力|麻木|不能动|动不了|瘫|没劲|没有力气)",
                    r"半身不遂", r"偏瘫", r"(?:突然|忽然)(?:一只眼|一侧眼|眼前)?(?:看不见|失明|视物不清|黑蒙)",
                    r"(?:一生中)?最(?:严重|剧烈)的头痛", r"(?:突发|突然)(?:剧烈|炸裂样)头痛", r"(?:中风|脑卒中)(?:了|的症状出现)")
ANAPH_NAMED = _rx(r"anaphyla", r"过敏性休克", r"严重过敏")
ANAPH_STRONG = _rx(r"(?:throat|airway)\s+(?:is\s+|feels\s+)?(?:closing|swelling|tight|swollen)",
                   r"(?:tongue|lips?)\s+(?:\w+\s+){0,2}(?:swell|swollen|swelling)\w*\s+(?:\w+\s+){0,6}(?:breath|wheez|throat|dizzy|faint)",
                   r"(?:hives|rash)\s+(?:\w+\s+){0,6}(?:can'?t\s+breathe|trouble\s+breathing|wheez|throat|faint|dizzy|lips?\s+swell)",
                   r"(?:used|gave|give|giving|jabbed|injected|administered|needed|had\s+to\s+use|using)\s+(?:[\w']+\s+){0,3}epi-?pen|epi-?pen\s+(?:[\w']+\s+){0,3}(?:didn'?t|hasn'?t|not|isn'?t)\s+(?:help|work)", r"喉(?:头|咙|部)?(?:水肿|发紧|肿|紧)", r"嗓子(?:发紧|肿|堵)",
                   r"(?:嘴唇|舌头|口唇|脸)(?:突然)?(?:肿|发肿|肿胀).{0,12}(?:喘|呼吸|憋|头晕|晕)",
                   r"(?:荨麻疹|风团|疹子).{0,15}(?:喘不|呼吸困难|憋气|头晕|晕倒|血压下降)")
ALLERGEN = _rx(r"allerg", r"peanut", r"\b(?:ate|eaten|eating|took|taken|taking|stung|sting|bitten|injection|shot|nuts?|cashews?|shrimp|seafood)\b", r"bee\s+sting", r"wasp", r"shellfish", r"penicillin", r"after\s+(?:eating|taking|the\s+injection)",
               r"过敏", r"花生", r"蜂蜇", r"青霉素", r"海鲜", r"打完针", r"吃了.{0,6}(?:后|以后)")
ANAPH_PLUS = _rx(r"(?:lip|tongue|face|throat)\w*\s+(?:\w+\s+){0,2}swell", r"swell\w*\s+(?:\w+\s+){0,2}(?:lip|tongue|face|throat)",
                 r"wheez", r"can'?t\s+breathe", r"(?:trouble|difficulty)\s+breathing", r"(?:blood\s+pressure|bp)\s+(?:dropp|low)",
                 r"(?:嘴唇|舌头|脸|喉咙|眼睑)(?:都)?(?:肿|发肿)", r"喘不上气", r"呼吸困难", r"憋气", r"血压(?:下降|很低)")
BLEED_STRONG = _rx(r"(?:bleeding|blood)\s+(?:\w+\s+){0,3}(?:won'?t|will\s+not|doesn'?t|does\s+not|can'?t|cannot)\s+(?:stop|be\s+stopped)",
                   r"(?:spurting|pouring|gushing|squirting)\s+(?:out\s+)?(?:blood)?", r"blood\s+(?:is\s+)?(?:spurting|pouring|gushing)",
                   r"soak\w*\s+(?:\w+\s+){0,3}(?:pad|towel|bandage|through)", r"(?:heavy|massive|severe|lots\s+of|a\s+lot\s+of)\s+(?:bleeding|blood)",
                   r"(?:vomit|throw)\w*\s+(?:\w+\s+){0,2}blood", r"cough\w*\s+up\s+(?:a\s+lot\s+of\s+|lots\s+of\s+)?blood",
                   r"bleeding\s+heavily", r"black\s+tarry\s+stool",
                   r"大出血", r"血流不止", r"(?:出血|流血)(?:一直|还)?(?:止不住|不止|停不下来|按不住)", r"(?:止不住|按不住)(?:地)?(?:出血|流血)",
                   r"(?:呕|吐)(?:了)?(?:很多|大量|一大口|好多)?血", r"(?:喷|涌)(?:出)?血", r"血(?:往外)?(?:喷|涌)", r"咯血", r"大量(?:便血|阴道出血|出血)",
                   r"(?:浸透|湿透)(?:了)?(?:好几片|卫生巾|纱布|毛巾)", r"柏油(?:样)?便")
SUICIDAL_STRONG = _rx(r"\b(?:kill|killing|hurt|hurting|harm|harming)\s+myself", r"\bend(?:ing)?\s+(?:my|it\s+all|my\s+own)\s*(?:life)?\b(?!\s+(?:of|with))",
                      r"\bsuicid\w*\s+(?:thought|idea|plan|feeling)", r"\b(?:want|wanna|going|plan\w*|thinking\s+(?:about|of))\s+(?:to\s+)?(?:commit\s+)?suicide",
                      r"\bi\s+(?:want|wish)\s+(?:I\s+(?:was|were)\s+)?(?:to\s+)?(?:die|dead)\b", r"better\s+off\s+dead", r"no\s+(?:reason|point)\s+(?:to|in)\s+(?:live|living|go(?:ing)?\s+on)",
                      r"don'?t\s+want\s+to\s+(?:live|be\s+alive|wake\s+up)", r"overdose\s+on\s+purpose", r"take\s+all\s+(?:my|the|of\s+my)\s+pills",
                      r"(?:cut|cutting)\s+my\s+wrists?", r"\bwrite\s+a\s+suicide\s+note",
                      r"(?:我|自己).{0,6}(?:想|要|准备|打算|计划)(?:去)?(?:自杀|轻生|寻死|了结|结束(?:自己的)?(?:生命|一切))", r"想死(?!你)", r"(?:想|要|准备|打算|计划)(?:去)?(?:自杀|轻生)", r"不想活",
                      r"活(?:着)?(?:没|没有)(?:意思|意义|希望)", r"活不下去", r"(?:割腕|跳楼|上吊|吞药|服毒)(?:自杀)?", r"自杀(?:的)?(?:念头|想法|计划)",
                      r"(?:伤害|结束)自己", r"遗书")
# Someone is being described (not a disease asked about in general): "how is sepsis treated?" is not an emergency.
PERSONAL = _rx(r"\b(?:i|i'm|i've|my|me|he|she|his|her|him|they|their|we|our|us|baby|son|daughter|mom|mum|dad|wife|husband|patient|child|kid)\b",
               r"我|他|她|孩子|宝宝|老人|患者|病人|家人|爸|妈|儿子|女儿|老公|老婆|爱人|奶奶|爷爷")
SEPSIS_STRONG = _rx(r"\bsepsis\b", r"\bseptic\b", r"脓毒(?:症|血症)", r"败血症", r"感染性休克")
FEVER = _rx(r"fever", r"febrile", r"temperature\s+(?:of\s+)?(?:3[89]|4[0-2])", r"\b(?:3[89]|4[0-2])(?:\.\d)?\s*°?\s*c\b",
            r"\b(?:10[0-7])(?:\.\d)?\s*°?\s*f\b", r"(?:thermometer|temp)\w*\s+(?:\w+\s+){0,2}(?:3[89]|4[0-2])(?:\.\d)?\b", r"burning\s+up", r"high\s+temp", r"chills", r"rigou?rs",
            r"发(?:烧|热)", r"高(?:烧|热)", r"体温(?:高|升高|达|到|有)?\s*(?:3[89]|4[0-2])", r"(?:3[89]|4[0-2])(?:\.\d)?\s*(?:度|℃|°)", r"寒战", r"打摆子")
SEPSIS_PLUS = _rx(r"confus", r"disorient", r"not\s+making\s+sense", r"hard\s+to\s+wake", r"drowsy", r"lethargic", r"unresponsive",
                  r"(?:heart|pulse)\s+(?:\w+\s+){0,2}(?:racing|very\s+fast|pounding)", r"(?:racing|rapid)\s+(?:heart|pulse)", r"breathing\s+(?:very\s+)?fast", r"rapid\s+breathing",
                  r"(?:low|dropping)\s+blood\s+pressure", r"blood\s+pressure\s+(?:is\s+)?(?:low|dropping|\d{2}/)", r"mottled", r"blotchy", r"cold\s+and\s+clammy",
                  r"not\s+(?:peed|urinated|passed\s+urine)", r"\bblue\b", r"shivering\s+uncontrollably",
                  r"意识(?:模糊|不清)", r"神志不清", r"糊涂", r"叫不醒", r"嗜睡", r"(?:心跳|心率|脉搏)(?:很|特别|非常)?(?:快|加速)", r"呼吸(?:很|特别|非常)?(?:急促|快)",
                  r"血压(?:很|偏)?(?:低|下降|掉)", r"(?:皮肤)?花斑", r"四肢湿冷", r"(?:没有|没|无)(?:小便|尿)", r"尿(?:很)?少")
INFANT = _rx(r"\bnewborn\b", r"\bneonat", r"\b(?:[1-9]|[1-8]\d|90)[\s-]*days?[\s-]*old\b",
             r"\b(?:[1-9]|1[0-2]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[\s-]*weeks?[\s-]*old\b",
             r"\b(?:[12]|one|two)[\s-]*months?[\s-]*old\b", r"\b(?:[12]|one|two)[\s-]*(?:mo|m)[\s-]*old\b",
             r"\b(?:born|delivered)\s+(?:\w+\s+){0,2}(?:days?|(?:[1-9]|1[0-2]|one|two|three|four|five|six)\s+weeks?)\s+ago",
             r"新生儿", r"出生(?:才|刚)?(?:[1-9]|[1-8]\d|90|[一二三四五六七八九十]+)(?:天|日|周)", r"(?:[1-9]|[1-8]\d|90)(?:天|日)(?:大|的宝宝|的婴儿|的孩子|龄)",
             r"(?:[1-9]|1[0-2]|[一二三四五六七八九十]|十[一二])(?:周|星期)(?:大|的宝宝|的婴儿|龄)", r"(?<![\d一二三四五六七八九十])(?:1|2|一|两|二)个(?:多)?月(?:大|的宝宝|的婴儿|的孩子)", r"满月", r"未满(?:3|三)个月")
BREATH_STRONG = _rx(r"can'?t\s+(?:breathe|catch\s+(?:my|his|her|their|your)\s+breath|get\s+(?:enough\s+|any\s+)?air)", r"cannot\s+breathe", r"unable\s+to\s+breathe",
                    r"(?:struggling|fighting|gasping)\s+(?:to\s+breathe|for\s+(?:air|breath))", r"(?:severe|sudden|extreme)\s+(?:shortness\s+of\s+breath|breathlessness)",
                    r"short(?:ness)?\s+of\s+breath\s+(?:\w+\s+){0,2}(?:at\s+rest|lying\s+down|while\s+resting|sitting\s+still)",
                    r"(?:lips|face|fingers|skin)\s+(?:are\s+|is\s+|turning\s+|turned\s+|went\s+|going\s+|look\w*\s+|seem\w*\s+)?(?:blue|grey|gray|purple)",
                    r"(?:too\s+)?breathless\s+to\s+(?:speak|talk|finish)", r"can'?t\s+(?:speak|talk|finish)\s+(?:in\s+)?(?:full\s+)?sentences",
                    r"chok(?:ing|ed)\s+(?:on|and\s+can'?t)", r"difficulty\s+breathing", r"trouble\s+breathing", r"(?:stopped|stops)\s+breathing",
                    r"喘不(?:上|过)(?:来)?气", r"(?:上|透)不(?:过|上)气", r"呼吸(?:非常|很|特别)?困难", r"憋(?:得|气|闷)(?:.{0,4}(?:说不出话|喘不|厉害|难受))?",
                    r"(?:嘴唇|口唇|脸|指甲|手指)(?:都)?(?:发紫|发青|青紫|发绀)", r"呼吸(?:停止|骤停|暂停)", r"窒息", r"噎住", r"喘(?:得)?(?:说不出话|不能平躺|厉害)")

# --------------------------------------------------------------------------- more ways to say each finding
# Colloquial and indirect phrasings, written as general findings (not as sentences): other wording
# for the same sign, a time span that makes a finding serious, and combinations of two weaker
# findings that together are an emergency.


def _more(p: re.Pattern[str], *alts: str) -> re.Pattern[str]:
    return re.compile("|".join([p.pattern, *(f"(?:{a})" for a in alts)]), _F)


_NUM_EN = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|forty|half\s+an?)"
_ZH_NUM = r"(?:\d{1,3}|[一二两三四五六七八九十几半]{1,3})"
_WHO_EN = r"(?:my|the|his|her|their|your|our)"
_CL = r"[^，。；！？,.;!?\n]"  # any character inside one clause

CHEST = _more(CHEST, rf"(?:standing|sitting|sat|pressing|pushing|parked|lying|kneeling)\s+on\s+{_WHO_EN}\s+chest", rf"clutch\w*\s+(?:at\s+)?{_WHO_EN}\s+chest",
              r"chest\s+(?:feels|is|felt|was|gets?|got)\s+(?:[\w']+\s+){0,2}(?:tight|heavy|crushed|squeezed|like)",
              r"(?:tight|heavy|crushing)\s+(?:[\w']+\s+){0,2}(?:in|across|on)\s+(?:the|my|his|her|their)\s+chest",
              r"(?:tight|heavy|crushing|squeezing)\s+chest", r"chest\s+(?:really\s+|so\s+)?(?:hurts|hurting|aches|aching)",
              rf"心(?:口|窝){_CL}{{0,8}}?(?:痛|疼|闷|压|揪|堵)", rf"胸(?:口|前|部)?{_CL}{{0,6}}?(?:揪|勒|绞|箍)")
CHEST_PLUS = _more(CHEST_PLUS,
                   r"(?:to|into|through\s+to|through|down|up)\s+(?:the\s+|my\s+|his\s+|her\s+|their\s+)?(?:left\s+|right\s+)?(?:arm|jaw|neck|back|shoulder)",
                   r"between\s+(?:the|my|his|her|their)\s+shoulder\s*blades", r"(?:left|right)\s+arm\s+(?:[\w']+\s+){0,2}(?:heavy|weird|tingl|weak|numb|dead)",
                   r"thr(?:ew|ow\w*)\s+up", r"\bpuk", r"(?:won'?t|doesn'?t|didn'?t|not)\s+(?:[\w']+\s+){0,2}(?:ease|settle|go\s+away|get\s+better|let\s+up)\s+(?:[\w']+\s+){0,2}(?:rest|resting|sitting)",
                   rf"(?:for|on|over|past|last\w*)\s+(?:(?:about|almost|nearly|over)\s+)?(?:[2-9]\d\s*min|{_NUM_EN}\s+(?:hour|hr))", r"worst\s+(?:[\w']+\s+){0,2}(?:ever|of\s+\w+\s+life)",
                   r"喘不(?:动|上|过)", r"(?:满身|满头|一身|浑身|全身|一头)(?:都)?(?:是)?(?:大|冷|虚)?汗", r"(?:后背|衣服|全身|浑身|背上)(?:都)?(?:湿透|湿了|是汗)", r"(?:疼|痛)(?:到|得?连着|得?带着)(?:了)?(?:后背|下巴|脖子|肩|左|右|胳膊)",
                   r"(?:左|右)(?:手|臂|胳膊|肩)(?:也|都)?(?:发麻|麻|没劲|酸|沉)", r"(?:歇|休息|躺)(?:了)?[^。；！？]{0,8}(?:没|不)(?:有)?(?:缓|好|见好|减轻|缓解)",
                   r"(?:脸|脸色|面色|嘴唇)(?:都)?(?:煞白|惨白|发白|苍白|发灰)", r"(?:半|一|两|二|\d+)(?:个)?(?:小时|钟头)(?:了)?(?:都|也|还)?(?:没|不)")

# Stroke: one side suddenly gone, speech that stops making sense, a sudden worst-ever headache.
STROKE_STRONG = _more(STROKE_STRONG,
                      r"(?:一侧|半边|半身|左侧|右侧|左边|右边|单侧)(?:的)?(?:身体|身子|肢体|手脚|胳膊|手臂|腿|脸|手|脚)(?:突然|都|也)?(?:无力|麻木|发麻|麻了|不能动|动不了|瘫|没劲|没有力气|没(?:有)?知觉|没(?:有)?感觉|不听使唤)",
                      r"never\s+(?:[\w']+\s+){0,2}(?:had|felt)\s+(?:a\s+|any\s+)?(?:headache|head\s+pain|pain\s+in\s+(?:my|the|his|her|their)\s+head)\s+like",
                      r"(?:(?:one|left|right)\s+side|half)\s+of\s+(?:[\w']+\s+)?(?:body|face)\s+(?:[\w']+\s+){0,2}(?:no\s+feeling|can'?t\s+feel|went\s+dead)")
APHASIA = _rx(r"(?:saying|using|mixing\s+up|getting)\s+(?:all\s+)?(?:the\s+)?wrong\s+words", r"(?:words|talking)\s+(?:[\w']+\s+){0,2}(?:make|makes|making)\s+no\s+sense",
              r"(?:speech|talking|voice|words)\s+(?:[\w']+\s+){0,2}(?:went|gone|is|are|sounds?|came\s+out)\s+(?:all\s+)?(?:funny|weird|strange|odd|wrong|muddled)", r"words\s+(?:[\w']+\s+){0,2}(?:mixed\s+up|jumbled|scrambled|don'?t\s+make\s+sense|coming\s+out\s+wrong)",
              r"can'?t\s+understand\s+(?:what\s+(?:I|we|anyone|people|you)|anything|a\s+(?:single\s+)?word|us|me)\b", r"not\s+making\s+(?:any\s+)?sense", r"talking\s+nonsense",
              r"can'?t\s+(?:find|get)\s+(?:the\s+|\w+\s+)?words", r"can'?t\s+(?:hold|grip)\s+(?:[\w']+\s+){0,3}(?:in\s+)?(?:that|one|the\s+(?:left|right))\s+hand",
              r"(?:说话|讲话)?颠三倒四", r"胡言乱语", r"答非所问", r"(?:说话|讲话)?(?:大舌头|舌头不听使唤)", r"(?:说话|讲话)含含糊糊", r"词不达意",
              r"听不懂(?:别人|我们|我|大家|人家|家里人)?(?:说|讲)(?:的)?(?:话|什么|啥)?", r"说啥都听不懂|说什么都听不懂", r"(?:突然|一下子)(?:说不出话|不会说话|叫不出)",
              r"(?:拿|握|端)不住")
ONSET = _rx(r"\bsudden", r"out\s+of\s+nowhere", r"all\s+of\s+a\s+sudden", rf"(?:started|began|came\s+on|happened)\s+(?:[\w']+\s+){{0,3}}{_NUM_EN}?\s*(?:min\w*|hours?|hrs?)\s+ago",
            rf"{_NUM_EN}\s*(?:min\w*|hours?|hrs?)\s+ago", r"\bjust\s+now\b", r"(?:was|were)\s+(?:[\w']+\s+)?fine\s+(?:at|this|an\s+hour|until)",
            r"突然", r"忽然", r"一下子", r"刚才", r"刚刚", r"(?:分钟|小时|钟头)(?:以|之)?前(?:开始|突然|发生|出现)?", r"还好好的")
HEAD_BURST = _rx(r"(?:头|脑袋)(?:像|好像|跟)?[^，。；！？]{0,6}(?:炸开|炸裂|要炸|裂开|爆炸)", r"head\s+(?:[\w']+\s+){0,6}(?:explod|burst|split\s+open)", r"like\s+(?:[\w']+\s+){0,2}(?:bat|hammer|brick)\s+(?:to|on|hit)\s+(?:the\s+)?(?:back\s+of\s+)?(?:[\w']+\s+)?head")
HEAD_ACUTE = _rx(r"\bsudden", r"out\s+of\s+nowhere", r"all\s+of\s+a\s+sudden", r"突然", r"忽然", r"一下子")
HEAD_WORD = _rx(r"\bhead(?:ache)?\b", r"头(?:痛|疼|像|要|快|好|都)|脑袋")
WORST_EVER = _rx(r"worst\s+(?:[\w']+\s+){0,2}(?:ever|of\s+\w+\s+life|in\s+\w+\s+life)", r"never\s+(?:[\w']+\s+){0,2}(?:had|felt)\s+(?:[\w']+\s+){0,2}(?:pain|headache)\s+like",
                 r"(?:这辈子|一辈子|从来|长这么大)(?:都|也|还)?(?:没|未)(?:有)?(?:这么|这样|那么)(?:疼|痛)过")

# Anaphylaxis: throat or airway narrowing after a trigger; hives everywhere with fainting.
ANAPH_STRONG = _more(ANAPH_STRONG,
                     r"(?:throat|airway)\s+(?:is\s+|feels\s+|feel\s+|getting\s+|going\s+|has\s+gone\s+)?(?:so\s+|really\s+|very\s+|all\s+)?(?:closing|swelling|tight|swollen|thick|narrow|blocked)",
                     r"(?:喉|嗓子)(?:头|咙|部|眼)?(?:里)?(?:眼)?(?:突然|一下子|都|也)?(?:发紧|紧|水肿|被(?:人)?掐|像被(?:人)?掐|堵得|封住|收紧)",
                     r"(?:hives|welts|wheals|rash)\s+(?:[\w']+\s+){0,6}(?:passed\s+out|pass\s+out|collaps|lightheaded|light-headed)")
ALLERGEN = _more(ALLERGEN, r"\bbite\s+of\b", r"mouthful", r"antibiotic", r"\bdrip\b", r"infusion", r"\biv\b", r"\bjab\b", r"vaccin", r"hornet", r"\bnut", r"sesame", r"mango",
                 r"after\s+(?:a|an|the|some|one|that)\s+(?:[\w']+\s+)?(?:cookie|biscuit|cake|bar|sandwich|meal|dish|pill|tablet|dose|shot|sting|bite|curry|snack)",
                 r"吃(?:了|完)", r"刚吃", r"喝了", r"打了", r"输(?:了)?液", r"打针", r"[蜇蛰叮]", r"头孢", r"阿莫西林", r"抗生素", r"芒果", r"坚果", r"疫苗")
ANAPH_PLUS = _more(ANAPH_PLUS, r"(?:lips?|tongue|face)\s+(?:are|is|look\w*|went|got|getting|blew)\s+(?:[\w']+\s+)?(?:huge|puffy|swollen|puffed|ballooning|massive)",
                   r"(?:voice|speech)\s+(?:[\w']+\s+){0,2}(?:hoarse|croaky|changed|muffled)", r"hoarse", r"can'?t\s+swallow", r"(?:trouble|difficulty)\s+swallowing", r"whistl",
                   r"(?:嘴唇|舌头|口唇|脸|喉咙|眼睑)(?:都|就|也|一下子|突然)?(?:肿|发肿)", r"声音(?:都|也)?(?:哑|嘶哑|变了)", r"哨音|哮鸣|呼哧", r"咽不下", r"嘴唇发紫")
SKIN_WIDE = _rx(r"(?:hives|welts|wheals|rash|blotches|bumps)\s+(?:[\w']+\s+){0,2}(?:all\s+over|everywhere|spreading)", r"(?:came|broke|come|break)\s+out\s+in\s+(?:[\w']+\s+)?(?:hives|welts|rash|bumps)",
                r"covered\s+in\s+(?:hives|welts)", r"(?:全身|浑身|满身|身上)(?:都)?(?:起|出|长)(?:了)?(?:大包|风团|疹子|荨麻疹|红疙瘩|红疹|包)", r"起(?:了)?(?:大包|风团|荨麻疹)")
SYSTEMIC = _rx(r"passed\s+out|pass(?:ing)?\s+out|faint|lightheaded|light-headed|dizzy|collaps", r"wheez|whistl|can'?t\s+breathe|(?:hard|difficult)\s+to\s+breathe|hoarse|can'?t\s+swallow",
               r"晕|要倒|昏|喘|呼吸|憋|哑|咽不下|血压")

# Bleeding: will not stop after pressure or a time span, vomited blood or coffee grounds, soaked
# cloths, fist-sized clots, a severed part, or a blood thinner with a head injury.
BLEED_STRONG = _more(BLEED_STRONG,
                     r"(?:bleed\w*|blood(?!\s+(?:pressure|sugar))|cut|wound|gash)\s+(?:[\w']+\s+){0,4}(?:won'?t|will\s+not|doesn'?t|does\s+not|can'?t|cannot|hasn'?t|has\s+not|isn'?t|is\s+not)\s+(?:stop|be\s+stopped|stopped|slow|stopping|slowing)(?!\s+(?:itch|hurt|throb|sting|ach))",
                     r"won'?t\s+stop\s+(?:bleeding|gushing)", rf"still\s+(?:bleeding|gushing|oozing|pouring)\s+(?:[\w']+\s+){{0,3}}(?:after|for)\s+(?:(?:about|over|nearly)\s+)?{_NUM_EN}\s*(?:min|hour|hr)",
                     r"(?:press\w*|pressure|pinch\w*|held|holding)\s+(?:[\w']+\s+){0,6}(?:still\s+(?:bleeding|pouring|gushing|oozing)|(?:bleed\w*|blood)\s+(?:[\w']+\s+){0,2}(?:won'?t|doesn'?t|didn'?t)\s+stop)",
                     r"(?:bleed\w*|blood(?!\s+(?:pressure|sugar)))\s+(?:[\w']+\s+){0,3}(?:for|going\s+(?:on\s+)?(?:for\s+)?|lasting\s+)\s*(?:over\s+|about\s+|nearly\s+|almost\s+|more\s+than\s+)?(?:(?:[2-9]\d|\d{3})\s*min\w*|(?:an?|one|two|three|\d)\s+hours?|half\s+an\s+hour)",
                     r"still\s+(?:pouring|gushing|spurting)", r"(?:出血|流血|鼻血)[^，。；！？]{0,4}(?:半|一|两|\d+)(?:个)?(?:小时|钟头)|(?:出血|流血|鼻血)[^，。；！？]{0,4}(?:[2-9]\d|二十|三十|四十|五十)(?:多)?分钟",
                     r"(?:浸透|湿透)(?:了)?[一二两三四五六七八九十几好\d]+(?:片|块|条|张)", r"(?:湿透|浸透)(?:了)?[^，。；！？]{0,4}(?:卫生巾|纱布|毛巾|护垫)",
                     r"coffee[\s-]*grounds?", r"(?:vomit\w*|throw\w*\s+up|threw\s+up|puk\w*)\s+(?:[\w']+\s+){0,4}(?:bright\s+red|dark\s+red|clots)",
                     r"(?:bleeding|blood)\s+(?:is|has\s+been|'s)\s+(?:so\s+|really\s+|very\s+|extremely\s+|super\s+)heavy", r"(?:bleeding|blood)\s+(?:[\w']+\s+){0,4}running\s+down\s+(?:[\w']+\s+)?legs?",
                     r"clots?\s+(?:the\s+size\s+of|as\s+big\s+as|bigger\s+than)", r"(?:fist|golf[\s-]*ball|egg|lemon|palm)[\s-]*siz\w*\s+clots?",
                     r"(?:cut|chopped|sliced|sawed)\s+(?:[\w']+\s+){0,4}(?:finger|thumb|toe|hand)\w*\s+(?:clean\s+)?off", r"sever\w*\s+(?:[\w']+\s+)?(?:finger|thumb|toe|hand|artery)",
                     rf"血(?!压|糖|脂|管|常规){_CL}{{0,10}}?(?:止不住|停不下来|按不住|没止住|止不了|不止(?!一))", r"(?:按|压|捏|摁)(?:了|着|住)?[^。；！？]{0,10}(?:还是|还|也|都|仍然?|依然)(?:止不住|在流|按不住|没止住|流个不停|往外冒)",
                     r"血(?:哗哗|呼呼|汩汩|一直|不停|止不住)(?:地|的)?(?:流|往外冒|冒|淌)", r"(?:吐|呕)(?:出|了)?[^，。]{0,6}(?:咖啡渣|咖啡色|鲜红|暗红)", r"(?:咖啡渣|咖啡色)[^。]{0,6}(?:吐|呕)|(?:吐|呕)[^。]{0,6}(?:咖啡渣|咖啡色)",
                     r"(?:出血|流血)(?:跟|像|如|和)(?:流水|自来水|水)(?:一样)?", r"(?:拳头|鸡蛋|乒乓球|手掌)(?:那么|一样|似的)?大(?:的|小的)?血块", r"大(?:量|块)(?:的)?血块",
                     r"(?:切|剁|砍|锯|轧|夹)(?:掉|断)(?:了)?(?:一截|一节|半截|手指|指头|脚趾)")
BLOOD_ANY = _rx(r"\bblood(?!\s+(?:pressure|sugar|test|thinner|work))", r"bleed", r"血(?!压|糖|脂|管|常规|检)")
SOAKED = _rx(r"soak\w*", r"drench\w*\s+(?:[\w']+\s+){0,2}(?:towel|bandage|cloth)", r"(?:毛巾|纱布|衣服|卫生巾|床单|裤子)(?:都|全|也)?(?:湿透|浸透|染红|红透)")
ANTICOAG = _rx(r"warfarin|coumadin|blood[\s-]*thinner|apixaban|eliquis|rivaroxaban|xarelto|dabigatran|pradaxa|heparin|clopidogrel|plavix",
               r"华法林|抗凝|利伐沙班|阿哌沙班|达比加群|肝素|氯吡格雷|波立维")
INJURY = _rx(r"(?:hit|bang\w*|bump\w*|knock\w*|struck)\s+(?:[\w']+\s+){0,2}head", r"head\s+(?:injury|wound|cut|gash)", r"(?:fell|fallen|slipped|tripped)\s+(?:[\w']+\s+){0,4}(?:head|bleed|blood)",
               r"(?:bleed\w*|blood)\s+(?:[\w']+\s+){0,3}(?:won'?t|doesn'?t|keeps?|still|a\s+lot)",
               r"(?:摔|撞|磕|碰)[^。；！？]{0,6}(?:头|脑袋)", r"头(?:破|磕|撞)", r"(?:出血|流血|血)(?:很多|不少|一直|不停|止不住)")
BLEED_RESOLVED = _rx(r"(?:fine|ok|okay|better)\s+now|now\s+(?:he|she|they|i|it|we|all)(?:'?s|'?re|'?m|\s+is|\s+are|\s+am)?\s+(?:fine|ok|okay|good|better|well)", r"现在(?:没事|好了)", r"(?<!n't\s)(?<!not\s)(?<!never\s)\bstopped\b", r"(?<![没未不])止住了", r"(?:已经|早就|早)(?:就)?(?:不流|止血|止住)", r"不流(?:血)?了")

# Suicide: a decision or farewell together with means, a place, or going silent.
SUICIDAL_STRONG = _more(SUICIDAL_STRONG, r"不想(?:再)?活", r"一了百了(?!地)", r"准备(?:去)?死", r"寻短见", r"(?:自残|自伤|划(?:自己|手腕)|割(?:自己|手腕))",
                        r"划得(?:更|越来越)深", r"攒(?:了|够|下)?[^，。；！？]{0,4}(?:安眠)?药|药(?:都|已经)?攒(?:够|好|了)",
                        r"(?:saving|saved|hoarding|hoarded)\s+up\s+(?:[\w']+\s+){0,2}(?:pills|tablets|meds)|stockpil\w*\s+(?:[\w']+\s+){0,2}(?:pills|tablets|meds)", r"(?:cutting|cut|burning|burn)\s+myself", r"cutting\s+(?:[\w']+\s+)?deeper", r"\bdon'?t\s+want\s+to\s+(?:be\s+here|exist|be\s+alive|go\s+on)\s+any\s*more", r"\bdon'?t\s+want\s+to\s+exist",
                        r"(?:won'?t|will\s+not)\s+(?:be\s+)?(?:around|here|alive)\s+(?:much\s+longer|anymore|by\s+(?:morning|tomorrow))", r"\bsuicide\s+note", r"(?:going\s+to|gonna|want\s+to|wanna|about\s+to|planning\s+to|ready\s+to|I'?ll|I\s+will)\s+jump\s+(?:off|from)\s+(?:the|a|this)\s+(?:\w+\s+)?(?:bridge|roof|building|balcony|cliff|ledge)",
                        r"(?:想|要|准备|打算)[^，。]{0,6}(?:跳河|跳江|跳桥|跳楼|卧轨|从(?:桥|楼|天台|楼顶|阳台)上?跳)", r"\bend\s+(?:it|things)\s+(?:tonight|today|now|soon)\b(?!\s+with)")
SUI_DECIDED = _rx(r"(?:want|wish)\s+(?:I\s+could\s+|to\s+)?(?:just\s+)?(?:disappear|vanish|sleep)\s+(?:forever|for\s+good)|(?:want|wish)\s+(?:I\s+could\s+|to\s+)?(?:just\s+)?not\s+wake\s+up",
                  r"想(?:永远)?消失|永远睡过去|一睡不醒", r"(?:going|gonna|about|want|ready|planning)\s+to\s+jump\b", r"(?:don'?t|can'?t)\s+see\s+(?:the|any)\s+point\b",
                  r"(?:想|要|准备|打算)[^，。]{0,4}跳(?:下去|下来)", r"can'?t\s+(?:do\s+this|go\s+on|take\s+(?:it|this)|cope)\s+any\s*more", r"can'?t\s+go\s+on", r"no\s+way\s+out", r"tonight'?s\s+the\s+night", r"made\s+up\s+my\s+mind",
                  r"decided\s+(?:tonight|today|it'?s\s+time|to\s+end|that\s+(?:it'?s|this\s+is))", r"(?:ready|want)\s+(?:for\s+)?(?:it\s+)?to\s+(?:all\s+)?(?:be\s+over|end)", r"nothing\s+(?:left\s+)?to\s+live\s+for",
                  r"撑不下去", r"熬不下去", r"受不了了", r"不想(?:再)?(?:撑|熬|坚持)", r"决定(?:了)?(?:今晚|今天|就今天|明天|走|结束|离开)", r"解脱", r"活着(?:太累|好累|没劲)", r"没有?(?:活路|出路)")
SUI_GOODBYE = _rx(r"\bgoodbye\b|\bfarewell\b|\bsaid\s+bye\b|\bbye\s+forever\b", r"再见了|再见")
SUI_FAREWELL = _rx(r"love\s+you\s+all|(?:this\s+is\s+)?(?:my\s+)?last\s+(?:message|text|post)|(?:won'?t|will\s+not)\s+(?:need|see)\s+(?:\w+\s+)?(?:again|anymore|tomorrow)", r"(?:won'?t|will\s+not)\s+be\s+(?:around|here)", r"(?:want|wish|going)\s+(?:[\w']+\s+){0,3}(?:to\s+be\s+)?the\s+last\s+time", r"for\s+the\s+(?:very\s+)?last\s+time",
                   r"(?:giv\w*|gave)\s+(?:[\w']+\s+){0,2}(?:things|stuff|belongings|possessions)\s+away|(?:giv\w*|gave)\s+away\s+(?:[\w']+\s+){0,2}(?:things|stuff|belongings|possessions)",
                   r"sorry\s+for\s+everything", r"take\s+care\s+of\s+(?:[\w']+\s+){0,2}for\s+me", r"(?:goodbye|suicide)\s+(?:note|letter|message)",
                   r"永别|诀别|下辈子", r"(?:这辈子|一辈子)(?:都)?对不起", r"(?:想|要|准备)[^，。]{0,4}最后一次", r"后事", r"(?:东西|存款|钱|宠物|猫|狗)[^，。]{0,6}(?:都)?(?:送|留|交)给", r"遗言")
SUI_MEANS = _rx(r"(?:have|got|bought)\s+(?:the|my|enough|all\s+the|a\s+lot\s+of)\s+(?:\w+\s+)?(?:pills|tablets|rope|gun)\b", r"(?:pills|tablets|meds)\s+(?:[\w']+\s+){0,3}(?:lined\s+up|counted|ready|saved|stockpiled|in\s+front\s+of\s+me)",
                r"(?:taken|took|got|poured|laid|lined|tipped)\s+(?:[\w']+\s+){0,2}out\s+(?:[\w']+\s+){0,3}(?:pills|tablets|meds)|(?:taken|took|got|poured|tipped)\s+out\s+(?:[\w']+\s+){0,3}(?:pills|tablets|meds)",
                r"(?:saved|saving|stockpil\w*|hoard\w*|collect\w*)\s+(?:up\s+)?(?:[\w']+\s+){0,2}(?:pills|tablets|meds)", r"bottle\s+of\s+(?:[\w']+\s+)?(?:pills|tablets)",
                r"all\s+(?:my|the|of\s+my|of\s+the)\s+(?:[\w']+\s+)?(?:pills|tablets|meds)", r"\brope\b|\bnoose\b|\bgun\b|\brazor\b|\bcutting\b",
                r"(?:on|at|up\s+on|off)\s+(?:the|a|top\s+of\s+(?:the|a))\s+(?:[\w']+\s+)?(?:bridge|roof|rooftop|ledge|railing|tracks|cliff)",
                r"安眠药(?:都|已经|全)?(?:攒|囤|准备|倒|拿|摆)|(?:攒|囤|倒出|准备)(?:了|好)?[^，。]{0,4}(?:安眠)?药|一(?:整)?瓶(?:安眠)?药",
                r"绳子|刀片|天台|楼顶|桥上|窗台|铁轨|阳台(?:边|上)|划(?:得|了|手|自己)|割(?:腕|得|了自己)")
SUI_SILENT = _rx(r"not\s+(?:answering|picking\s+up|replying|responding)", r"can'?t\s+(?:reach|get\s+hold\s+of)", r"phone\s+(?:is\s+)?(?:off|dead)",
                 r"电话(?:也|都)?(?:不接|打不通|关机)", r"联系不上", r"不回(?:消息|信息|微信)", r"关机了")

# Sepsis: an infection (or chemotherapy) with signs of shock or confusion, or a fever with them.
FEVER = _more(FEVER, r"(?:temp|temperature|thermometer|reading|spiked|spiking|hit|reads?|says|measured|rectal|ear|forehead|armpit|under\s+the\s+arm)\w*\s+(?:[\w']+\s+){0,3}(?:3[89]|4[0-2])(?:\.\d)?(?!\d)",
              r"\b(?:3[89]|4[0-2])\.\d\b", r"(?:烧到|烧了|量了|量出|测了|测出|体温|耳温|肛温|腋温|额温|口温)[^，。\d]{0,4}(?:3[89]|4[0-2])(?:\.\d)?", r"打(?:哆嗦|冷战)")
SEPSIS_PLUS = _more(SEPSIS_PLUS, r"out\s+of\s+it", r"not\s+with\s+it", r"(?:doesn'?t|can'?t|didn'?t)\s+(?:recogni[sz]e|know)\s+(?:me|us|anyone|where)", r"talking\s+nonsense",
                    r"breathing\s+(?:[\w']+\s+)?(?:fast|quick|rapid)",
                    r"(?:bp|blood\s+pressure)\D{0,14}(?:[4-9]\d)\s*/\s*\d{2}", r"(?:barely|hardly|not)\s+(?:[\w']+\s+)?(?:peed|pee|peeing|urinat\w*|passed\s+(?:much\s+)?urine|weed)",
                    r"(?:迷迷糊糊|迷糊|犯迷糊|昏昏沉沉|意识(?:不好|差))", r"说胡话|胡言乱语|颠三倒四|认不出(?:人|家人|我)", r"叫(?:也|都)?(?:不太|不怎么)(?:应|答应)|叫不应|反应(?:很)?(?:差|迟钝)",
                    r"(?:喘气|呼吸)(?:特别|很|非常|好)?(?:快|急|急促)", r"皮肤(?:都|也)?发花", r"没(?:怎么|有怎么)?(?:尿|小便|排尿)",
                    r"(?:bp|血压)\D{0,8}(?:[4-9]\d)\s*/\s*\d{2}")
SEPSIS_SEVERE = _rx(r"mottled|blotchy|confus\w*\b(?!\s+(?:about|by|with|as\s+to|whether|if|over))|disorient|not\s+making\s+sense|out\s+of\s+it|unresponsive|hard\s+to\s+wake|barely\s+responsive",
                    r"(?:hands|feet|legs|skin)\s+(?:are|is|feel\w*|felt)\s+(?:[\w']+\s+)?(?:ice[\s-]*cold|freezing)", r"(?:ice[\s-]*cold|freezing)\s+(?:hands|feet)",
                    r"(?:bp|blood\s+pressure)\D{0,14}(?:[4-9]\d)\s*/\s*\d{2}", r"(?:low|dropping)\s+blood\s+pressure|blood\s+pressure\s+(?:is\s+)?(?:low|dropping)",
                    r"(?:barely|hardly|not)\s+(?:[\w']+\s+)?(?:peed|urinat\w*|passed\s+(?:much\s+)?urine)", r"can'?t\s+(?:stand|get)\s+up",
                    r"意识(?:模糊|不清)|神志不清|糊涂|迷糊|说胡话|叫不醒|叫不应|认不出", r"皮肤(?:都|也)?(?:发花|花斑)|花斑", r"(?:手脚|四肢)(?:都)?(?:冰凉|冰冷|湿冷)",
                    r"血压(?:很|偏)?(?:低|下降|掉)|(?:bp|血压)\D{0,8}(?:[4-9]\d)\s*/\s*\d{2}", r"没(?:怎么)?(?:尿|小便)|尿(?:很)?少", r"站不起来")
INFECTION = _rx(r"infect\w*", r"\buti\b", r"pneumonia", r"cellulitis", r"abscess", r"(?:wound|cut|incision|bite|scratch)\s+(?:[\w']+\s+){0,4}(?:red|hot|pus|oozing|swollen)",
                r"after\s+(?:[\w']+\s+)?surgery|post[\s-]?op|(?:out|removed|operation|surgery)\s+(?:[\w']+\s+)?(?:\d+|a\s+few|two|three|four|five|six)\s+days\s+ago",
                r"感染|发炎|化脓|肺炎|(?:伤口|刀口)[^，。]{0,4}(?:红肿|流脓|发烫|感染)|术后|手术后")
IMMUNO = _rx(r"chemo\w*", r"neutropen", r"化疗", r"白细胞(?:很|特别)?低")

# Infants: ages in days or weeks, "only N weeks", a month old, and a baby hot to the touch.
INFANT = _more(INFANT, r"\b(?:[1-9]|1[0-2])\s*(?:wks?|wk)[\s-]*old\b",
               r"\b(?:baby|son|daughter|newborn|infant|grand(?:baby|son|daughter|child)|little\s+one)\s+(?:is\s+)?(?:only\s+|just\s+|barely\s+)?(?:[1-9]|1[0-2]|one|two|three|four|five|six|seven|eight|nine|ten)\s*(?:weeks?|wks?)\b(?!\s+(?:ago|of|later))",
               r"\b(?:baby|son|daughter|newborn|infant|grand(?:baby|son|daughter|child))\s+(?:is\s+)?(?:only\s+|just\s+|barely\s+)?(?:[1-9]|[1-8]\d)\s*days?\b(?!\s+(?:ago|of|later))",
               r"\b(?:a|one)[\s-]*month[\s-]*old\b", r"(?:less\s+than|under)\s+(?:a\s+month|(?:3|three|twelve|12)\s+(?:months|weeks))\s+old",
               rf"(?:刚|才)出生{_ZH_NUM}?(?:天|日|周|个?星期|个?礼拜)?", rf"出生(?:才|刚|刚刚|只有|了)?{_ZH_NUM}(?:天|日|周|个星期|个礼拜)", rf"生下来(?:才|刚)?{_ZH_NUM}(?:天|日|周|个星期|个礼拜)",
               r"(?:宝宝|孩子|婴儿|娃|儿子|女儿|闺女|孙子|孙女|外孙|小孙子|小孙女)(?:才|刚|刚满|只有|刚刚)(?:[1-9]|1[0-2]|[一二两三四五六七八九十]|十[一二])(?:周|个?星期|个?礼拜)",
               r"(?:宝宝|孩子|婴儿|娃|儿子|女儿|闺女|孙子|孙女|外孙|小孙子|小孙女)(?:(?:才|刚|刚满|只有|刚刚)(?:\d{1,2}|[一二两三四五六七八九十]{1,3})(?:天|日)|(?:\d{1,2}|[一二两三四五六七八九十]{1,3})(?:天|日)大)(?![^，。]{0,3}(?:前|来|内))",
               r"(?:宝宝|孩子|婴儿|娃|儿子|女儿|闺女|孙子|孙女|外孙)(?:才|刚|刚满|只有)?(?<![\d一二三四五六七八九十])(?:1|2|一|两|二)个(?:多)?月(?!前|以前|之前|来|内)",
               r"(?:[一二两三四五六七八九十]{1,3})(?:天|日)(?:大|的宝宝|的婴儿|的孩子)", r"没满月|未满月|不到(?:一|1|两|2|三|3)个月")
HOT_TOUCH = _rx(r"hot\s+to\s+(?:the\s+)?touch", r"(?:feels?|felt|is|was)\s+(?:really\s+|very\s+|so\s+)?(?:hot|feverish)", r"burning\s+up", r"烫手|(?:摸|额头|身上|脑门)(?:着|起来)?(?:很|好|有点|特别)?烫|发烫")

# Breathing: cannot get a breath in, only a word or two, reliever or nebuliser not helping, choking.
BREATH_STRONG = _more(BREATH_STRONG,
                      r"can'?t\s+get\s+(?:a\s+)?(?:breath|air)\s*(?:in)?", r"can\s+only\s+(?:say|speak|manage|get\s+out)\s+(?:a\s+|one\s+or\s+two\s+)?(?:word|one|two|few)",
                      r"(?:struggling|fighting|gasping|working\s+hard)\s+for\s+(?:every|each)\s+breath", r"(?:lips|face|fingers|mouth)\s+(?:[\w']+\s+){0,2}(?:dusky|bluish|blue|grey|gray|purple)",
                      r"(?:inhaler|nebuli[sz]er|puffer|ventolin|salbutamol|albuterol|reliever)\s+(?:[\w']+\s+){0,4}(?:isn'?t|not|doesn'?t|didn'?t|won'?t|no)\s+(?:[\w']+\s+){0,2}(?:work|help|doing|touch|difference)",
                      r"even\s+(?:with|after)\s+(?:[\w']+\s+){0,2}(?:inhaler|nebuli[sz]er|puffer|ventolin|reliever)", r"breathing\s+(?:through|thru)\s+a\s+straw",
                      r"chok\w*\s+(?:[\w']+\s+){0,6}(?:can'?t|cannot|unable\s+to)\s+(?:talk|speak|cough|breathe)", r"(?:hands?|clutching|grabbing)\s+(?:at\s+)?(?:the\s+|his\s+|her\s+|their\s+)?throat",
                      r"(?:吸入剂|喷雾|喷剂|气雾剂|万托林|沙丁胺醇|雾化|inhaler|nebuli[sz]er)[^。；！？]{0,10}(?:没用|不管用|没效果|不起作用|无效|也不行|缓解不了|都没用)",
                      r"(?:用|像)[^，。]{0,2}吸管(?:在)?(?:吸气|呼吸|喘气)", r"说(?:一两个|一两|几个|一个)字就(?:得|要)?(?:停|喘|歇)",
                      r"(?:卡住|噎住|呛住|卡着)[^。；！？]{0,12}(?:说不出话|咳不出|喘不|脸发紫|憋)", r"咳不出来[^。]{0,10}(?:抓|掐)(?:着)?脖子|(?:抓|掐)着脖子",
                      r"喘(?:得)?(?:只能坐着|躺不下|很厉害|特别厉害|非常厉害)",
                      r"(?:ribs|skin\s+between\s+(?:the|his|her|their)\s+ribs|belly|tummy|neck|chest)\s+(?:[\w']+\s+){0,3}(?:sucking|pulling|caving|sinking|drawing)\s+in",
                      r"(?:肋骨|肋间|锁骨|胸口|胸骨)[^，。；！？]{0,6}(?:凹陷|陷进去|一吸一吸|往里吸|往下陷|往里凹)", r"三凹征", r"鼻翼(?:煽动|扇动|一扇一扇)")

# --------------------------------------------------------------------------- round 6: more findings
# Shorthand and vitals written as numbers, dialect words, and phrasings that were missing. Vitals
# are read with thresholds: SpO2 <= 92 %, heart rate >= 120, breathing rate >= 25 a minute,
# systolic BP < 90 (above); a temperature only counts as a fever from 38 °C / 100.4 °F.
_NUMSTART = r"(?<![\d.])"
SPO2_LOW = _rx(rf"(?:spo2|sp02|\bsats?\b|o2\s*sat\w*|oxygen(?:\s+(?:level|saturation|sat|sats|reading))?|pulse\s*ox\w*|oximeter|血氧(?:饱和度)?|氧饱和度)\D{{0,16}}{_NUMSTART}(?:[1-8]\d|9[0-2])\s*(?:%|percent)")
HR_HIGH = _rx(rf"(?:\bhr\b|heart\s*rate|pulse|心率|心跳|脉搏)\D{{0,12}}{_NUMSTART}(?:1[2-9]\d|2[0-4]\d)(?!\d)")
RR_HIGH = _rx(rf"\b(?:rr|resp(?:iratory)?\s*rate)\b\D{{0,8}}{_NUMSTART}(?:2[5-9]|[3-6]\d)(?!\d)",
              rf"{_NUMSTART}(?:2[5-9]|[3-6]\d)\s*(?:times|breaths)\s*(?:a|per|/|each)\s*min",
              rf"(?:breathing|breaths?|respirations?)\s+(?:[\w']+\s+){{0,3}}{_NUMSTART}(?:2[5-9]|[3-6]\d)\s*(?:times|breaths|/min|per\s+min|a\s+min)",
              r"(?:一|每)分钟[^，。；]{0,4}(?:喘|呼吸|喘气)[^，。；]{0,3}(?:[2-6]\d|[三四五六]十)",
              r"(?:喘|呼吸|喘气)[^，。；\d]{0,4}(?:[3-6]\d|[三四五六]十)(?:多)?(?:次|下)")

CHEST = _more(CHEST, r"chest\s+(?:crushing|squeezing|tight(?:ness)?|heav(?:y|iness)|pressure|pain|hurting|aching|burning)\b",
              rf"(?:tight|heav|crush|squeez|press)\w*\s+(?:[\w']+\s+){{0,2}}(?:in|across|on|around)\s+(?:{_WHO_EN}\s+)?chest",
              r"(?:pain|ache|pressure|tightness|heaviness|squeezing)\s+in\s+chest",
              r"chest\s+(?:has|had|'s)\s+(?:got\s+)?(?:a\s+)?(?:[\w']+\s+)?(?:weight|pressure|tightness|band)",
              rf"(?:心(?:口|窝)|胸(?:口|前|部)?){_CL}{{0,8}}?(?:攥|抓|捏|拧|绞|箍|勒|掐|堵)")
CHEST_PLUS = _more(CHEST_PLUS, r"wet\s+with\s+sweat", r"(?:go|goes|going|went)\s+(?:to|into|through)\s+(?:the\s+)?(?:back|arm|jaw|neck|shoulder)",
                   r"\barm\s+(?:numb|heavy|tingl)", r"feel\w*\s+sick")

LIMB_WEAK = _rx(r"(?:arm|hand|leg)\s+(?:[\w']+\s+){0,3}(?:flopp\w*|dropp\w*|drift\w*|gave\s+out|went\s+(?:weak|limp|dead|numb)|won'?t\s+move)",
                r"\b(?:l|r|left|right)\s+(?:arm|leg)\s+(?:drift|weak)", r"(?:keeps?|kept)\s+dropping", r"(?:dragging|drags)\s+(?:[\w']+\s+)?(?:leg|foot)",
                r"(?:拿|握|端)不住|抬不起|(?:一条|一只)?腿[^，。]{0,2}拖着|迈不动|往一边(?:倒|歪)|(?:手|胳膊|腿|脚)[^，。]{0,4}(?:没劲|无力|不听使唤|动不了|没(?:晒)?力)")
APHASIA = _more(APHASIA, r"talking\s+(?:all\s+)?(?:funny|weird|strange|odd|slurred|drunk)", r"tongue\s+(?:[\w']+\s+){0,3}(?:too\s+big|thick|swollen\s+and\s+words)",
                r"\bdysarthri\w*|\baphasi\w*", r"(?:讲|说)不(?:到|出)(?:东西|话)", r"(?:说话|讲话|声音)[^，。]{0,3}(?:变了调|变调|走音|不对劲|怪怪的|不利索|不清楚|大舌头|含糊)")
ONSET = _more(ONSET, r"(?:started|began|came\s+on)\s+(?:[\w']+\s+){0,2}(?:after|when|during|while|at\s+\d|this\s+(?:morning|afternoon|evening)|tonight|today)",
              r"(?:走着走着|说着说着|吃着吃着)")
HEMI_VISION = _rx(r"(?:can'?t|couldn'?t|could\s+not|cannot)\s+see\s+(?:[\w']+\s+){0,2}(?:on|out\s+of)\s+(?:the\s+)?(?:left|right|one)\s+(?:side|eye)",
                  r"(?:左边|右边|一边|一侧|左侧|右侧|半边|一只眼)[^，。]{0,4}(?:啥|什么)?(?:也|都)?(?:看不见|看不到|看不清)")
STROKE_STRONG = _more(STROKE_STRONG, r"(?:face|mouth|smile)\s+(?:went|has\s+gone|gone|looks|looked|got|turned)\s+(?:all\s+)?(?:droop\w*|lopsided|crooked|uneven|saggy)",
                      r"\b(?:l|r|left|right)?\s*facial\s+droop", r"\bhemi(?:pare|pleg)\w*", r"\b(?:l|r|left|right)\s+arm\s+drift",
                      r"(?:sudden|suddenly)\s+(?:\w+\s+){0,3}(?:couldn'?t|could\s+not)\s+(?:see|speak|talk)")
HEAD_BURST = _more(HEAD_BURST, r"(?:头|脑袋|后脑勺|后脑)[^，。]{0,8}(?:像|好像|跟)[^，。]{0,8}(?:棒子|锤子|棍子|砸了|砸|抡|敲了)")

ANAPH_STRONG = _more(ANAPH_STRONG, r"(?:throat|airway)\s+(?:feels|felt|is|was)\s+like\s+(?:it'?s\s+|it\s+is\s+)?(?:closing|swelling|tight)",
                     r"(?:喉(?:头|咙)?|嗓子)(?:眼)?(?:好|很|特别|非常|有点|发)(?:紧|肿)")
ANAPH_PLUS = _more(ANAPH_PLUS, r"\bstridor\b")
SKIN_WIDE = _more(SKIN_WIDE, r"generali[sz]ed\s+(?:urticaria|hives|rash)", r"(?:全身|浑身|满身|身上|成身)[^，。]{0,4}(?:起|出|长)(?:了|晒)?(?:大包|风团|疹子|荨麻疹|红?疙瘩|红疹|包|疹)")
SYSTEMIC = _more(SYSTEMIC, r"stridor", r"(?:bp|blood\s+pressure)\D{0,8}(?:[4-8]\d)\s*/\s*\d{2}")

BLEED_STRONG = _more(BLEED_STRONG, r"(?:blood|bleed\w*)\s+(?:[\w']+\s+){0,2}(?:pumping|pulsing|spurting)\s+(?:out|from)", r"pumping\s+out\s+(?:[\w']+\s+){0,3}(?:heartbeat|beat)",
                     r"saturat\w*\s+(?:a\s+|one\s+|the\s+)?(?:[\w']+\s+)?(?:pad|towel|bandage|dressing)",
                     r"(?:vomit|throw|threw|puk)\w*\s+(?:up\s+)?(?:(?!(?:no|not|any|without|and|but|then)\b)[\w']+\s+){0,6}(?:fresh\s+|bright\s+red\s+)?blood\b(?!\s+(?:test|pressure|sugar|draw|work))", r"black\s+(?:and\s+)?tarry", r"\bmelaena|\bmelena",
                     r"(?:big|large|huge)\s+amount\s+of\s+(?:[\w']+\s+){0,2}blood", r"(?:loads|lots|pools?|puddles?)\s+of\s+(?:[\w']+\s+)?blood(?!\s+(?:pressure|sugar|test))",
                     r"血[^，。]{0,4}(?:一股一股|一股股|一阵一阵)", r"(?:捂|按|压|包)着[^，。]{0,4}(?:都|也)?(?:湿透|浸透|染红)",
                     r"(?:全是|都是|好多|很多|一大摊|一大滩|一盆)(?:的)?(?:鲜|暗红|鲜红|红)?(?:的)?血(?!压|糖|脂|管|丝|迹|点|检)",
                     r"血(?:一直|不停)?(?:往外)?(?:喷|涌)", r"(?:黑便|柏油便)[^。]{0,12}(?:晕|昏)")
SOAKED = _more(SOAKED, r"(?:毛巾|纱布|衣服|卫生巾|床单|裤子)[^，。]{0,4}(?:湿透|浸透|染红|红透)")
BLEED_HYPERBOLE = _rx(r"(?:气|激|累|忙|烦|郁闷|憋屈|亏|心疼|肉疼|虐|坑|恶心|笑|卷|难|贵|肝|熬|学|写|考|改|加|干|做|练)(?:到|得)(?:我|人)?(?:要|想|快)?吐血", r"吐血(?:推荐|整理|分享|总结|甩卖|价|清仓|亏)",
                      r"(?:要|想|快)吐血了?[!！😤]*$", r"\b(?:cough|spit|vomit|puk)\w*\s+(?:up\s+)?blood\s+(?:over|at|when\s+I\s+saw)\s+(?:the|this|that|my)\s+(?:price|bill|invoice|rent|receipt|results?|score)")

SUICIDAL_STRONG = _more(SUICIDAL_STRONG, r"take\s+everything\s+in\s+the\s+(?:medicine|bathroom|drug)",
                        r"\bwant\s+to\s+not\s+wake\s+up", r"(?:I'?ve\s+been|I\s+have\s+been|I'?m|I\s+am|started|keep|still)\s+self[\s-]*harm(?:ing)?\b|\bI\s+self[\s-]*harm\b",
                        r"不想(?:再)?醒(?:来|过来)", r"药[^。]{0,20}(?:全部|全都|一次性?)(?:吃掉|吞掉|吃下去|吞下去)", r"(?:想|要|准备|打算)[^，。]{0,4}烧炭|烧炭自杀",
                        r"(?:去|就|要|想)[^，。]{0,6}结束(?:这|掉)?(?:一切|自己|生命)(?![^，。]{0,2}(?:纷争|争吵|工作|项目))")
SUI_DECIDED = _more(SUI_DECIDED, r"(?:going\s+to|gonna|will|I'?ll|plan\w*\s+to|about\s+to)\s+take\s+(?:them\s+all|all\s+of\s+them|the\s+(?:whole|lot|entire)\s+(?:bottle|box|packet|lot))", r"(?:won'?t|will\s+not|don'?t)\s+have\s+to\s+(?:worry\s+about|deal\s+with|put\s+up\s+with|look\s+after)\s+me",
                    r"nobody\s+(?:has|will\s+have)\s+to\s+deal\s+with\s+me", r"(?:gonna|going\s+to|will|I'?ll)\s+do\s+it\s+(?:tonight|today|now|this\s+weekend|tomorrow)",
                    r"不(?:会|想)?(?:再)?(?:麻烦|拖累)(?:大家|你们|任何人|家里)", r"(?:门窗|窗户|门缝)[^，。]{0,3}封|封(?:上|好|死)?(?:门窗|窗户|门缝)")
SUI_MEANS = _more(SUI_MEANS, r"(?:have|got|bought)\s+(?:the|my|enough|all\s+the|a\s+lot\s+of|loads\s+of)\s+(?:\w+\s+)?(?:paracetamol|acetaminophen|tylenol|ibuprofen|insulin|sleeping\s+pills)",
                  r"(?:how\s+high|height\s+of)\s+(?:[\w']+\s+){0,4}(?:roof|bridge|building|balcony|cliff)", r"(?:买|准备)(?:好|了)(?:了)?[^，。]{0,2}炭",
                  r"安眠药[^，。]{0,4}(?:收集|攒|囤)",
                  r"(?:have|got|bought|saved)\s+(?:[\w']+\s+){0,2}(?:\d+|dozens?|loads|lots|boxes|packets|packs)\s+(?:of\s+)?(?:[\w']+\s+)?(?:pills|tablets|paracetamol|acetaminophen|tylenol|ibuprofen|sleeping\s+pills)")
SUI_FAREWELL = _more(SUI_FAREWELL, r"最后一(?:条|个)(?:消息|信息|微信|朋友圈)", r"(?:存折|首饰|存款|东西|钱|宠物|积蓄|银行卡)[^，。]{0,6}(?:都)?(?:送人|送给|分给|留给|交给|送掉)")
SUI_NOTE = _rx(r"(?:left|written|wrote|leaving|writing)\s+(?:[\w']+\s+){0,2}(?:letters?|notes?)\s+(?:for|to)\b", r"遗书|留了(?:一封)?(?:信|纸条)给|给[^，。]{0,4}留了(?:一封)?(?:信|纸条)")

FEVER = _more(FEVER, rf"{_NUMSTART}(?:3[89]|4[0-2])\.\d(?!\d)", rf"{_NUMSTART}(?:10[0-7])(?:\.\d)?\s*°?\s*f\b", r"(?:is|was|feels?|felt|now|he's|she's|they're|are)\s+(?:[\w']+\s+)?(?:burning|boiling)\s+hot",
              r"烧得(?:滚烫|厉害|很高|好高|迷糊|糊涂)|(?:身上|浑身|全身|额头|摸着)滚烫")
_DISORIENTED = r"(?:doesn'?t|can'?t|didn'?t|does\s+not)\s+know\s+(?:what\s+(?:day|year|month|time)\s+it\s+is|where\s+(?:he|she|they|I|we)\s+(?:is|are|am)|who\s+(?:I|we)\s+(?:am|are))"
SEPSIS_PLUS = _more(SEPSIS_PLUS, HR_HIGH.pattern, RR_HIGH.pattern, _DISORIENTED,
                    r"muddled", r"(?:几号|几点|在哪|哪儿|是谁|谁是谁)[^。]{0,8}(?:说不清|不知道|答不上|搞不清|分不清)", r"迷迷瞪瞪|迷瞪|叫(?:也|都)?不(?:太|怎么)?醒|叫极都不",
                    r"(?:心跳|心率|脉搏)(?:好|超|贼|老)?(?:快)|心跳[^，。]{0,4}快", r"大理石|一块青一块紫|青一块紫一块", r"no\s+(?:wee|pee|urine)")
SEPSIS_SEVERE = _more(SEPSIS_SEVERE, RR_HIGH.pattern, _DISORIENTED,
                      r"迷迷瞪瞪|叫(?:也|都)?不(?:太|怎么)?醒", r"大理石|一块青一块紫|青一块紫一块", r"no\s+(?:wee|pee|urine)")
INFECTION = _more(INFECTION, r"after\s+(?:the\s+|an?\s+|my\s+|his\s+|her\s+)?(?:[\w']+\s+)?(?:op|operation)\b", r"胆管炎|阑尾|手术(?:出院|回家|后)")

INFANT = _more(INFANT, r"\bborn\s+(?:[\w']+\s+){0,1}(?:[12]|one|two|a)\s+months?\s+ago", r"\b(?:[1-9]|1[0-2])-week-old",
               r"(?:生下来|出生)(?:才|刚|刚刚)?(?:1|2|一|两|二)个(?:多)?月(?!前|以前|之前)", r"月子里(?:的)?(?:宝宝|孩子|婴儿|娃|bb)",
               r"(?:bb仔|bb|宝宝|孩子|婴儿)(?:才|刚|刚满|只有|刚刚)(?:[1-9]|1[0-2]|[一二两三四五六七八九十]|十[一二])(?:周|个?星期|个?礼拜)")

BREATH_STRONG = _more(BREATH_STRONG, SPO2_LOW.pattern, r"(?:can'?t|unable\s+to|cannot|couldn'?t)\s+(?:complete|finish|speak\s+in)\s+(?:full\s+)?sentences", r"accessory\s+muscle",
                      r"(?:inhaler|nebuli[sz]er|puffer|ventolin|salbutamol|albuterol|reliever)\s+(?:[\w']+\s+){0,4}no\s+(?:relief|effect|response|help)",
                      r"(?:ribs|belly|tummy|neck|chest)\s+(?:[\w']+\s+){0,3}(?:suck|pull|cav|sink|draw)\w*\s+in",
                      r"喘不(?:上|过|到)(?:来)?气", r"(?:上|透)不(?:过|上|到)气", r"呼吸(?:好|超|贼)困难", r"(?:嘴唇|口唇|指甲(?:盖)?)(?:都|也|有点|发)?(?:紫|青)",
                      r"话(?:都)?说不成句|说不(?:成|了)(?:整)?句|一句话(?:都)?说不完整|说不了完整的话")

# --------------------------------------------------------------------------- look-alikes, round 6
# A finding in a past episode that has since resolved ("had sepsis 5 years ago, fully recovered",
# "五年前得过败血症，早就好了"): the match's own comma-clause names a time in the past and the message
# says it got better.
_PAST = _rx(r"\b(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|several|many|a\s+few|few)\s+(?:years?|months?)\s+ago\b",
            r"\blast\s+(?:year|month|summer|winter|spring|autumn|fall)\b", r"\bin\s+(?:19|20)\d\d\b", r"\bback\s+in\b", r"\bin\s+the\s+'?\d0s\b",
            r"\bas\s+a\s+(?:child|kid|teen|teenager|baby)\b", r"\byears\s+ago\b", r"\bused\s+to\b", r"\bonce\s+had\b",
            r"[\d一二两三四五六七八九十几]+年(?:前|以前|之前)", r"去年|前年|那年|当年|小时候|年轻(?:时|的时候)|[\d一二三四五六七八九十]+年代|得过|患过|曾经",
            r"\bin\s+the\s+past\b|\bpreviously\b", r"(?:以前|之前|过去)[^，。]{0,10}过")
_RESOLVED = _rx(r"(?:fully\s+|completely\s+)?recovered|(?:fine|well|good|ok|okay)\s+(?:ever\s+)?since|no\s+(?:problems|issues|symptoms|trouble)\s+since|all\s+clear",
                r"(?:fine|well|better|ok|okay|good|great)\\s+now|in\s+a\s+(?:much\s+)?better\s+place|\bresolved\b",
                r"(?:早就|已经|早)(?:就)?(?:好了|恢复|痊愈|康复|没事)|恢复(?:得)?(?:很|挺|还)?好|痊愈|康复|一直(?:挺|都|很)?好|没(?:再)?(?:犯|复发)过|现在(?:都|已经)?(?:没事|好了|好多了|挺好)")
_SUBCLAUSE = re.compile(r"[,，、;；.。!！?？\n]")


def _past_resolved(text: str, start: int, end: int) -> bool:
    a = max((m.end() for m in _SUBCLAUSE.finditer(text, 0, start)), default=0)
    b = _SUBCLAUSE.search(text, end)
    return bool(_PAST.search(text[a:b.start() if b else len(text)])) and bool(_RESOLVED.search(text))


# A temperature below 38 °C (100.4 °F) is not a fever in an infant, whatever word goes with it.
_TEMP_C = re.compile(rf"{_NUMSTART}(3[4-9]|4[0-3])(?:\.(\d))?\s*(?:°\s*c\b|℃|度|°)|{_NUMSTART}(3[4-9]|4[0-3])\.(\d)(?![\d.])", _F)
_TEMP_F = re.compile(rf"{_NUMSTART}(9[4-9]|10\d)(?:\.(\d))?\s*°?\s*f\b", _F)


_PET = _rx(r"\b(?:pupp(?:y|ies)|kittens?|dogs?|cats?|foals?|calf|lambs?|piglets?|bunn(?:y|ies)|rabbits?)\b", r"狗|猫|兔|幼犬|幼猫")


def _not_an_infant_fever(text: str) -> bool:
    return _below_fever(text) or bool(_PET.search(text) and not re.search(r"\bbaby\b|宝宝|婴儿|孩子|新生儿", text, _F))


def _below_fever(text: str) -> bool:
    """A temperature is given and every reading is below 38 °C / 100.4 °F."""
    c = [float(f"{m.group(1) or m.group(3)}.{m.group(2) or m.group(4) or 0}") for m in _TEMP_C.finditer(text)]
    f = [float(f"{m.group(1)}.{m.group(2) or 0}") for m in _TEMP_F.finditer(text)]
    return bool(c or f) and all(x < 38.0 for x in c) and all(x < 100.4 for x in f)


# Traditional characters and Cantonese / dialect words, folded to the simplified Mandarin forms the
# rules are written in (a small table for the words the findings use, not a general converter).
_TRAD = str.maketrans(
    "發燒熱體溫悶壓氣難嚨緊腫過藥醫頭腦說話講語邊臉無動聽見暈嘔傷紅們這個會來時後還沒幾鐘點麼樣層嗎檢測寶嬰孫兒歲週禮開陣裡裏驚軟腳側淚淨將對錢給讓應從經濟劑藍臟膽腸壞膿術診療聯繫電機關斷絕殺遺書離別淺鮮塊湧噴滿濕擔誤嚴劇癢風團蝦腎筆針敗膚涼凍濃碼輕復間題問條訊貼單護師讀癱瘓視線務決總歡樂擊覺憶識塗險"
    "蓋嚇於為與帶長馬車級劃續處歷種媽爺變顯張強減緩產鬆穩厲傳號衛爛潰癲癇臨齒顆攝買賣搶隻鬧貓蟲漲隱襪濱儘衝聲啞舊滾燙嗆黴鬥頸脣膠顏紋",
    "发烧热体温闷压气难咙紧肿过药医头脑说话讲语边脸无动听见晕呕伤红们这个会来时后还没几钟点么样层吗检测宝婴孙儿岁周礼开阵里里惊软脚侧泪净将对钱给让应从经济剂蓝脏胆肠坏脓术诊疗联系电机关断绝杀遗书离别浅鲜块涌喷满湿担误严剧痒风团虾肾笔针败肤凉冻浓码轻复间题问条讯贴单护师读瘫痪视线务决总欢乐击觉忆识涂险"
    "盖吓于为与带长马车级划续处历种妈爷变显张强减缓产松稳厉传号卫烂溃癫痫临齿颗摄买卖抢只闹猫虫涨隐袜滨尽冲声哑旧滚烫呛霉斗颈唇胶颜纹")
_DIALECT = (("唔该", "谢谢"), ("唔", "不"), ("冇", "没"), ("咗", "了"), ("嘅", "的"), ("佢", "他"), ("喺", "在"), ("係", "是"),
            ("啱啱", "刚刚"), ("点算", "怎么办"), ("嘢", "东西"), ("攰", "累"), ("瞓", "睡"), ("成身", "全身"), ("落去", "下去"), ("仲", "还"),
            ("同埋", "和"), ("屙", "拉"), ("食晒", "全吃了"), ("醒返", "醒过来"), ("諗", "想"), ("探热", "量体温"), ("老汉儿", "爸"), ("贼拉", "很"), ("咋整", "怎么办"))


def _fold(text: str) -> str:
    text = text.translate(_TRAD)
    if re.search("[唔冇咗嘅佢喺係啱嘢攰瞓屙諗]|老汉儿|贼拉|成身|落去|点算|咋整|食晒|醒返|探热", text):
        for a, b in _DIALECT:
            text = text.replace(a, b)
    return text


# --------------------------------------------------------------------------- round 7: new voices
# Machine-translated English (心口 -> "heart mouth"), text speak, dialect (东北话, Cantonese),
# Chinese-numeral temperatures, a suicide plan named by its place or method, a non-blanching rash.
CHEST = _more(CHEST, r"heart\s*mouth\s+(?:[\w']+\s+){0,2}(?:pain|hurt|ache|press|tight|stuffy|uncomfortable)")
CHEST_PLUS = _more(CHEST_PLUS, r"sweating\s+cold", r"(?:pain|press)\w*\s+(?:like\s+)?(?:[\w']+\s+){0,2}(?:radiat|spread)",
                   rf"(?:痛|疼)(?:得|到){_CL}{{0,4}}(?:颈子|脖子|下巴|下颌|肩膀|胳膊|手臂|后背)", r"汗(?:水)?(?:长流|直流|直冒|如雨|淋淋)",
                   r"(?:使劲|用力)(?:捏|攥|挤|压)")
FACE_ASYM = _more(FACE_ASYM, rf"one\s+side\s+of\s+{_WHO_EN}\s+(?:face|mouth)\s+(?:[\w']+\s+){{0,2}}(?:lower|droop\w*|dropp\w*|sag\w*|fallen|slump\w*)")
SPEECH = _more(SPEECH, r"(?:couldn'?t|could\s+not|cannot)\s+(?:get\s+(?:\w+\s+)?words\s+out|speak|talk|find\s+(?:the\s+)?words)",
               rf"(?:说话|舌头){_CL}{{0,4}}(?:拌蒜|打结|大舌头)|嘴(?:也|都)?瓢")
APHASIA = _more(APHASIA, r"(?:couldn'?t|could\s+not)\s+get\s+(?:\w+\s+)?words\s+out", rf"(?:说话|舌头){_CL}{{0,4}}(?:拌蒜|打结)|嘴(?:也|都)?瓢")
LIMB_WEAK = _more(LIMB_WEAK, r"(?:slid|slipped|fell|dropped)\s+out\s+of\s+(?:[\w']+\s+){0,2}(?:left|right)\s+hand",
                  r"拿(?:啥|什么|东西)(?:都)?掉(?:啥|什么)?|(?:手|胳膊)[^，。]{0,4}(?:拿不住|握不住|攥不住)")
ANAPH_STRONG = _more(ANAPH_STRONG, r"(?:throat|airway)\s+(?:is\s+|are\s+|feels\s+)?(?:closing|swelling|swollen)\b")
ANAPH_PLUS = _more(ANAPH_PLUS, r"(?:lip|tongue|face|eye)\w*\s+(?:and\s+(?:[\w']+\s+)?(?:lips?|eyes?|tongue|face)\s+)(?:are\s+|is\s+)?swell", r"going\s+floppy|gone\s+floppy")
BLEED_STRONG = _more(BLEED_STRONG,
                     r"(?:cough|spit|spat|vomit|throw|threw|brought)\w*\s+(?:up\s+|out\s+)?(?:a\s+)?(?:mouthful|cupful|lot|lots|loads)\s+of\s+(?:[\w']+\s+){0,2}blood",
                     r"blood\s+(?:is\s+)?(?:flowing|running|streaming|dripping|pouring)\s+down", r"bleeding\s+(?:very\s+|so\s+)?much\b",
                     r"(?:呕|吐|咳)(?:了|出)?(?:很多|大量|一大口|好多|满口)(?:的)?鲜?血|(?:呕|吐|咳)(?:了|出)鲜血",
                     r"血[^，。]{0,3}(?:往外|直往外)(?:冒|涌|喷|窜|滋|呲)|血(?:呲呲|滋滋|哗哗|汩汩)", r"满嘴(?:都)?是血|一(?:吐|口)就是一大口")
SOAKED = _more(SOAKED, r"(?:还|仍然|照样|一直)(?:在)?往外(?:渗|冒)")
_SELF = r"(?:my|him|her|them|your)sel(?:f|ves)"
_INTENT_EN = r"(?:going\s+to|gonna|will|would|'ll|wants?\s+to|wanna|plan\w*\s+to|about\s+to|decided\s+to)\s+(?:just\s+)?"
SUICIDAL_STRONG = _more(SUICIDAL_STRONG,
                        rf"{_INTENT_EN}(?:hang|kill|shoot|drown|poison|gas)\s+{_SELF}",
                        rf"{_INTENT_EN}(?:step|jump|throw\s+{_SELF})\s+(?:in\s+front\s+of|under)\s+(?:a|the|next|an)\s+(?:[\w']+\s+)?(?:train|bus|lorry|truck|car|tube)",
                        rf"{_INTENT_EN}(?:walk|swim|wade)\s+(?:out\s+)?into\s+the\s+(?:sea|ocean|river|lake|water)",
                        rf"{_INTENT_EN}jump\s+(?:off|from)\s+(?:a|the)\s+(?:[\w'-]+\s+){{0,3}}(?:bridge|roof|building|cliff|balcony|tower|car\s+park)",
                        r"\bno\s+(?:reason|point)\s+for\s+living", r"goodbye[,\s]+(?:cruel\s+)?world",
                        r"(?:再见|告别|永别)了?(?:这个)?世界",
                        r"(?:要|想|准备|打算)[^，。]{0,10}(?:楼顶|天台|桥上|楼上|窗户)(?:上)?跳下", r"跳(?:江|河|海|桥)(?!舞)|卧轨")
SUI_DECIDED = _more(SUI_DECIDED, r"taking\s+(?:them\s+all|the\s+lot|all\s+of\s+them|everything)\s+(?:tonight|today|now|once|when)",
                    r"(?:tonight|today|this\s+weekend|tomorrow)\s*,?\s*I(?:'ll|\s+will|\s+am\s+going\s+to|'m\s+going\s+to)\s+do\s+it",
                    r"(?:今晚|今天|明天|待会|一会)(?:就)?(?:全|都)(?:吃|吞)(?:了|掉|下去)")
SUI_MEANS = _more(SUI_MEANS, r"(?:pile|handful|bunch|heap|stack|photo|pic|picture|snap)\s+of\s+(?:[\w']+\s+){0,3}(?:pills|tablets|meds)",
                  r"(?:rope|noose|gun|pills|tablets)\s+(?:is|are)\s+(?:ready|prepared|set\s+up)",
                  r"药[^，。]{0,4}(?:攒|囤|存)(?:够|好|了)", r"(?:煤气|燃气|天然气)[^，。]{0,4}(?:打开|开着|开了)|(?:打)?开(?:了)?(?:煤气|燃气)")
SUI_FAREWELL = _more(SUI_FAREWELL, r"(?:以后|今后)(?:要)?照顾好(?:自己|妈|爸|孩子)", r"谢谢(?:大家|你们)?这些年")
SUI_GOODBYE = _more(SUI_GOODBYE, r"拜拜|永别")
SUI_NOTE = _more(SUI_NOTE, r"\bwrote\s+my\s+(?:notes?|letters?)")
SUI_PLACE = _rx(r"站在(?:江边|河边|海边|楼顶|天台|桥上|桥边|悬崖)", r"(?:standing|sitting)\s+(?:on|at)\s+(?:the\s+)?(?:edge|bridge|roof|cliff|railway|tracks)")
NONBLANCH = _rx(r"(?:spots|rash|dots|marks)\s+(?:[\w']+\s+){0,4}(?:don'?t|doesn'?t|do\s+not|won'?t|didn'?t)\s+(?:fade|blanch|disappear|go\s+away)",
                r"non[\s-]*blanching", r"purpur\w*", r"petechia\w*", rf"(?:压|按){_CL}{{0,6}}(?:不褪色|不消退|不褪|不退色)", r"不褪色的(?:皮疹|疹子|点|斑)", r"瘀点|瘀斑|紫癜")
FEVER = _more(FEVER, r"(?:三十[八九]|四十[一二]?)度")
HR_HIGH = _more(HR_HIGH, rf"\bheart\s+(?:is\s+|at\s+|rate\s+)?{_NUMSTART}(?:1[2-9]\d|2[0-4]\d)(?!\d)")
SEPSIS_PLUS = _more(SEPSIS_PLUS, HR_HIGH.pattern, r"can'?t\s+think\s+straight")
INFANT = _more(INFANT, r"\b(?:birth|born)\s+(?:[\w']+\s+)?(?:[1-9]|[1-8]\d|90)\s+days?\b",
               r"\b(?:baby|son|daughter|infant|newborn|he|she)\s+(?:is|'s)\s+(?:only\s+|just\s+)?(?:[1-9]|1[0-2])\s*(?:wks?|weeks?)\b(?!\s+(?:pregnant|gestation|along|post))",
               r"(?:出生|生下来|宝宝|孩子|婴儿|外孙|孙子|孙女|女儿|儿子|娃|bb)(?:才|刚|只有|刚满)(?:1|2|一|两|俩|二)个?(?:多|半)?月(?!前|以前|之前)", r"(?:出生|生下来)(?:才|刚)?(?:1|一)个半月")
BREATH_STRONG = _more(BREATH_STRONG, r"pink\s+(?:[\w']+\s+)?froth|frothy\s+pink|粉红色?泡沫",
                      r"(?:feel\w*|felt|woke\s+up\s+feeling)\s+like\s+(?:I'?m\s+|he'?s\s+|she'?s\s+|they'?re\s+|I\s+was\s+|he\s+was\s+|she\s+was\s+)?drowning",
                      r"(?:一声|声音?)都(?:咳|哭|发)不出", r"(?:脸|嘴唇|嘴)(?:都|全|已经)?(?:乌|发乌|憋紫|憋青)了?")

# Training and exam questions ("first aid course q: ...", "急救培训课上问的") describe nobody now.
_TRAINING = _rx(r"first[\s-]*aid\s+(?:course|class|training|exam|test|question|q\b|module)", r"\b(?:exam|quiz|osce|revision|homework|assignment)\s+(?:q\b|question)",
                r"急救(?:培训|课|考试|知识)|培训课|考试题|考题|课上问")
_NOW = _rx(r"\bright\s+now\b|\bjust\s+now\b|\bhappening\b|\bcollapsed\b|\bambulance\b|\b(?:999|911|112)\b",
           r"\b(?:my|our)\s+(?:dad|mum|mom|wife|husband|son|daughter|baby|friend|neighbou?r|brother|sister|grandma|grandpa|partner|colleague)\b",
           r"\b(?:he|she|they)(?:'s|'re|\s+is|\s+are)\b|\bI'?m\s+(?:bleeding|having|getting|feeling)\b",
           r"刚才|现在|正在|突然|120|救护车|我(?:爸|妈|老公|老婆|孩子|儿子|女儿|家|同事|朋友)")
# Hyperbole and jokes ("yells 'I'm gonna kill myself' every time he loses 😂"): a laughing emoji with
# a trivial trigger, a habit tied to losing, or someone else called dramatic; "not joking" stays serious.
_JOKE = _rx(r"^(?=.*(?:😂|🤣|😆|😹))(?=.*\b(?:game|gaming|fifa|fortnite|lose|loses|losing|lost|exam|homework|level|match|monday|traffic)\b)",
            r"every\s+time\s+(?:[\w']+\s+){0,3}(?:loses?|lost|fails?)\b",
            r"\b(?:he|she|they)(?:'s|'re|\s+is|\s+are|\s+was)\s+(?:fine\s+)?(?:just\s+)?(?:being\s+)?(?:so\s+)?dramatic\b",
            r"(?<!not\s)(?<!n't\s)\b(?:just|only)\s+(?:joking|kidding)\b(?!\s*(?:\?|or\b|right))",
            r"(?<!不是)(?<!没)(?<!没有)(?:只是|就是)开玩笑(?:的|而已|呢)?(?![吧吗么？?])|口头禅|口嗨")

# Text speak, folded to the words the findings use ("bby is 7 wks n temp is 38.4").
_TEXTSPEAK = ((r"\bbby\b", "baby"), (r"\bwks\b", "weeks"), (r"\bwk\b", "week"), (r"\brly\b", "really"), (r"\btonite\b|\b2nite\b", "tonight"),
              (r"(?<=[a-z] )n(?= [a-z])", "and"), (r"(?<=[a-z] )r(?= \w+(?:ing|ed|en)\b)", "are"), (r"\bu\b", "you"), (r"\bur\b", "your"),
              (r"\bv(?= [a-z]{3,})", "very"), (r"\bcant\b", "can't"), (r"\bdont\b", "don't"), (r"\bwont\b", "won't"), (r"\bdidnt\b", "didn't"),
              (r"\bdoesnt\b", "doesn't"), (r"\bisnt\b", "isn't"), (r"\bim\b", "I'm"), (r"\bhes\b", "he's"), (r"\bshes\b", "she's"))
_TEXTSPEAK_RX = [(re.compile(a, _F), b) for a, b in _TEXTSPEAK]


def _textspeak(text: str) -> str:
    for rx, repl in _TEXTSPEAK_RX:
        text = rx.sub(repl, text)
    return text


_RULES = (
    Rule("chest_pain", all=(CHEST, CHEST_PLUS)),
    Rule("stroke", strong=(STROKE_STRONG,), all=(FACE_ASYM, SPEECH),
         combos=((APHASIA, ONSET), (HEAD_BURST, HEAD_ACUTE), (HEAD_WORD, WORST_EVER), (APHASIA, LIMB_WEAK, ONSET), (FACE_ASYM, LIMB_WEAK),
                 (HEMI_VISION, ONSET))),
    Rule("anaphylaxis", strong=(ANAPH_STRONG,), all=(ALLERGEN, ANAPH_PLUS), named=(ANAPH_NAMED,),
         combos=((ALLERGEN, SKIN_WIDE, SYSTEMIC),)),
    Rule("severe_bleeding", strong=(BLEED_STRONG,), unless=_more(BLEED_RESOLVED, BLEED_HYPERBOLE.pattern),
         combos=((BLOOD_ANY, SOAKED), (ANTICOAG, INJURY))),
    Rule("suicidal", strong=(SUICIDAL_STRONG,),
         unless=_rx(r"\bkill(?:ing)?\s+myself\s+(?:laughing|at\s+(?:the\s+)?gym|with\s+work|studying)",
                    r"笑死", r"(?:累|热|冷|饿|困|忙|烦)死", _JOKE.pattern,
                    r"\bfor\s+a\s+(?:swim|dip|paddle|surf)\b|\bto\s+(?:swim|paddle|surf|cool\s+off)\b|\b(?:toy|model)\s+train|train\s+set"),
         combos=((SUI_DECIDED, SUI_MEANS), (SUI_FAREWELL, SUI_MEANS), (SUI_FAREWELL, SUI_SILENT), (SUI_FAREWELL, SUI_DECIDED),
                 (SUI_GOODBYE, SUI_FAREWELL), (SUI_GOODBYE, SUI_MEANS), (SUI_GOODBYE, SUI_DECIDED),
                 (SUI_NOTE, SUI_FAREWELL), (SUI_NOTE, SUI_MEANS), (SUI_NOTE, SUI_DECIDED), (SUI_NOTE, SUI_GOODBYE),
                 (SUI_GOODBYE, SUI_PLACE), (SUI_DECIDED, SUI_PLACE))),
    Rule("sepsis", all=(FEVER, SEPSIS_PLUS), named=(SEPSIS_STRONG,),
         combos=((INFECTION, SEPSIS_SEVERE), (IMMUNO, FEVER), (FEVER, NONBLANCH))),
    Rule("infant_fever", all=(INFANT, FEVER), combos=((INFANT, HOT_TOUCH),), veto=_not_an_infant_fever),
    Rule("breathing", strong=(BREATH_STRONG,),
         unless=_rx(r"(?:after|when|climbing|running|during)\s+(?:\w+\s+){0,3}(?:stairs|run|running|exercise|workout|jog)",
                    r"(?:爬楼|跑步|运动|锻炼)(?:后|时|的时候)?(?:有点|有些|稍微|略)", r"爬楼|爬山|跑步|运动后|锻炼|快走|走快",
                    r"\blaugh|took\s+(?:my|his|her|their)\s+breath\s+away", r"笑(?:得|到|死|岔)", r"(?:\bsats?\b|spo2|oxygen|oximeter|血氧)[^.。;；]{0,24}\b(?:usually|normally|baseline)\b|\b(?:usually|normally|baseline)\b[^.。;；]{0,24}(?:\bsats?\b|spo2|oxygen)|(?:平时|平常|一向)[^。；]{0,6}血氧|血氧[^。；]{0,6}(?:平时|平常|一向)",
                    r"(?:fine|ok|okay|better)\s+now|for\s+a\s+(?:second|sec|moment)|as\s+(?:well|much|good)\s+as", r"现在(?:没事|好了|好多了)")),
)

_NEG_EN = re.compile(r"\b(?:no|not|denies|denied|deny|without|never|negative\s+for|free\s+of|isn'?t|wasn'?t|doesn'?t|don'?t|didn'?t)\b"
                     r"(?:\s+\w+){0,3}\s*$", _F)
_NEG_ZH = re.compile(r"(?:否认|没有|没|无|未|不是|并非|排除)[^，。；！？,.;!?但却突]{0,4}$|不$")
_NOT_NEG_ZH = re.compile(r"无(?:明显)?(?:诱因|原因)")
_CLAUSE = re.compile(r"[.;!?。；！？\n]|,\s*but\b|，但|，却")
# Quoted or hypothetical speech about the condition, not a report of it ("what are the signs of a stroke?").
_EDUCATIONAL = _rx(r"^\s*(?:what|which|how)\s+(?:are|is|do|does|can)\s+(?:the\s+)?(?:signs?|symptoms?|warning\s+signs?|causes?|risk\s+factors?|treatments?|difference)\b",
                   r"^\s*(?:explain|describe|list)\b", r"(?:有哪些|是什么|怎么识别|如何识别|如何预防|怎么预防)(?:症状|表现|征象|原因|危险因素)?[？?]?\s*$")


# A general question about a condition, with nobody described ("how do you tell if a newborn has a
# fever?", "新生儿发烧多少度要去医院？"); "what do I do, he can't breathe?" names someone and still fires.
_GENERAL_Q = _rx(r"^\s*how\s+(?:do|can|would|should|will)\s+(?:you|one|we|people|parents|doctors)\s+(?:tell|know|recogni[sz]e|spot|check|prevent|measure)\b[^.!\n]*\?\s*$",
                 r"^\s*what\s+(?:does|do|is|are)\b[^.!\n]*\b(?:mean|means|look\s+like|signs?|symptoms?|causes?|count\s+as)\s*\?\s*$",
                 r"^\s*(?:when|at\s+what\s+\w+)\s+(?:should|do|does|is)\s+(?:you|one|a|an|someone|people|parents)\b[^.!\n]*\?\s*$",
                 r"^[^。！\n]*(?:多少度|多少算|算不算|什么意思|是什么|怎么(?:判断|看出|知道|区分|识别|预防)|如何(?:判断|识别|预防|区分)|哪些(?:症状|表现|原因))[^。！\n]*[？?]\s*$")


def _clause_start(text: str, pos: int) -> int:
    start = 0
    for m in _CLAUSE.finditer(text, 0, pos):
        start = m.end()
    return start


# Negated lists, as in triage shorthand: "no fever, cough or difficulty breathing", "nil SOB/CP",
# "无发热、咳嗽及呼吸困难". Each earlier item is short and verbless, so a new statement
# ("no fever, then suddenly can't breathe") ends the list.
_LIST_SEP = re.compile(r"\s*(?:[,，、/:：]|\b(?:or|nor|and)\b|及|和|或|与)\s*", _F)
_LIST_NEG = re.compile(r"^\s*(?:no|nil|denies|denied|deny|without|negative\s+for|free\s+of|否认|没有|没|无|未)(?![a-z])", _F)
_LIST_BREAK = re.compile(r"\b(?:then|now|but|suddenly|today|tonight|since|is|was|are|were|has|had|have|he|she|they|i|we|it|started|began)\b|突然|现在|今天|但|刚才|开始", _F)


def _negated_list(before: str) -> bool:
    items = _LIST_SEP.split(before)
    if len(items) < 2 or items[-1].strip():  # the finding must follow a separator directly
        return False
    for item in reversed(items[:-1]):
        item = item.strip()
        if not item:
            continue
        if _LIST_NEG.match(item):
            return len(item.split()) <= 4 and len(item) <= 24
        if _LIST_BREAK.search(item) or len(item.split()) > 3 or len(item) > 12 and " " not in item:
            return False
    return False


def _negated(text: str, start: int) -> bool:
    before = text[_clause_start(text, start):start]
    if _NEG_EN.search(before) or _negated_list(before):
        return True
    m = _NEG_ZH.search(before)
    return bool(m) and not _NOT_NEG_ZH.match(before, m.start())


def _clause(text: str, start: int, end: int) -> str:
    m = _CLAUSE.search(text, end)
    return text[_clause_start(text, start):m.start() if m else len(text)]


def _find(pattern: re.Pattern[str], text: str, unless: re.Pattern[str] | None = None) -> str | None:
    """The first match that is neither negated nor explained away in its own clause."""
    for m in pattern.finditer(text):
        if _negated(text, m.start()):
            continue
        if unless is not None and unless.search(_clause(text, m.start(), m.end())):
            continue
        if _past_resolved(text, m.start(), m.end()):
            continue
        return m.group()
    return None


@dataclass
class RedFlagHit:
    category: str
    evidence: list[str] = field(default_factory=list)


def detect_red_flags(text: str, categories: list[str] | tuple[str, ...] | None = None) -> list[RedFlagHit]:
    """Every emergency category the message describes, with the phrases that triggered it."""
    t = _textspeak(_fold(normalize_text(text)))
    if _TRAINING.search(t) and not _NOW.search(t):
        return []
    if _EDUCATIONAL.search(t) and len(t) < 160:
        return []
    if len(t) < 160 and _GENERAL_Q.search(t) and not PERSONAL.search(t):
        return []
    wanted = set(categories) if categories is not None else set(LABELS)
    hits: list[RedFlagHit] = []
    for rule in _RULES:
        if rule.category not in wanted or (rule.veto is not None and rule.veto(t)):
            continue
        strong = rule.strong + (rule.named if PERSONAL.search(t) else ())
        evidence = [e for e in (_find(p, t, rule.unless) for p in strong) if e]
        for group in ((rule.all,) if rule.all else ()) + rule.combos:
            if evidence:
                break
            found = [_find(p, t, rule.unless) for p in group]
            if all(found):
                evidence = [f for f in found if f]
        if evidence:
            hits.append(RedFlagHit(rule.category, evidence))
    return hits
