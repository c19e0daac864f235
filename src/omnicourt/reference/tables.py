"""Reading the tables of law and reference data in data/ (each file names its source)."""

import csv
import tomllib
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from omnicourt.errors import InvalidInput
from omnicourt.settings import Settings

PROVINCE_SETTING = "OMNICOURT_PROVINCE"

# The tables shipped with the platform, until the process's root sets the data_dir setting (runtime.configure).
_data_dir: Path = Settings.model_fields["data_dir"].default


def use_data_dir(path: Path) -> None:
    """Read the tables under `path` (OMNICOURT_DATA_DIR): runtime.configure calls this."""
    global _data_dir
    _data_dir = Path(path)


def data_path(*parts: str) -> Path:
    return _data_dir.joinpath(*parts)


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV file whose leading '#' lines are its source notes."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)]


def read_toml(name: str) -> dict:
    return _toml(data_path(name))


@lru_cache
def _toml(path: Path) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


@lru_cache
def _rows(path: Path) -> tuple[dict[str, str], ...]:
    return tuple(read_csv(path))


def courts(province_name: str) -> tuple[dict[str, str], ...]:
    """The courts of the province the installation serves (the province setting)."""
    return _rows(courts_path(province_name))


def courts_path(province_name: str) -> Path:
    """data/courts/<key>.csv, the province's key in data/provinces.csv; refused, naming the setting, for a province
    without one."""
    try:
        key = province(province_name)["key"]
    except KeyError:
        raise InvalidInput(f"省份设置 {PROVINCE_SETTING}「{province_name}」不在 {data_path('provinces.csv')} 中："
                           f"请在该表登记此省，并提供其法院表 {data_path('courts')}/<key>.csv",
                           field="province") from None
    path = data_path("courts", f"{key}.csv")
    if not path.is_file():
        raise InvalidInput(f"省份设置 {PROVINCE_SETTING}「{province_name}」没有法院表：应为 {path}", field="province")
    return path


def courtrooms(province_name: str) -> tuple[dict[str, str], ...]:
    """The courtrooms of the province's courts: data/courtrooms/<key>.csv, none when the file is missing."""
    path = data_path("courtrooms", courts_path(province_name).name)
    return _rows(path) if path.is_file() else ()


def case_types() -> tuple[dict[str, str], ...]:
    return _rows(data_path("case_types.csv"))


def causes() -> tuple[dict[str, str], ...]:
    return _rows(data_path("causes.csv"))


def province(name: str) -> dict[str, str]:
    for row in _rows(data_path("provinces.csv")):
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
