"""`omnicourt cases import`: a deeply nested JSON line is reported like any other bad line, and the rest of the
file is imported."""

import uuid

from omnicourt.retrieval.importer import import_lines
from tests.retrieval.conftest import recording_index  # noqa: F401  (the index fixture)
from tests.retrieval.samples import CIVIL
from tests.retrieval.test_importer import line, rows

NESTED = '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}"


def test_a_deeply_nested_line_is_reported_and_the_others_imported(db, recording_index):  # noqa: F811
    good = [uuid.uuid4().hex, uuid.uuid4().hex]
    report = import_lines(db, recording_index, [line(text=CIVIL, id=good[0]), NESTED, "[" * 100_000,
                                                line(text=CIVIL, id=good[1])])
    assert report.imported == 2
    assert {r.line: r.reason for r in report.rejected} == {2: "JSON 嵌套层数过深，不是裁判文书数据",
                                                           3: "JSON 嵌套层数过深，不是裁判文书数据"}
    assert set(rows(db, good)) == set(good)
