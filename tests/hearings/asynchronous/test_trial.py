"""The asynchronous trial's use cases on SQLite and PostgreSQL: the conditions from the case's data, the stages and
their windows, who reads which answers when, a missed window's consequence, the switch to a live hearing, and the
record confirmed online by each party and filed in the main volume."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from omnicourt import clock
from omnicourt.cases import service as cases
from omnicourt.cases.models import Case, TimelineEvent
from omnicourt.dossier import service as dossier
from omnicourt.dossier.rules import Volume
from omnicourt.dossier.service import Upload
from omnicourt.errors import Concealed, Conflict, Forbidden, InvalidInput, PayloadTooLarge
from omnicourt.hearings.asynchronous import service as trials
from omnicourt.hearings.asynchronous.models import AsyncTrial, AsyncTrialAnswer, AsyncTrialConfirmation
from omnicourt.hearings.asynchronous.rules import Condition, Status
from tests.hearings.asynchronous.conftest import (
    HARDSHIP,
    MP4,
    PASSWORD,
    exchanged_case,
    give_answer,
    open_stage,
    opened_trial,
)

NOW = clock.utcnow().replace(microsecond=0)


def view(db, actor, parties, now=NOW):
    with db.reading() as session:
        return trials.trial_view(session, actor=actor, case_id=parties.case_id, now=now)


def test_before_anyone_applied_the_judge_sees_what_is_missing(db, parties):
    failures = view(db, parties.judge, parties).failures
    assert [f.condition for f in failures] == [Condition.HARDSHIP, Condition.APPLICATION, Condition.CONSENT]
    assert "原告张三、被告李四尚未表示是否同意" in failures[-1].message


def test_the_judge_cannot_open_until_every_party_agreed_and_is_told_each_failure(db, parties):
    with db.transaction() as session:
        trials.apply(session, actor=parties.plaintiff, case_id=parties.case_id, reason="时间难以协调", now=NOW)
    with db.transaction() as session:
        trials.give_consent(session, actor=parties.defendant, case_id=parties.case_id, consented=False, now=NOW)
    with db.transaction() as session, pytest.raises(Conflict) as refused:
        trials.open_trial(session, actor=parties.judge, case_id=parties.case_id, hardship="", now=NOW)
    assert "法官尚未认定" in refused.value.message and "被告李四不同意异步审理" in refused.value.message
    with db.transaction() as session, pytest.raises(Forbidden):
        trials.open_trial(session, actor=parties.plaintiff, case_id=parties.case_id, hardship=HARDSHIP, now=NOW)
    with db.transaction() as session:
        trials.give_consent(session, actor=parties.defendant, case_id=parties.case_id, consented=True, now=NOW)
    with db.transaction() as session:
        trial = trials.open_trial(session, actor=parties.judge, case_id=parties.case_id, hardship=HARDSHIP, now=NOW)
        assert trial.status == Status.IN_PROGRESS


def test_disputed_evidence_and_an_ordinary_procedure_keep_the_hearing_live(db, settings):
    disputed = exchanged_case(db, settings, stance="disputed")
    with db.transaction() as session:
        session.get(Case, disputed.case_id).procedure = "ordinary"
    failures = view(db, disputed.judge, disputed).failures
    assert [f.condition for f in failures][:1] == [Condition.PROCEDURE]
    assert any(f.condition == Condition.UNDISPUTED and "原告第1组证据1「证据1」" in f.message for f in failures)


def test_a_full_trial_from_stages_to_a_record_every_party_confirmed(db, settings, parties):
    opened_trial(db, parties, NOW)
    stage_id = open_stage(db, parties, NOW, note="原告陈述前后矛盾，注意核实")
    give_answer(db, settings, parties, parties.plaintiff, stage_id, NOW + timedelta(hours=2))

    seen = view(db, parties.defendant, parties, NOW + timedelta(hours=3)).stages[0]
    assert seen.answered == ["原告张三"] and seen.answers == [] and seen.others_hidden and seen.may_answer
    assert seen.internal_note == ""
    plaintiff_answer = view(db, parties.judge, parties, NOW + timedelta(hours=3)).stages[0].answers[0]
    assert plaintiff_answer.video is not None and [f.filename for f in plaintiff_answer.files] == ["转账记录.pdf"]
    with db.reading() as session, pytest.raises(Concealed):
        trials.answer_file(session, actor=parties.defendant, case_id=parties.case_id,
                           document_id=plaintiff_answer.video.id, now=NOW + timedelta(hours=3))
    with db.reading() as session, pytest.raises(Concealed):  # nor through the case's documents
        from omnicourt.casework import documents

        documents.get_document(session, actor=parties.defendant, document_id=plaintiff_answer.video.id)

    give_answer(db, settings, parties, parties.defendant, stage_id, NOW + timedelta(hours=4), files=(), video=None,
                text="借款属实，但已部分归还")
    after = NOW + timedelta(hours=5)
    with db.transaction() as session:
        trials.close_stage(session, actor=parties.judge, case_id=parties.case_id, stage_id=stage_id, now=after)
    seen = view(db, parties.defendant, parties, after).stages[0]
    assert [a.party for a in seen.answers] == ["原告张三", "被告李四"] and not seen.others_hidden
    with db.reading() as session:
        assert trials.answer_file(session, actor=parties.defendant, case_id=parties.case_id,
                                  document_id=plaintiff_answer.video.id, now=after).content_type == "video/mp4"

    debate = open_stage(db, parties, after, "debate")
    give_answer(db, settings, parties, parties.plaintiff, debate, after + timedelta(hours=1), video=None)
    late = after + timedelta(days=2)
    with db.transaction() as session, pytest.raises(Conflict) as refused:
        trials.answer(session, settings, actor=parties.defendant, case_id=parties.case_id, stage_id=debate,
                      given=trials.AnswerIn("迟到的答复"), now=late)
    closed = clock.local(after + timedelta(days=1))
    assert f"法庭辩论阶段的答复期限已于{closed.year}年{closed.month}月{closed.day}日 {closed:%H:%M}截止" \
        in refused.value.message

    with db.transaction() as session:
        record = trials.assemble_record(session, settings, actor=parties.judge, case_id=parties.case_id, now=late)
        record_id, record_sha = record.id, record.sha256
    debate_view = view(db, parties.judge, parties, late).stages[1]
    assert debate_view.missed == ["被告李四"]
    with db.reading() as session:
        summaries = [e.summary for e in cases.timeline(session, actor=parties.defendant,
                                                       case=session.get(Case, parties.case_id))]
    assert any("被告李四未在期限内答复，适用开启时告知的后果：逾期未答复的，视为放弃辩论的权利" in s for s in summaries)
    assert not any("注意核实" in s for s in summaries)
    with db.reading() as session:
        text = dossier.read(dossier_storage(settings), dossier.find(session, record_id))
    assert text.startswith(b"%PDF")

    with db.transaction() as session:
        assert trials.confirm_record(session, settings, actor=parties.plaintiff, case_id=parties.case_id,
                                     password="wrong-password-1", address="test", now=late) is None
    with db.transaction() as session:
        trials.confirm_record(session, settings, actor=parties.plaintiff, case_id=parties.case_id,
                              password=PASSWORD, address="test", now=late)
    with db.transaction() as session, pytest.raises(Conflict, match="已确认"):
        trials.confirm_record(session, settings, actor=parties.plaintiff, case_id=parties.case_id,
                              password=PASSWORD, address="test", now=late)
    with db.transaction() as session:
        trials.confirm_record(session, settings, actor=parties.defendant, case_id=parties.case_id,
                              password=PASSWORD, address="test", now=late + timedelta(minutes=5))
    with db.reading() as session:
        trial = trials.trial_of(session, parties.case_id)
        assert trial.status == Status.CONFIRMED
        rows = session.scalars(select(AsyncTrialConfirmation).where(AsyncTrialConfirmation.trial_id == trial.id))
        assert {(r.account_id, r.record_sha256, r.method) for r in rows} == {
            (parties.plaintiff.id, record_sha, "password"), (parties.defendant.id, record_sha, "password")}
        main = [(e.kind_label, e.document.filename) for e in dossier.catalogue(session, parties.case_id, Volume.MAIN)]
    assert main[-2:] == [("庭审笔录", f"庭审笔录-异步审理-{case_number(db, parties)}.pdf"),
                         ("庭审笔录", f"庭审笔录-异步审理-{case_number(db, parties)}-已确认.pdf")]


def dossier_storage(settings):
    from omnicourt.dossier.storage import storage_of

    return storage_of(settings)


def case_number(db, parties) -> str:
    with db.reading() as session:
        return session.get(Case, parties.case_id).case_number


def test_the_judge_switches_to_a_live_hearing_keeping_what_was_done(db, settings, parties):
    opened_trial(db, parties, NOW)
    stage_id = open_stage(db, parties, NOW)
    give_answer(db, settings, parties, parties.plaintiff, stage_id, NOW + timedelta(minutes=10), video=None)
    with db.transaction() as session:
        trial = trials.switch_to_live(session, actor=parties.judge, case_id=parties.case_id,
                                      reason="被告申请证人出庭作证", now=NOW + timedelta(hours=1))
        assert trial.status == Status.SWITCHED
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(AsyncTrialAnswer)
                              .where(AsyncTrialAnswer.trial_id == trial.id)) == 1
        event = session.scalars(select(TimelineEvent).where(TimelineEvent.case_id == parties.case_id)
                                .order_by(TimelineEvent.id.desc())).first()
    assert event.kind == "async_trial_switched" and event.public
    assert "正在进行的法庭调查阶段随之结束" in event.summary and "继续有效" in event.summary
    with db.transaction() as session, pytest.raises(Conflict, match="已转为同步庭审"):
        trials.answer(session, settings, actor=parties.defendant, case_id=parties.case_id, stage_id=stage_id,
                      given=trials.AnswerIn("答复"), now=NOW + timedelta(hours=2))


def test_an_early_close_waits_for_every_answer_and_a_stage_answered_twice_is_refused(db, settings, parties):
    opened_trial(db, parties, NOW)
    stage_id = open_stage(db, parties, NOW)
    give_answer(db, settings, parties, parties.plaintiff, stage_id, NOW, video=None)
    with db.transaction() as session, pytest.raises(Conflict, match="尚有当事人未答复"):
        trials.close_stage(session, actor=parties.judge, case_id=parties.case_id, stage_id=stage_id, now=NOW)
    with db.transaction() as session, pytest.raises(Conflict, match="答复提交后不能修改"):
        trials.answer(session, settings, actor=parties.plaintiff, case_id=parties.case_id, stage_id=stage_id,
                      given=trials.AnswerIn("再补充一点"), now=NOW)
    with db.transaction() as session, pytest.raises(Conflict, match="上一阶段的答复期限尚未届满"):
        trials.open_stage(session, actor=parties.judge, case_id=parties.case_id, kind="debate", questions=["辩论"],
                          closes_at=NOW + timedelta(days=1), now=NOW)


@pytest.mark.parametrize(("given", "error", "says"), [
    (trials.AnswerIn(""), InvalidInput, "文字、文件或自行录制的视频"),
    (trials.AnswerIn("见视频", video=Upload("陈述.avi", MP4)), InvalidInput, "格式不支持"),
    (trials.AnswerIn("见视频", video=Upload("陈述.mp4", b"not a video at all")), InvalidInput, "不是有效的 MP4"),
    (trials.AnswerIn("见附件", files=(Upload("说明.exe", b"MZ"),)), InvalidInput, "格式不支持"),
])
def test_a_bad_answer_is_refused_naming_the_field_and_writes_nothing(db, settings, parties, given, error, says):
    opened_trial(db, parties, NOW)
    stage_id = open_stage(db, parties, NOW)
    with db.transaction() as session, pytest.raises(error, match=says):
        trials.answer(session, settings, actor=parties.plaintiff, case_id=parties.case_id, stage_id=stage_id,
                      given=given, now=NOW)
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(AsyncTrialAnswer)
                              .where(AsyncTrialAnswer.stage_id == stage_id)) == 0


def test_a_video_over_the_setting_is_refused_as_too_large(db, settings, parties):
    opened_trial(db, parties, NOW)
    stage_id = open_stage(db, parties, NOW)
    small = settings.model_copy(update={"async_trial_video_max_bytes": 100})
    with db.transaction() as session, pytest.raises(PayloadTooLarge, match="超过"):
        trials.answer(session, small, actor=parties.plaintiff, case_id=parties.case_id, stage_id=stage_id,
                      given=trials.AnswerIn("见视频", video=Upload("陈述.mp4", MP4)), now=NOW)


def test_a_party_of_another_case_is_told_the_trial_does_not_exist(db, settings, parties):
    opened_trial(db, parties, NOW)
    with db.reading() as session, pytest.raises(Concealed):
        trials.trial_view(session, actor=parties.stranger, case_id=parties.case_id, now=NOW)
    with db.transaction() as session, pytest.raises(Concealed):
        trials.give_consent(session, actor=parties.stranger, case_id=parties.case_id, consented=True, now=NOW)


def test_the_judge_starts_the_debate_from_the_dispute_focus(db, parties):
    with db.transaction() as session:
        from omnicourt.assistant.models import DisputePoint

        case = session.get(Case, parties.case_id)
        session.add(DisputePoint(case_id=case.id, court_id=case.court_id, code="repaid", label="是否已还款",
                                 issue="被告是否已归还部分借款", statements=[], status="open", reason=""))
    with db.reading() as session:
        debate = trials.suggested_questions(session, parties.case_id, trials.StageKind.DEBATE)
        examination = trials.suggested_questions(session, parties.case_id, trials.StageKind.CROSS_EXAMINATION)
    assert debate[-1] == "被告是否已归还部分借款" and "被告是否已归还部分借款" not in examination


def test_one_trial_per_case_applied_for_by_a_party(db, parties):
    with db.transaction() as session, pytest.raises(Forbidden):
        trials.apply(session, actor=parties.judge, case_id=parties.case_id, reason="x", now=NOW)
    with db.transaction() as session:
        trials.apply(session, actor=parties.plaintiff, case_id=parties.case_id, reason="时间难以协调", now=NOW)
    with db.transaction() as session, pytest.raises(Conflict, match="已有异步审理申请"):
        trials.apply(session, actor=parties.defendant, case_id=parties.case_id, reason="同意", now=NOW)
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(AsyncTrial)
                              .where(AsyncTrial.case_id == parties.case_id)) == 1
