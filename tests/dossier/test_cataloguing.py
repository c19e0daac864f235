"""Automatic cataloguing: worked examples of each rule, and the accuracy on the labelled set (data/eval/dossier) and
the real judgments of ../shared/data (skipped when that folder is missing), each split on its own."""

import pytest

from omnicourt.dossier import cataloguing, evaluation
from omnicourt.dossier.rules import DocumentKind, Volume

K = DocumentKind
TARGET = 0.95


@pytest.mark.parametrize(("text", "kind", "reason"), [
    ("民 事 起 诉 状\n原告：张三\n诉讼请求：判令被告归还借款本金5万元", K.COMPLAINT, "开头含「民事起诉状」"),
    ("浙江省杭州市西湖区人民法院\n送达回证\n送达文书名称 民事判决书", K.DELIVERY_RECEIPT, "开头含「送达回证」"),
    ("江苏省江阴市人民法院 刑事判决书 （2015）澄刑初字第01756号 公诉机关江苏省江阴市人民检察院。", K.JUDGMENT,
     "开头含「刑事判决书」"),
    # the title lost: the head's 答辩意见 decides, and the cause 房屋租赁合同纠纷 names no contract in evidence
    ("答辩人：李四\n被答辩人：张三\n答辩人就被答辩人诉答辩人房屋租赁合同纠纷一案，提出答辩意见如下", K.DEFENCE,
     "开头含「答辩意见」"),
    ("授权委托书\n委托人：张三\n受托人：王五，律师\n代理权限：特别授权：代为起诉", K.POWER_OF_ATTORNEY,
     "开头含「授权委托书」"),
    ("原告：张三\n被告：李四\n诉讼请求：\n一、判令被告归还借款\n事实与理由：……\n此致\n某某人民法院", K.COMPLAINT,
     "正文含「诉讼请求」「事实与理由」「此致」"),
    ("照片里看不清的几个字", K.OTHER, "未识别出材料类别"),
    # the court's notices uploaded as scans: their own kinds, not "other"
    ("浙江省杭州市西湖区人民法院\n传  票\n案号 （2026）浙0106民初100号\n被传唤人 李四", K.SUMMONS, "开头含「传票」"),
    ("受理案件通知书\n张三：你诉李四民间借贷纠纷一案的起诉状已收到。应交纳的案件受理费见交费通知书。",
     K.ACCEPTANCE_NOTICE, "开头含「受理案件通知书」"),
    ("应诉通知书\n李四：本院已受理张三诉你民间借贷纠纷一案", K.RESPONSE_NOTICE, "开头含「应诉通知书」"),
    ("出庭通知书\n王五：请你作为诉讼代理人准时出庭", K.HEARING_NOTICE, "开头含「出庭通知书」"),
    ("交费通知书\n交费人 张三\n案件受理费 5800 元", K.FEE_NOTICE, "开头含「交费通知书」"),
    ("送达地址确认书\n案号 （2026）浙0106民初100号\n当事人 张三", K.ADDRESS_CONFIRMATION, "开头含「送达地址确认书」"),
])
def test_worked_examples(text, kind, reason):
    found = cataloguing.classify("扫描件.jpg", text)
    assert found.kind == kind
    assert found.reason.startswith(reason)


def test_the_file_name_decides_when_the_text_names_nothing():
    found = cataloguing.classify("张三身份证正反面.jpg", "姓名 张三 性别 男")
    assert (found.kind, found.reason) == (K.IDENTITY_PROOF, "文件名含「身份证正反面」")


def test_the_title_found_first_wins():
    # a receipt for the delivery of a judgment names both; a judgment quoting an indictment names 起诉书 later
    assert cataloguing.classify("", "送达回证 送达文书：民事判决书").kind == K.DELIVERY_RECEIPT
    assert cataloguing.classify("", "某某人民法院 刑事判决书 公诉机关以起诉书指控").kind == K.JUDGMENT


def test_a_document_is_never_catalogued_into_the_other_volume():
    text = "合议庭评议笔录\n合议庭成员：审判长张三"
    assert cataloguing.classify("", text).kind == K.DELIBERATION_RECORD
    assert cataloguing.classify("", text, volume=Volume.MAIN).kind != K.DELIBERATION_RECORD
    assert cataloguing.classify("", "民事判决书 本院认为", volume=Volume.SECONDARY).kind != K.JUDGMENT


def test_the_written_set_covers_every_kind_but_judgments_in_both_splits():
    records = evaluation.written_set()
    for split in ("dev", "heldout"):
        kinds = {r.kind for r in records if r.split == split}
        assert len(kinds) >= 10, split
    # The papers the platform writes carry their kinds from birth, but the same papers scanned or uploaded (a 传票
    # served by post, the address form signed on paper) are catalogued by their title: the set holds them too.
    # Enforcement's papers are not in the set yet: a scanned 执行通知书 is catalogued as "other".
    assert {r.kind for r in records} == set(K) - {K.JUDGMENT, K.ENFORCEMENT_NOTICE, K.PROPERTY_REPORT_ORDER}


def test_accuracy_on_the_written_set_s_dev_split():
    report = evaluation.evaluate(r for r in evaluation.written_set() if r.split == "dev")
    assert report.accuracy >= TARGET, evaluation.markdown(report, "dev")
    for kind in report.total:
        assert report.of(kind) >= 0.8, evaluation.markdown(report, "dev")


# The written set's held-out split was 29 documents (one miss costs 3.4 points), measured once after the rules were
# tuned on dev at 27/29; with the cross-examination record added it is 28/30, with the court's notices 32/34
# (bench/RESULTS.md names the two misses). The floor keeps it from getting worse.
HELDOUT_WRITTEN_FLOOR = 27 / 29


def test_accuracy_on_the_written_set_s_heldout_split():
    report = evaluation.evaluate(r for r in evaluation.written_set() if r.split == "heldout")
    assert report.accuracy >= HELDOUT_WRITTEN_FLOOR, evaluation.markdown(report, "heldout")


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_accuracy_on_real_judgments_and_on_everything(split):
    judgments = [r for r in evaluation.shared_judgments(evaluation.SHARED_DATA) if r.split == split]
    if not judgments:
        pytest.skip(f"no real judgments at {evaluation.SHARED_DATA.resolve()}")
    report = evaluation.evaluate(judgments)
    assert report.accuracy >= TARGET, evaluation.markdown(report, split)
    written = [r for r in evaluation.written_set() if r.split == split]
    report = evaluation.evaluate(judgments + written)
    assert report.accuracy >= TARGET, evaluation.markdown(report, split)


def test_a_wrong_label_is_counted_as_a_miss():
    record = evaluation.Labelled("x", "dev", K.DEFENCE, "", "民事起诉状\n原告：张三")
    report = evaluation.evaluate([record])
    assert report.accuracy == 0 and report.misses[0][1].kind == K.COMPLAINT
