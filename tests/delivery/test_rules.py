"""Worked examples of electronic delivery's rules (court-rules.md §7: 在线诉讼规则 arts 29–31, CPL arts 85, 90, 95,
171; 延审规定 art. 4)."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from omnicourt.deadlines.calculator import default_holidays
from omnicourt.delivery import rules
from omnicourt.delivery.rules import Arrival, Channel, DocumentClass
from omnicourt.errors import Conflict

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # 09:00 in Beijing


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def test_with_a_confirmed_address_delivery_is_when_it_reaches_the_system():
    legal = rules.legal_delivery(consented=True, arrivals=[Arrival(Channel.INBOX, T0)], opened_at=None)
    assert legal is not None and (legal.at, legal.channel) == (T0, Channel.INBOX)
    assert "到达其特定系统" in legal.basis and "最先" not in legal.basis


def test_several_channels_the_earliest_one_counts():
    # the e-mail reached first (the inbox record came later), the text message last
    arrivals = [Arrival(Channel.INBOX, at(5)), Arrival(Channel.EMAIL, at(1)), Arrival(Channel.SMS, at(3))]
    legal = rules.legal_delivery(consented=True, arrivals=arrivals, opened_at=at(60))
    assert legal is not None and (legal.at, legal.channel) == (at(1), Channel.EMAIL)
    assert "以最先到达的为准" in legal.basis


def test_a_channel_not_yet_reached_does_not_count():
    arrivals = [Arrival(Channel.EMAIL, None), Arrival(Channel.SMS, at(7))]
    legal = rules.legal_delivery(consented=True, arrivals=arrivals, opened_at=None)
    assert legal is not None and legal.channel == Channel.SMS
    assert rules.legal_delivery(consented=True, arrivals=[Arrival(Channel.EMAIL, None)], opened_at=None) is None


def test_without_consent_delivery_is_when_the_addressee_reads_it():
    arrivals = [Arrival(Channel.INBOX, T0)]
    assert rules.legal_delivery(consented=False, arrivals=arrivals, opened_at=None) is None
    legal = rules.legal_delivery(consented=False, arrivals=arrivals, opened_at=at(90))
    assert legal is not None and (legal.at, legal.channel) == (at(90), Channel.INBOX)
    assert "第三十一条第二款" in legal.basis


@given(st.lists(st.tuples(st.sampled_from(list(Channel)), st.integers(0, 10_000)), min_size=1, max_size=3))
def test_the_legal_time_is_never_later_than_any_arrival(pairs):
    arrivals = [Arrival(channel, at(minutes)) for channel, minutes in pairs]
    legal = rules.legal_delivery(consented=True, arrivals=arrivals, opened_at=None)
    assert legal is not None and legal.at == min(a.reached_at for a in arrivals)


@pytest.mark.parametrize("document_class", [DocumentClass.JUDGMENT, DocumentClass.RULING,
                                            DocumentClass.MEDIATION_STATEMENT])
def test_judgments_rulings_and_mediation_statements_need_consent(document_class):
    label = rules.CLASS_LABELS[document_class]
    with pytest.raises(Conflict, match=f"李四未同意电子送达，{label}不得电子送达") as refused:
        rules.check_may_deliver(document_class, consented=False, party_name="李四")
    assert refused.value.field == "document_class" and "第九十条" in refused.value.message
    rules.check_may_deliver(document_class, consented=True, party_name="李四")  # CPL art. 90 since 2021


def test_a_notice_goes_to_the_inbox_without_consent():
    rules.check_may_deliver(DocumentClass.NOTICE, consented=False, party_name="李四")
    assert rules.channels_for(consented=False, email="li@example.com", mobile="13900000002") == (Channel.INBOX,)
    assert rules.channels_for(consented=True, email="li@example.com", mobile="13900000002") == (
        Channel.INBOX, Channel.EMAIL, Channel.SMS)
    assert rules.channels_for(consented=True, email=None, mobile="13900000002") == (Channel.INBOX, Channel.SMS)


def test_public_notice_is_deemed_delivered_thirty_days_after_publication():
    notice = rules.public_notice(procedure="ordinary", published_on=date(2026, 3, 2), court_name="杭州市西湖区人民法院",
                                 case_number="（2026）浙0106民初1号", case_title="张三诉李四民间借贷纠纷",
                                 party_name="李四", document_title="《起诉状副本》")
    assert notice.deemed_delivered_on == date(2026, 4, 1)
    assert notice.text.startswith("李四：本院受理张三诉李四民间借贷纠纷一案（（2026）浙0106民初1号）")
    assert "经过三十日，即视为送达（2026年4月1日）" in notice.text and "线下方式开庭" in notice.text
    assert notice.text.endswith("特此公告。杭州市西湖区人民法院")
    online = rules.public_notice(procedure="ordinary", published_on=date(2026, 1, 31), court_name="某院",
                                 case_number="x", case_title="y", party_name="李四", document_title="z",
                                 online_hearing=True)
    assert online.deemed_delivered_on == date(2026, 3, 2) and "未确认的，对你采用线下方式开庭" in online.text


@pytest.mark.parametrize(("procedure", "label"), [("simple", "简易程序"), ("small_claims", "小额诉讼程序")])
def test_no_public_notice_in_simple_procedure(procedure, label):
    with pytest.raises(Conflict, match=f"适用{label}的案件不得公告送达") as refused:
        rules.public_notice(procedure=procedure, published_on=date(2026, 3, 2), court_name="某院", case_number="x",
                            case_title="y", party_name="李四", document_title="z")
    assert refused.value.field == "procedure"


HOLIDAYS = default_holidays()


@pytest.mark.parametrize(("document_class", "delivered_on", "last_day", "rolled"), [
    (DocumentClass.JUDGMENT, date(2026, 3, 2), date(2026, 3, 17), False),  # Tuesday
    (DocumentClass.RULING, date(2026, 3, 2), date(2026, 3, 12), False),
    # the 15th day is 2025-10-01, National Day: the first working day after the holiday is 2025-10-09
    (DocumentClass.JUDGMENT, date(2025, 9, 16), date(2025, 10, 9), True),
    # the 10th day is Saturday 2026-03-14: Monday
    (DocumentClass.RULING, date(2026, 3, 4), date(2026, 3, 16), True),
])
def test_appeal_periods_run_from_the_legal_date_of_delivery(document_class, delivered_on, last_day, rolled):
    deadline = rules.appeal_deadline(document_class, delivered_on=delivered_on, procedure="ordinary",
                                     first_instance=True, calendar=HOLIDAYS)
    assert deadline is not None and (deadline.last_day, deadline.rolled_over) == (last_day, rolled)
    assert "第一百七十一条" in deadline.basis and ("顺延" in deadline.basis) == rolled


def test_no_appeal_period_where_no_appeal_lies():
    delivered = date(2026, 3, 2)
    assert rules.appeal_deadline(DocumentClass.NOTICE, delivered_on=delivered, procedure="ordinary",
                                 first_instance=True, calendar=HOLIDAYS) is None
    assert rules.appeal_deadline(DocumentClass.JUDGMENT, delivered_on=delivered, procedure="small_claims",
                                 first_instance=True, calendar=HOLIDAYS) is None  # CPL art. 165: final
    assert rules.appeal_deadline(DocumentClass.JUDGMENT, delivered_on=delivered, procedure="ordinary",
                                 first_instance=False, calendar=HOLIDAYS) is None


def test_a_year_the_holiday_table_lacks_is_not_rolled_and_says_so():
    deadline = rules.appeal_deadline(DocumentClass.JUDGMENT, delivered_on=date(2031, 5, 1), procedure="ordinary",
                                     first_instance=True, calendar=HOLIDAYS)
    assert deadline is not None and deadline.last_day == date(2031, 5, 16) and "未按法定节假日顺延" in deadline.basis
