"""De-identifying a judgment's text the way judgments are published (shared/spec/court-rules-2.md §6,
《最高人民法院关于人民法院在互联网公布裁判文书的规定》, 法释〔2016〕19号). Publication (service.py) and the case base
(retrieval/) both redact with it; they differ only in whose names they mask.

- Art. 8 (whose names are masked): in marriage, family and succession cases the parties and their legal
  representatives; in criminal cases the victims, the plaintiffs of an incidental civil action, the witnesses and the
  experts, with their legal representatives; minors and their legal representatives. Art. 11 keeps every other natural
  person's name — a party to a loan case, a criminal defendant, a lawyer — so publication masks those art. 8 lists
  (`art8_masking`), nobody else. The case base is searched across courts and masks every natural person (`EVERYONE`).
- Art. 9 (masking): a Chinese name becomes its surname + 某 (张三 → 张某, 欧阳修 → 欧阳某); a minority name or a
  Chinese rendering of a foreign name (written with ·) its first character + 某 (阿卜杜拉·买买提 → 阿某); a
  Latin-script name its first letter (John Smith → J). Two people masked alike are numbered in order of first
  appearance (张某甲, 张某乙; J1, J2). The court's own staff (审判长, 审判员, 书记员 …) stay, as in every published
  judgment.
- Art. 10 (deleted): ID numbers, telephone numbers, e-mail addresses, bank accounts, vehicle plates, title numbers and
  the street address of a home. A deletion is written × (art. 10's mark where leaving nothing would make the sentence
  unreadable: here every deletion, so a sentence never reads as if nothing stood there). Health information is not
  recognised in free text: the court's staff check it before publishing.
- Art. 11 (kept): organisations' names, seats and codes (统一社会信用代码), a natural person's birth date, sex and
  county or district of residence, lawyers' licence numbers; amounts, dates and statutes are the law of the case
  and are never touched.

Names are found by the role that introduces them (原告, 被告人, 证人, 委托诉讼代理人 …) or by what befell a victim
(致程某受伤); the caller adds the names it knows (a platform case's parties, a corpus's defendants), and every
occurrence of a masked name is masked, so a person named once by role is masked wherever they are mentioned. Pure
functions: no I/O, no settings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import partial

DELETED = "×"

# Who introduces a natural person; longest first so 被告人 is not read as 被告 + a name starting with 人.
ROLES = sorted((
    "原告", "被告", "被告人", "第三人", "上诉人", "被上诉人", "申请人", "被申请人", "再审申请人", "申请执行人",
    "被执行人", "原审原告", "原审被告", "原审第三人", "证人", "被害人", "受害人", "死者", "鉴定人", "法定代理人",
    "委托诉讼代理人", "委托代理人", "诉讼代理人", "辩护人", "附带民事诉讼原告人", "罪犯", "犯罪嫌疑人", "同案犯",
    "借款人", "出借人", "贷款人", "保证人", "抵押人", "出质人", "担保人", "债务人", "债权人", "承租人", "出租人",
    "买受人", "出卖人", "劳动者", "驾驶人", "驾驶员", "法定代表人", "负责人", "经营者", "实际控制人", "股东",
    "配偶", "妻子", "丈夫", "之妻", "之夫", "其妻", "其夫", "儿子", "女儿", "之子", "之女", "其子", "其女", "父亲",
    "母亲", "其父", "其母", "亲属", "员工", "职工", "业务员", "经办人", "收款人", "付款人", "户主", "案外人",
    "朋友", "同事", "邻居", "见证人", "介绍人", "联系人", "持卡人", "账户名", "户名", "姓名",
), key=len, reverse=True)
# A role may be followed by its standing in brackets and a colon: 上诉人（原审被告）：张三.
_ROLE = re.compile("(?P<role>" + "|".join(ROLES) + r")(?:[（(][^）)]{1,12}[）)])?[：:]?\s?")
# Art. 8's groups. Agents (lawyers or not) and the people acting for an organisation keep their names (art. 11).
KEPT_ROLES = frozenset(("委托诉讼代理人", "委托代理人", "诉讼代理人", "辩护人", "法定代表人", "负责人", "经营者",
                        "实际控制人"))
# A legal representative (法定代理人) acts for a minor or for a person without capacity: art. 8 masks them with the
# person they act for in each of its three groups, so their name is masked wherever they appear.
LEGAL_REPRESENTATIVE = "法定代理人"
CRIMINAL_MASKED = frozenset(("被害人", "受害人", "死者", "附带民事诉讼原告人", "证人", "见证人", "鉴定人"))
VICTIM = "被害人"
ADULTHOOD = 18  # 民法典 art. 17

COMPOUND_SURNAMES = (
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "轩辕",
    "令狐", "钟离", "闾丘", "端木", "南宫", "西门", "独孤", "澹台", "万俟", "百里", "呼延", "申屠", "太史", "赫连",
    "拓跋", "完颜", "东郭", "公羊", "濮阳", "淳于", "单于", "太叔", "仲孙", "司空", "司寇", "亓官", "左丘",
)
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温"
    "康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成"
    "苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费"
    "卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝封钭"
    "萧凤贝郜冀郁晁鞠揭蔺粟芮阚訾蔚茅仝栗郗竺蓟禹逯桓"
)
# Tibetan and Mongolian names are written without a surname or a dot: found by their common first syllables, masked
# as art. 9 masks a minority name (first character + 某).
MINORITY_NAME_STARTS = tuple(sorted((
    "扎西", "次仁", "格桑", "索朗", "尼玛", "达瓦", "洛桑", "丹增", "旦增", "平措", "央金", "拉巴", "普布", "边巴",
    "巴桑", "多吉", "卓玛", "德吉", "白玛", "强巴", "曲珍", "仁增", "益西", "顿珠", "巴特尔", "乌云", "斯琴",
    "其木格", "额尔敦", "那仁", "阿拉坦", "布和", "宝音", "苏和", "图雅", "孟和", "萨仁", "朝鲁", "巴雅尔",
    "吉日嘎拉", "乌兰", "哈斯", "特木尔", "敖日格乐",
), key=len, reverse=True))
# Surnames that are also the words a role is most often followed by (原告向本院…, 被告于2020年…, 被告方认为…,
# 原告曾多次…): read as a surname only when the next characters are common in given names.
AMBIGUOUS_SURNAMES = frozenset("于向方曾经时常全单成和及从将明申陆尚应付")
# Common words that begin with a surname and often follow a role (被害人陈述, 被告人明知, 原告申请 …): never names.
NOT_NAMES = frozenset((
    "陈述", "陈列", "明知", "明确", "明显", "申请", "申诉", "申报", "陆续", "高速", "高额", "高于", "任意", "任何",
    "任职", "常年", "时常", "全部", "全额", "同意", "同时", "安排", "安全", "安装", "付款", "付清", "成立", "成为",
    "和解", "经过", "经营", "经济", "单位", "单方", "单独", "车辆", "金额", "金融", "房屋", "房产", "房租", "包括",
    "关于", "关系", "连续", "连带", "管理", "计算", "许可", "宋体", "江边", "路过", "路边", "路口", "游戏", "农业",
    "农村", "史料", "龙头", "武力", "钱款", "钱财", "毛利", "温度", "卫生", "师傅", "商品", "商业", "苏醒", "应当",
    "项目", "简易", "华东", "曲折", "尤其", "吉利", "包装", "罗列", "万元", "余额", "余款", "于是", "严重", "严格",
    "马上", "何时", "何种", "黄金", "宁愿", "宁可", "齐全", "方式", "方便", "时间", "文件", "文书", "车主", "毕业",
))
GIVEN_NAME_CHARS = frozenset(
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红娥玲芬燕彬鹏辉宇浩凯健俊帆帅旭宁龙林欣悦佳琪晨曦雨"
    "婷文建国志海东峰波斌鑫亮成飞斌雪梅莉晶慧颖丹蕾倩琳璐思嘉子涵梓轩博睿泽瑞诚智勤德福寿禄春夏秋冬金银珠宝"
    "荣光耀永长庆祥云山水生发利民安康乐喜凤霞燕鸿鹤翔雁鹰虎豹松柏竹兰菊莲荷桃李杏新立正家少天一二三四五六"
    "七八九小大中卫兵武胜利红军建华振兴宏伟志强德明承恩远萱然宸逸辰皓晗瑶琦萌梦雅妍彤蕊晓"
)
# Where a name ends: the words and punctuation a name is followed by.
_BOUNDARY = set("于与和及向在对为将把被从因以称诉辩请主认提未已均不应等是系的了之其并也亦又再还曾即遂仍尚所要则"
                "到给同据由共就自按经作出入签收驾饮酒借欠付负承拒持多已有无分陈说表当犯涉供归携窜伙趁冒谎骗窃盗醉逃遭受联通转"
                "、，。；：:（）()《》“”\"' \n\t0123456789")
# A boundary elsewhere, a syllable in transliterated names: 买买提, 阿不都拉, 乌云其木格.
_IN_TRANSLITERATIONS = set("提不其")
_CJK = r"\u3400-\u9fff"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_DOTTED_NAME = re.compile(rf"[{_CJK}]{{1,10}}(?:[·•・．.][{_CJK}]{{1,10}}){{1,3}}")
_LATIN_NAME = re.compile(r"[A-Z][a-z'\-]+(?: [A-Z][a-z'\-]+){0,3}|[A-Z]{2,}(?: [A-Z]{2,}){1,3}")
# An organisation follows the role: a name of three characters or more, without the words a sentence goes on with
# (so 张三到派出所 is a person), ending in one of these.
_ORGANISATION_PART = "[^" + "".join(re.escape(char) for char in sorted(_BOUNDARY - set("有分出入通联和"))) + "]"
_ORGANISATION = re.compile(rf"^{_ORGANISATION_PART}{{3,40}}?(?:公司|银行|分行|支行|营业部|合作社|信用社|厂|"
                           r"商行|商店|经营部|门市部|超市|酒店|饭店|中心|医院|学校|幼儿园|大学|学院|委员会|政府|局|所|院|站|队|"
                           r"协会|集团|工作室|俱乐部|基金会|事务所|合伙企业|个体工商户|检察院|法院)")
# A victim named by what befell them, without a role: 致程紫雪受伤, 造成王五死亡.
_HARM_CAUSE = re.compile("(?:致使|导致|造成|致)")
_HARMS = ("受伤", "死亡", "重伤", "轻伤", "轻微伤", "当场死亡", "经抢救无效死亡", "倒地", "骨折")
# A party block's birth date after the name: 张三，男，1985年3月1日出生 (kept by art. 11, read for art. 8's minors).
_BORN = re.compile(r"(?:[（(][^）)]{1,12}[）)])?[，,]\s?(?:[男女][，,]\s?)?(?:[^，,。；]{1,8}族[，,]\s?)?"
                   r"(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?(?:出)?生")
_MASKED = "某"
_NUMBERS_OF_COLLISIONS = "甲乙丙丁戊己庚辛壬癸"

# Art. 10: numbers identifying a person or an account, and the plates of vehicles.
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)")
_LANDLINE = re.compile(r"(?<![\d-])0\d{2,3}-\d{7,8}(?![\d-])")
_ACCOUNT = re.compile(r"(?<![\d-])\d{4}(?:[ -]?\d{4}){2,3}(?:[ -]?\d{1,3})?(?![\d元万])")
_LABELLED_NUMBER = re.compile(r"((?:账号|帐号|卡号|账户|帐户|尾号|身份证号码?|公民身份号码|电话|手机|手机号码?|"
                              r"联系方式|微信号|QQ号?|不动产权证号|房产证号|产权证号|证书编号)(?:为|是)?[：:]?\s?)"
                              r"[0-9A-Za-z*＊](?:[0-9A-Za-z*＊\- ]{2,28}[0-9A-Za-z*＊])")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# Numbers art. 11 keeps though they look like an ID number or an account: an organisation's code, a lawyer's licence.
_KEPT_NUMBER_LABEL = re.compile(r"(?:统一社会信用代码|社会信用代码|组织机构代码|执业证号码?|执业证书?编?号|执业证)"
                                r"(?:为|是)?[：:]?\s?$")
_PLATE = re.compile(r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z][·•\s]?"
                    r"[A-Z0-9]{4,5}[A-Z0-9挂学警]?(?![A-Za-z0-9])")
# A home's address keeps the county or district (art. 11) and loses the rest (art. 10). An organisation's seat
# (住所地, 住所) is kept.
_ADMIN_PART = r"[^\s，。；、,;：:0-9路街道巷弄村镇乡号室组幢栋楼单元小区苑园）)]"
# County level: a district, county or banner (镇远县, 单县 begin with what marks a street elsewhere), or a county-level
# city (not the 市 inside 北市区); twice for a city's own 本市 before its district.
_COUNTY = (rf"(?:(?:[镇单]{_ADMIN_PART}{{0,8}}?|{_ADMIN_PART}{{1,8}}?)(?:区|县|旗)"
           rf"|{_ADMIN_PART}{{1,8}}?市(?![区县旗]))")
_AREAS = (rf"(?:{_ADMIN_PART}{{2,8}}?(?:省|自治区))?(?:{_ADMIN_PART}{{2,8}}?(?:市|自治州|州|盟)(?![区县旗]))?"
          rf"{_COUNTY}{{0,2}}")
_HOME = re.compile(r"((?:户籍地|户籍所在地|经常居住地|居住地|现住址?|暂住|家住|住址|(?<=[，,。；;：:\s])住)"
                   rf"(?![所院宿房]|司法所|基层组织|候审|派出所|公安|社区矫正)[：:]?)({_AREAS})([^，。；,;\n）)]*)")
_ADMINISTRATIVE_AREAS = re.compile(_AREAS)


def home_street(address: str) -> str:
    """What art. 10 deletes of a home's address: all after the county or district art. 11 keeps
    (浙江省杭州市西湖区文三路100号 → 文三路100号)."""
    address = address.strip()
    areas = _ADMINISTRATIVE_AREAS.match(address)
    return address[areas.end():] if areas else address


@dataclass(frozen=True)
class Person:
    """A natural person the text names: the roles that introduce them, and the birth date their party block gives."""

    name: str
    roles: frozenset[str]
    born: date | None = None


Masking = Callable[[Person], bool]


def everyone(person: Person) -> bool:
    """The case base's masking: every natural person found."""
    return True


class Category(StrEnum):
    """The kinds of case art. 8 tells apart."""

    FAMILY = "family"  # marriage, family and succession
    CRIMINAL = "criminal"
    OTHER = "other"


def is_minor(born: date | None, on: date | None) -> bool:
    """Under 18 on the date of the document (民法典 art. 17); unknown when either date is."""
    if born is None or on is None:
        return False
    return (on.year - born.year - ((on.month, on.day) < (born.month, born.day))) < ADULTHOOD


def art8_masking(category: Category, *, on: date | None) -> Masking:
    """Whom publication masks (art. 8): the parties of a family or succession case, the victims, plaintiffs of an
    incidental civil action, witnesses and experts of a criminal case, minors (by the birth date their party block
    gives, on the document's date `on`), and legal representatives. Everyone else keeps their name (art. 11)."""
    def masked(person: Person) -> bool:
        if LEGAL_REPRESENTATIVE in person.roles or is_minor(person.born, on):
            return True
        if category == Category.FAMILY:
            return bool(person.roles - KEPT_ROLES)
        if category == Category.CRIMINAL:
            return bool(person.roles & CRIMINAL_MASKED)
        return False
    return masked


def redact(text: str, *, people: Iterable[str] = (), masking: Masking = everyone) -> str:
    """`text` as it may be published: the natural persons named in it that `masking` masks (found by role) and
    `people` masked, the identifying numbers, plates and home street addresses deleted."""
    return redact_together(text, people=people, masking=masking)[0]


def redact_together(*texts: str, people: Iterable[str] = (), masking: Masking = everyone) -> list[str]:
    """Texts of one case (its judgment and its title, say) redacted alike: a person masked in any is masked in all,
    and numbered the same way in each."""
    cleaned = [deleted_identifiers(text) if text else text for text in texts]
    names = dict.fromkeys(name.strip() for name in people if _is_person_name(name.strip()))
    for text in cleaned:
        names.update(dict.fromkeys(person.name for person in people_in(text or "") if masking(person)))
    replacement = _replacements(list(names))
    if not replacement:
        return cleaned
    pattern = re.compile("|".join(re.escape(n) for n in sorted(replacement, key=len, reverse=True)))
    return [pattern.sub(lambda found: replacement[found.group()], text) if text else text for text in cleaned]


def people_in(text: str) -> list[Person]:
    """The natural persons the text introduces by role (or as harmed), in order of appearance, organisations left
    out; a person introduced several times carries every role."""
    found: list[tuple[int, str, str, date | None]] = []  # where, name, role, born
    for introduced in _ROLE.finditer(text):
        at = introduced.end()
        while (name := _name_at(text, at)) is not None:
            found.append((at, name, introduced.group("role"), _born_after(text, at + len(name))))
            at += len(name)
            if text[at:at + 1] not in ("、", "和", "及"):  # 被告张三、李四和王五: one role, several people
                break
            at += 1
    for cause in _HARM_CAUSE.finditer(text):
        name = _name_at(text, cause.end())
        if name is not None and text.startswith(_HARMS, cause.end() + len(name)):
            found.append((cause.end(), name, VICTIM, None))
    found.sort(key=lambda item: item[0])
    people: dict[str, tuple[set[str], date | None]] = {}
    ended = [_ending(text, at + len(name)) for at, name, _, _ in found]
    for (_, _, role, born), name in zip(found, _whole_names([item[1] for item in found], ended), strict=True):
        roles, known = people.setdefault(name, (set(), born))
        roles.add(role)
        if known is None and born is not None:
            people[name] = (roles, born)
    return [Person(name, frozenset(roles), born) for name, (roles, born) in people.items()]


def _ending(text: str, at: int) -> int:
    """How visibly a name found before `at` ends there: by punctuation, a digit or the end (PUNCTUATED), by a word a
    name is often followed by (BY_WORD: 承 of 承认, but also of 继承), or not at all (OPEN)."""
    if not _CJK_CHAR.match(text, at):
        return PUNCTUATED
    return BY_WORD if text[at] in _BOUNDARY else OPEN


OPEN, BY_WORD, PUNCTUATED = 0, 1, 2


def _whole_names(found: list[str], ended: list[int]) -> list[str]:
    """Each name as found, cut back to the whole name where the role rules took a word after it (a name the
    sentence visibly ends after, by punctuation or a boundary word, is whole: 高秀英（… and 高秀兰，… are two people):
    被告：张三，… then 被告张三金融借款合同纠纷一案: where the short form stands alone elsewhere, the long one is the
    short name and the next word; 被害人孟玲联系… and 被害人孟玲通过…: two long forms that differ only in their last
    character are one name followed by two words. A name ended only by a boundary word yields to a short form ended
    by punctuation: 被告：李四。 then 被告李四继承纠纷 is 李四 (继承), not 李四继."""
    cut = [name[:-1] if whole == OPEN and _given_left(name)
           and any(other != name and other[:-1] == name[:-1] for other in found) else name
           for name, whole in zip(found, ended, strict=True)]
    shorter = set(cut)
    punctuated = {name for name, whole in zip(cut, ended, strict=True) if whole == PUNCTUATED}
    return [name[:-1] if _given_left(name) and (whole == OPEN and name[:-1] in shorter
                                                or whole == BY_WORD and name[:-1] in punctuated) else name
            for name, whole in zip(cut, ended, strict=True)]


def _given_left(name: str) -> bool:
    """Whether a name cut by its last character still has a given name (上官平 → 上官 has none)."""
    return len(name) - 1 > (2 if name[:2] in COMPOUND_SURNAMES else 1)


def _born_after(text: str, at: int) -> date | None:
    born = _BORN.match(text, at)
    if born is None:
        return None
    try:
        return date(int(born.group(1)), int(born.group(2)), int(born.group(3) or 1))
    except ValueError:
        return None


def mask(name: str) -> str:
    """A name as art. 9 masks it (before numbering): 张三 → 张某, 欧阳修 → 欧阳某, 阿卜杜拉·买买提 → 阿某, John → J."""
    if _LATIN_NAME.fullmatch(name):
        return name[0]
    if _DOTTED_NAME.fullmatch(name):
        return name[0] + _MASKED
    surname = name[:2] if name[:2] in COMPOUND_SURNAMES else name[:1]
    return surname + _MASKED


def _name_at(text: str, at: int) -> str | None:
    rest = text[at:at + 60]
    if not rest or _ORGANISATION.match(rest):
        return None
    if latin := _LATIN_NAME.match(rest):
        return latin.group()
    if dotted := _DOTTED_NAME.match(rest):
        return _dotted_name(dotted.group())
    if start := next((start for start in MINORITY_NAME_STARTS if rest.startswith(start)), None):
        return start + _name_part(rest[len(start):], longest=6 - len(start))
    surname = rest[:2] if rest[:2] in COMPOUND_SURNAMES else rest[:1]
    if surname not in COMPOUND_SURNAMES and surname not in SURNAMES:
        return None
    given = ""
    for char in rest[len(surname):len(surname) + 2]:
        # The first character after a surname is part of the name even when it is a word elsewhere (王承恩, 张自强);
        # the ambiguous surnames and NOT_NAMES catch the role followed by a word.
        if (given and char in _BOUNDARY) or not re.match(f"[{_CJK}]", char):
            break
        given += char
    if not given or given.startswith(_MASKED) or (surname + given[0]) in NOT_NAMES:
        return None
    if surname in AMBIGUOUS_SURNAMES and not all(char in GIVEN_NAME_CHARS for char in given):
        return None
    return surname + given


def _dotted_name(run: str) -> str:
    """阿卜杜拉·买买提出庭作证 → 阿卜杜拉·买买提: the last part of a dotted name ends where the sentence goes on."""
    *first, last = re.split("([·•・．.])", run)
    return "".join(first) + _name_part(last, longest=4)


def _name_part(rest: str, *, longest: int) -> str:
    """The characters of a transliterated name up to where the sentence goes on (斯琴高娃出具 → 高娃 after 斯琴)."""
    kept = ""
    for char in rest:
        if (char in _BOUNDARY and char not in _IN_TRANSLITERATIONS) or len(kept) == longest \
                or not re.match(f"[{_CJK}]", char):
            break
        kept += char
    return kept


def _is_person_name(name: str) -> bool:
    return 2 <= len(name) <= 40 and not _ORGANISATION.match(name) and _MASKED not in name


def _replacements(names: list[str]) -> dict[str, str]:
    """Each name's mask; names masked alike numbered in order of first appearance."""
    by_mask: dict[str, list[str]] = {}
    for name in names:
        by_mask.setdefault(mask(name), []).append(name)
    replacement = {}
    for masked, alike in by_mask.items():
        for number, name in enumerate(alike):
            if len(alike) == 1:
                replacement[name] = masked
            elif masked.endswith(_MASKED):
                replacement[name] = masked + _NUMBERS_OF_COLLISIONS[number % len(_NUMBERS_OF_COLLISIONS)]
            else:
                replacement[name] = f"{masked}{number + 1}"
    return replacement


def deleted_identifiers(text: str) -> str:
    """`text` with art. 10's identifying items deleted (×) and the county of a home kept: every redaction's first
    pass."""
    def labelled(found: re.Match[str]) -> str:
        kept = _KEPT_NUMBER_LABEL.search(text[max(0, found.start() - 16):found.start()] + found.group(1))
        return found.group() if kept else found.group(1) + DELETED

    text = _LABELLED_NUMBER.sub(labelled, text)
    for pattern in (_ID_NUMBER, _EMAIL, _MOBILE, _LANDLINE, _ACCOUNT, _PLATE):
        text = pattern.sub(partial(_deleted, text), text)
    return _HOME.sub(lambda m: m.group(1) + m.group(2) + (DELETED if m.group(3).strip() and not m.group(2) else ""),
                     text)


def _deleted(text: str, found: re.Match[str]) -> str:
    """× for a number art. 10 deletes; an organisation's code or a lawyer's licence number kept (art. 11)."""
    return found.group() if _KEPT_NUMBER_LABEL.search(text[max(0, found.start() - 16):found.start()]) else DELETED
