"""Realistic case files of financial loan disputes with known labels, for evaluating the extraction.

``generate(seed, n)`` draws n cases: a bank branch lends to natural persons or a company, with guarantors
(joint / general / maximum amount), a mortgage on a house or a car or none, every written form of the rate,
the principal in digits or in capital words only, partial repayments, default, acceleration and a cut-off.
Each case carries its documents (complaint, loan contract, guarantee and mortgage contracts, repayment
ledger, defence, cross-examination opinion), the true element values and the amounts the calculator computes
to the cut-off, which the complaint claims. Same seed, same cases.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, TypedDict

import cn2an

from omnicourt.assistant.documents import CaseDocument
from omnicourt.assistant.numbers import amount_in_words, date_in_words
from omnicourt.loans.elements import Elements, Finding, to_terms
from omnicourt.security.rules import make_id_number, make_uscc

BANKS = (("中国工商银行股份有限公司", "工商银行"), ("中国建设银行股份有限公司", "建设银行"),
         ("中国农业银行股份有限公司", "农业银行"), ("中国银行股份有限公司", "中国银行"),
         ("交通银行股份有限公司", "交通银行"), ("招商银行股份有限公司", "招商银行"),
         ("浙江杭州余杭农村商业银行股份有限公司", "余杭农商银行"), ("杭州银行股份有限公司", "杭州银行"),
         ("宁波银行股份有限公司", "宁波银行"), ("浙江绍兴瑞丰农村商业银行股份有限公司", "瑞丰银行"))
CITIES = (("杭州", "330106", ("西湖区", "拱墅区", "上城区", "滨江区", "余杭区")),
          ("宁波", "330203", ("海曙区", "鄞州区", "江北区")), ("温州", "330302", ("鹿城区", "瓯海区")),
          ("绍兴", "330602", ("越城区", "柯桥区")), ("金华", "330702", ("婺城区", "金东区")),
          ("台州", "331002", ("椒江区", "黄岩区")))
BRANCH_WORDS = ("西湖", "城西", "文三路", "高新", "之江", "钱江", "东城", "滨江", "中山路", "解放路", "天一")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志文辉鹏飞雪梅春燕海波晓东红"
STREETS = ("文三路", "天目山路", "莫干山路", "解放东路", "中山北路", "人民路", "环城西路", "学院路", "新华路")
COMPANY_WORDS = ("恒信", "华顺", "盛达", "锦程", "汇丰", "鼎泰", "宏远", "金诚", "瑞祥", "永安")
COMPANY_TRADES = ("贸易有限公司", "建材有限公司", "纺织有限公司", "机械制造有限公司", "电子科技有限公司")
CARS = ("大众牌帕萨特", "丰田牌凯美瑞", "本田牌雅阁", "比亚迪牌汉", "别克牌君越")
METHODS = {"等额本息": ("按月等额本息还款", "等额本息"), "等额本金": ("按月等额本金还款", "等额本金"),
           "按月付息到期还本": ("按月付息、到期一次性还本", "按月付息，到期还本"),
           "到期一次性还本付息": ("到期一次性还本付息", "利随本清，到期一次性还本付息")}
DISPUTES = (
    "原告主张的利率、罚息及复利合计过高，远超实际损失，请求法院依法调整至年利率24%以内。",
    "答辩人已于{paid_on}向原告归还部分款项，原告未予扣减，主张的本金数额有误。",
    "保证期间已经届满，原告未在保证期间内向保证人主张权利，保证人不应承担保证责任。",
    "借款实际未足额到账，原告所称放款金额与答辩人实际收到的金额不符，应以实际收到的金额为本金。",
    "原告收取的账户管理费、咨询服务费实为变相利息，应当从本金中予以扣除。",
)
BOILERPLATE = (
    "本合同项下的通知、催收函件，按照本合同载明的地址送达即视为送达，一方地址变更应当及时书面通知对方。",
    "借款人承诺其提供的全部资料真实、准确、完整，并同意贷款人向金融信用信息基础数据库查询和报送其信用信息。",
    "本合同履行中发生争议的，双方协商解决；协商不成的，依法向贷款人住所地人民法院提起诉讼。",
    "本合同自双方签字或盖章之日起生效，一式三份，各方各执一份，具有同等法律效力。",
    "借款人应按照约定用途使用借款，不得挪用，不得用于证券、期货、房地产等国家禁止的领域。",
    "贷款人有权对借款人的资金使用情况进行检查和监督，借款人应予配合并提供有关资料。",
)


@dataclass(frozen=True)
class LabelledCase:
    """A generated case file with the truth: element values (field -> value) and the amounts to the cut-off."""

    case_id: str
    documents: list[CaseDocument]
    elements: dict[str, Any]
    amounts: dict[str, Decimal] = field(default_factory=dict)


def _rate_text(rng: random.Random) -> str:
    form = rng.randrange(5)
    if form == 0:
        return f"年利率{rng.choice(('4.35', '4.75', '5.22', '5.655', '6.12', '6.525', '7.2', '8.5'))}%"
    if form == 1:
        return f"月利率{rng.choice(('4', '4.5', '5', '5.1', '6', '7.25'))}‰"
    if form == 2:
        return f"日利率万分之{rng.choice(('一点五', '二', '二点五', '三', '1.8', '2.2'))}"
    if form == 3:
        return f"LPR加{rng.choice((30, 50, 75, 100, 150))}个基点"
    return f"年利率{rng.choice(('4.35', '5.5', '6'))}%"


class Party(TypedDict, total=False):
    """A generated borrower or guarantor: a person (sex, born) or a company (company, representative)."""

    name: str
    id_number: str
    address: str
    sex: str
    born: date
    company: bool
    representative: str
    kind: str  # a guarantor's: joint, general or maximum
    max_amount: Decimal  # a maximum guarantee's ceiling


def _person(rng: random.Random, sequence: int, city: tuple) -> Party:
    sex = rng.choice(("male", "female"))
    born = date(rng.randint(1960, 1998), rng.randint(1, 12), rng.randint(1, 28))
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
    return {"name": name, "id_number": make_id_number(city[1], born, sequence, sex), "sex": sex, "born": born,
            "address": f"浙江省{city[0]}市{rng.choice(city[2])}{rng.choice(STREETS)}{rng.randint(1, 399)}号"
                       f"{rng.randint(1, 20)}幢{rng.randint(101, 2508)}室"}


def _company(rng: random.Random, city: tuple) -> Party:
    body = "9133" + city[1][2:6] + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(9))
    return {"name": f"{city[0]}{rng.choice(COMPANY_WORDS)}{rng.choice(COMPANY_TRADES)}", "id_number": make_uscc(body),
            "company": True, "representative": rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
            "address": f"浙江省{city[0]}市{rng.choice(city[2])}{rng.choice(STREETS)}{rng.randint(1, 399)}号"}


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, 28))


class _Case:
    """The facts of one case, drawn once; the documents are written from them."""

    def __init__(self, rng: random.Random, number: int):
        self.rng = rng
        self.city = rng.choice(CITIES)
        bank, self.bank_short = rng.choice(BANKS)
        self.lender = {"name": f"{bank}{self.city[0]}{rng.choice(BRANCH_WORDS)}支行",
                       "representative": rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
                       "address": f"浙江省{self.city[0]}市{rng.choice(self.city[2])}{rng.choice(STREETS)}"
                                  f"{rng.randint(1, 500)}号"}
        self.company_borrower = rng.random() < 0.25
        self.borrowers = ([_company(rng, self.city)] if self.company_borrower else
                          [_person(rng, 1 + i, self.city) for i in range(rng.choice((1, 1, 1, 2)))])
        self.guarantors = [self._guarantor(i) for i in range(rng.choice((0, 1, 1, 2, 3)))]
        self.contract_date = date(2019, 9, 1) + timedelta(days=rng.randrange(1000))  # cut-offs within the LPR table
        self.contract_number = rng.choice((
            f"{self.city[1]}{self.contract_date.year}{rng.randint(10000, 99999)}",
            f"{self.contract_date.year}年{rng.choice(BRANCH_WORDS)}（个贷）字第{rng.randint(1, 999):04d}号",
            f"JK{self.contract_date:%Y%m%d}{rng.randint(100, 999)}"))
        self.principal = Decimal(rng.choice((rng.randrange(5, 300) * 10000, rng.randrange(30000, 3000000))))
        self.in_words_only = rng.random() < 0.15
        self.term_start = self.contract_date + timedelta(days=rng.choice((0, 0, 1, 3, 7)))
        self.term_end = _add_months(self.term_start, rng.choice((12, 24, 36, 60))) - timedelta(days=1)
        self.rate = _rate_text(rng)
        self.method = rng.choice(tuple(METHODS))
        self.uplift = rng.choice((Decimal("0.3"), Decimal("0.5"), Decimal("0.5")))
        self.compound = rng.random() < 0.75
        self.day_count = rng.choice((360, 360, 365))
        self.disbursed_on = self.term_start
        self.default_on = self.term_start + timedelta(days=rng.randrange(60, 600))
        self.repayments = self._repayments()
        self.accelerated_on = (self.default_on + timedelta(days=rng.randrange(30, 200))
                               if rng.random() < 0.6 else None)
        last = max(self.default_on, self.accelerated_on or self.default_on)
        self.cutoff = last + timedelta(days=rng.randrange(20, 300))
        self.fees = Decimal(rng.choice((0, 0, 3000, 5000, 8000, 12000)))
        self.collateral = self._collateral()
        self.defence = rng.random() < 0.55
        self.disputes = rng.sample(DISPUTES, rng.choice((1, 1, 2))) if self.defence else []
        self.cross_examination = self.defence and rng.random() < 0.5
        self.case_id = f"LOAN-{number:05d}"

    def _guarantor(self, index: int) -> Party:
        rng = self.rng
        person = _company(rng, self.city) if rng.random() < 0.25 else _person(rng, 10 + index, self.city)
        kind = rng.choice(("joint", "joint", "joint", "general", "maximum"))
        if kind == "maximum":
            person["max_amount"] = Decimal(rng.randrange(10, 400) * 10000)
        person["kind"] = kind
        return person

    def _repayments(self) -> list[tuple[date, Decimal]]:
        rng, rows = self.rng, []
        day = self.term_start
        for _ in range(rng.choice((0, 1, 2, 3, 5))):
            day = day + timedelta(days=rng.randrange(20, 45))
            if day >= self.default_on:
                break
            rows.append((day, Decimal(rng.randrange(100000, 2000000)) / 100))
        return rows

    def _collateral(self) -> list[dict[str, Any]]:
        rng = self.rng
        if rng.random() < 0.45:
            return []
        owner = rng.choice(self.borrowers + [g for g in self.guarantors if not g.get("company")])["name"]
        if rng.random() < 0.7:
            description = (f"位于浙江省{self.city[0]}市{rng.choice(self.city[2])}{rng.choice(STREETS)}"
                           f"{rng.randint(1, 300)}号{rng.randint(1, 30)}幢{rng.randint(101, 2808)}室的房屋"
                           f"（不动产权证号：浙（{self.contract_date.year - rng.randint(1, 8)}）{self.city[0]}市"
                           f"不动产权第{rng.randint(1000000, 9999999)}号）")
        else:
            plate = "浙" + rng.choice("ABCDG") + "".join(rng.choice("0123456789ABCDEFGHJK") for _ in range(5))
            description = f"{rng.choice(CARS)}小型轿车一辆（车牌号：{plate}）"
        return [{"owner": owner, "description": description,
                 "max_amount": self.principal if rng.random() < 0.6 else self.principal * Decimal("1.2")}]

    def labels(self) -> dict[str, Any]:
        labels: dict[str, Any] = {
            "lender.name": self.lender["name"], "lender.representative": self.lender["representative"],
            "lender.address": self.lender["address"], "contract.number": self.contract_number,
            "contract.date": self.contract_date, "loan.principal": self.principal,
            "loan.term_start": self.term_start, "loan.term_end": self.term_end, "loan.rate": self.rate,
            "loan.repayment_method": self.method, "loan.penalty_uplift": self.uplift,
            "loan.compound": self.compound, "loan.day_count": self.day_count,
            "disbursement.date": self.disbursed_on, "disbursement.amount": self.principal,
            "default.date": self.default_on, "claim.cutoff": self.cutoff, "defence.filed": self.defence}
        if self.accelerated_on:
            labels["acceleration.date"] = self.accelerated_on
        if self.fees:
            labels["claim.fees"] = self.fees
        for i, person in enumerate(self.borrowers, 1):
            for key in ("name", "id_number", "address"):
                labels[f"borrower.{i}.{key}"] = person[key]
        for i, person in enumerate(self.guarantors, 1):
            labels[f"guarantor.{i}.name"] = person["name"]
            labels[f"guarantor.{i}.id_number"] = person["id_number"]
            labels[f"guarantor.{i}.kind"] = person["kind"]
            if person.get("max_amount"):
                labels[f"guarantor.{i}.max_amount"] = person["max_amount"]
        for i, item in enumerate(self.collateral, 1):
            for key in ("owner", "description", "max_amount"):
                labels[f"collateral.{i}.{key}"] = item[key]
        for i, (day, amount) in enumerate(self.repayments, 1):
            labels[f"repayment.{i}.date"] = day
            labels[f"repayment.{i}.amount"] = amount
        return labels


def _money(value: Decimal, rng: random.Random) -> str:
    return rng.choice((f"{value:,.2f}元", f"{value:.2f}元", f"{value:,.2f}元"))


def _day(value: date, rng: random.Random, words: bool = False) -> str:
    if words:
        return date_in_words(value)
    return rng.choice((f"{value.year}年{value.month}月{value.day}日", f"{value.year}年{value.month}月{value.day}日",
                       f"{value:%Y-%m-%d}", f"{value.year}.{value.month}.{value.day}"))


def _party_line(role: str, person: Party, rng: random.Random) -> str:
    if person.get("company"):
        return (f"{role}：{person['name']}，住所地{person['address']}，统一社会信用代码：{person['id_number']}。"
                f"\n法定代表人：{person['representative']}，该公司执行董事。")
    sex = "男" if person["sex"] == "male" else "女"
    born = person["born"]
    return (f"{role}：{person['name']}，{sex}，{born.year}年{born.month}月{born.day}日出生，"
            f"汉族，住{person['address']}，公民身份号码：{person['id_number']}。")


class _Writer:
    """Writes the documents of a case from its facts and the computed amounts."""

    def __init__(self, case: _Case, amounts: dict[str, Decimal]):
        self.case, self.rng, self.amounts = case, case.rng, amounts
        self.with_ledger = self.rng.random() < 0.85
        self.party_notes = self.rng.random() < 0.2

    def principal_text(self) -> str:
        case = self.case
        if case.in_words_only:
            return f"人民币{amount_in_words(case.principal)}"
        return self.rng.choice((f"人民币{amount_in_words(case.principal)}（小写：{_money(case.principal, self.rng)}）",
                                f"{_money(case.principal, self.rng)}", f"人民币{_money(case.principal, self.rng)}"))

    def note(self, side: str) -> str:
        return f"（{side}）" if self.party_notes else ""

    def term_text(self) -> str:
        start, end = _day(self.case.term_start, self.rng), _day(self.case.term_end, self.rng)
        return self.rng.choice((f"自{start}起至{end}止", f"自{start}起至{end}止", f"：{start}至{end}"))

    def loan_contract(self) -> CaseDocument:
        case, rng = self.case, self.rng
        kind_title = "流动资金借款合同" if case.company_borrower else "个人消费借款合同"
        lines = [rng.choice(("个人借款合同", "借款合同", kind_title)),
                 f"{rng.choice(('合同编号', '合同号'))}：{case.contract_number}", "",
                 f"贷款人{self.note('乙方')}：{case.lender['name']}", f"负责人：{case.lender['representative']}",
                 f"住所：{case.lender['address']}", ""]
        for person in case.borrowers:
            lines.append(f"借款人{self.note('甲方')}：{person['name']}")
            lines.append(f"{'统一社会信用代码' if person.get('company') else '身份证号码'}：{person['id_number']}")
            lines.append(f"住所：{person['address']}")
        lines += ["", "借款人因" + rng.choice(("装修", "经营周转", "购车", "消费")) + "需要，向贷款人申请借款。"
                  "双方根据《中华人民共和国民法典》等法律法规，经平等协商，订立本合同，共同遵守。", "",
                  f"第一条 借款金额 本合同项下借款金额为{self.principal_text()}。",
                  f"第二条 借款期限 借款期限{self.term_text()}，"
                  "实际放款日与约定不一致的，以借款借据记载为准。",
                  f"第三条 借款利率 本合同项下借款执行{self._rate_clause()}，{rng.choice(('按月结息', '按季结息'))}，"
                  f"日利率=年利率/{case.day_count}。",
                  f"第四条 还款方式 借款人按{rng.choice(METHODS[case.method])}方式归还借款本息。",
                  f"第五条 逾期罚息 借款人未按约定期限归还借款本金的，贷款人对逾期借款自逾期之日起按本合同约定利率"
                  f"{self._uplift_text()}计收罚息。",
                  "第六条 复利 " + ("对借款人不能按时支付的利息，贷款人按罚息利率计收复利。" if case.compound
                                 else "贷款人对借款人未按时支付的利息不计收复利。"),
                  "第七条 提前到期 借款人未按约定还本付息的，贷款人有权宣布本合同项下借款全部提前到期，"
                  "并要求借款人立即偿还全部借款本息。",
                  "第八条 实现债权的费用 贷款人为实现债权而发生的诉讼费、律师费、保全费等费用，由借款人承担。"]
        boilerplate = rng.sample(BOILERPLATE, rng.randint(2, 4))
        lines += [f"第{cn2an.an2cn(9 + i)}条 {text}" for i, text in enumerate(boilerplate)]
        lines += ["", "贷款人（盖章）：" + case.lender["name"], "借款人（签字）：" + "、".join(
            p["name"] for p in case.borrowers), f"签订日期：{_day(case.contract_date, rng, rng.random() < 0.3)}"]
        return CaseDocument("借款合同.txt", "loan_contract", "\n".join(lines))

    def _rate_clause(self) -> str:
        rate = self.case.rate
        if rate.startswith("LPR"):
            return f"浮动利率，即{rate}（LPR指全国银行间同业拆借中心公布的一年期贷款市场报价利率）"
        return f"固定利率，{rate}"

    def _uplift_text(self) -> str:
        percent = int(self.case.uplift * 100)
        return self.rng.choice((f"上浮{percent}%", f"加收{percent}%", f"基础上上浮{percent}%"))

    def guarantee_contracts(self) -> list[CaseDocument]:
        case, rng, documents = self.case, self.rng, []
        for i, person in enumerate(case.guarantors, 1):
            kind = person["kind"]
            title = "最高额保证合同" if kind == "maximum" else "保证合同"
            way = {"joint": "连带责任保证", "general": "一般保证", "maximum": "最高额连带责任保证"}[kind]
            lines = [title, f"编号：BZ{case.contract_number[-6:]}-{i}", "",
                     f"债权人：{case.lender['name']}",
                     f"保证人：{person['name']}",
                     f"{'统一社会信用代码' if person.get('company') else '身份证号码'}：{person['id_number']}",
                     f"住所：{person['address']}", "",
                     f"为确保债权人与债务人{'、'.join(p['name'] for p in case.borrowers)}签订的编号为"
                     f"{case.contract_number}的借款合同（以下称主合同）的履行，保证人愿意提供担保。",
                     f"第一条 保证方式 保证人提供的保证为{way}。"]
            if kind == "maximum":
                lines.append(f"第二条 被担保的最高债权额 本合同担保的最高债权额为{_money(person['max_amount'], rng)}。")
            lines += ["第三条 保证范围 包括主合同项下的借款本金、利息、罚息、复利、违约金、损害赔偿金"
                      "以及实现债权的费用。",
                      "第四条 保证期间 保证期间为主合同约定的债务履行期限届满之日起三年。",
                      f"第五条 {rng.choice(BOILERPLATE)}", "",
                      f"保证人（签字）：{person['name']}", f"签订日期：{_day(case.contract_date, rng)}"]
            documents.append(CaseDocument(f"保证合同{i}.txt" if len(case.guarantors) > 1 else "保证合同.txt",
                                          "guarantee_contract", "\n".join(lines)))
        return documents

    def mortgage_contracts(self) -> list[CaseDocument]:
        case, rng, documents = self.case, self.rng, []
        for item in case.collateral:
            lines = [rng.choice(("抵押合同", "最高额抵押合同")), f"编号：DY{case.contract_number[-6:]}", "",
                     f"抵押权人：{case.lender['name']}", f"抵押人：{item['owner']}", "",
                     "为担保主合同项下债务的履行，抵押人自愿以其有权处分的财产提供抵押担保。",
                     f"第一条 抵押物 {rng.choice(('抵押物为', '抵押财产：'))}{item['description']}，"
                     "抵押物的详细情况以抵押物清单为准。",
                     f"第二条 担保的债权 本合同担保的最高债权额为{_money(item['max_amount'], rng)}。",
                     "第三条 抵押登记 双方应于本合同签订后十五日内到登记机关办理抵押登记。",
                     f"第四条 {rng.choice(BOILERPLATE)}", "",
                     f"抵押人（签字）：{item['owner']}", f"签订日期：{_day(case.contract_date, rng)}"]
            documents.append(CaseDocument("抵押合同.txt", "mortgage_contract", "\n".join(lines)))
        return documents

    def ledger(self) -> CaseDocument:
        case, rng = self.case, self.rng
        cell = rng.choice(("    ", " | ", "\t"))
        lines = [f"{case.bank_short}贷款还款明细",
                 f"借款人：{case.borrowers[0]['name']}    合同编号：{case.contract_number}",
                 cell.join(("交易日期", "摘要", "发生额（元）", "备注")),
                 cell.join((f"{case.disbursed_on:%Y-%m-%d}", "放款", f"{case.principal:,.2f}", "贷款发放"))]
        for day, amount in case.repayments:
            kind = rng.choice(("还款", "归还贷款", "自动扣款还款"))
            remark = rng.choice(("正常还款", "柜面还款", "代扣"))
            lines.append(cell.join((f"{day:%Y-%m-%d}", kind, f"{amount:,.2f}", remark)))
        lines.append(f"打印日期：{case.cutoff + timedelta(days=rng.randint(1, 20)):%Y-%m-%d}")
        return CaseDocument("还款明细.txt", "ledger", "\n".join(lines))

    def complaint(self) -> CaseDocument:
        case, rng, amounts = self.case, self.rng, self.amounts
        lender = case.lender
        lines = ["民事起诉状", "",
                 f"原告：{lender['name']}，住所地{lender['address']}。",
                 f"负责人：{lender['representative']}，该支行行长。",
                 f"委托诉讼代理人：{rng.choice(SURNAMES)}{rng.choice(GIVEN)}，浙江{rng.choice(COMPANY_WORDS)}律师事务所律师。"]
        defendants = case.borrowers + case.guarantors
        for i, person in enumerate(defendants, 1):
            lines.append(_party_line(f"被告{'一二三四五六七'[i - 1] if len(defendants) > 1 else ''}", person, rng))
        borrowers = "、".join(p["name"] for p in case.borrowers)
        principal, interest = _money(amounts["principal"], rng), _money(amounts["interest"], rng)
        until = f"{rng.choice(('截至', '暂计至', '计至'))}{_day(case.cutoff, rng)}的{rng.choice(('利息', '欠息'))}"
        lines += ["", "诉讼请求：",
                  f"1. 判令被告{borrowers}归还原告借款本金{principal}，支付{until}{interest}、"
                  f"罚息{_money(amounts['penalty'], rng)}"
                  + (f"、复利{_money(amounts['compound'], rng)}" if case.compound else "")
                  + "，并支付自次日起至实际清偿之日止的罚息" + ("、复利；" if case.compound else "；")]
        claim = 2
        if case.fees:
            lines.append(f"{claim}. 判令被告赔偿原告为实现债权支出的律师费{_money(case.fees, rng)}；")
            claim += 1
        if case.guarantors:
            lines.append(f"{claim}. 判令被告{'、'.join(g['name'] for g in case.guarantors)}对上述债务承担保证责任；")
            claim += 1
        if case.collateral:
            lines.append(f"{claim}. 判令原告对抵押人{case.collateral[0]['owner']}提供的抵押物折价或拍卖、变卖所得价款"
                         "在最高债权额范围内享有优先受偿权；")
            claim += 1
        lines.append(f"{claim}. 本案诉讼费、保全费等由被告承担。")
        narrative = (f"{_day(case.contract_date, rng)}，原告与被告{case.borrowers[0]['name']}签订编号为"
                     f"{case.contract_number}的借款合同，约定借款金额{self.principal_text()}，借款期限"
                     f"{self.term_text()}，执行{case.rate}，"
                     f"逾期罚息在合同利率基础上上浮{int(case.uplift * 100)}%。"
                     f"{_day(case.disbursed_on, rng)}，原告依约发放贷款{_money(case.principal, rng)}。")
        if case.repayments and (not self.with_ledger or rng.random() < 0.4):
            narrative += "此后被告分别于" + "、".join(f"{_day(day, rng)}还款{_money(amount, rng)}"
                                                for day, amount in case.repayments) + "。"
        narrative += f"被告自{_day(case.default_on, rng)}起未按约还本付息，经原告多次催收未果。"
        if case.accelerated_on:
            narrative += f"原告于{_day(case.accelerated_on, rng)}宣布贷款提前到期，要求被告立即归还全部借款本息。"
        narrative += (f"截至{_day(case.cutoff, rng)}，被告尚欠本金{_money(amounts['principal'], rng)}及相应利息、罚息"
                      + ("、复利。" if case.compound else "。"))
        lines += ["", "事实与理由：", narrative,
                  "原告认为，原、被告之间的借款合同系双方真实意思表示，合法有效。被告未按约履行还款义务，已构成违约，"
                  "保证人及抵押人亦应依法承担担保责任。为维护原告的合法权益，特依据《中华人民共和国民法典》"
                  "第六百七十四条、第六百七十五条、第六百七十六条等规定，向贵院提起诉讼，望判如所请。",
                  "", "此致", f"{self.case.city[0]}市{self.case.city[2][0]}人民法院", "",
                  f"具状人：{lender['name']}", f"{_day(case.cutoff + timedelta(days=rng.randint(3, 30)), rng)}"]
        return CaseDocument("起诉状.txt", "complaint", "\n".join(lines))

    def defence(self) -> CaseDocument:
        case, rng = self.case, self.rng
        person = case.borrowers[0]
        paid_on = _day(case.repayments[0][0], rng) if case.repayments else "起诉前"
        points = "\n".join(f"{'一二三'[i]}、{text.format(paid_on=paid_on)}" for i, text in enumerate(case.disputes))
        text = (f"民事答辩状\n\n答辩人：{person['name']}，住{person['address']}。\n"
                f"被答辩人：{case.lender['name']}。\n\n答辩人因与被答辩人金融借款合同纠纷一案，现提出答辩意见如下：\n"
                f"{points}\n综上，请求法院依法驳回被答辩人的不当诉讼请求。\n\n答辩人：{person['name']}")
        return CaseDocument("答辩状.txt", "defence", text)

    def cross_examination(self) -> CaseDocument:
        case = self.case
        text = (f"质证意见\n\n被告{case.borrowers[0]['name']}对原告提交的证据发表质证意见如下：\n"
                "1. 对借款合同的真实性无异议，但对其中利率、罚息条款的合理性有异议。\n"
                "2. 对还款明细的真实性有异议，该明细系原告单方制作，未反映被告的全部还款。\n"
                "3. 对催收记录的关联性有异议。")
        return CaseDocument("质证意见.txt", "cross_examination", text)

    def documents(self) -> list[CaseDocument]:
        documents = [self.complaint(), self.loan_contract(), *self.guarantee_contracts(), *self.mortgage_contracts()]
        if self.with_ledger:
            documents.append(self.ledger())
        if self.case.defence:
            documents.append(self.defence())
        if self.case.cross_examination:
            documents.append(self.cross_examination())
        return documents


def _as_elements(labels: dict[str, Any]) -> Elements:
    return {name: Finding(name, value, "labels", 0, 0, 1.0) for name, value in labels.items()}


def true_amounts(labels: dict[str, Any], lpr=None) -> dict[str, Decimal]:
    """The calculator's amounts to the cut-off for the true elements (extract -> to_terms -> compute)."""
    from omnicourt.interest.lpr import LprTable
    from omnicourt.loans.compute import compute

    result = compute(to_terms(_as_elements(labels)), cutoff=labels["claim.cutoff"], lpr=lpr or LprTable.load())
    return {name: getattr(result, name) for name in ("principal", "interest", "penalty", "compound", "fees", "total")}


def generate(seed: int, n: int, *, calculator=true_amounts) -> list[LabelledCase]:
    """n labelled case files drawn from ``seed``; the complaint claims what ``calculator`` computes."""
    rng = random.Random(seed)
    cases = []
    for number in range(1, n + 1):
        case = _Case(rng, number)
        labels = case.labels()
        amounts = calculator(labels)
        documents = _Writer(case, amounts).documents()
        labels.update({"claim.principal": amounts["principal"], "claim.interest": amounts["interest"],
                       "claim.penalty": amounts["penalty"]})
        if case.compound:
            labels["claim.compound"] = amounts["compound"]
        cases.append(LabelledCase(case.case_id, documents, labels, amounts))
    return cases
