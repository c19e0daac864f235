"""Writes documents.jsonl: the labelled documents of every kind but 裁判文书 (those are real, read from
../shared/data at test time). Run from the project root: `python data/eval/dossier/generate.py`. Standard library
only; a fixed seed, so the file is the same each run. README.md says how the templates were made."""

import hashlib
import json
import random
from pathlib import Path

OUT = Path(__file__).with_name("documents.jsonl")
rng = random.Random(20261204)

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英建华志强海燕红梅文斌国庆晓东"
PLACES = [("浙江省", "宁波市", "海曙区"), ("江苏省", "苏州市", "姑苏区"), ("广东省", "佛山市", "南海区"),
          ("四川省", "泸州市", "江阳区"), ("湖北省", "武汉市", "江岸区"), ("山东省", "济南市", "历下区"),
          ("安徽省", "合肥市", "蜀山区"), ("河南省", "郑州市", "金水区")]
COMPANIES = ["宁波恒艺餐饮有限公司", "苏州市鑫达建材有限公司", "佛山顺和五金制品有限公司", "泸州鹰达包装制品有限公司",
             "武汉市华楚商贸有限公司", "中国建设银行股份有限公司济南分行", "合肥融信小额贷款有限公司",
             "郑州豫丰物流有限公司"]
LAW_FIRMS = ["浙江共业律师事务所", "江苏金鼎律师事务所", "广东嘉得信律师事务所", "四川蜀鼎律师事务所",
             "湖北山河律师事务所", "山东众成清泰律师事务所"]
CAUSES = ["民间借贷纠纷", "金融借款合同纠纷", "买卖合同纠纷", "房屋租赁合同纠纷", "劳务合同纠纷", "信用卡纠纷"]


def name() -> str:
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))


def person() -> str:
    place = rng.choice(PLACES)
    return (f"{name()}，{rng.choice('男女')}，"
            f"{rng.randint(1955, 2000)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日出生，"
            f"汉族，住{''.join(place)}{rng.choice(['人民路', '解放路', '建设路', '中山路'])}{rng.randint(1, 300)}号")


def date(year: int | None = None) -> str:
    return f"{year or rng.randint(2021, 2025)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"


def amount() -> int:
    return rng.choice((5, 8, 12, 20, 35, 50, 80, 120, 200, 360)) * 1000


def court() -> str:
    place = rng.choice(PLACES)
    return f"{place[1]}{place[2]}人民法院"


def case_number() -> str:
    return f"（{rng.randint(2021, 2025)}）浙{rng.randint(1, 9)}{rng.randint(100, 999)}民初{rng.randint(100, 20000)}号"


def spaced(title: str) -> str:
    return " ".join(title)


# Each function returns (title, body lines); titles are varied and sometimes damaged by noise() below.
def complaint():
    plaintiff, defendant, money = person(), person(), amount()
    title = rng.choice(["民事起诉状", "起诉状", "民事起诉书", "民事诉状"])
    return title, [
        f"原告：{plaintiff}。", f"被告：{defendant}。", rng.choice(["诉讼请求：", "诉讼请求"]),
        f"一、判令被告归还借款本金{money}元及利息（以{money}元为基数，按年利率3.65%自{date()}起计算至实际清偿之日止）；",
        "二、本案诉讼费用由被告承担。", rng.choice(["事实与理由：", "事实和理由："]),
        f"{date()}，被告因资金周转向原告借款{money}元，并出具借条一份，约定{date()}前归还。原告通过银行转账交付借款。"
        "借款到期后，经原告多次催讨，被告至今未还。为维护原告合法权益，特诉至贵院，望判如所请。",
        "此致", court(), f"{rng.choice(['具状人', '起诉人'])}：{name()}", date()]


def defence():
    respondent = person()
    title = rng.choice(["民事答辩状", "答辩状", "答辩意见书"])
    return title, [
        f"答辩人（原审被告）：{respondent}。", f"被答辩人（原告）：{rng.choice(COMPANIES)}。",
        f"答辩人就被答辩人诉答辩人{rng.choice(CAUSES)}一案，提出答辩意见如下：",
        f"一、答辩人已于{date()}归还借款{amount()}元，被答辩人主张的本金数额有误，应予扣减。",
        "二、被答辩人主张的利率过高，超过法律保护的上限部分不应支持。",
        "综上，请求人民法院依法驳回被答辩人的部分诉讼请求。", "此致", court(), f"答辩人：{name()}", date()]


def evidence():
    variant = rng.randrange(5)
    lender, borrower, money = name(), name(), amount()
    if variant == 0:
        return rng.choice(["证据目录", "证据清单", "原告证据材料清单"]), [
            f"提交人：{lender}", "序号 证据名称 证明目的 页码",
            f"1 借条 证明被告向原告借款{money}元 1", "2 银行转账凭证 证明原告已交付借款 2-3",
            "3 微信聊天记录 证明原告多次催讨 4-9", f"提交日期：{date()}"]
    if variant == 1:
        return rng.choice(["借条", "借 条"]), [
            f"今借到{lender}人民币{money}元整（大写：{'壹贰叁肆伍'[rng.randrange(5)]}万元整），用于经营周转，"
            f"约定于{date()}前归还，逾期按年利率6%支付利息。", f"借款人：{borrower}",
            f"身份证号：3302031985{rng.randint(1000, 9999)}{rng.randint(1000, 9999)}", date()]
    if variant == 2:
        return rng.choice(["借款合同", "个人借款协议", "借款协议"]), [
            f"甲方（出借人）：{lender}", f"乙方（借款人）：{borrower}",
            f"第一条 借款金额：人民币{money}元。", f"第二条 借款期限：自{date()}起至{date()}止。",
            "第三条 借款利率：年利率8%，按月付息，到期还本。",
            "第四条 违约责任：乙方逾期还款的，按日万分之五支付违约金。",
            "甲方（签字）：", "乙方（签字）：", f"签订日期：{date()}"]
    if variant == 3:
        return rng.choice(["中国工商银行个人客户交易明细", "银行流水", "账户交易明细"]), [
            f"户名：{lender} 账号：6222 0212 {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}",
            "交易日期 摘要 交易金额 余额 对方户名",
            *[f"{date()} 转账 -{amount()}.00 {rng.randint(10000, 99999)}.00 {borrower}" for _ in range(4)]]
    return rng.choice(["微信聊天记录", "聊天记录截图"]), [
        f"{lender}：你借的{money}元什么时候还？都过了半年了。", f"{borrower}：最近手头紧，下个月一定还。",
        f"{lender}：上个月你也这么说。", f"{borrower}：这次肯定还，先还一半。", date()]


def identity_proof():
    variant = rng.randrange(3)
    if variant == 0:
        who = name()
        return rng.choice(["居民身份证", "身份证复印件", ""]), [
            f"姓名 {who}", f"性别 {rng.choice('男女')} 民族 汉",
            f"出生 {rng.randint(1960, 2000)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
            f"住址 {''.join(rng.choice(PLACES))}{rng.choice(['人民路', '中山路'])}{rng.randint(1, 300)}号",
            f"公民身份号码 3302031985{rng.randint(1000, 9999)}{rng.randint(1000, 9999)}",
            f"签发机关 {rng.choice(PLACES)[1]}公安局{rng.choice(PLACES)[2]}分局", "有效期限 2016.05.12-2036.05.12"]
    if variant == 1:
        company = rng.choice(COMPANIES)
        return "法定代表人身份证明书", [
            f"{name()}同志，在我单位任执行董事职务，系{company}的法定代表人。", "特此证明。",
            f"统一社会信用代码：91330203MA2{rng.randint(100000, 999999)}", f"{company}（盖章）", date()]
    company = rng.choice(COMPANIES)
    return "营业执照", [
        f"统一社会信用代码 91330203MA2{rng.randint(100000, 999999)}", f"名称 {company}", "类型 有限责任公司",
        f"法定代表人 {name()}", f"注册资本 {rng.choice((100, 500, 1000))}万元整", f"成立日期 {date(2015)}",
        "经营范围 一般项目：餐饮服务；日用百货销售（依法须经批准的项目，经相关部门批准后方可开展经营活动）",
        f"登记机关 {rng.choice(PLACES)[1]}市场监督管理局"]


def power_of_attorney():
    principal, agent = name(), name()
    return rng.choice(["授权委托书", "委托书", "民事授权委托书"]), [
        f"委托人：{person()}。",
        f"受托人：{agent}，{rng.choice(LAW_FIRMS)}律师，"
        f"执业证号{rng.randint(10, 99)}0120{rng.randint(10000000, 99999999)}。",
        f"现委托上列受托人在我方与{name()}{rng.choice(CAUSES)}一案中，作为我方诉讼代理人。",
        f"代理人{agent}的代理权限为："
        f"{rng.choice(['特别授权：代为起诉、承认、放弃、变更诉讼请求，进行和解，提起上诉。', '一般代理。'])}",
        f"委托人：{principal}", date()]


def delivery_receipt():
    if rng.random() < 0.6:
        return rng.choice(["送达回证", "送 达 回 证"]), [
            court(), f"案号 {case_number()}",
            f"送达文书名称及件数 {rng.choice(['民事判决书', '应诉通知书、举证通知书、传票', '民事裁定书'])} 各一份",
            f"受送达人 {name()}", f"送达地址 {''.join(rng.choice(PLACES))}人民路{rng.randint(1, 300)}号",
            f"受送达人签收 {name()} {date()}", f"送达人 {name()}、{name()}", "备注"]
    return rng.choice(["电子送达凭证", "送达凭证"]), [
        court(), f"案号：{case_number()}", f"受送达人：{name()}", f"送达文书：{rng.choice(['民事判决书', '开庭传票'])}",
        "送达方式：电子送达（短信、电子邮件）", f"送达时间：{date()} 10:{rng.randint(10, 59)}",
        "送达结果：已送达（受送达人已查阅）"]


def hearing_record():
    judge, clerk, plaintiff, defendant = name(), name(), name(), name()
    title = rng.choice(["庭审笔录", "开庭笔录", "法庭审理笔录"])
    return title, [
        f"时间：{date()} 9时30分", f"地点：{court()}第{rng.randint(1, 20)}法庭", f"案由：{rng.choice(CAUSES)}",
        f"审判长：{judge}", f"书记员：{clerk}", "书：请肃静，现在宣布法庭纪律。",
        f"审：现在开庭。核对当事人身份。原告{plaintiff}到庭，被告{defendant}到庭。",
        "审：现在进行法庭调查。原告陈述诉讼请求。",
        "原：请求判令被告归还借款本金及利息。", "被：借款属实，但已归还一部分。", "审：现在进行法庭辩论。",
        "审：双方最后陈述。",
        "原：坚持诉讼请求。", "被：请求法院依法判决。", "审：今天庭审到此结束，闭庭。", "（以下无正文）"]


def fee_receipt():
    payer = name()
    return rng.choice(["诉讼费用交纳凭证", "诉讼费收据", "湖北省非税收入一般缴款书（电子）", "诉讼费电子票据"]), [
        f"票据号码：{rng.randint(10000000, 99999999)}", f"交款人：{payer}", f"收款单位：{court()}",
        f"项目名称：案件受理费 金额：{rng.randint(50, 9000)}.00元",
        f"金额（大写）：{'壹贰叁肆伍'[rng.randrange(5)]}仟元整",
        f"案号：{case_number()}", f"开票日期：{date()}"]


def deliberation_record():
    judges = [name(), name(), name()]
    return rng.choice(["合议庭评议笔录", "评议笔录"]), [
        f"时间：{date()}", f"地点：{court()}第三会议室",
        f"合议庭成员：审判长{judges[0]}，审判员{judges[1]}、{judges[2]}",
        f"书记员：{name()}", f"评议案件：{case_number()}{rng.choice(CAUSES)}", "审判长：请承办法官介绍案情。",
        f"{judges[1]}：本案借贷关系明确，原告已交付借款，被告未按期还款，建议支持原告的本金请求，利息按LPR四倍计算。",
        f"{judges[2]}：同意承办法官意见。", f"{judges[0]}：同意。", "评议结论：一致意见，判决被告归还本金及利息。",
        "合议庭成员签名："]


def internal_approval():
    return rng.choice(["延长审理期限审批表", "结案审批表", "财产保全审批表", "扣除审限审批表", "院长呈批表"]), [
        f"案号：{case_number()}", f"案由：{rng.choice(CAUSES)}", f"承办人：{name()}", f"立案日期：{date()}",
        "申请事由：本案需要鉴定，无法在审限内审结，申请延长审理期限三个月。",
        f"承办人意见：拟同意。{date()}", f"庭长意见：同意，报院长审批。{name()} {date()}",
        f"院长意见：同意延长。{name()} {date()}"]


def working_notes():
    assistant = name()
    return rng.choice(["法官助理工作记录", "工作记录", "办案工作日志"]), [
        f"案号：{case_number()}", f"记录人：{assistant}",
        f"{date()} 电话联系被告{name()}，告知开庭时间，被告称将按时到庭。",
        f"{date()} 已告知原告补充提交转账凭证原件。", f"{date()} 阅卷，整理争议焦点：借款金额、已还款数额。",
        "待办：核对还款记录；草拟庭审提纲。"]


def other():
    variant = rng.randrange(4)
    if variant == 0:
        return rng.choice(["财产保全申请书", "延期开庭申请书", "撤诉申请书", "调查取证申请书"]), [
            f"申请人：{person()}。", f"被申请人：{person()}。", "请求事项：",
            "请求贵院依法准许申请人的上述申请。", "事实与理由：申请人与被申请人纠纷一案，已由贵院受理。", "此致",
            court(),
            f"申请人：{name()}", date()]
    if variant == 1:
        return "代理词", [
            "审判长、审判员：",
            f"{rng.choice(LAW_FIRMS)}接受原告委托，指派本律师担任原告的诉讼代理人。现发表代理意见如下：",
            "一、双方借贷关系合法有效。", "二、被告主张已还款，未提供证据证明。", "以上代理意见，请合议庭采纳。",
            f"代理人：{name()}", date()]
    if variant == 2:
        return "送达地址确认书", [
            f"案号 {case_number()}", f"当事人 {name()}", "送达地址 " + "".join(rng.choice(PLACES)) + "人民路1号",
            f"联系电话 138{rng.randint(10000000, 99999999)}", "是否接受电子送达 是",
            "当事人确认：以上送达地址真实有效。",
            f"签名 {name()} {date()}"]
    return "质证意见", [
        "对原告提交的证据，被告发表质证意见如下：", "证据一借条的真实性无异议，但对证明目的有异议。",
        "证据二转账凭证真实性无异议，但其中一笔系归还此前借款。", f"质证人：{name()}", date()]


def cross_examination_record():
    plaintiff, defendant = name(), name()
    return rng.choice(["质证记录", "质证笔录"]), [
        court(), f"案号：{case_number()}", f"制作日期：{date()}", f"原告：{plaintiff}；被告：{defendant}",
        "证据1 借条（原告提交）", f"质证人：{defendant}（在线质证）",
        "真实性：认可；合法性：认可；关联性：不认可，理由：借条所载款项已于次月归还。",
        "证据2 转账凭证（原告提交）", f"质证人：{defendant}（庭审中）", "真实性：认可；合法性：认可；关联性：认可。",
        "认证：证据1 予以采信；证据2 予以采信。"]


COURT_NOTICES = ("summons", "hearing_notice", "acceptance_notice", "response_notice", "fee_notice",
                 "address_confirmation")


def court_notice(kind: str):
    """The court's notices and the address form as a scan or an upload (the platform's own carry their kind)."""
    party, number = name(), case_number()
    if kind == "summons":
        return rng.choice(["传票", "传  票"]), [
            court(), f"案号 {number}", "案由 民间借贷纠纷", f"被传唤人 {party}", "传唤事由 开庭审理",
            f"应到时间 {date()} 9时00分", "应到处所 本院第三法庭",
            "注意事项：一、被传唤人必须准时到达应到处所。二、本传票由被传唤人携带来院报到。"]
    if kind == "hearing_notice":
        return "出庭通知书", [
            f"{party}：", f"本院受理的{number}民间借贷纠纷一案，定于{date()}开庭审理。",
            "请你作为诉讼代理人准时出庭。", court()]
    if kind == "acceptance_notice":
        return rng.choice(["受理案件通知书", "案件受理通知书"]), [
            f"{party}：",
            f"你诉{name()}民间借贷纠纷一案的起诉状已收到。经审查，起诉符合法定受理条件，本院决定立案审理。",
            f"案号：{number}", "应交纳的案件受理费见交费通知书。", court()]
    if kind == "response_notice":
        return "应诉通知书", [
            f"{party}：", f"本院已受理{name()}诉你民间借贷纠纷一案，案号{number}。随本通知发送起诉状副本。",
            "一、你应在收到起诉状副本之日起十五日内向本院提交答辩状。", "二、你应在举证期限内提交证据。", court()]
    if kind == "fee_notice":
        return rng.choice(["交费通知书", "交纳诉讼费用通知书"]), [
            f"交费人 {party}", f"案号 {number}", f"案件受理费 {amount() // 100} 元",
            f"交纳期限 {date()}", "请于期限内交纳；逾期未交纳又未申请缓交的，按撤诉处理。", court()]
    return "送达地址确认书", [
        f"案号 {number}", f"当事人 {party}", "送达地址 " + "".join(rng.choice(PLACES)) + "人民路1号",
        f"联系电话 139{rng.randint(10000000, 99999999)}", "是否接受电子送达 否", "当事人确认：以上送达地址真实有效。",
        f"签名 {party} {date()}"]


MAKERS = {"complaint": complaint, "defence": defence, "evidence": evidence, "identity_proof": identity_proof,
          "power_of_attorney": power_of_attorney, "delivery_receipt": delivery_receipt,
          "hearing_record": hearing_record, "fee_receipt": fee_receipt, "deliberation_record": deliberation_record,
          "internal_approval": internal_approval, "working_notes": working_notes, "other": other,
          "cross_examination_record": cross_examination_record}
# after the others, so that the documents written before these came are written the same
MAKERS |= {kind: (lambda kind=kind: court_notice(kind)) for kind in COURT_NOTICES}
GENERIC_NAMES = ["扫描件", "IMG_20240312_1530", "材料", "scan0001", "附件1", "微信图片_20240502", "新建文档"]


def noise(title: str, lines: list[str]) -> tuple[str, str]:
    """How the text reaches the platform: typed, scanned with the title spaced out, or OCRed with the title lost
    (the file name then says what it is, or not); (text, the noise applied)."""
    roll = rng.random()
    if not title:
        return "\n".join(lines), "no_title"
    if roll < 0.15:
        return "\n".join(lines), "title_lost"
    if roll < 0.35:
        return "\n".join([spaced(title), *lines]), "title_spaced"
    if roll < 0.5:
        return " ".join([title, *lines]), "one_line"  # paragraphs joined by spaces, as some exports do
    return "\n".join([title, *lines]), "typed"


def main() -> None:
    records = []
    for kind, maker in MAKERS.items():
        for number in range(1, 13 if kind not in COURT_NOTICES else 5):
            title, lines = maker()
            # the address form among the lawyers' papers was once labelled "other": it is its own kind
            if kind == "other" and title == "送达地址确认书":
                kind_of = "address_confirmation"
            else:
                kind_of = kind
            text, how = noise(title, lines)
            filename = rng.choice([title or "身份证", rng.choice(GENERIC_NAMES)]) + rng.choice([".pdf", ".jpg",
            ".docx"])
            record_id = f"dossier-{kind}-{number:02d}"
            split = "heldout" if int(hashlib.sha256(record_id.encode()).hexdigest(), 16) % 5 == 0 else "dev"
            records.append({"id": record_id, "split": split, "kind": kind_of, "noise": how, "filename": filename,
                            "text": text})
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    print(f"{len(records)} documents written to {OUT}")


if __name__ == "__main__":
    main()
