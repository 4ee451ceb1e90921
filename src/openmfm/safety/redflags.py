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
    """A category fires when any ``strong`` pattern matches, or when every group in ``all``
    has at least one non-negated match."""

    category: str
    strong: tuple[re.Pattern[str], ...] = ()
    all: tuple[re.Pattern[str], ...] = ()
    unless: re.Pattern[str] | None = None  # a look-alike context that cancels a match in its clause
    named: tuple[re.Pattern[str], ...] = ()  # disease names: count only when someone is being described


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
             r"(?:说话|讲话|言语|口齿|吐字)[^，。；！？]{0,3}(?:不清|含糊|不利索|困难|不出)", r"突然", r"一侧|一边|半边")
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
                   r"epi-?pen", r"喉(?:头|咙|部)?(?:水肿|发紧|肿|紧)", r"嗓子(?:发紧|肿|堵)",
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
                  r"(?:low|dropping)\s+blood\s+pressure", r"blood\s+pressure\s+(?:is\s+)?(?:low|dropping|\d{2}/)", r"mottled", r"blotchy", r"cold\s+(?:hands|feet|and\s+clammy)",
                  r"not\s+(?:peed|urinated|passed\s+urine)", r"\bblue\b", r"shivering\s+uncontrollably",
                  r"意识(?:模糊|不清)", r"神志不清", r"糊涂", r"叫不醒", r"嗜睡", r"(?:心跳|心率|脉搏)(?:很|特别|非常)?(?:快|加速)", r"呼吸(?:很|特别|非常)?(?:急促|快)",
                  r"血压(?:很|偏)?(?:低|下降|掉)", r"(?:皮肤)?花斑", r"四肢(?:冰凉|发凉|湿冷)", r"(?:没有|没|无)(?:小便|尿)", r"尿(?:很)?少")
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

_RULES = (
    Rule("chest_pain", all=(CHEST, CHEST_PLUS)),
    Rule("stroke", strong=(STROKE_STRONG,), all=(FACE_ASYM, SPEECH)),
    Rule("anaphylaxis", strong=(ANAPH_STRONG,), all=(ALLERGEN, ANAPH_PLUS), named=(ANAPH_NAMED,)),
    Rule("severe_bleeding", strong=(BLEED_STRONG,)),
    Rule("suicidal", strong=(SUICIDAL_STRONG,),
         unless=_rx(r"\bkill(?:ing)?\s+myself\s+(?:laughing|at\s+(?:the\s+)?gym|with\s+work|studying)",
                    r"笑死", r"(?:累|热|冷|饿|困|忙|烦)死")),
    Rule("sepsis", all=(FEVER, SEPSIS_PLUS), named=(SEPSIS_STRONG,)),
    Rule("infant_fever", all=(INFANT, FEVER)),
    Rule("breathing", strong=(BREATH_STRONG,),
         unless=_rx(r"(?:after|when|climbing|running|during)\s+(?:\w+\s+){0,3}(?:stairs|run|running|exercise|workout|jog)",
                    r"(?:爬楼|跑步|运动|锻炼)(?:后|时|的时候)?(?:有点|有些|稍微|略)")),
)

_NEG_EN = re.compile(r"\b(?:no|not|denies|denied|deny|without|never|negative\s+for|free\s+of|isn'?t|wasn'?t|doesn'?t|don'?t|didn'?t)\b"
                     r"(?:\s+\w+){0,3}\s*$", _F)
_NEG_ZH = re.compile(r"(?:否认|没有|没|无|未|不是|并非|排除)[^，。；！？,.;!?但却突]{0,4}$")
_NOT_NEG_ZH = re.compile(r"无(?:明显)?(?:诱因|原因)")
_CLAUSE = re.compile(r"[.;!?。；！？\n]|,\s*but\b|，但|，却")
# Quoted or hypothetical speech about the condition, not a report of it ("what are the signs of a stroke?").
_EDUCATIONAL = _rx(r"^\s*(?:what|which|how)\s+(?:are|is|do|does|can)\s+(?:the\s+)?(?:signs?|symptoms?|warning\s+signs?|causes?|risk\s+factors?|treatments?|difference)\b",
                   r"^\s*(?:explain|describe|list)\b", r"(?:有哪些|是什么|怎么识别|如何识别|如何预防|怎么预防)(?:症状|表现|征象|原因|危险因素)?[？?]?\s*$")


def _clause_start(text: str, pos: int) -> int:
    start = 0
    for m in _CLAUSE.finditer(text, 0, pos):
        start = m.end()
    return start


def _negated(text: str, start: int) -> bool:
    before = text[_clause_start(text, start):start]
    if _NEG_EN.search(before):
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
        return m.group()
    return None


@dataclass
class RedFlagHit:
    category: str
    evidence: list[str] = field(default_factory=list)


def detect_red_flags(text: str, categories: list[str] | tuple[str, ...] | None = None) -> list[RedFlagHit]:
    """Every emergency category the message describes, with the phrases that triggered it."""
    t = normalize_text(text)
    if _EDUCATIONAL.search(t) and len(t) < 160:
        return []
    wanted = set(categories) if categories is not None else set(LABELS)
    hits: list[RedFlagHit] = []
    for rule in _RULES:
        if rule.category not in wanted:
            continue
        strong = rule.strong + (rule.named if PERSONAL.search(t) else ())
        evidence = [e for e in (_find(p, t, rule.unless) for p in strong) if e]
        if not evidence and rule.all:
            found = [_find(p, t, rule.unless) for p in rule.all]
            if all(found):
                evidence = [f for f in found if f]
        if evidence:
            hits.append(RedFlagHit(rule.category, evidence))
    return hits
