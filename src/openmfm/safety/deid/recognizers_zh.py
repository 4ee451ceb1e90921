"""Recognizers for identifiers written the Chinese way: names, resident ID numbers, phone
numbers, addresses and dates.

Chinese has no capital letters and most surnames are also common characters (高, 王, 于), so a
name is only taken where a surname sits in a naming context (姓名：, 患者…, …医生, …，男，45岁).
The engine then finds every other occurrence of a name it has confirmed.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from .recognizer import RegexRecognizer

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟"
    "熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒"
    "阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏"
    "宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉"
    "伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸"
    "战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由凤洪侍萧乜郦蓬訾赖庾贝邴糜鄂蔚郗"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文", "司徒", "夏侯",
                     "轩辕", "端木", "独孤", "南宫", "西门", "百里", "呼延", "申屠", "太史", "澹台", "公冶", "宗政", "濮阳", "淳于",
                     "单于", "钟离", "万俟", "闻人", "赫连", "第五")
_SUR = "(?:" + "|".join(COMPOUND_SURNAMES) + f"|[{SURNAMES}])"
_HAN = r"[\u4e00-\u9fff]"
# Characters that usually follow a name rather than end it ("患者张伟因胸痛…").
_PLACE_NEXT = set("市县区省镇乡村路街州第")
_FOLLOW = set("因于在今主诉自近以入来被经的是和与等男女性年岁昨前后曾出现无有及同到去从向已将为既也诊术院科室")
_LABEL = (r"姓名|患者姓名|病人姓名|联系人|紧急联系人|家属|监护人|陪同人|陪诊人|代诉人|委托人|签名|签字|医师签名|主治医师|主任医师|副主任医师|住院医师|"
          r"经治医师|主管医师|主管医生|床位医生|责任护士|护士|医师|医生|记录者|记录人|报告人|审核人|审核医师|报告医师|检查医师|转诊医生|接诊医生|"
          r"转出医生|介绍人|负责人|申请医生|开单医生|检验者|审核|复核|核对者|操作者|填表人|经办人|送检医生|检验医师|谈话医师|见证人|"
          r"患者签字|家属签字|交班护士|接班护士|签字人|授权人|被授权人")
# Any short label ending in an agent word ("检验者：", "操作员：", "值班医生：") introduces a person.
_AGENT_LABEL = r"[\u4e00-\u9fff]{0,4}(?:者|人|员|师|医生|护士|签字|签名|对象|姓名|名字)\s*[:：]"
_KIN = (r"患者|病人|患儿|产妇|孕妇|其子|其女|其夫|其妻|老伴|家属|配偶|兹有|兹证明|亲爱的|致|"
        r"(?:之|其)(?:子|女|夫|妻|父|母|兄|弟|姐|妹|孙)|之?(?:儿子|女儿|丈夫|妻子|父亲|母亲|孙女|孙子|外孙女?|儿媳|女婿|侄子|侄女|外甥女?|弟弟|妹妹|哥哥|姐姐|爱人|伴侣)")
_TITLE = (r"医生|医师|大夫|主任|副主任|教授|护士长|护士|先生|女士|小姐|同志|老师|老人|阿姨|奶奶|爷爷|老先生|老太太|师傅|院长|科长|"
          r"大爷|大妈|大娘|大叔|大婶|大姐|大哥|阿婆|阿公|婆婆|伯伯|叔叔|老伯|老汉|老太")


# A title followed by a colon, or by a space and more Chinese text, is a field label
# ("谈话医师：", "麻醉医师 王芳"), so the characters before it are not a name.
_LABEL_AFTER = re.compile(rf"(?:{_TITLE}|者|人|员|师)?\s*[:：]|(?:{_TITLE}|者|人|员|师)[ \t\u3000]+(?=[\u4e00-\u9fff])")


class ChineseNameRecognizer(RegexRecognizer):
    ENTITY = "PERSON"
    FLAGS = 0
    PATTERNS = [
        (rf"(?:{_LABEL})\s*[:：]?\s*(?P<v>{_SUR}{_HAN}{{1,2}})", 0.9),
        (rf"(?:{_KIN})\s*[:：]?\s*(?P<v>{_SUR}{_HAN}{{1,2}})", 0.75),
        (rf"{_AGENT_LABEL}\s*(?P<v>{_SUR}{_HAN}{{1,2}})", 0.75),
        (rf"(?P<v>{_SUR}{_HAN}{{1,2}}?)[ \t\u3000]?(?:{_TITLE})", 0.7),
        (rf"(?P<v>{_SUR}{_HAN}{{1,2}}?)之(?:子|女|夫|妻|父|母|孙|兄|弟|姐|妹|外孙|儿媳|女婿|侄)", 0.7),
        (rf"(?P<v>{_SUR}{_HAN}{{1,2}})\s*[，,、（(\s]\s*(?:性别\s*[:：]?\s*)?[男女]", 0.85),
        (rf"(?P<v>{_SUR})(?:{_TITLE})", 0.6),
    ]

    def analyze(self, text, entities, nlp_artifacts=None):
        # Trim a given name that swallowed the next word ("张伟因" -> "张伟") and drop
        # one-character "names" that are just a surname before an ordinary word.
        out = []
        for r in super().analyze(text, entities, nlp_artifacts):
            value = text[r.start:r.end]
            sur = 2 if value[:2] in COMPOUND_SURNAMES else 1
            given = value[sur:]
            if len(given) == 2 and (value[-1] in _FOLLOW or zh_is_word(text[r.end - 1:r.end + 1]) and not _zh_given_ok(given)):
                r.end -= 1  # "高斌详细交代": 详细 is the next word
            elif len(given) == 2 and zh_is_word(given) and given[0] not in GIVEN_CHARS:
                continue  # "向患者": a surname character before an ordinary noun
            value = text[r.start:r.end]
            if value in _NOT_NAMES or value[sur:] in _TIME_WORDS:
                continue
            if zh_is_word(value) and not _zh_given_ok(value[sur:]):
                continue  # "主任医师查房": 查房 is a word, not a name
            if len(value) - sur >= 1 and value[sur] in _FOLLOW:
                continue
            if text[r.end:r.end + 1] in _PLACE_NEXT or text[r.end - 1] in _PLACE_NEXT:  # 武汉市, 张家港市: places
                continue
            if _LABEL_AFTER.match(text, r.end):  # "谈话医师：", "交班护士：" are labels, not "谈话", "班"
                continue
            if len(value) == 1 and r.start and zh_is_word(text[r.start - 1:r.end]):  # 主任医师: 任 is not a surname here
                continue
            out.append(r)
        return out


# Surnames that are also everyday words; a two-character "name" starting with one is a guess too far.
_COMMON_WORD_SURNAMES = set("查相和于常时明全原来应初门都但由平国高文方安成向强解单区过能可")


class ChineseSegmenterNameRecognizer(RegexRecognizer):
    """Names in running prose, where no label or title is near ("指示：张磊目前发热"): jieba's
    part-of-speech tagger marks person names (``nr``); we keep those that start with a known
    surname and are 2-4 characters long. Lower score than a labelled name: it is a model's guess."""

    ENTITY = "PERSON"
    PATTERNS = []
    SCORE = 0.55

    def analyze(self, text, entities, nlp_artifacts=None):
        from presidio_analyzer import RecognizerResult  # deferred: Presidio and spaCy take seconds to import

        if not re.search(r"[\u4e00-\u9fff]", text):
            return []
        import jieba.posseg as pseg  # deferred: jieba loads its dictionary

        _jieba_dict()
        words, pos = [], 0
        for w in pseg.cut(text, HMM=False):
            words.append((w.word, w.flag, pos))
            pos += len(w.word)
        found: list[tuple[int, int, float]] = []
        for i, (word, flag, start) in enumerate(words):
            # 1. jieba's own person tags (nr, nrfg, nrt), cut at a trailing function character.
            if flag.startswith("nr") and re.fullmatch(r"[\u4e00-\u9fff]{2,5}", word):
                w = word.rstrip("之的了在是和与向对给把被")
                # "女高斌" (之女 + 高斌): a kinship character in front of a surname
                if (len(w) >= 3 and w[0] in "子女夫妻父母孙兄弟姐妹" and w[1] in SURNAMES
                        and (w[0] not in SURNAMES or text[start - 1:start] in ("之", "其"))):
                    w, s0 = w[1:], start + 1
                else:
                    s0 = start
                sur = 2 if w[:2] in COMPOUND_SURNAMES else 1
                if 1 <= len(w) - sur <= 2 and zh_name_ok(w, strict=w in _jieba_dict()) and not (len(w) == 2 and w[0] in _COMMON_WORD_SURNAMES):
                    found.append((s0, s0 + len(w), self.SCORE))
                    continue
            # 2. A surname token followed by given-name characters that jieba split off or tagged as
            #    something else ("廖/nr 坤/ns", "何/r 建平/n"): the whole must be a name-shaped string
            #    that is not a dictionary word and whose given characters are common in names.
            if not word or word[0] not in SURNAMES and word[:2] not in COMPOUND_SURNAMES:
                continue
            # Extend token by token to at most surname + two characters; keep the longest reading
            # that is name-shaped ("廖/秀/荣" -> 廖秀荣; "高/斌/详细" -> 高斌).
            limit = 4 if word[:2] in COMPOUND_SURNAMES else 3
            cand, end, best = word, start + len(word), None
            k = i + 1
            while True:
                if (2 <= len(cand) <= limit and flag not in ("m", "eng", "x") and zh_name_ok(cand, strict=True) and text[end:end + 1] not in _PLACE_NEXT
                        and not (len(cand) == 2 and cand[0] in _COMMON_WORD_SURNAMES and len(word) > 1)):
                    best = end
                if k >= len(words) or len(cand) + len(words[k][0]) > limit or not re.fullmatch(r"[\u4e00-\u9fff]+", words[k][0]):
                    break
                cand, end, k = cand + words[k][0], end + len(words[k][0]), k + 1
            if best:
                found.append((start, best, 0.5))
        out = []
        for start, end, score in found:
            if text[end:end + 1] in _PLACE_NEXT or text[end - 1] in _PLACE_NEXT:
                continue
            if any(zh_is_word(text[start:end + k]) for k in (1, 2) if end + k <= len(text)):
                continue  # "屈光不正": the candidate is the head of a longer word
            if re.search(r"(?:^|[\s；;。，,）)])\d{1,2}\s*[.、．)）]\s*$", text[max(0, start - 8):start]) and re.match(_HAN, text[end:end + 1]):
                continue  # an item of a numbered list running on as a term: "2. 屈光不正"
            if _LABEL_AFTER.match(text, end):
                continue
            out.append(RecognizerResult(entity_type="PERSON", start=start, end=end, score=score,
                                        recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                                              RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}))
        return out


# Chinese given-name characters: the few hundred characters most given names are made of. A
# surname followed by one or two of these, where the string is not an ordinary word, reads as
# a name even in running prose.
GIVEN_CHARS = set(
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红鹏辉建文斌宇浩凯健俊帆帅旭宁婷玲晶欣雪梅琳丹倩颖慧莉燕鑫波"
    "飞林峰亮成志彬博龙坤宏海云东晨阳光荣新国庆德福春秋冬雨雯璐瑶琪琦佳嘉怡悦蕾蓉珍珊贞淑惠美翠凤兵毅振泽豪锋鸣鸿岩巍伦"
    "楠柏松青清雷想莹瑞睿卫琴婉妍娇晓小永立金银宝贵生发祥瑜璇萱涵轩然彤晗昊天航欢乐芬芸月娥花香琼珠莲兴旺彪虎威武力猛"
    "仁义礼智信忠孝廉诚冰洁馨露霖媛姗蓓嫣晴岚薇芮茜菲瑾萌姿卿达远广民昌盛煌思维学才彦恒昕晟炜烨煜琛璋桂芝兰英艺"
    "凡玮琰璟昱曦晖晔朗舒畅逸飘翔鹤鹰雁鹃鸽鹏程锦绣丰富裕泰安康乐业勤俭良善贤淑惠妮娅婕妤姣娴婵娟妹姐哥弟梦琬瑗蓉芷"
    "若兮依伊正中和平秀丽柳红梅玉珍淑珍秀珍凤英金凤春燕海燕秀兰建国建军志强志明振华振国荣华秀云桂芳丽娟国强国华"
    "雅琴嘉豪子轩梓涵一诺浩宇欣怡紫萱梓萱皓轩宇航若曦雨涵沐宸雪峰晓东晓明晓燕晓红晓丽伟东伟华伟民宏伟红霞丹丹婷婷"
    "杨帆浩然海波海涛海军海龙长春长江长青长林振宇振东建平建华建新建明建伟建勇建强建忠建设桂香桂荣桂珍桂兰桂花凤兰"
    "凤芝凤琴凤霞玉兰玉梅玉英玉华玉凤玉芳玉珍玉洁玉霞冬梅冬青秀华秀梅秀芳秀荣秀霞秀琴秀芬秀凤淑英淑华淑兰淑芳淑琴"
    "淑敏淑云瑞华瑞芳亚军亚男亚楠亚丽亚萍静怡静雯雅静雅婷欣然可欣可馨子涵子怡子豪思远思雨思琪梦琪梦洁梦瑶诗涵诗琪"
    "慧敏慧娟立新立军立平立华利民利华利军利平少华少军少杰少东德华德明德胜德军宝华宝林宝山宝玉金华金龙金山金花银花"
    "佩琪佩玲蕊葳茵蔚颐旻昀晞暄暖铭锐钰钧镇鑫淼森焱垚磊晶品众轶骏驰骋骁腾跃超越群英卓尔俊杰朝阳旭东曙光光辉耀祖"
)


def _zh_given_ok(given: str) -> bool:
    return all(c in GIVEN_CHARS for c in given)


@lru_cache(maxsize=1)
def _jieba_dict() -> dict:
    import jieba  # deferred: jieba loads its dictionary
    import jieba.posseg as pseg  # deferred: jieba loads its dictionary

    jieba.setLogLevel(60)
    pseg.dt.check_initialized()
    return pseg.dt.word_tag_tab


def zh_is_word(s: str) -> bool:
    """An ordinary dictionary word (not one jieba lists as a person name)."""
    tag = _jieba_dict().get(s)
    return tag is not None and not tag.startswith("nr")


def zh_name_ok(value: str, strict: bool, words_ok: bool = False) -> bool:
    """A surname and one or two given-name characters that is not an ordinary word. ``strict``:
    the given characters must also be common in names; ``words_ok``: a dictionary word is
    accepted too (for a field whose label already says it holds a person: "主刀：申明")."""
    sur = 2 if value[:2] in COMPOUND_SURNAMES else 1
    given = value[sur:]
    if not 1 <= len(given) <= 2 or value[:sur] not in COMPOUND_SURNAMES and value[0] not in SURNAMES:
        return False
    if not words_ok and zh_is_word(value):
        return False
    if given in _TIME_WORDS or value in _NOT_NAMES:
        return False  # "于明天", "此致敬礼"
    if given in _KIN_WORDS or given[-1:] in "某氏":
        return False  # "由弟弟", "张某", "王氏"
    return not strict or _zh_given_ok(given)


_KIN_WORDS = {"弟弟", "妹妹", "哥哥", "姐姐", "爸爸", "妈妈", "爷爷", "奶奶", "儿子", "女儿", "丈夫", "妻子", "老伴", "孙子", "孙女",
              "家属", "外婆", "外公", "姥姥", "姥爷", "表哥", "表姐", "表弟", "表妹", "堂哥", "堂姐", "叔叔", "阿姨", "伯伯", "舅舅"}

_TIME_WORDS = {"明天", "今天", "昨天", "后天", "前天", "上午", "下午", "晚上", "今晨", "明晨", "当天", "次日", "近期", "目前", "今年", "明年", "去年"}
_NOT_NAMES = {"敬礼", "和中", "谨致"}

_RID_W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_RID_C = "10X98765432"


def resident_id_valid(number: str) -> bool:
    """GB 11643-1999: 17 digits, a check character, and a real birth date in positions 7-14."""
    n = number.upper()
    if len(n) != 18 or not n[:17].isdigit():
        return False
    if _RID_C[sum(int(d) * w for d, w in zip(n[:17], _RID_W)) % 11] != n[17]:
        return False
    try:
        born = date(int(n[6:10]), int(n[10:12]), int(n[12:14]))
    except ValueError:
        return False
    return date(1880, 1, 1) <= born <= date.today()


class ResidentIdRecognizer(RegexRecognizer):
    """18-character resident ID numbers, spaces and dashes tolerated (full-width digits are
    folded before analysis). A number of the right shape whose check digit or birth date is
    wrong is *not* reported as a resident ID: it becomes a generic ``ID_NUMBER`` with a lower
    score, which is still redacted at the default threshold (a mistyped ID is still an ID),
    and is pushed over the threshold by an ID label nearby."""

    ENTITY = "CN_RESIDENT_ID"
    PATTERNS = [(r"(?<![\dA-Za-z])[1-9]\d{5}[\s-]?(?:18|19|20)\d{2}[\s-]?\d{4}[\s-]?\d{3}[\dXx](?![\dA-Za-z])", 0.95),
                (r"(?<![\dA-Za-z])[1-9](?:\s?\d){16}\s?[\dXx](?![\dA-Za-z])", 0.9)]
    CONTEXT = r"身份证|证件号|公民身份|ID\s*(?:card|No)|resident\s+id"

    def validate(self, value: str, text: str, start: int, end: int):
        digits = "".join(c for c in value if c.isalnum())
        if len(digits) != 18:
            return None
        if resident_id_valid(digits):
            return 1.0
        return ("ID_NUMBER", 0.5)


class ChinesePhoneRecognizer(RegexRecognizer):
    ENTITY = "PHONE_NUMBER"
    PATTERNS = [
        (r"(?<![\d])(?:(?:[(（]\s?(?:\+|00)?86\s?[)）]|(?:\+|00)?86)[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}(?!\d)", 0.85),
        (r"(?<![\d])(?:\(0\d{2,3}\)|（0\d{2,3}）|0\d{2,3}[-\s])\s?[2-9]\d{6,7}(?:[-转]\d{1,5})?(?!\d)", 0.8),
        # Landlines with the country code (the trunk 0 dropped) or in two groups: "+86 755 7013 4946",
        # "+86-27-76393309", "(+86)21-54285052", "0571 7303 0048".
        (r"(?<![\d])(?:[(（]\s?(?:\+|00)86\s?[)）]|(?:\+|00)86)[-\s]?[(（]?0?[1-9]\d{1,2}[)）]?[-\s]?[2-9]\d{2,3}[-\s]?\d{4}(?!\d)", 0.8),
        (r"(?<![\d])0[1-9]\d{1,2}[-\s][2-9]\d{2,3}[-\s]\d{4}(?!\d)", 0.75),
        (r"(?:电话|手机|联系方式|联系电话|座机|传真|拨打|致电|呼叫|Tel|Phone|Fax)(?:号码?)?\s*[:：]?\s*(?P<v>\+?\d[\d\s-]{5,16}\d)(?!\d)", 0.8),
    ]


PROVINCES = ("北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西", "山东",
             "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏",
             "宁夏", "新疆", "香港", "澳门")
_PROV = "(?:" + "|".join(PROVINCES) + r")(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)?"
_CITY = rf"{_HAN}{{1,6}}?(?:市|州|盟|地区)"
_DIST = rf"{_HAN}{{1,5}}?(?:区|县|旗)"
_TOWN = rf"{_HAN}{{1,5}}?(?:镇|乡|街道)"
_STREET = rf"[\u4e00-\u9fff\dA-Za-z]{{1,10}}?(?:路|街|大道|道|巷|胡同|弄|里)"
_NUM = r"(?:\d+|[一二三四五六七八九十百]+)(?:号|弄)"
_BUILD = (r"(?:[\u4e00-\u9fffA-Za-z\d-]{0,10}?(?:小区|花园|公寓|大厦|家园|新村|村|社区|苑|庄园|广场|座|栋|幢|号楼|单元|室|层|楼|"
          r"(?:\d+|[一二三四五六七八九十]+)(?:组|队|社|屯))\d*)")
_CTX = r"住址|地址|家住|现住|住在|居住(?:于|在)?|户籍(?:地|所在地)?|籍贯|来自|家庭住址|现住址|联系地址|通讯地址|寄送至|出生地"
_LEAD = ("想回老家", "回老家", "老家在", "老家", "家庭住址", "现住址", "联系地址", "通讯地址", "户籍所在地", "住址", "地址", "家住", "现住", "住在", "居住于", "居住在", "居住",
         "户籍地", "户籍", "籍贯", "来自", "位于", "患者", "现", "家", "住", "于", "在", "至", "到", "从")


class ChineseAddressRecognizer(RegexRecognizer):
    """Province/city/district/street addresses. A province alone is not identifying (Safe
    Harbor keeps state-level geography), so a match must go below it."""

    ENTITY = "ADDRESS"
    FLAGS = 0
    PATTERNS = [
        (rf"(?P<v>{_PROV}(?:{_CITY})?(?:{_DIST})?(?:{_TOWN})?(?:{_STREET})?(?:{_NUM})?(?:{_BUILD})*(?:\s?\d{{6}}(?!\d))?)", 0.85),
        (rf"(?:{_CTX})\s*[:：]?\s*(?P<v>(?:{_CITY}|{_DIST})(?:{_DIST})?(?:{_TOWN})?(?:{_STREET})?(?:{_NUM})?(?:{_BUILD})*)", 0.85),
        (rf"(?P<v>(?:{_CITY})?(?:{_DIST})?{_HAN}{{2,6}}(?:路|街|大道|巷|胡同|弄){_NUM}(?:{_BUILD})*)", 0.8),
        # Rural addresses: county or city, then township, then village ("兰州县金沙镇和平村7组").
        (rf"(?P<v>(?:{_CITY})?{_DIST}{_TOWN}{_HAN}{{1,6}}?(?:村|社区|屯|寨)(?:(?:\d+|[一二三四五六七八九十]+)(?:组|队|社))?(?:{_NUM})?(?:{_BUILD})*)", 0.8),
    ]

    def analyze(self, text, entities, nlp_artifacts=None):
        out = []
        for r in super().analyze(text, entities, nlp_artifacts):
            value = text[r.start:r.end]
            trimmed = True
            while trimmed:
                trimmed = False
                for lead in _LEAD:
                    if value.startswith(lead) and len(value) > len(lead) + 2:
                        value, r.start, trimmed = value[len(lead):], r.start + len(lead), True
                        break
            prov = next((p for p in PROVINCES if value.startswith(p)), None)
            rest = value[len(prov):].lstrip("省市") if prov else value
            if prov and len(rest) < 2 or (prov and rest in ("自治区", "壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区")):
                continue
            out.append(r)
        return out


_CN_NUM = "〇零一二三四五六七八九"


class ChineseDateRecognizer(RegexRecognizer):
    """Dates with a month or day (a year alone is not identifying under Safe Harbor), in Chinese
    and numeric forms, with an optional time."""

    ENTITY = "DATE"
    _T = r"(?:\s*(?:上午|下午|晚上|凌晨|中午|早上|傍晚|夜间|AM|PM|am|pm)?\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?|\s*(?:上午|下午|晚上|凌晨|中午|早上)?\s*\d{1,2}\s*[时点](?:\s*\d{1,2}\s*分)?)?"
    _M = r"(?:0?[1-9]|1[0-2])"
    _D = r"(?:0?[1-9]|[12]\d|3[01])"
    PATTERNS = [
        (rf"(?<!\d)(?:19|20)\d{{2}}\s*年\s*\d{{1,2}}\s*月(?:\s*\d{{1,2}}\s*[日号])?{_T}", 0.9),
        # Two-digit years: "20年3月27日", "23.07.05", "16/8/16", "24-03-06 02:39" (same separator twice).
        (rf"(?<![\d.])\d{{2}}\s*年\s*{_M}\s*月\s*{_D}\s*[日号]{_T}", 0.85),
        (rf"(?<![\d.:/-])\d{{2}}(?P<s>[./-]){_M}(?P=s){_D}(?![\d]|\.\d|/\d|-\d){_T}", 0.7),
        # Month and day alone ("8.1", "4-23", "12.23") only with a sign of time around them: a time of
        # day after, 起/前/后/送检/复诊 or a weekday after, 自/于/至/末次… before, or a bare bracket.
        (rf"(?<![\d.:/A-Za-z-]){_M}[.-]{_D}(?:[ \t]*\d{{1,2}}[:：]\d{{2}}(?:[:：]\d{{2}})?(?![\d:])|(?=\s*(?:起|止|前|后|开始|送检|复诊|复查|就诊|入院|出院|手术|晚上?|上午|下午|凌晨|中午|早上|夜间)|"
         rf"\s*[（(]\s*(?:周|星期)[一二三四五六日天]\s*[）)]))", 0.75),
        (rf"(?:自|于|至|到|截至|截止|从|末次\S{{0,8}}?为|上次\S{{0,8}}?为|日期[：:]?|时间[：:]?|下次\S{{0,4}}?[：:])[ \t]*"
         rf"(?P<v>{_M}[.-]{_D})(?![\d.:/%])(?=[）)，,。；;\s]|送检|起|$)", 0.75),
        (rf"(?<=[（(])[ \t]*(?P<v>{_M}-{_D}(?=[ \t]*[）)])|{_M}[.-]{_D}(?=送检|检查|复查|采样|留取))", 0.7),
        (rf"(?<=[\u4e00-\u9fff][ \t])(?P<v>{_M}-{_D})(?=[ \t]*(?:\n|$))", 0.6),
        (rf"(?<![\d年])\d{{1,2}}\s*月\s*\d{{1,2}}\s*[日号]{_T}", 0.85),
        (rf"[{_CN_NUM}]{{4}}\s*年\s*[一二三四五六七八九十]{{1,2}}\s*月(?:\s*[一二三四五六七八九十]{{1,3}}\s*[日号])?", 0.9),
        (rf"(?<![\d.])(?:19|20)\d{{2}}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])(?![\d])(?:[T\s]\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?", 0.9),
        (r"(?<![\d.])(?:19|20)\d{2}[-/.](?:0?[1-9]|1[0-2])(?![\d.])", 0.6),
        (r"(?:日期|生日|出生|入院|出院|就诊|DOB|Date)\S{0,4}\s*[:：]?\s*(?P<v>(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))(?!\d)", 0.9),
    ]


CLASSES = (ChineseNameRecognizer, ChineseSegmenterNameRecognizer, ResidentIdRecognizer, ChinesePhoneRecognizer, ChineseAddressRecognizer, ChineseDateRecognizer)
