"""Timeline event kinds and audit actions are enumerations: every kind decided for parties, written together
with its audit record, and never spelt as a bare string in the code."""

import ast
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from omnicourt.audit.actions import AuditAction
from omnicourt.audit.models import AuditRecord
from omnicourt.cases import service as cases
from omnicourt.cases import timeline
from omnicourt.cases.events import EventKind
from omnicourt.cases.models import Case, TimelineEvent
from tests.deadlines.test_workflows import simple_case

SRC = Path(__file__).resolve().parents[2] / "src" / "omnicourt"
ENUM_MODULES = {SRC / "cases" / "events.py", SRC / "audit" / "actions.py"}
FROZEN = SRC / "migrations"  # revisions keep the values of their day
KINDS = {kind.value for kind in EventKind}
ACTIONS = {action.value for action in AuditAction}
# Kind values that are also words of another vocabulary: flagged only where they stand for a kind.
ALSO_OTHER_WORDS = {
    "accepted": "a case stage and a filing status",
    "assigned": "a case stage",
    "closed": "a case stage and a dashboard measure",
    "reassigned": "a ?done= key of the case page",
    "fee_notice": "an audit object type",
    "supervision_notice": "an audit object type",
}
# Keywords whose strings are another vocabulary that shares some action values.
OTHER_KEYWORDS = {"operation"}  # idempotency operations ("filing.submit")


def test_every_kind_is_decided_for_parties_and_every_decision_is_a_kind():
    assert set(timeline.EVENT_KINDS) == set(EventKind)
    assert all(isinstance(kind, EventKind) for kind in timeline.EVENT_KINDS)


@pytest.mark.parametrize("enumeration", [EventKind, AuditAction])
def test_no_two_members_share_a_stored_value(enumeration):
    assert len(enumeration.__members__) == len(enumeration)  # a repeated value would make an alias


def test_a_kind_reads_as_its_stored_value():
    assert EventKind.DEADLINE_EXTENDED == "deadline_extended"
    assert f"{EventKind.DEADLINE_EXTENDED}" == "deadline_extended"
    assert timeline.view_of("reassigned") is timeline.EVENT_KINDS[EventKind.REASSIGNED]


def _names_kind(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "kind" or isinstance(node, ast.Name) and node.id == "kind"


def _kind_positions(tree: ast.AST) -> set[int]:
    """The string constants that stand for a kind: kind=..., compared with a .kind, assigned to kind."""
    roots: list[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "kind":
            roots.append(node.value)
        elif isinstance(node, ast.Compare) and any(_names_kind(side) for side in (node.left, *node.comparators)):
            roots.append(node)
        elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "kind" for t in node.targets):
            roots.append(node.value)
    return {id(n) for root in roots for n in ast.walk(root) if isinstance(n, ast.Constant)}


def _not_kinds(tree: ast.AST) -> set[int]:
    """Docstrings (prose, not code) and the strings of another vocabulary's keywords."""
    other = [node.value for node in ast.walk(tree) if isinstance(node, ast.keyword) and node.arg in OTHER_KEYWORDS]
    docstrings = [node.value for node in ast.walk(tree) if isinstance(node, ast.Expr)]
    return {id(n) for root in other + docstrings for n in ast.walk(root) if isinstance(n, ast.Constant)}


def bare_in_python(source: str, where: str) -> list[str]:
    tree = ast.parse(source)
    kind_positions, other = _kind_positions(tree), _not_kinds(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or not isinstance(node.value, str) or id(node) in other:
            continue
        text = node.value
        if text in ACTIONS or text in KINDS and (text not in ALSO_OTHER_WORDS or id(node) in kind_positions):
            found.append(f"{where}:{node.lineno} {text!r}")
        found.extend(f"{where}:{node.lineno} {word!r} quoted" for word in quoted_words(text))
    return found


def quoted_words(text: str) -> list[str]:
    """Kinds and actions quoted inside a longer text: SQL (kind = 'deadline_extended') or a template."""
    words = set(re.findall(r"""['"]([\w.]+)['"]""", text))
    return sorted(w for w in words if w in ACTIONS or w in KINDS and w not in ALSO_OTHER_WORDS)


def test_no_kind_or_action_is_written_as_a_bare_string():
    """Name a kind or action by its member (EventKind.DEADLINE_EXTENDED): a misspelt member fails at import,
    a misspelt string only in the data."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if path not in ENUM_MODULES and FROZEN not in path.parents:
            found.extend(bare_in_python(path.read_text(encoding="utf-8"), str(path.relative_to(SRC))))
    for path in sorted(SRC.rglob("*.html")):
        found.extend(f"{path.relative_to(SRC)} {word!r}" for word in quoted_words(path.read_text(encoding="utf-8")))
    assert found == []


def test_the_scan_finds_bare_kinds_and_actions_and_leaves_other_words():
    source = ('STAGE = "closed"\n'
              'x = TimelineEvent.kind == "closed"\n'
              'y = dict(kind="deadline_extended", action="case.accept", operation="filing.submit")\n'
              'z = "SELECT 1 WHERE kind = \'hearing_postponed\'"\n')
    assert set(bare_in_python(source, "probe.py")) == {
        "probe.py:2 'closed'", "probe.py:3 'deadline_extended'", "probe.py:3 'case.accept'",
        "probe.py:4 'hearing_postponed' quoted"}


def _counts(db, case_id):
    with db.reading() as session:
        events = session.scalar(select(func.count()).select_from(TimelineEvent)
                                .where(TimelineEvent.case_id == case_id))
        records = session.scalar(select(func.count()).select_from(AuditRecord).where(
            AuditRecord.object_type == "case", AuditRecord.object_id == str(case_id)))
        return events, records


def test_record_event_writes_the_event_and_its_audit_record_together(db, settings):
    case_id, judge, _ = simple_case(db, settings, accepted_days_ago=5)
    before = _counts(db, case_id)
    with db.transaction() as session:
        cases.record_event(session, case=session.get(Case, case_id), actor=judge, kind=EventKind.HEARING_POSTPONED,
                           summary="延期开庭", details={"on": "2026-03-02"},
                           audit_action=AuditAction.CASE_HEARING_POSTPONED, audit_details={"on": "2026-03-02"})
    assert _counts(db, case_id) == (before[0] + 1, before[1] + 1)
    with db.reading() as session:
        event = session.scalars(select(TimelineEvent).where(TimelineEvent.case_id == case_id)
                                .order_by(TimelineEvent.id.desc())).first()
        record = session.scalars(select(AuditRecord).order_by(AuditRecord.id.desc())).first()
    assert (event.kind, event.public) == ("hearing_postponed", True)
    assert (record.action, record.actor_id, record.object_id, record.details) == (
        "case.hearing_postponed", judge.id, str(case_id), {"on": "2026-03-02"})

    with pytest.raises(RuntimeError), db.transaction() as session:
        cases.record_event(session, case=session.get(Case, case_id), actor=judge, kind=EventKind.HEARING_POSTPONED,
                           summary="延期开庭", audit_action=AuditAction.CASE_HEARING_POSTPONED)
        raise RuntimeError("the use case fails after writing")
    assert _counts(db, case_id) == (before[0] + 1, before[1] + 1)  # neither is left behind
