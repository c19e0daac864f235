# ruff: noqa: E501 -- judgment text; ruff counts each CJK character as two columns
"""A deterministic corpus of judgments with varied people and identifiers, and what publication must do to each:
the names art. 8 masks, the items art. 10 deletes, and what must survive (the law of the case, organisations, the
names art. 11 keeps). Generated here from a seed: no public document is committed."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from omnicourt.publication.redaction import Category
from omnicourt.security.rules import make_id_number, make_uscc

SURNAMES = ("王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "朱", "马", "胡", "郭", "林", "何", "高",
            "罗", "郑", "梁", "谢", "宋", "唐", "韩", "冯", "邓", "曹", "彭", "曾", "萧", "田", "董", "潘", "袁", "蔡", "蒋")
COMPOUND = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "端木", "夏侯")
GIVEN = ("伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超",
         "秀兰", "霞", "平", "刚", "桂英", "建国", "志强", "海燕", "晓东", "文博", "雨欣", "子涵", "浩然", "思远", "梓萱")
MINORITY = ("阿卜杜热合曼·买买提", "热依拉·艾力", "古丽娜尔·吐尔逊", "艾尔肯·阿不都拉", "迪丽努尔·阿不都", "买买提江·吐尔洪",
            "扎西顿珠", "次仁卓玛", "格桑旺堆", "巴特尔", "乌云其木格", "斯琴高娃")
FOREIGN_CHINESE = ("约翰·史密斯", "玛丽亚·加西亚", "彼得·穆勒", "安娜·伊万诺娃", "詹姆斯·威尔逊", "伊藤·健太")
FOREIGN_LATIN = ("John Smith", "Maria Garcia", "Peter Muller", "Anna Ivanova", "James Wilson", "David Brown",
                 "Emma Johnson", "Lucas Martin")
PLACES = (("浙江省杭州市西湖区", "330106"), ("浙江省宁波市海曙区", "330203"), ("江苏省南京市鼓楼区", "320106"),
          ("新疆维吾尔自治区乌鲁木齐市天山区", "650102"), ("西藏自治区拉萨市城关区", "540102"),
          ("内蒙古自治区呼和浩特市新城区", "150102"), ("广东省深圳市南山区", "440305"), ("湖南省长沙县", "430121"))
STREETS = ("文三路", "解放北路", "人民大道", "中山东路", "建设路", "和平里", "幸福小区", "滨江花园")
COMPANIES = ("浙江宏达贸易有限公司", "杭州恒信小额贷款股份有限公司", "中国工商银行股份有限公司杭州西湖支行",
             "宁波海天建设集团有限公司", "乌鲁木齐天山商贸有限责任公司")
FIRMS = ("浙江天册律师事务所", "北京大成（杭州）律师事务所", "新疆天阳律师事务所", "上海锦天城律师事务所")
PLATE_PROVINCES = "浙苏新藏蒙粤湘沪京"
ETHNIC = ("汉族", "维吾尔族", "藏族", "蒙古族", "回族", "壮族")
CN_DIGITS = "〇一二三四五六七八九"


@dataclass
class Document:
    text: str
    category: Category
    on: date
    masked: list[str] = field(default_factory=list)  # names art. 8 masks: none may show
    deleted: list[str] = field(default_factory=list)  # art. 10's items: none may show
    kept: list[str] = field(default_factory=list)  # what must survive word for word


def _cn_number(n: int) -> str:
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


def cn_date(day: date) -> str:
    return "".join(CN_DIGITS[int(c)] for c in str(day.year)) + f"年{_cn_number(day.month)}月{_cn_number(day.day)}日"


class Generator:
    def __init__(self, seed: int):
        self.random = random.Random(seed)
        self.used: set[str] = set()

    def name(self) -> str:
        """A natural person's name never given before in this document (so masks collide only by surname)."""
        while True:
            kind = self.random.random()
            if kind < 0.12:
                candidate = self.random.choice(MINORITY)
            elif kind < 0.18:
                candidate = self.random.choice(FOREIGN_CHINESE)
            elif kind < 0.24:
                candidate = self.random.choice(FOREIGN_LATIN)
            else:
                surname = self.random.choice(COMPOUND) if kind < 0.36 else self.random.choice(SURNAMES)
                candidate = surname + self.random.choice(GIVEN)
            if candidate not in self.used and not any(candidate in u or u in candidate for u in self.used):
                self.used.add(candidate)
                return candidate

    def birth(self, *, minor_on: date | None = None) -> date:
        if minor_on is not None:
            return minor_on - timedelta(days=self.random.randint(4 * 365, 16 * 365))
        return date(self.random.randint(1950, 2000), self.random.randint(1, 12), self.random.randint(1, 28))

    def id_number(self, region: str, born: date) -> str:
        sex = self.random.choice(("male", "female"))
        for sequence in self.random.sample(range(1, 499), 40):  # about one in eleven ends in X: prefer those
            number = make_id_number(region, born, sequence, sex)
            if number.endswith("X") or self.random.random() < 0.4:
                return number
        return number

    def phone(self) -> str:
        digits = f"1{self.random.choice('3456789')}{self.random.randint(0, 9)}{self.random.randint(10_000_000, 99_999_999)}"
        style = self.random.random()
        if style < 0.2:
            return f"{digits[:3]}-{digits[3:7]}-{digits[7:]}"
        if style < 0.3:
            return f"0{self.random.randint(10, 999)}-{self.random.randint(2_000_000, 89_999_999)}"
        return digits

    def account(self) -> str:
        digits = "62" + "".join(str(self.random.randint(0, 9)) for _ in range(self.random.choice((14, 16, 17))))
        return " ".join(digits[i:i + 4] for i in range(0, len(digits), 4)) if self.random.random() < 0.3 else digits

    def plate(self) -> str:
        letters = "ABCDEFGHJK"
        tail = "".join(self.random.choice("0123456789ABCDEFGHJK") for _ in range(5))
        dot = "·" if self.random.random() < 0.3 else ""
        return f"{self.random.choice(PLATE_PROVINCES)}{self.random.choice(letters)}{dot}{tail}"

    def street(self) -> str:
        return f"{self.random.choice(STREETS)}{self.random.randint(1, 999)}号{self.random.randint(1, 30)}幢{self.random.randint(101, 2505)}室"


def document(seed: int) -> Document:
    """One judgment: a loan case (other), a succession case (family) or a criminal case, by the seed."""
    g = Generator(seed)
    category = (Category.OTHER, Category.FAMILY, Category.CRIMINAL)[seed % 3]
    on = date(2024, 1, 1) + timedelta(days=g.random.randint(0, 600))
    place, region = g.random.choice(PLACES)
    court = f"{place.split('省')[-1].split('自治区')[-1]}人民法院"
    number = g.random.randint(100, 9999)
    doc = Document("", category, on)
    lines: list[str] = []

    def person_block(role: str, *, masked: bool, minor: bool = False, agent_for: str = "") -> str:
        name = g.name()
        born = g.birth(minor_on=on if minor else None)
        street, id_no, phone = g.street(), g.id_number(region, born), g.phone()
        sex = g.random.choice(("男", "女"))
        styles = (
            f"{role}：{name}，{sex}，{born.year}年{born.month}月{born.day}日出生，{g.random.choice(ETHNIC)}，住{place}{street}，公民身份号码{id_no}，联系电话{phone}。",
            f"{role}{name}，{sex}，{born.year}年{born.month}月{born.day}日生，住{place}{street}，身份证号码：{id_no}。电话：{phone}。",
            f"{role}：{name}（{agent_for or '曾用名无'}），{sex}，{born.year}年{born.month}月{born.day}日出生，现住{place}{street}，身份证号{id_no}，手机{phone}。",
        )
        (doc.masked if masked else doc.kept).append(name)
        doc.deleted.extend([street, id_no, phone])
        doc.kept.append(f"{born.year}年{born.month}月{born.day}日")
        return g.random.choice(styles)

    def lawyer_block(role: str) -> str:
        lawyer, firm = g.name(), g.random.choice(FIRMS)
        licence = f"1{g.random.randint(1000000000000000, 9999999999999999)}"
        doc.kept.extend([lawyer, firm, licence])
        return f"{role}：{lawyer}，{firm}律师，执业证号{licence}。"

    def company_block(role: str) -> str:
        company = g.random.choice(COMPANIES)
        uscc = make_uscc(f"91{region}MA2{g.random.randint(1000, 9999)}{g.random.choice('ABCDEFGH')}{g.random.randint(0, 9)}")
        representative = g.name()
        doc.kept.extend([company, uscc, representative])
        return f"{role}：{company}，住所地{place}{g.random.choice(STREETS)}1号，统一社会信用代码{uscc}。\n法定代表人：{representative}，该公司董事长。"

    amount = g.random.randint(10, 900) * 1000
    account, plate, email = g.account(), g.plate(), f"user{seed}@example.com"
    doc.deleted.extend([account, plate, email])
    statute = g.random.choice(("《中华人民共和国民法典》第六百七十五条", "《中华人民共和国民事诉讼法》第一百四十七条",
                               "《中华人民共和国刑法》第二百六十四条", "《中华人民共和国民法典》第一千一百二十七条"))
    doc.kept.extend([court, f"{amount}元", statute, cn_date(on)])
    if category == Category.CRIMINAL:
        case_number = f"（{on.year}）浙0106刑初{number}号"
        lines += [court, "刑 事 判 决 书", case_number, "公诉机关杭州市西湖区人民检察院。"]
        lines.append(person_block("被告人", masked=False))
        defendant = doc.kept[-2]
        lines.append(lawyer_block("辩护人"))
        victim_line = person_block("被害人", masked=True)
        witness, expert, harmed = g.name(), g.name(), g.name()
        doc.masked.extend([witness, expert, harmed])
        lines += [f"杭州市西湖区人民检察院指控，被告人{defendant}于{on.year - 1}年3月5日驾驶{plate}号小型轿车，窃取财物价值{amount}元，并致{harmed}受伤。",
                  victim_line,
                  f"证人{witness}的证言、鉴定人{expert}出具的鉴定意见证实上述事实。被告人{defendant}通过账户{account}收取赃款，电子邮箱{email}。",
                  f"本院认为，被告人{defendant}的行为已构成盗窃罪。依照{statute}之规定，判决如下：",
                  f"被告人{defendant}犯盗窃罪，判处有期徒刑一年，并处罚金{amount}元。"]
    else:
        cause = "法定继承纠纷" if category == Category.FAMILY else "民间借贷纠纷"
        case_number = f"（{on.year}）浙0106民初{number}号"
        family = category == Category.FAMILY
        lines += [court, "民 事 判 决 书", case_number]
        lines.append(person_block("原告", masked=family))
        plaintiff = (doc.masked if family else doc.kept)[-1 if family else -2]
        lines.append(lawyer_block("委托诉讼代理人"))
        lines.append(person_block("被告", masked=family))
        defendant = (doc.masked if family else doc.kept)[-1 if family else -2]
        minor_line = person_block("第三人", masked=True, minor=True)
        minor = doc.masked[-1]
        guardian_line = person_block("法定代理人", masked=True, agent_for=f"系{minor}之母")
        lines += [minor_line, guardian_line, company_block("第三人")]
        lines += [f"原告{plaintiff}与被告{defendant}、第三人{minor}{cause}一案，本院于{on.year}年1月5日立案后，依法适用普通程序公开开庭进行了审理。",
                  f"原告{plaintiff}向本院提出诉讼请求：判令被告{defendant}给付{amount}元。",
                  f"本院经审理认定事实如下：{on.year - 1}年6月1日，原告{plaintiff}通过其名下中国农业银行账户{account}向被告{defendant}转账{amount}元，被告以其{plate}号车辆作为担保，并通过电子邮箱{email}确认。",
                  f"本院认为，依照{statute}之规定，判决如下：",
                  f"被告{defendant}于本判决生效之日起十日内给付原告{plaintiff}{amount}元。"]
    doc.kept.append(case_number)
    lines += ["审判长　赵　六", "审判员　钱　七", cn_date(on), "书记员　孙　八"]
    doc.text = "\n".join(lines) + "\n"
    return doc


def corpus(size: int, *, seed: int = 0) -> list[Document]:
    return [document(seed + n) for n in range(size)]
