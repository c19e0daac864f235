"""The files and videos a party gives in the asynchronous trial enter the case's main volume once every party may
read them (the window over, or answers shown at once), never before; the archive package holds them even when no
use case filed them before the closing; a video takes no page numbers."""

from datetime import timedelta

from omnicourt import clock
from omnicourt.cases.models import Case
from omnicourt.casework import archive
from omnicourt.casework import documents as access
from omnicourt.dossier import service as dossier
from omnicourt.dossier.models import Document
from omnicourt.dossier.rules import Volume
from omnicourt.hearings.asynchronous import service as trials
from tests.hearings.asynchronous.conftest import give_answer, open_stage, opened_trial

NOW = clock.utcnow().replace(microsecond=0)


def answer_documents(db, parties, stage_index=0) -> list[int]:
    with db.reading() as session:
        view = trials.trial_view(session, actor=parties.judge, case_id=parties.case_id, now=NOW)
        answer = view.stages[stage_index].answers[0]
        return [f.id for f in answer.files] + ([answer.video.id] if answer.video else [])


def main_volume(db, case_id) -> list[Document]:
    with db.reading() as session:
        found = dossier.for_case(session, case_id, volume=Volume.MAIN)
        session.expunge_all()
        return found


def test_answers_enter_the_main_volume_when_the_stage_ends_not_before(db, settings, parties):
    opened_trial(db, parties, NOW)
    stage_id = open_stage(db, parties, NOW)
    give_answer(db, settings, parties, parties.plaintiff, stage_id, NOW + timedelta(hours=1))
    pdf_id, video_id = answer_documents(db, parties)
    assert not {pdf_id, video_id} & {d.id for d in main_volume(db, parties.case_id)}  # the window still runs
    with db.transaction() as session:
        trials.close_stage(session, actor=parties.judge, case_id=parties.case_id, stage_id=stage_id,
                           now=NOW + timedelta(days=1, hours=1))
    volume = main_volume(db, parties.case_id)
    assert [d.id for d in volume][-2:] == [pdf_id, video_id]
    with db.reading() as session:
        catalogue = {e.document.id: e for e in dossier.catalogue(session, parties.case_id, Volume.MAIN)}
        # the other party now opens the file through the case's documents too
        assert access.get_document(session, actor=parties.defendant, document_id=pdf_id).id == pdf_id
    assert catalogue[pdf_id].pages.first is not None
    assert (catalogue[video_id].pages.first, catalogue[video_id].document.pages) == (None, 0)
    # a second run files nothing twice
    with db.transaction() as session:
        assert trials.file_answers(session, case_id=parties.case_id, now=NOW + timedelta(days=2)) == []


def test_answers_shown_at_once_enter_the_dossier_at_once(db, settings, parties):
    opened_trial(db, parties, NOW)
    stage_id = open_stage(db, parties, NOW, visibility="immediate")
    give_answer(db, settings, parties, parties.plaintiff, stage_id, NOW + timedelta(hours=1), video=None)
    (pdf_id,) = answer_documents(db, parties)
    assert pdf_id in {d.id for d in main_volume(db, parties.case_id)}


def test_the_archive_holds_answers_whose_window_passed_unrecorded(db, settings, parties):
    opened_trial(db, parties, NOW - timedelta(days=3))
    stage_id = open_stage(db, parties, NOW - timedelta(days=3))
    give_answer(db, settings, parties, parties.plaintiff, stage_id, NOW - timedelta(days=3) + timedelta(hours=1),
                video=None)
    (pdf_id,) = answer_documents(db, parties)
    with db.transaction() as session:  # closed with no use case of the trial after its window
        case = session.get(Case, parties.case_id)
        case.closed_on, case.stage = clock.today(), "closed"
    with db.transaction() as session:
        made, new = archive.archive_case(session, settings, case_id=parties.case_id)
    assert new and pdf_id in {d.id for d in main_volume(db, parties.case_id)}
    with db.reading() as session:
        assert archive.verify_case(session, settings, case_id=parties.case_id) == []
