"""Publication's redaction on real published judgments (../shared/data, read at test time, never copied; skipped when
absent; the development split only): no ID number, mobile or unmasked victim, witness or expert is left, the
defendants art. 11 keeps stay, and each case number survives."""

import json
import re

import pytest

from omnicourt.publication import redaction, rules
from omnicourt.settings import PROJECT_ROOT

DATA = PROJECT_ROOT.parent / "shared" / "data"
FILES = ("drunk-driving/drunk_driving.jsonl", "loan-judgments/loan_cases.jsonl",
         "loan-judgments/loan_related_documents.jsonl")
_NUMBER = re.compile(r"(?<![\dA-Z])(?:\d{17}[\dXx]|1[3-9]\d{9})(?![\dA-Z])")
_KEPT_CODE = re.compile(r"(?:统一社会信用代码|执业证号)[：:]?$")


def _records() -> list[dict]:
    if not all((DATA / name).is_file() for name in FILES):
        pytest.skip("../shared/data is not here")
    return [record for name in FILES for line in (DATA / name).read_text(encoding="utf-8").splitlines()
            if (record := json.loads(line)).get("split", "dev") == "dev"]


def test_real_judgments_leak_nothing_art_8_and_10_cover_and_keep_what_art_11_keeps():
    leaks, lost = [], []
    for record in _records():
        original = record["text"]
        category, on = rules.category_of_text(original), rules.written_on(original)
        masking = redaction.art8_masking(category, on=on)
        text = redaction.redact(original, masking=masking)
        leaks += [(record["id"], found.group()) for found in _NUMBER.finditer(text)
                  if not _KEPT_CODE.search(text[max(0, found.start() - 12):found.start()])]
        leaks += [(record["id"], person.name) for person in redaction.people_in(text)
                  if masking(person) and "某" not in person.name and "×" not in person.name]
        kept = [p.name for p in redaction.people_in(original) if not masking(p) and "某" not in p.name]
        lost += [(record["id"], name) for name in kept if name not in text]
        if record.get("case_number") and record["case_number"] in original:
            lost += [(record["id"], record["case_number"])] if record["case_number"] not in text else []
    assert leaks == [] and lost == []
