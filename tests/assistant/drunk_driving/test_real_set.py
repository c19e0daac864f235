"""The floor on the real drunk-driving set's development part (../shared/data, never committed): it fails when the
extraction or the rules regress. The held-out part is not read here (bench/RESULTS.md records its runs)."""

import pytest

from omnicourt.assistant.drunk_driving import evaluation

PATH = evaluation.data_path()
pytestmark = pytest.mark.skipif(not PATH.exists(),
                                reason=f"the real drunk-driving set is not here ({PATH}); set OMNICOURT_SHARED_DATA")

# The development figures when the floor was set (bench/RESULTS.md), less a little room.
FLOORS = {"bac_within_1": 0.98, "term_within_1_month": 0.86, "probation_as_court": 0.71, "fine_within_1000": 0.58}


def test_the_development_part_stays_above_its_floor():
    scores = evaluation.evaluate(evaluation.load("dev", PATH))
    below = {name: round(scores[name].rate, 3) for name, floor in FLOORS.items() if scores[name].rate < floor}
    assert not below, f"below the floor {FLOORS}: {below}"


def test_no_record_is_read_past_its_fact_part():
    from omnicourt.assistant.drunk_driving.extract import fact_part

    for record in evaluation.load("dev", PATH):
        part = fact_part(record["text"])
        assert "本院认为" not in part and "判决如下" not in part
