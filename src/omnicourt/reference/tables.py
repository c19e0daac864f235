"""Reading the tables of law and reference data in data/ (each file names its source)."""

import csv
import tomllib
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from omnicourt.settings import get_settings


def data_path(*parts: str) -> Path:
    return get_settings().data_dir.joinpath(*parts)


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV file whose leading '#' lines are its source notes."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)]


@lru_cache
def read_toml(name: str) -> dict:
    with data_path(name).open("rb") as handle:
        return tomllib.load(handle)


@lru_cache
def courts() -> tuple[dict[str, str], ...]:
    return tuple(read_csv(data_path("courts", "zhejiang.csv")))


@lru_cache
def case_types() -> tuple[dict[str, str], ...]:
    return tuple(read_csv(data_path("case_types.csv")))


@lru_cache
def causes() -> tuple[dict[str, str], ...]:
    return tuple(read_csv(data_path("causes.csv")))


@lru_cache
def province(name: str) -> dict[str, str]:
    for row in read_csv(data_path("provinces.csv")):
        if row["province"] == name:
            return row
    raise KeyError(name)


def average_wage(province_name: str) -> Decimal:
    """The province's latest published average annual wage (small-claims threshold, CPL art. 165)."""
    return Decimal(province(province_name)["average_wage"])


def fee_tables() -> dict:
    return read_toml("fees.toml")


def division_templates() -> dict:
    return read_toml("divisions.toml")
