"""`omnicourt eval drunk-driving`: the drunk-driving assistant on the real set in ../shared/data/drunk-driving/.

Each record is read up to its fact part only (`extract.fact_part`: before 本院认为 / 判决如下), so the court's
sentence is never an input; the suggestion is compared with the court's: 拘役 within ±1 month, probation as the
court decided, the fine within ±1,000 yuan, and the blood-alcohol reading to ±1 mg/100ml. The set's `split` keeps
the held-out part apart: it is scored only when asked (`--split heldout`), and RESULTS.md records how often it was.
Nothing of the set is written anywhere; the report holds figures and record ids only.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import typer

from omnicourt.assistant.documents import CaseDocument
from omnicourt.assistant.drunk_driving.pipeline import analyse

TARGETS = {"term_within_1_month": 0.80, "probation_as_court": 0.85, "fine_within_1000": 0.80}


def data_path() -> Path:
    """The real set: $OMNICOURT_SHARED_DATA/drunk-driving/drunk_driving.jsonl, else ../shared/data beside the
    checkout (/work/shared/data when the project is at /work/main)."""
    base = os.environ.get("OMNICOURT_SHARED_DATA")
    if base:
        return Path(base) / "drunk-driving" / "drunk_driving.jsonl"
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent.parent / "shared" / "data" / "drunk-driving" / "drunk_driving.jsonl"
        if candidate.exists():
            return candidate
    return Path("/work/shared/data/drunk-driving/drunk_driving.jsonl")


def load(split: str, path: Path | None = None) -> list[dict]:
    path = path or data_path()
    with path.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    return [r for r in records if split == "all" or r.get("split") == split]


@dataclass
class Score:
    hits: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, record_id: str, detail: str) -> None:
        self.total += 1
        self.hits += ok
        if not ok:
            self.misses.append(f"{record_id}: {detail}")

    @property
    def rate(self) -> float:
        return self.hits / self.total if self.total else 0.0


def evaluate(records: list[dict], *, own: bool = False) -> dict[str, Score]:
    """Field by field scores; `own` scores the assistant's calculation without the procuratorate's suggestion."""
    scores = {name: Score() for name in ("term_within_1_month", "term_exact", "probation_as_court",
                                          "fine_within_1000", "bac_within_1")}
    for record in records:
        labels = record["labels"]
        result = analyse([CaseDocument(record["id"], "other", record["text"])])
        sentence = result.own if own else result.sentence
        rid = record["id"]
        term = labels.get("term_months")
        if term is not None:
            scores["term_within_1_month"].add(abs(sentence.term_months - term) <= 1, rid,
                                              f"{sentence.term_months:g} vs {term:g}")
            scores["term_exact"].add(abs(sentence.term_months - term) < 0.25, rid,
                                     f"{sentence.term_months:g} vs {term:g}")
        if labels.get("probation") is not None:
            scores["probation_as_court"].add(sentence.probation == labels["probation"], rid,
                                             f"{sentence.probation} vs {labels['probation']}")
        if labels.get("fine_yuan") is not None:
            scores["fine_within_1000"].add(abs(float(sentence.fine) - labels["fine_yuan"]) <= 1000, rid,
                                           f"{sentence.fine} vs {labels['fine_yuan']}")
        if labels.get("bac_mg_per_100ml") is not None:
            found = result.elements.get("bac.mg_per_100ml")
            value = None if found is None else found.value
            scores["bac_within_1"].add(value is not None and abs(value - labels["bac_mg_per_100ml"]) <= 1, rid,
                                       f"{value} vs {labels['bac_mg_per_100ml']}")
    return scores


def report(scores: dict[str, Score], *, title: str, misses: bool) -> str:
    lines = [title]
    for name, score in scores.items():
        target = TARGETS.get(name)
        mark = "" if target is None else f"  (target ≥ {target:.0%}: {'met' if score.rate >= target else 'NOT met'})"
        lines.append(f"  {name:22} {score.hits:4}/{score.total:<4} {score.rate:6.1%}{mark}")
        if misses:
            lines.extend(f"      miss {line}" for line in score.misses)
    return "\n".join(lines)


def eval_drunk_driving(
    split: str = typer.Option("dev", help="dev / heldout / all (heldout: record the run in bench/RESULTS.md)"),
    misses: bool = typer.Option(False, "--misses", help="list every miss by record id"),
) -> None:
    """The drunk-driving assistant's sentence suggestion against the courts' sentences (real set)."""
    path = data_path()
    if not path.exists():
        typer.echo(f"真实醉驾数据集不存在：{path}（设置 OMNICOURT_SHARED_DATA 指向 shared/data）", err=True)
        raise typer.Exit(2)
    if split not in ("dev", "heldout", "all"):
        typer.echo("split 只能是 dev / heldout / all", err=True)
        raise typer.Exit(2)
    records = load(split, path)
    typer.echo(report(evaluate(records), title=f"危险驾驶罪 {split}: {len(records)} records — suggestion "
                                               "(procuratorate's adopted where 认罪认罚, 刑诉法 art. 201)",
                      misses=misses))
    typer.echo(report(evaluate(records, own=True), title="own calculation (without the procuratorate's "
                                                          "suggestion)", misses=False))
