"""Elements of a drunk-driving case (危险驾驶罪, 醉酒驾驶) from an indictment or the fact part of a judgment.

Every element is a `Finding` with the document and the character span it was read from, as for loans. Only the
fact part is read: a judgment's text is cut at 本院认为 / 判决如下 (`fact_part`), so the court's sentence is never
read off the answer. The patterns follow how real indictments and judgments write each element; the tests name the
phrase each pattern was written for.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from omnicourt.assistant.documents import CaseDocument
from omnicourt.assistant.numbers import chinese_integer, fold
from omnicourt.loans.elements import Elements, Finding

# Field -> label, in the order the judge sees them.
LABELS = {
    "bac.mg_per_100ml": "血液酒精含量（mg/100ml）",
    "bac.method": "检验方式",
    "vehicle.kind": "车辆类型",
    "vehicle.heavy_goods": "驾驶重型载货汽车",
    "vehicle.passenger": "从事客运（载有乘客）",
    "road.expressway": "在高速公路上驾驶",
    "accident.occurred": "发生交通事故",
    "accident.responsibility": "事故责任",
    "accident.injury": "致人受伤",
    "accident.fled": "事故后逃逸",
    "licence.none": "无驾驶资格",
    "inspection.evaded": "逃避、阻碍公安机关检查",
    "custody.measure": "强制措施（最近）",
    "prior.drink_driving": "曾因酒后驾驶受处罚",
    "prior.dangerous_driving": "曾因危险驾驶受刑事追究",
    "prior.criminal": "有其他前科",
    "confession.surrender": "自首",
    "confession.frank": "坦白（如实供述）",
    "plea.guilty": "认罪认罚",
    "compensation.paid": "赔偿损失",
    "forgiveness": "取得谅解",
    "prosecution.term_months": "公诉机关量刑建议：拘役（月）",
    "prosecution.fine": "公诉机关量刑建议：罚金（元）",
    "prosecution.probation": "公诉机关量刑建议：缓刑",
}

_FACT_END = re.compile(r"本院认为|判决如下|裁定如下|经审理查明[^。]{0,20}判处")


def fact_part(text: str) -> str:
    """The text before the court's reasoning (本院认为) or operative part: what an indictment and the facts say."""
    match = _FACT_END.search(text)
    return text if match is None else text[:match.start()]


_CN = "零〇一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟"


def _number(raw: str) -> float:
    raw = fold(raw).replace(" ", "").replace(",", "")
    raw = raw.replace("l", "1").replace("O", "0").replace("o", "0")
    if re.fullmatch(r"\d+(\.\d+)?", raw):
        return float(raw)
    if re.fullmatch(r"\d+万", raw):
        return float(raw[:-1]) * 10000
    return float(chinese_integer(raw.replace("两", "二")))


class _Reader:
    def __init__(self, documents: Sequence[CaseDocument]):
        self.documents = [(d.name, fold(fact_part(d.text))) for d in documents]
        self.originals = {d.name: d.text for d in documents}  # folding keeps offsets: quotes come from here
        self.found: Elements = {}

    def first(self, pattern: str, *, flags: int = 0) -> tuple[str, re.Match] | None:
        for name, text in self.documents:
            match = re.search(pattern, text, flags)
            if match:
                return name, match
        return None

    def all(self, pattern: str):
        for name, text in self.documents:
            for match in re.finditer(pattern, text):
                yield name, match

    def put(self, field: str, value, hit: tuple[str, re.Match], confidence: float = 0.9, group: int = 0) -> None:
        name, match = hit
        if field in self.found:
            return
        start, end = match.span(group)
        text = self.originals.get(name, match.string)
        self.found[field] = Finding(field, value, name, start, end, confidence, text[start:end])

    def flag(self, field: str, pattern: str, *, negative: str | None = None, negative_after: str | None = None
             ) -> bool:
        """A yes/no element: True with its span when the pattern is found, with no negation right before it and
        nothing right after it that makes it a quoted rule or someone else's past (`negative_after`)."""
        for name, match in self.all(pattern):
            before = match.string[max(0, match.start() - 6):match.start()]
            after = match.string[match.end():match.end() + 6]
            if negative and re.search(negative, before):
                continue
            if negative_after and re.match(negative_after, after):
                continue
            self.put(field, True, (name, match))
            return True
        return False


_NUM = r"(\d{2,3}(?:\s*[.．、]\s*[\dl]+)?)"
_PER100 = r"[/／\\\\]\s*(?:100|l00|lOO|1OO|10O|一百)\s*(?:ml|mL|ML|毫升|m1|mg|ｍｌ)"
_BAC_PATTERNS = (
    # 血液中乙醇含量为128.25mg/100ml ; 酒精含量为95．64毫克／100毫升 ; 325.35／100ml ; 120.llmg/lOOml
    rf"{_NUM}\s*(?:㎎|mg|MG|Mg|毫克)?\s*(?:乙醇)?\s*{_PER100}",
    # 每百毫升128.25毫克 / 每100ml血液含乙醇246.015mg / 每100毫升血液中含有262.6毫克乙醇
    r"每(?:百|100|一百)(?:毫升|ml|mL)(?:血液)?(?:中)?(?:含有|含)?(?:乙醇|酒精)?(?:含量)?(?:为)?\s*"
    r"(\d{2,3}(?:\.\d+)?)\s*(?:毫克|mg|㎎)",
    # 1.28mg/ml ; 1.00mg乙醇/m1
    r"(\d\.\d+)\s*(?:mg|毫克|㎎)\s*(?:乙醇)?\s*[/／]\s*(?:ml|mL|毫升|m1)(?![\d])",
)
_BREATH = re.compile(r"呼气|呼吸|吹气|现场(?:酒精)?(?:测试|检测|测)")
_BLOOD_SAMPLE = re.compile(r"血样|抽血|抽取血|提取血|血液样本|送检|鉴定|检验报告")
_THRESHOLD = re.compile(r"(达到|超过|大于|标准|以上|≥|>=|不低于|高于)\s*$")


def _bac(reader: _Reader) -> None:
    """The blood test's value; a breath reading only when no blood value is stated. Quoted legal thresholds
    (达到80mg/100ml) and values under 20 are not readings."""
    candidates = []
    for index, pattern in enumerate(_BAC_PATTERNS):
        for name, match in reader.all(pattern):
            raw = re.sub(r"\s", "", match.group(1)).replace("．", ".").replace("、", ".").replace("l", "1")
            try:
                value = float(raw)
            except ValueError:
                continue
            if index == 2:
                value *= 100
            if _THRESHOLD.search(match.string[max(0, match.start() - 4):match.start()]) or value < 20:
                continue
            sentence = match.string[:match.start()].rsplit("。", 1)[-1]
            breath = bool(_BREATH.search(sentence)) and not _BLOOD_SAMPLE.search(sentence)
            candidates.append((breath, match.start(), value, name, match))
    if not candidates:
        return
    blood = sorted(c for c in candidates if not c[0])
    chosen = blood[0] if blood else sorted(candidates)[0]
    breath, _, value, name, match = chosen
    rounded = float(Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    reader.put("bac.mg_per_100ml", rounded, (name, match), 0.95 if blood else 0.6)
    reader.put("bac.method", "breath" if breath else "blood", (name, match), 0.7)


_VEHICLES = (
    ("重型货车", r"重型(?:普通|厢式|半挂|自卸|仓栅式)?(?:载货|货车|牵引)"),
    ("货车", r"(?:中型|轻型|微型)?(?:普通|厢式|自卸)?(?:载货汽车|货车)"),
    ("客车", r"(?:大型|中型)(?:普通)?客车"),
    ("摩托车", r"摩托车|两轮摩托|三轮摩托"),
    ("小型轿车", r"小型(?:普通|越野|轿)?(?:客车|轿车|汽车)|轿车|小客车|越野车|面包车"),
    ("其他机动车", r"机动车|拖拉机|农用车|电动(?:三轮|汽)车"),
)


def _vehicle(reader: _Reader) -> None:
    drive = reader.first(r"驾驶[^，。；]{0,40}?(?:" + "|".join(p for _, p in _VEHICLES) + ")")
    if drive is None:
        return
    name, match = drive
    for kind, pattern in _VEHICLES:
        inner = re.search(pattern, match.group(0))
        if inner:
            reader.put("vehicle.kind", kind, drive, 0.85)
            if kind == "重型货车":
                reader.put("vehicle.heavy_goods", True, drive, 0.85)
            return


def _accident(reader: _Reader) -> None:
    hit = reader.first(r"发生(?:道路)?交通事故|发生碰撞|与[^，。]{0,30}(?:相撞|碰撞|刮擦|追尾)|撞(?:上|到|倒)")
    if hit:
        reader.put("accident.occurred", True, hit)
    resp = reader.first(r"(?:负|承担)[^，。；]{0,12}?(全部|主要|同等|次要)责任")
    if resp:
        reader.put("accident.responsibility", resp[1].group(1), resp, 0.9, group=1)
        reader.put("accident.occurred", True, resp)
    reader.flag("accident.injury", r"(?:致|造成)[^，。；]{0,20}?(?:受伤|轻伤|轻微伤|重伤|伤害)|受伤")
    # not "（六）为逃避法律追究逃离事故现场的" (the statute quoted) nor "因…逃逸的违法行为" (a past offence)
    reader.flag("accident.fled", r"(?:驾车|弃车)?逃逸|逃离(?:事故)?现场", negative=r"未|没有|无|追究",
                negative_after=r"的")


def _circumstances(reader: _Reader) -> None:
    reader.flag("road.expressway", r"高速公路|高速[^，。]{0,6}(?:路段|公路|出口|入口|收费站)")
    reader.flag("licence.none", r"无(?:机动车)?驾驶证|无证|未取得(?:机动车)?驾驶(?:证|资格)|驾驶证(?:被)?(?:吊销|注销)"
                                r"|(?:已|被)吊销[^，。]{0,6}驾驶证|无驾驶资格|准驾车型不符")
    reader.flag("vehicle.passenger", r"载有乘客|从事(?:营运|客运)|营运客车|网约车")
    reader.flag("inspection.evaded", r"逃避(?:公安机关|民警|交警)?(?:的)?检查|弃车逃跑|拒绝(?:配合)?(?:检查|抽血|呼气)"
                                     r"|阻碍[^，。]{0,8}检查|冲卡|调头逃")
    reader.flag("prior.drink_driving", r"(?:曾|因)[^。]{0,20}(?:饮酒|酒后)驾驶[^。]{0,30}(?:处罚|罚款|拘留|暂扣)"
                                       r"|饮酒后驾驶机动车被[^。]{0,20}(?:处罚|罚款)")
    reader.flag("prior.dangerous_driving", r"因(?:犯)?危险驾驶罪被[^。]{0,30}(?:判处|不起诉|拘役)"
                                           r"|曾因醉酒驾驶[^。]{0,20}(?:判处|拘役)")
    reader.flag("prior.criminal", r"(?:曾|因犯)[^。；]{0,30}罪[^。；]{0,10}被[^。；]{0,40}判处|刑满释放|累犯|有前科",
                negative=r"无|没有|未")
    reader.flag("confession.surrender", r"自首|主动投案|在现场等候(?:处理|民警)|报警后[^，。]{0,8}等候",
                negative=r"不(?:构成|属于|成立|认定)|不是|无|非|否认")
    reader.flag("confession.frank", r"如实供述|坦白|供认不讳|对[^。]{0,20}(?:指控|起诉)[^。]{0,20}无异议"
                                    r"|对指控的[^。]{0,10}(?:无异议|没有异议)|当庭自愿认罪")
    reader.flag("plea.guilty", r"认罪认罚|签署[^，。]{0,10}具结书|具结书", negative=r"未|拒绝|没有|不同意")
    reader.flag("compensation.paid", r"(?:已|积极|全部|全额)(?:赔偿|赔付)|赔偿[^，。；]{0,20}(?:损失|经济损失|医疗费)"
                                     r"|达成(?:赔偿|调解)协议|调解", negative=r"未|没有|尚未|无")
    reader.flag("forgiveness", r"谅解", negative=r"未|没有|未能|无法|不予|不")


_MONTHS = r"([一二两三四五六1-6](?:个)?(?:半)?)个?月"


def _months(raw: str) -> float:
    half = raw.endswith("半")
    raw = raw.rstrip("半").rstrip("个")
    return _number(raw) + (0.5 if half else 0)


def _prosecution(reader: _Reader) -> None:
    """The procuratorate's sentencing suggestion (量刑建议) as the indictment or the judgment's facts state it."""
    for name, match in reader.all(r"(?:量刑建议|建议(?:对被告人)?[^。；]{0,12}判处|建议判处)[^。；]{0,60}?拘役"
                                  r"([一二两三四五六1-6]个?半?)个?月(?:([一二三四五六七八九十二十\d]+)日|零(\w{1,3})[日天])?"
                                  r"([^。；]{0,60})"):
        months = _months(match.group(1))
        days = match.group(2) or match.group(3)
        if days:
            months += round(_number(days) / 30, 2)
        tail = match.group(4) or ""
        reader.put("prosecution.term_months", months, (name, match), 0.9)
        probation = "缓刑" in tail and not re.search(r"不(?:适用|宜|予)?缓刑|不得缓", tail)
        reader.put("prosecution.probation", probation, (name, match), 0.8)
        fine = re.search(r"罚金(?:人民币)?([\d,]+|[" + _CN + r"]+)(万)?元", tail)
        if fine:
            value = _number(fine.group(1)) * (10000 if fine.group(2) else 1)
            reader.put("prosecution.fine", int(value), (name, match), 0.85)
        return


_CUSTODY = {"取保候审": "取保候审", "监视居住": "监视居住", "逮捕": "逮捕", "羁押": "羁押", "刑事拘留": "刑事拘留",
            "在押": "羁押", "释放": "释放"}


def _custody(reader: _Reader) -> None:
    """The latest custody measure the defendant's paragraph states (before the charge: 指控 / 起诉书), e.g.
    "2015年12月17日因涉嫌犯危险驾驶罪被…刑事拘留，2015年12月24日变更为取保候审" -> 取保候审."""
    for name, text in reader.documents:
        cut = re.search(r"指控|起诉书", text)
        head = text[:cut.start()] if cut else text[:800]
        last = None
        for match in re.finditer("|".join(_CUSTODY), head):
            last = match
        if last is not None:
            reader.put("custody.measure", _CUSTODY[last.group(0)], (name, last), 0.8)
            return


def extract(documents: Sequence[CaseDocument]) -> Elements:
    """Every element found in the documents' fact parts, each with its source span."""
    reader = _Reader(documents)
    _bac(reader)
    _vehicle(reader)
    _accident(reader)
    _circumstances(reader)
    _prosecution(reader)
    _custody(reader)
    return {field: reader.found[field] for field in LABELS if field in reader.found}
