# ruff: noqa: E501 -- sentence pools of Chinese text; ruff counts each CJK character as two columns
"""Realistic synthetic judgments for the retrieval benchmark, the judged sample and the demo's case base.

Each judgment has a facts section of several hundred to a couple of thousand characters written from sentence pools
for its cause (金融借款合同纠纷, 民间借贷纠纷, 买卖合同纠纷, 机动车交通事故责任纠纷, 劳动争议, 离婚纠纷, 危险驾驶罪,
盗窃罪, 诈骗罪), with varied names, amounts, dates and places, and the "topics" it was built from: the elements that
make two cases alike (the cause, the dispute points, the kind of guarantee, the injury, the blood-alcohol band …).
`grade` turns shared topics into a 0–3 relevance grade, so a ranking can be judged without a human.

`judgment(seed, number)` is deterministic and independent of every other number, so a million can be made in
parallel slices (`judgments(seed, start, stop)`) and any one regenerated alone. `demo_document` writes one as a whole
judgment (header with the parties' ID numbers, addresses and telephones, procedure, facts, reasoning, statutes,
operative part, signature) for the demo's case base, which the importer de-identifies like any other.
Fictional data, written here: no real parties, no text of published judgments.
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlalchemy import select

from omnicourt.db import Database
from omnicourt.retrieval import importer
from omnicourt.retrieval.index.base import IndexedJudgment, SearchIndex
from omnicourt.retrieval.models import Judgment

COURTS_CSV = Path(__file__).resolve().parents[3] / "data" / "courts" / "zhejiang.csv"

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉宇浩凯健俊帆帅旭宁龙林欣悦佳琪晨曦雨婷"
PLACES = ("杭州市西湖区", "杭州市上城区", "宁波市鄞州区", "温州市鹿城区", "嘉兴市南湖区", "湖州市吴兴区", "绍兴市越城区",
          "金华市婺城区", "衢州市柯城区", "舟山市定海区", "台州市椒江区", "丽水市莲都区", "义乌市", "慈溪市", "乐清市",
          "诸暨市", "海宁市", "余姚市", "瑞安市", "温岭市")
ROADS = ("文三路", "天目山路", "中山路", "解放路", "人民路", "环城北路", "江南大道", "世纪大道", "体育场路", "凤起路", "延安路",
         "钱江路", "机场路", "滨江大道", "104国道", "杭甬高速", "甬台温高速", "329国道")
BANKS = ("中国工商银行股份有限公司", "中国农业银行股份有限公司", "中国银行股份有限公司", "中国建设银行股份有限公司",
         "交通银行股份有限公司", "招商银行股份有限公司", "浙江泰隆商业银行股份有限公司", "杭州银行股份有限公司",
         "宁波银行股份有限公司", "浙江稠州商业银行股份有限公司")
COMPANY_WORDS = ("宏达", "恒信", "华盛", "金鼎", "联创", "永泰", "东方", "新锐", "博远", "嘉禾", "瑞丰", "天成", "中捷", "佳美",
                 "鑫源", "正泰", "海天", "锦程", "明辉", "远航")
COMPANY_TRADES = ("贸易", "建材", "科技", "纺织", "机械", "电子", "服饰", "物流", "食品", "五金", "家具", "汽车配件")
PROCEDURES = ("ordinary", "simple", "small_claims", "second_instance")
OUTCOMES = ("supported", "partly_supported", "rejected", "mediated", "withdrawn")


@dataclass(frozen=True)
class SyntheticJudgment:
    doc_id: int
    facts: str
    text: str
    cause: str
    court: str
    court_level: str
    year: int
    procedure: str
    outcome: str
    topics: frozenset[str]  # "cause:…", "dispute:…", "guarantee:…", …: what makes two cases alike
    people: tuple[str, ...] = ()  # the natural persons the text names, the plaintiff or the accused first

    def indexed(self) -> IndexedJudgment:
        return IndexedJudgment(doc_id=self.doc_id, facts=self.facts, text=self.text, cause=self.cause,
                               court=self.court, court_level=self.court_level, year=self.year,
                               procedure=self.procedure, outcome=self.outcome)


def grade(query_topics: frozenset[str], candidate_topics: frozenset[str]) -> int:
    """Relevance 0–3 from shared topics: another cause is 0; within the cause, by the share of elements in common
    (Jaccard over the non-cause topics): ≥ 0.6 → 3, ≥ 0.3 → 2, else 1."""
    causes = {t for t in query_topics if t.startswith("cause:")}
    if not causes or not causes <= candidate_topics:
        return 0
    mine, theirs = query_topics - causes, candidate_topics - causes
    union = mine | theirs
    overlap = len(mine & theirs) / len(union) if union else 1.0
    return 3 if overlap >= 0.6 else 2 if overlap >= 0.3 else 1


@cache
def _courts() -> tuple[tuple[str, str], ...]:
    with COURTS_CSV.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return tuple((row["name"], row["level"]) for row in rows if row["level"] in ("basic", "intermediate", "high"))


class _Writer:
    """Draws the particulars of one judgment from its own random stream."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.choice = rng.choice
        self.people: list[str] = []  # everyone named, in order: the first is the plaintiff or the accused

    def person(self) -> str:
        rng = self.rng
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
        self.people.append(name)
        return name

    def company(self) -> str:
        return f"浙江{self.choice(COMPANY_WORDS)}{self.choice(COMPANY_TRADES)}有限公司"

    def money(self, low: int, high: int) -> str:
        return f"{self.rng.randrange(low, high) // 100 * 100:,}元".replace(",", "")

    def date(self, year: int) -> str:
        return f"{year}年{self.rng.randint(1, 12)}月{self.rng.randint(1, 28)}日"

    def randint_str(self, low: int, high: int) -> str:
        return str(self.rng.randint(low, high))

    def some(self, pool: tuple[str, ...], low: int, high: int) -> list[str]:
        return self.rng.sample(pool, self.rng.randint(min(low, len(pool)), min(high, len(pool))))


# Paragraphs any civil judgment may carry: they lengthen the facts as real ones do without saying what the case is.
CIVIL_FILLER = (
    "本院于{d1}立案后，依法适用{proc}公开开庭进行了审理。原告的委托诉讼代理人与被告均到庭参加诉讼。本案现已审理终结。",
    "围绕诉讼请求，双方当事人依法提交了证据，本院组织当事人进行了证据交换和质证。对当事人无异议的证据，本院予以确认并在卷佐证。",
    "庭审中，双方当事人均确认上述事实，并表示对证据的真实性没有异议，但对证明目的各执一词。",
    "原告的委托诉讼代理人{p1}于{d2}在{place}签收了相关文书，并在签收单上签名确认，此后双方多次通过电话及微信进行沟通，但均未达成一致意见。",
    "经本院主持调解，双方当事人未能达成调解协议。原告坚持诉讼请求，被告坚持答辩意见。",
    "另查明，{place}{road}附近的营业场所系被告实际经营地点，原告曾多次前往该处协商，被告均以资金紧张为由推脱。",
    "原告为证明其主张，向本院提交了身份证明、书面材料、微信聊天记录截图、通话录音及相关票据等证据；被告对部分证据的关联性提出异议。",
    "被告在答辩期内未提交书面答辩意见，庭审中口头辩称其并非故意拖延，愿意在能力范围内协商解决，请求法院依法处理。",
    "本院经审理认定事实如下：双方当事人对合同的签订及履行过程陈述基本一致，对款项的具体数额及计算方式存在分歧。"
    "原告提交的往来函件、付款凭证与其陈述能够相互印证，本院予以采信；被告提交的证据不足以证明其主张，本院不予采信。",
    "诉讼过程中，原告向本院申请财产保全，本院依法作出民事裁定，冻结被告名下银行存款或查封其相应价值的其他财产，原告为此支出保全费。",
    "证人{p1}出庭作证，陈述其于{d2}在场见证了双方协商的经过，但对具体金额记不清楚。双方对证人证言的证明力各执一词。",
    "被告经本院传票传唤，无正当理由拒不到庭参加诉讼，本院依法缺席审理。被告未到庭应诉，视为放弃答辩、举证和质证的权利。",
    "双方曾于{d2}就争议事项进行协商，并形成会议纪要一份，但被告事后未按纪要内容履行。原告另行委托律师发出律师函，被告签收后未予回复。",
    "本案在审理过程中，经双方申请，本院委托人民调解员进行诉前调解，因双方对金额分歧较大，调解未果，本案转入诉讼程序。",
    "原告另主张其为本案支出的交通费、误工损失及律师代理费应由被告承担，并提交了相应票据；被告认为上述费用缺乏合同依据。",
    "经核对，原告提交的{place}相关部门出具的证明材料加盖有公章，形式要件完备；被告虽有异议，但未提交反驳证据。",
)
CRIMINAL_FILLER = (
    "公诉机关认为，被告人的行为已触犯《中华人民共和国刑法》第一百三十三条之一第一款第（二）项，应当以危险驾驶罪追究其刑事责任，"
    "并建议判处拘役及罚金。",
    "被告人的辩护人提出如下辩护意见：被告人系初犯、偶犯，归案后认罪态度较好，有悔罪表现，建议对被告人从轻处罚并适用缓刑。",
    "案发后被告人被公安机关传唤到案，因涉嫌危险驾驶罪被刑事拘留，后被取保候审。{place}司法局出具调查评估意见，认为被告人适合社区矫正。",
    "经审理查明，事发路段系城市道路，属于《中华人民共和国道路交通安全法》规定的道路，事发时车流量较大。",
    "公诉机关当庭出示并宣读了受案登记表、到案经过、户籍证明、驾驶证信息、车辆信息查询结果及视听资料等证据，经当庭质证，被告人及辩护人均无异议。",
)

# The same for the crimes against property (盗窃, 诈骗).
PROPERTY_CRIME_FILLER = (
    "被告人的辩护人提出如下辩护意见：被告人系初犯，到案后如实供述犯罪事实，认罪悔罪，已退赔被害人的全部经济损失，建议从轻处罚。",
    "公诉机关当庭出示并宣读了被害人陈述、证人证言、辨认笔录、监控视频截图、扣押清单、价格认定结论书及被告人的供述和辩解等证据，"
    "经当庭质证，被告人及辩护人均无异议。",
    "案发后被告人被公安机关抓获归案，因涉嫌犯罪被刑事拘留，后被依法逮捕。公安机关依法扣押了被告人作案所用的手机及部分赃款。",
    "{place}社区矫正机构出具调查评估意见，认为被告人居住地固定，有稳定的家庭监管条件，适用缓刑对所居住社区无重大不良影响。",
    "被告人在审查起诉阶段自愿认罪认罚，在值班律师见证下签署了认罪认罚具结书，同意公诉机关提出的量刑建议。",
)


def _filler(w: _Writer, year: int, count: int, pool: tuple[str, ...] = CIVIL_FILLER) -> str:
    proc = w.choice(("简易程序", "普通程序", "小额诉讼程序"))
    parts = w.some(pool, count, count)
    return "".join(p.format(d1=w.date(year), d2=w.date(year - 1), proc=proc, p1=w.person(),
                            place=w.choice(PLACES), road=w.choice(ROADS)) for p in parts)


def _financial_loan(w: _Writer, year: int) -> tuple[str, str, set[str]]:
    bank = w.choice(BANKS) + w.choice(("杭州分行", "宁波分行", "温州分行", "嘉兴分行", "金华分行")) + w.choice(("", "营业部"))
    borrower, guarantor = w.person(), w.person()
    kind = w.choice(("个人消费贷款", "个人经营贷款", "个人住房贷款", "信用卡透支"))
    guarantee = w.choice(("连带责任保证", "一般保证", "抵押", "质押", "无担保"))
    disputes = w.some(("罚息复利", "利率过高", "保证期间", "诉讼时效", "提前到期", "抵押权优先受偿", "律师费负担"), 1, 3)
    principal = w.money(30_000, 3_000_000)
    facts = [f"{year - 2}年{w.rng.randint(1, 12)}月，原告{bank}与被告{borrower}签订《{kind}借款合同》，约定借款本金{principal}，"
             f"借款期限{w.choice(('12', '24', '36', '60'))}个月，年利率{w.rng.randint(40, 90) / 10}%，还款方式为"
             f"{w.choice(('等额本息', '按月付息到期还本', '等额本金'))}。合同约定借款人未按期还款的，贷款人有权宣布贷款提前到期，"
             "并就逾期本金按借款利率上浮百分之五十计收罚息，对未按时支付的利息按罚息利率计收复利。"]
    if guarantee == "连带责任保证":
        facts.append(f"同日，被告{guarantor}与原告签订《保证合同》，约定{guarantor}为上述借款提供连带责任保证，保证期间为主债务履行期"
                     "届满之日起三年，保证范围包括借款本金、利息、罚息、复利及实现债权的费用。")
    elif guarantee == "一般保证":
        facts.append(f"被告{guarantor}在借款合同保证人处签字，合同未约定保证方式，{guarantor}主张其仅承担一般保证责任，享有先诉抗辩权。")
    elif guarantee == "抵押":
        facts.append(f"被告{borrower}以其所有的位于{w.choice(PLACES)}{w.choice(ROADS)}的房产为上述借款提供最高额抵押担保，并办理了"
                     "抵押登记，原告取得不动产登记证明。原告主张对抵押物折价或者拍卖、变卖所得价款享有优先受偿权。")
    elif guarantee == "质押":
        facts.append(f"被告{borrower}以其持有的{w.company()}的股权出质，办理了股权质押登记，原告请求确认其对质押股权享有优先受偿权。")
    facts.append(f"合同签订后，原告于{w.date(year - 2)}依约发放贷款{principal}。被告{borrower}自{w.date(year - 1)}起未按约归还借款本息，"
                 f"经原告多次催收未果。截至{w.date(year)}，被告尚欠借款本金{w.money(10_000, 2_000_000)}、利息"
                 f"{w.money(1_000, 90_000)}、罚息{w.money(500, 40_000)}、复利{w.money(100, 9_000)}。")
    claims = {"罚息复利": "被告辩称原告主张的罚息和复利叠加计算，总额过高，请求予以调减。",
              "利率过高": "被告辩称合同约定的逾期利率及各项费用之和超过法律保护的上限，超出部分应不予支持。",
              "保证期间": f"被告{guarantor}辩称原告未在保证期间内向其主张保证责任，其保证责任已经免除。",
              "诉讼时效": "被告辩称原告的起诉已超过三年诉讼时效期间，原告则提交催收短信及催款函证明诉讼时效中断。",
              "提前到期": "原告依据合同约定宣布贷款提前到期，要求被告一次性归还全部借款本息，被告对提前到期的通知是否送达提出异议。",
              "抵押权优先受偿": "双方对抵押房产的抵押登记范围及最高额抵押的债权确定期间存在争议。",
              "律师费负担": "原告主张被告负担其为实现债权支出的律师费，被告辩称律师费不属于合同约定的实现债权的费用。"}
    facts += [claims[d] for d in disputes]
    text = (f"原告向本院提出诉讼请求：判令被告{borrower}归还借款本金及利息、罚息、复利；"
            + (f"判令被告{guarantor}承担保证责任；" if guarantee in ("连带责任保证", "一般保证") else "")
            + ("判令原告对抵押物享有优先受偿权；" if guarantee == "抵押" else "") + "本案诉讼费用由被告负担。"
            "本院认为，原告与被告签订的借款合同系双方当事人真实意思表示，内容不违反法律、行政法规的强制性规定，合法有效。")
    topics = {f"loan:{kind}", f"guarantee:{guarantee}", *(f"dispute:{d}" for d in disputes)}
    return "".join(facts), text, topics


def _private_loan(w: _Writer, year: int) -> tuple[str, str, set[str]]:
    lender, borrower, spouse = w.person(), w.person(), w.person()
    evidence = w.choice(("借条", "银行转账", "现金交付", "微信转账"))
    disputes = w.some(("利息超过四倍LPR", "砍头息", "夫妻共同债务", "借贷关系是否成立", "已部分还款", "职业放贷人"), 1, 3)
    amount = w.money(10_000, 800_000)
    facts = [f"被告{borrower}因{w.choice(('资金周转', '经营需要', '购房', '装修房屋', '偿还其他债务'))}需要，于{w.date(year - 2)}向原告"
             f"{lender}借款{amount}，并出具借条一份，载明借款金额、借款期限及月利率{w.choice(('1', '1.5', '2', '3'))}%。"]
    facts.append({"借条": "原告持有被告亲笔书写的借条原件，但未能提供款项交付的银行流水。",
                  "银行转账": f"原告于当日通过银行转账方式向被告交付借款{amount}，有银行交易明细为证。",
                  "现金交付": "原告主张借款以现金方式当面交付，被告对现金交付的事实不予认可。",
                  "微信转账": "原告通过微信转账分多笔向被告交付借款，提交了微信转账记录及聊天记录截图。"}[evidence])
    reasons = {"利息超过四倍LPR": "被告辩称约定的利率超过合同成立时一年期贷款市场报价利率四倍，超过部分应不予支持。",
               "砍头息": "被告辩称原告在出借时预先扣除了利息，实际交付的借款本金少于借条载明的金额。",
               "夫妻共同债务": f"原告主张该笔借款发生在被告{borrower}与被告{spouse}婚姻关系存续期间，用于家庭共同生活，应认定为夫妻共同债务；"
                          f"被告{spouse}辩称其对借款不知情，借款未用于家庭生活。",
               "借贷关系是否成立": "被告辩称双方之间系合伙投资关系而非民间借贷关系，借条系受胁迫出具。",
               "已部分还款": f"被告主张其已于{w.date(year - 1)}归还部分借款{w.money(5_000, 100_000)}，原告认可收到该款但主张系支付利息。",
               "职业放贷人": "被告辩称原告在本院及其他法院涉及多起民间借贷案件，系职业放贷人，借贷合同应认定无效。"}
    facts += [reasons[d] for d in disputes]
    facts.append(f"借款到期后，经原告多次催讨，被告至今未归还。原告遂诉至本院，请求判令被告归还借款本金{amount}并支付逾期利息。")
    text = "本院认为，合法的借贷关系受法律保护。出借人主张借贷关系成立的，应当对借贷合意及款项交付承担举证责任。"
    topics = {f"evidence:{evidence}", *(f"dispute:{d}" for d in disputes)}
    if "夫妻共同债务" in disputes:
        topics.add("party:夫妻")
    return "".join(facts), text, topics


def _sale(w: _Writer, year: int) -> tuple[str, str, set[str]]:
    seller, buyer = w.company(), w.company()
    goods = w.choice(("钢材", "服装面料", "电子元器件", "建筑材料", "农产品", "机械设备", "家具"))
    disputes = w.some(("欠付货款", "质量异议", "逾期交货", "违约金过高", "对账结算"), 1, 3)
    facts = [f"原告{seller}与被告{buyer}自{year - 2}年起建立{goods}买卖关系，双方签订《购销合同》，约定由原告向被告供应{goods}，"
             f"被告应在收货后{w.choice(('30', '60', '90'))}日内支付货款，逾期付款的按日万分之{w.randint_str(3, 10)}支付违约金。"
             f"合同履行期间，原告陆续向被告供货，被告签收送货单，货款合计{w.money(50_000, 5_000_000)}。"]
    reasons = {"欠付货款": f"被告仅支付部分货款，尚欠货款{w.money(20_000, 2_000_000)}未付，原告催讨未果。",
               "质量异议": f"被告辩称原告交付的{goods}存在质量问题，不符合合同约定的标准，已在检验期间内提出质量异议，要求减少价款。",
               "逾期交货": "被告辩称原告未按约定期限交货，导致其对下游客户违约，请求以其损失抵销货款。",
               "违约金过高": "被告辩称合同约定的违约金过分高于实际损失，请求法院予以调减。",
               "对账结算": f"双方于{w.date(year - 1)}进行对账，被告在对账单上盖章确认欠款金额，后又对对账单的效力提出异议。"}
    facts += [reasons[d] for d in disputes]
    facts.append(_filler(w, year, 2))
    text = "本院认为，原、被告之间的买卖合同关系依法成立并有效，双方均应按约履行。买受人应当按照约定的期限支付价款。"
    topics = {f"goods:{goods}", *(f"dispute:{d}" for d in disputes)}
    return "".join(facts), text, topics


def _traffic(w: _Writer, year: int) -> tuple[str, str, set[str]]:
    driver, victim = w.person(), w.person()
    vehicle = w.choice(("小型轿车", "重型半挂牵引车", "二轮摩托车", "电动自行车"))
    injury = w.choice(("骨折", "颅脑损伤", "软组织挫伤", "死亡"))
    liability = w.choice(("全部责任", "主要责任", "同等责任"))
    disputes = w.some(("误工费标准", "护理费", "伤残等级异议", "保险拒赔", "精神损害抚慰金"), 1, 2)
    disability = "无" if injury in ("软组织挫伤", "死亡") else w.choice(("十级伤残", "九级伤残", "八级伤残"))
    facts = [f"{w.date(year - 1)}，被告{driver}驾驶{vehicle}沿{w.choice(PLACES)}{w.choice(ROADS)}行驶时，与原告{victim}发生碰撞，"
             f"造成原告受伤、车辆受损的交通事故。公安交通管理部门出具道路交通事故认定书，认定被告{driver}负事故{liability}。"]
    facts.append({"骨折": f"原告受伤后被送往医院住院治疗{w.rng.randint(10, 60)}天，诊断为胫骨骨折、肋骨骨折，行内固定手术。",
                  "颅脑损伤": f"原告受伤后被送往医院住院治疗{w.rng.randint(15, 90)}天，诊断为颅脑损伤、硬膜下血肿。",
                  "软组织挫伤": "原告受伤后在医院门诊治疗，诊断为多处软组织挫伤。",
                  "死亡": "受害人经送医抢救无效死亡，原告系死者近亲属，主张死亡赔偿金、丧葬费及被扶养人生活费。"}[injury])
    if disability != "无":
        facts.append(f"经司法鉴定，原告的伤情构成{disability}，护理期、营养期、误工期分别为{w.rng.randint(30, 120)}日、"
                     f"{w.rng.randint(30, 90)}日、{w.rng.randint(90, 240)}日。")
    facts.append(f"肇事车辆在被告{w.choice(('中国人民财产保险股份有限公司', '中国平安财产保险股份有限公司', '中国太平洋财产保险股份有限公司'))}"
                 f"投保了机动车交通事故责任强制保险及商业三者险，事故发生在保险期间内。原告主张医疗费、误工费、护理费、交通费等各项损失共计"
                 f"{w.money(20_000, 1_500_000)}。")
    reasons = {"误工费标准": "被告对原告主张的误工费计算标准有异议，认为原告未能提供收入减少的证据。",
               "护理费": "被告对护理人数及护理费标准提出异议。",
               "伤残等级异议": "保险公司对鉴定意见书认定的伤残等级提出异议，申请重新鉴定。",
               "保险拒赔": "保险公司辩称事故发生时驾驶人存在饮酒或无证驾驶情形，其在商业三者险范围内不承担赔偿责任。",
               "精神损害抚慰金": "双方对精神损害抚慰金的数额存在争议。"}
    facts += [reasons[d] for d in disputes]
    facts.append(_filler(w, year, 1))
    text = "本院认为，机动车发生交通事故造成人身伤亡、财产损失的，由保险人在机动车强制保险责任限额范围内予以赔偿；不足部分，按照各自过错的比例分担责任。"
    topics = {f"vehicle:{vehicle}", f"injury:{injury}", f"liability:{liability}", f"disability:{disability}",
              *(f"dispute:{d}" for d in disputes)}
    return "".join(facts), text, topics


def _labour(w: _Writer, year: int) -> tuple[str, str, set[str]]:
    worker, employer = w.person(), w.company()
    disputes = w.some(("二倍工资", "加班费", "违法解除", "经济补偿", "拖欠工资", "工伤待遇", "确认劳动关系"), 1, 3)
    facts = [f"原告{worker}于{w.date(year - 3)}入职被告{employer}，从事{w.choice(('操作工', '销售', '司机', '仓管', '会计', '技术员'))}"
             f"工作，月工资{w.money(4_000, 15_000)}。"]
    reasons = {"二倍工资": "双方未签订书面劳动合同，原告主张被告支付未签订书面劳动合同的二倍工资差额。",
               "加班费": "原告主张其长期每周工作六天、每天工作十小时以上，被告未支付加班费，提交了考勤记录截图。",
               "违法解除": f"被告于{w.date(year - 1)}以原告严重违反规章制度为由解除劳动合同，原告主张系违法解除劳动合同，要求支付赔偿金。",
               "经济补偿": "原告以被告未依法缴纳社会保险费为由提出解除劳动合同，要求被告支付经济补偿。",
               "拖欠工资": f"被告自{w.date(year - 1)}起拖欠原告工资{w.money(5_000, 80_000)}，原告多次催讨未果。",
               "工伤待遇": "原告在工作中受伤，经人力资源和社会保障部门认定为工伤，劳动能力鉴定为九级伤残，原告主张一次性伤残补助金等工伤保险待遇。",
               "确认劳动关系": "被告辩称双方系劳务关系而非劳动关系，原告系按件计酬的临时人员。"}
    facts += [reasons[d] for d in disputes]
    facts.append(f"原告向{w.choice(PLACES)}劳动人事争议仲裁委员会申请仲裁，仲裁委员会作出仲裁裁决，原告不服，诉至本院。")
    facts.append(_filler(w, year, 2))
    text = "本院认为，劳动者的合法权益受法律保护。用人单位应当依法与劳动者订立书面劳动合同，按时足额支付劳动报酬。"
    return "".join(facts), text, {f"dispute:{d}" for d in disputes}


def _divorce(w: _Writer, year: int) -> tuple[str, str, set[str]]:
    plaintiff, defendant = w.person(), w.person()
    disputes = w.some(("子女抚养", "房产分割", "家庭暴力", "返还彩礼", "夫妻共同债务", "感情是否破裂"), 1, 3)
    children = w.choice(("无子女", "一名子女", "两名子女"))
    facts = [f"原告{plaintiff}与被告{defendant}于{w.date(year - w.rng.randint(2, 15))}经人介绍相识，后登记结婚，婚后育有{children}。"
             f"婚后初期夫妻感情尚可，后因{w.choice(('性格不合', '家庭琐事', '经济问题', '被告沉迷赌博', '两地分居'))}经常发生争吵，"
             f"双方自{w.date(year - 1)}起分居至今。"]
    reasons = {"子女抚养": "双方均要求直接抚养婚生子女，并对抚养费的数额及支付方式存在争议。",
               "房产分割": f"双方婚后共同购买位于{w.choice(PLACES)}的房屋一套，尚有银行按揭贷款未还清，双方对房产分割及补偿款存在争议。",
               "家庭暴力": "原告主张被告多次对其实施家庭暴力，提交了报警回执、伤情照片及人身安全保护令。",
               "返还彩礼": f"被告主张婚前给付原告彩礼{w.money(50_000, 300_000)}，双方共同生活时间较短，要求返还彩礼。",
               "夫妻共同债务": "被告主张婚姻关系存续期间对外所负债务系夫妻共同债务，应由双方共同偿还，原告不予认可。",
               "感情是否破裂": "被告不同意离婚，称双方感情尚未破裂，仍有和好可能。"}
    facts += [reasons[d] for d in disputes]
    facts.append(_filler(w, year, 1))
    text = "本院认为，婚姻关系的存续应以夫妻感情为基础。夫妻感情确已破裂，调解无效的，应当准予离婚。"
    return "".join(facts), text, {f"children:{children}", *(f"dispute:{d}" for d in disputes)}


def _drunk_driving(w: _Writer, year: int) -> tuple[str, str, set[str]]:
    accused = w.person()
    bac = w.rng.choice((w.rng.uniform(80, 150), w.rng.uniform(150, 200), w.rng.uniform(200, 320)))
    band = "80-150" if bac < 150 else "150-200" if bac < 200 else "200以上"
    vehicle = w.choice(("小型轿车", "二轮摩托车", "小型普通客车", "重型货车"))
    circumstances = w.some(("发生交通事故", "无证驾驶", "自首", "认罪认罚", "逃避检查", "取得谅解"), 1, 3)
    facts = [f"{w.date(year - 1)}{w.rng.randint(19, 23)}时许，被告人{accused}饮酒后驾驶{vehicle}沿{w.choice(PLACES)}"
             f"{w.choice(ROADS)}行驶，途经{w.choice(ROADS)}路口时被执勤民警拦停检查。经呼气酒精检测，被告人呼气酒精含量为"
             f"{round(bac * 0.9, 1)}mg/100ml。经抽取血样送检，被告人{accused}血液中乙醇含量为{round(bac, 1)}mg/100ml，"
             "属醉酒驾驶机动车。"]
    reasons = {"发生交通事故": f"被告人驾驶车辆与停放在路边的车辆发生碰撞，造成财产损失{w.money(2_000, 50_000)}，负事故全部责任。",
               "无证驾驶": "经查，被告人未取得机动车驾驶证，属无证驾驶。",
               "自首": "案发后，被告人在现场等候民警处理，到案后如实供述了自己的罪行，系自首。",
               "认罪认罚": "被告人在审查起诉阶段自愿认罪认罚，在辩护人见证下签署了认罪认罚具结书，同意公诉机关的量刑建议。",
               "逃避检查": "被告人在民警示意停车时弃车逃跑，后被民警当场查获。",
               "取得谅解": "被告人已赔偿被害人经济损失并取得谅解。"}
    facts += [reasons[c] for c in circumstances]
    facts.append(f"上述事实，有受案登记表、呼气酒精检测单、血样提取登记表、司法鉴定检验报告、道路交通事故认定书、被告人的供述和辩解、"
                 f"证人证言及执法记录仪视频等证据证实，足以认定。被告人{accused}对指控的事实和罪名无异议。")
    text = (f"本院认为，被告人{accused}在道路上醉酒驾驶机动车，其行为已构成危险驾驶罪。公诉机关指控的罪名成立。判处拘役"
            f"{w.rng.randint(1, 6)}个月，{w.choice(('', '缓刑', '缓期执行'))}并处罚金{w.money(2_000, 20_000)}。")
    topics = {f"bac:{band}", f"vehicle:{vehicle}", *(f"circumstance:{c}" for c in circumstances)}
    return "".join(facts), text, topics


def _theft(w: _Writer, year: int) -> tuple[str, str, set[str]]:
    accused, victim = w.person(), w.person()
    scene = w.choice(("超市", "居民小区", "电动自行车停放处", "商场", "建筑工地", "出租房屋", "农贸市场"))
    goods = w.choice(("手机", "电动自行车", "现金", "电缆线", "黄金首饰", "笔记本电脑", "香烟"))
    circumstances = w.some(("入户盗窃", "多次盗窃", "扒窃", "自首", "退赃退赔", "取得谅解", "累犯", "认罪认罚"), 1, 3)
    value = w.rng.randrange(3_000, 200_000) // 100 * 100
    band = "数额巨大" if value >= 80_000 else "数额较大"  # 浙江 thresholds: 3,000 and 80,000 yuan [U: illustrative]
    facts = [f"{w.date(year - 1)}{w.rng.randint(0, 23)}时许，被告人{accused}窜至{w.choice(PLACES)}{w.choice(ROADS)}附近的{scene}，"
             f"趁无人注意之机，采用{w.choice(('撬锁', '顺手牵羊', '翻窗入室', '剪断锁具', '用钥匙打开'))}的手段，窃得被害人{victim}的"
             f"{goods}，价值人民币{value}元。经{w.choice(PLACES)}价格认证中心认定，被盗财物价值{value}元。"]
    reasons = {"入户盗窃": "被告人系进入被害人生活起居的住所实施盗窃，属入户盗窃。",
               "多次盗窃": f"经查，被告人在{year - 1}年内先后{w.rng.randint(3, 9)}次采用相同手段实施盗窃，属多次盗窃。",
               "扒窃": "被告人在公共场所趁被害人不备，从其随身携带的包内窃取财物，属扒窃。",
               "自首": "案发后，被告人主动到公安机关投案，如实供述了自己的罪行，系自首。",
               "退赃退赔": "案发后，被告人的家属代为退赔了被害人的全部经济损失，被盗财物已发还被害人。",
               "取得谅解": f"被告人已赔偿被害人{victim}的经济损失，并取得被害人的谅解。",
               "累犯": "被告人曾因犯盗窃罪被判处有期徒刑，刑满释放后五年内再犯应当判处有期徒刑以上刑罚之罪，系累犯。",
               "认罪认罚": "被告人自愿认罪认罚，签署了认罪认罚具结书。"}
    facts += [reasons[c] for c in circumstances]
    facts.append(f"上述事实，有被害人{victim}的陈述、证人证言、现场勘验笔录、监控视频截图、辨认笔录、价格认定结论书及被告人的供述等证据证实。")
    text = (f"本院认为，被告人{accused}以非法占有为目的，秘密窃取他人财物，{band}，其行为已构成盗窃罪。公诉机关指控的罪名成立。"
            f"判处有期徒刑{w.rng.randint(6, 48)}个月，并处罚金{w.money(2_000, 50_000)}。")
    return "".join(facts), text, {f"amount:{band}", f"goods:{goods}", *(f"circumstance:{c}" for c in circumstances)}


def _fraud(w: _Writer, year: int) -> tuple[str, str, set[str]]:
    accused, victim = w.person(), w.person()
    method = w.choice(("冒充电商客服办理退款", "虚构投资理财项目", "网络刷单返利", "冒充熟人借款", "虚假婚恋交友", "虚构代办贷款业务"))
    circumstances = w.some(("电信网络诈骗", "退赃退赔", "自首", "取得谅解", "认罪认罚", "从犯"), 1, 3)
    value = w.rng.randrange(5_000, 900_000) // 100 * 100
    band = "数额特别巨大" if value >= 500_000 else "数额巨大" if value >= 30_000 else "数额较大"
    facts = [f"{w.date(year - 2)}至{w.date(year - 1)}，被告人{accused}以{method}为名，通过微信、电话等方式与被害人{victim}联系，"
             f"虚构事实、隐瞒真相，骗取被害人{victim}通过银行转账、支付宝转账等方式支付人民币{value}元。所得款项被被告人用于偿还个人"
             "债务及日常消费。"]
    reasons = {"电信网络诈骗": "被告人利用电信网络技术手段，对不特定多数人实施诈骗，属电信网络诈骗。",
               "退赃退赔": "案发后，被告人退缴了部分违法所得，公安机关已发还被害人。",
               "自首": "被告人接到公安机关电话通知后主动到案，如实供述了犯罪事实，系自首。",
               "取得谅解": f"被告人已退赔被害人{victim}的全部经济损失，并取得谅解。",
               "认罪认罚": "被告人自愿认罪认罚，签署了认罪认罚具结书。",
               "从犯": "被告人在共同犯罪中负责提供银行卡并转移赃款，起次要作用，系从犯。"}
    facts += [reasons[c] for c in circumstances]
    facts.append("上述事实，有被害人陈述、银行交易流水、微信聊天记录、转账凭证、调取证据通知书及被告人的供述和辩解等证据证实。")
    text = (f"本院认为，被告人{accused}以非法占有为目的，虚构事实、隐瞒真相，骗取他人财物，{band}，其行为已构成诈骗罪。"
            f"判处有期徒刑{w.rng.randint(6, 120)}个月，并处罚金{w.money(2_000, 100_000)}，责令退赔被害人的经济损失。")
    return "".join(facts), text, {f"amount:{band}", f"method:{method}", *(f"circumstance:{c}" for c in circumstances)}


CAUSE_WRITERS = {
    "金融借款合同纠纷": _financial_loan,
    "民间借贷纠纷": _private_loan,
    "买卖合同纠纷": _sale,
    "机动车交通事故责任纠纷": _traffic,
    "劳动争议": _labour,
    "离婚纠纷": _divorce,
    "危险驾驶罪": _drunk_driving,
    "盗窃罪": _theft,
    "诈骗罪": _fraud,
}
# A rough share of first-instance filings (loans and sales dominate basic courts' dockets) [U: illustrative mix].
CAUSE_WEIGHTS = (24, 18, 14, 14, 10, 10, 10, 8, 6)
CRIMES = frozenset(("危险驾驶罪", "盗窃罪", "诈骗罪"))
FILLERS = {"危险驾驶罪": CRIMINAL_FILLER, "盗窃罪": PROPERTY_CRIME_FILLER, "诈骗罪": PROPERTY_CRIME_FILLER}
CAUSES = tuple(CAUSE_WRITERS)
_CUMULATIVE = [sum(CAUSE_WEIGHTS[: i + 1]) for i in range(len(CAUSE_WEIGHTS))]


def judgment(seed: int, number: int, *, years: tuple[int, int] = (2016, 2025)) -> SyntheticJudgment:
    """The synthetic judgment `number` of the corpus `seed` (doc_id = number + 1), decided within `years`."""
    rng = random.Random(seed * 1_000_003 + number)
    w = _Writer(rng)
    cause = rng.choices(CAUSES, cum_weights=_CUMULATIVE)[0]
    year = rng.randint(*years)
    facts, text, topics = CAUSE_WRITERS[cause](w, year)
    facts += _filler(w, year, rng.randint(2, 7), FILLERS.get(cause, CIVIL_FILLER))
    court, level = rng.choice(_courts())
    procedure = "second_instance" if level != "basic" else rng.choice(PROCEDURES[:3])
    outcome = rng.choice(OUTCOMES)
    return SyntheticJudgment(doc_id=number + 1, facts=facts, text=text, cause=cause, court=court, court_level=level,
                             year=year, procedure=procedure, outcome="convicted" if cause in CRIMES else outcome,
                             topics=frozenset({f"cause:{cause}", *topics}), people=tuple(dict.fromkeys(w.people)))


def judgments(seed: int, start: int, stop: int) -> Iterator[SyntheticJudgment]:
    """Judgments start … stop-1 of the corpus `seed`."""
    return (judgment(seed, number) for number in range(start, stop))


# --- whole judgments for the demo's case base ----------------------------------------------------------------------
# The articles each cause's judgments rest on (民法典 from 2021; the demo's judgments are all from 2021 on).
BASIS = {
    "金融借款合同纠纷": "《中华人民共和国民法典》第六百六十七条、第六百七十四条、第六百七十五条、第六百七十六条、第六百八十八条",
    "民间借贷纠纷": "《中华人民共和国民法典》第六百六十七条、第六百七十五条、第六百七十六条，《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》第二十五条",
    "买卖合同纠纷": "《中华人民共和国民法典》第五百零九条、第五百七十七条、第五百八十五条、第六百二十六条",
    "机动车交通事故责任纠纷": "《中华人民共和国民法典》第一千一百七十九条、第一千二百零八条，《中华人民共和国道路交通安全法》第七十六条",
    "劳动争议": "《中华人民共和国劳动合同法》第三十条、第四十七条、第八十二条、第八十七条",
    "离婚纠纷": "《中华人民共和国民法典》第一千零七十九条、第一千零八十四条、第一千零八十七条",
    "危险驾驶罪": "《中华人民共和国刑法》第一百三十三条之一第一款第（二）项、第五十二条、第六十七条第三款",
    "盗窃罪": "《中华人民共和国刑法》第二百六十四条、第五十二条、第五十三条、第六十七条第三款",
    "诈骗罪": "《中华人民共和国刑法》第二百六十六条、第五十二条、第五十三条、第六十四条、第六十七条第三款",
}
CLAIMS = {
    "民间借贷纠纷": "1.判令被告归还借款本金及逾期利息；2.本案诉讼费用由被告负担",
    "买卖合同纠纷": "1.判令被告支付拖欠的货款及逾期付款违约金；2.本案诉讼费用由被告负担",
    "机动车交通事故责任纠纷": "1.判令被告赔偿医疗费、误工费、护理费、交通费等各项损失；2.本案诉讼费用由被告负担",
    "劳动争议": "1.判令被告支付拖欠的工资、加班费及经济补偿；2.本案诉讼费用由被告负担",
    "离婚纠纷": "1.判决原告与被告离婚；2.依法分割夫妻共同财产；3.本案诉讼费用由被告负担",
}
REMEDIES = {
    "金融借款合同纠纷": "归还原告借款本金及利息、罚息、复利",
    "民间借贷纠纷": "归还原告借款本金并支付逾期利息",
    "买卖合同纠纷": "支付原告货款及逾期付款违约金",
    "机动车交通事故责任纠纷": "赔偿原告医疗费、误工费、护理费等各项损失",
    "劳动争议": "支付原告工资差额及经济补偿",
}
DEMO_YEARS = (2021, 2025)
DEMO_JUDGMENTS = 2000  # every cause has a hundred or more; loads in about 20 seconds
DEMO_SEED = 2026
_CHINESE_DIGITS = "〇一二三四五六七八九"


def demo_document(seed: int, number: int) -> dict:
    """The synthetic judgment `number` as a whole judgment with its header (parties with ID numbers, addresses and
    telephone numbers, as court files hold them), procedure, facts, reasoning, basis, operative part and signature:
    one line for `omnicourt cases import`, which de-identifies it before it enters the case base."""
    j = judgment(seed, number, years=DEMO_YEARS)
    w = _Writer(random.Random(f"document-{seed}-{number}"))
    plaintiff, defendant = _parties(j)
    code, appeal_court = _court_codes()[j.court]
    kind = "刑" if j.cause in CRIMES else "民"
    serial = 1 + w.rng.randrange(9000)
    number_text = f"（{j.year}）{code}{kind}{'初' if j.court_level == 'basic' else '终'}{serial}号"
    reasoning = j.text[j.text.index("本院认为"):] if "本院认为" in j.text else j.text
    claims = j.text[:j.text.index("本院认为")] if "本院认为" in j.text else ""
    judged = f"{j.year}年{w.rng.randint(1, 12)}月{w.rng.randint(1, 28)}日"
    if kind == "刑":
        body = _criminal_body(w, j, defendant, reasoning)
    else:
        body = _civil_body(w, j, plaintiff, defendant, claims, reasoning)
    signature = (f"如不服本判决，可以在判决书送达之日起{'十' if kind == '刑' else '十五'}日内，通过本院或者直接向{appeal_court}"
                 f"提出上诉。\n审判员　{_staff_name(w)}\n{_chinese_date(judged)}\n书记员　{_staff_name(w)}\n")
    title = f"{plaintiff}与{defendant}{j.cause}一审{'刑事' if kind == '刑' else '民事'}判决书"
    return {"id": f"demo-{seed}-{number}", "text": f"{j.court}\n{'刑' if kind == '刑' else '民'} 事 判 决 书\n{number_text}\n"
            + body + signature, "cause": j.cause, "court": j.court, "court_level": j.court_level, "year": j.year,
            "procedure": j.procedure, "outcome": _document_outcome(j), "title": title, "people": list(j.people)}


def load_demo_case_base(db: Database, index: SearchIndex, *, count: int = DEMO_JUDGMENTS, seed: int = DEMO_SEED) -> int:
    """Fill the demo's case base with `count` judgments of every cause (civil and criminal), de-identified on import;
    nothing is done when it holds them already. Returns how many were imported."""
    with db.reading() as session:
        if session.scalar(select(Judgment.id).where(Judgment.external_id == f"demo-{seed}-0")) is not None:
            return 0
    lines = (json.dumps(demo_document(seed, number), ensure_ascii=False) for number in range(count))
    return importer.import_lines(db, index, lines).imported


def _document_outcome(j: SyntheticJudgment) -> str:
    """A judgment either convicts, supports, partly supports or rejects (mediation and withdrawal make no judgment)."""
    return j.outcome if j.outcome in ("convicted", "supported", "partly_supported", "rejected") else "supported"


def _parties(j: SyntheticJudgment) -> tuple[str, str]:
    """Who sued whom (or whom the procuratorate charged): the plaintiff and the defendant (or the accused)."""
    people = j.people
    if j.cause in CRIMES:
        return "公诉机关", people[0]
    if j.cause == "金融借款合同纠纷":
        return j.facts.split("原告", 1)[1].split("与被告", 1)[0], people[0]
    if j.cause == "买卖合同纠纷":
        seller, buyer = j.facts.split("原告", 1)[1].split("自", 1)[0].split("与被告")
        return seller, buyer
    if j.cause == "劳动争议":
        return people[0], j.facts.split("入职被告", 1)[1].split("，", 1)[0]
    if j.cause == "机动车交通事故责任纠纷":
        return people[1], people[0]
    if j.cause == "民间借贷纠纷":
        return people[0], people[1]
    return people[0], people[1]


def _party_line(w: _Writer, role: str, name: str, year: int) -> str:
    if name.endswith(("公司", "分行", "营业部")):
        return f"{role}：{name}，住所地{w.choice(PLACES)}{w.choice(ROADS)}{w.rng.randint(1, 999)}号。\n"
    born_year, born_month, born_day = year - w.rng.randint(22, 60), w.rng.randint(1, 12), w.rng.randint(1, 28)
    birth = f"{born_year}年{born_month}月{born_day}日"
    region = w.choice(("330106", "330102", "330212", "330302", "330402", "330502", "330602", "330702", "330782"))
    id_number = f"{region}{born_year}{born_month:02d}{born_day:02d}{w.rng.randint(0, 9999):04d}"
    phone = f"1{w.choice('35789')}{w.rng.randint(0, 999_999_999):09d}"
    return (f"{role}：{name}，{w.choice(('男', '女'))}，{birth}出生，汉族，住{w.choice(PLACES)}{w.choice(ROADS)}"
            f"{w.rng.randint(1, 300)}号{w.rng.randint(1, 30)}幢{w.rng.randint(101, 2402)}室，公民身份号码{id_number}，联系电话{phone}。\n")


def _civil_body(w: _Writer, j: SyntheticJudgment, plaintiff: str, defendant: str, claims: str, reasoning: str) -> str:
    procedure = {"ordinary": "普通程序", "small_claims": "小额诉讼程序"}.get(j.procedure, "简易程序")
    claims = claims or f"原告{plaintiff}向本院提出诉讼请求：{CLAIMS.get(j.cause, '判令被告承担民事责任')}。"
    if j.cause == "离婚纠纷":
        remedy = f"准予原告{plaintiff}与被告{defendant}离婚"
    else:
        remedy = f"被告{defendant}于本判决生效之日起十日内{REMEDIES.get(j.cause, '履行义务')}"
    operative = {"rejected": f"驳回原告{plaintiff}的全部诉讼请求。",
                 "partly_supported": f"一、{remedy}；\n二、驳回原告{plaintiff}的其他诉讼请求。"}.get(j.outcome, f"{remedy}。")
    return (_party_line(w, "原告", plaintiff, j.year) + _party_line(w, "被告", defendant, j.year)
            + f"原告{plaintiff}与被告{defendant}{j.cause}一案，本院于{w.date(j.year)}立案后，依法适用{procedure}，公开开庭"
            "进行了审理。本案现已审理终结。\n"
            + claims + f"\n被告{defendant}辩称，原告的诉讼请求缺乏事实和法律依据，请求依法驳回。\n本院经审理认定事实如下：{j.facts}\n"
            + f"{reasoning}依照{BASIS[j.cause]}，《中华人民共和国民事诉讼法》第六十七条之规定，判决如下：\n{operative}\n"
            "如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百六十四条规定，加倍支付迟延履行期间的"
            f"债务利息。\n案件受理费{w.rng.randint(50, 30000)}元，由被告{defendant}负担。\n")


def _criminal_body(w: _Writer, j: SyntheticJudgment, accused: str, reasoning: str) -> str:
    procuratorate = j.court.replace("中级人民法院", "人民检察院").replace("人民法院", "人民检察院")
    finding, _, sentence = reasoning.partition("判处")
    procedure = {"simple": "简易程序", "small_claims": "速裁程序"}.get(j.procedure, "普通程序")
    return (f"公诉机关{procuratorate}。\n" + _party_line(w, "被告人", accused, j.year).rstrip("\n")
            + f"因涉嫌犯{j.cause}于{w.date(j.year - 1)}被取保候审。\n辩护人{_staff_name(w)}，浙江{w.choice(COMPANY_WORDS)}律师事务所律师。\n"
            f"{procuratorate}以起诉书指控被告人{accused}犯{j.cause}，于{w.date(j.year)}向本院提起公诉。本院依法适用{procedure}，"
            "公开开庭审理了本案。现已审理终结。\n"
            f"公诉机关指控：{j.facts.split('。', 1)[0]}。\n被告人{accused}对指控的事实、罪名及量刑建议没有异议。\n"
            f"经审理查明：{j.facts}\n{finding}依照{BASIS[j.cause]}之规定，判决如下：\n被告人{accused}犯{j.cause}，判处{sentence}\n")


def _staff_name(w: _Writer) -> str:
    """A judge's, clerk's or defence lawyer's name: published judgments keep them (court-rules-2.md §6, art. 11)."""
    return w.rng.choice(SURNAMES) + w.rng.choice(GIVEN) + w.rng.choice(GIVEN)


def _chinese_date(text: str) -> str:
    year, rest = text.split("年")
    month, day = rest.rstrip("日").split("月")
    return "".join(_CHINESE_DIGITS[int(d)] for d in year) + f"年{_chinese_number(int(month))}月{_chinese_number(int(day))}日"


def _chinese_number(value: int) -> str:
    tens, units = divmod(value, 10)
    return (("" if tens == 1 else _CHINESE_DIGITS[tens]) + "十" if tens else "") + (_CHINESE_DIGITS[units] if units else "")


@cache
def _court_codes() -> dict[str, tuple[str, str]]:
    """Each court's code and the court that hears its appeals (the intermediate court above a basic one)."""
    with COURTS_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    names = {row["code"]: row["name"] for row in rows}
    return {row["name"]: (row["code"], names.get(row["parent_code"], "浙江省高级人民法院")) for row in rows}
