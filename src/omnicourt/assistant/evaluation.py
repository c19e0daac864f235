"""Scoring the loan-element extraction on the labelled evaluation set (data/eval/assistant/).

A field is correct when its normalised value equals the label; a labelled field not found is a recall loss,
a found field that is wrong or not labelled is a precision loss. Amounts are scored end to end: extract ->
to_terms -> compute, to the fen. ``cases.jsonl`` is generated (seed fixed); ``adversarial.jsonl`` is written
by hand and keeps the extractor honest.
"""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import typer

from omnicourt.assistant.documents import CaseDocument
from omnicourt.assistant.loans.extract import extract, normalise
from omnicourt.loans.elements import Elements

SET_DIR = Path(__file__).resolve().parents[3] / "data" / "eval" / "assistant"
SEED, SIZE = 20260601, 240
AMOUNT_FIELDS = ("principal", "interest", "penalty", "compound", "fees", "total")


@dataclass(frozen=True)
class EvalCase:
    case_id: str
    documents: list[CaseDocument]
    labels: dict[str, str]
    amounts: dict[str, str]
    note: str = ""


@dataclass
class FieldScore:
    field: str
    correct: int = 0
    missing: int = 0
    wrong: int = 0
    spurious: int = 0

    @property
    def f1(self) -> float:
        found = self.correct + self.wrong + self.spurious
        labelled = self.correct + self.wrong + self.missing
        return _f1(self.correct, found, labelled)


@dataclass
class Report:
    cases: int
    precision: float
    recall: float
    f1: float
    amounts_exact: float | None  # share of cases whose computed amounts equal the labels to the fen
    amounts_error: str | None
    seconds_mean: float
    seconds_p95: float
    worst_fields: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _f1(correct: int, found: int, labelled: int) -> float:
    precision = correct / found if found else 1.0
    recall = correct / labelled if labelled else 1.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def label_string(value: Any) -> str:
    """How a label is stored: ISO dates, amounts to the fen, true/false, text as written."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return normalise(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


_DATE_FIELDS = {"contract.date", "loan.term_start", "loan.term_end", "disbursement.date", "default.date",
                "acceleration.date", "claim.cutoff", "date"}
_AMOUNT_FIELDS = {"loan.principal", "loan.penalty_uplift", "disbursement.amount", "claim.principal", "claim.interest",
                  "claim.penalty", "claim.compound", "claim.fees", "max_amount", "amount"}


def typed_labels(labels: dict[str, str]) -> dict[str, Any]:
    """The stored label strings as element values again (dates, Decimal, bool, int, text)."""
    typed: dict[str, Any] = {}
    for name, text in labels.items():
        key = name.split(".")[-1] if name.split(".")[1:2] and name.split(".")[1].isdigit() else name
        if key in _DATE_FIELDS:
            typed[name] = date.fromisoformat(text)
        elif key in _AMOUNT_FIELDS:
            typed[name] = Decimal(text)
        elif name in ("loan.compound", "defence.filed"):
            typed[name] = text == "true"
        elif name == "loan.day_count":
            typed[name] = int(text)
        else:
            typed[name] = text
    return typed


def refresh_amounts(path: Path) -> int:
    """Recompute the amount labels of an evaluation file from its element labels with the current calculator
    (the calculator is the truth for amounts; hand-written cases keep their documents and element labels)."""
    from omnicourt.assistant.loans.casefiles import true_amounts

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:
        amounts = true_amounts(typed_labels(row["labels"]["elements"]))
        row["labels"]["amounts"] = {k: label_string(v) for k, v in amounts.items()}
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return len(rows)


def _group(name: str) -> str:
    parts = name.split(".")
    return f"{parts[0]}.*.{parts[2]}" if len(parts) == 3 and parts[1].isdigit() else name


def _amounts_of(found: Elements) -> dict[str, str]:
    from omnicourt.interest.lpr import LprTable
    from omnicourt.loans.compute import compute
    from omnicourt.loans.elements import to_terms

    terms = to_terms(found)
    if terms.cutoff is None:
        raise KeyError("claim.cutoff")  # as any other element the calculator needs and the extraction missed
    result = compute(terms, cutoff=terms.cutoff, lpr=_lpr_table(LprTable))
    return {name: normalise(getattr(result, name)) for name in AMOUNT_FIELDS}


_LPR: list = []


def _lpr_table(table_class):
    if not _LPR:
        _LPR.append(table_class.load())
    return _LPR[0]


def evaluate(cases: list[EvalCase]) -> Report:
    """Field-level precision / recall / F1, the worst fields, exact amounts and time per case."""
    scores: dict[str, FieldScore] = {}
    seconds: list[float] = []
    exact, scored, amounts_error = 0, 0, None
    for case in cases:
        started = time.perf_counter()
        found = extract(case.documents)
        seconds.append(time.perf_counter() - started)
        for name in set(case.labels) | set(found):
            score = scores.setdefault(_group(name), FieldScore(_group(name)))
            if name not in found:
                score.missing += 1
            elif name not in case.labels:
                score.spurious += 1
            elif normalise(found[name].value) == normalise(case.labels[name]):
                score.correct += 1
            else:
                score.wrong += 1
        if case.amounts and amounts_error is None:
            try:
                exact += _amounts_of(found) == {k: normalise(Decimal(v)) for k, v in case.amounts.items()}
                scored += 1
            except ImportError as error:
                amounts_error = f"calculator not available: {error}"
            except (KeyError, ValueError, ArithmeticError):
                scored += 1  # the extraction lacks what the calculator needs: a miss, not a crash
    correct = sum(s.correct for s in scores.values())
    found_total = sum(s.correct + s.wrong + s.spurious for s in scores.values())
    labelled = sum(s.correct + s.wrong + s.missing for s in scores.values())
    worst = sorted((s for s in scores.values() if s.f1 < 1.0), key=lambda s: s.f1)[:10]
    return Report(
        cases=len(cases),
        precision=round(correct / found_total, 4) if found_total else 1.0,
        recall=round(correct / labelled, 4) if labelled else 1.0,
        f1=round(_f1(correct, found_total, labelled), 4),
        amounts_exact=round(exact / scored, 4) if scored and amounts_error is None else None,
        amounts_error=amounts_error,
        seconds_mean=round(statistics.fmean(seconds), 5) if seconds else 0.0,
        seconds_p95=round(sorted(seconds)[int(0.95 * (len(seconds) - 1))], 5) if seconds else 0.0,
        worst_fields=[{"field": s.field, "f1": round(s.f1, 4), "correct": s.correct, "missing": s.missing,
                       "wrong": s.wrong, "spurious": s.spurious} for s in worst])


def load_set(path: Path) -> list[EvalCase]:
    """Read a .jsonl evaluation file: one case per line."""
    cases = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                row = json.loads(line)
                documents = [CaseDocument(d["name"], d["kind"], d["text"]) for d in row["documents"]]
                cases.append(EvalCase(row["case_id"], documents, row["labels"]["elements"],
                                      row["labels"].get("amounts", {}), row.get("note", "")))
    return cases


def case_row(case_id: str, documents: list[CaseDocument], elements: dict[str, Any], amounts: dict[str, Any],
             note: str = "") -> dict[str, Any]:
    """One line of an evaluation file."""
    row = {"case_id": case_id,
           "documents": [{"name": d.name, "kind": d.kind, "text": d.text} for d in documents],
           "labels": {"elements": {k: label_string(v) for k, v in elements.items()},
                      "amounts": {k: label_string(v) for k, v in amounts.items()}}}
    if note:
        row["note"] = note
    return row


def regenerate(set_dir: Path = SET_DIR, *, seed: int = SEED, size: int = SIZE) -> Path:
    """Write cases.jsonl from the generator (seed fixed); the amounts come from the calculator."""
    from omnicourt.assistant.loans.casefiles import generate

    path = set_dir / "cases.jsonl"
    set_dir.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for case in generate(seed, size):
            out.write(json.dumps(case_row(case.case_id, case.documents, case.elements, case.amounts),
                                 ensure_ascii=False) + "\n")
    return path


def _table(name: str, report: Report) -> str:
    amounts = f"{report.amounts_exact:.2%}" if report.amounts_exact is not None else f"— ({report.amounts_error})"
    lines = [f"[{name}] {report.cases} 件  P={report.precision:.4f}  R={report.recall:.4f}  F1={report.f1:.4f}  "
             f"金额精确到分={amounts}  每件耗时 平均 {report.seconds_mean * 1000:.2f} ms / p95 "
             f"{report.seconds_p95 * 1000:.2f} ms"]
    lines += [f"    {w['field']:<28} F1={w['f1']:.4f}  对{w['correct']} 漏{w['missing']} 错{w['wrong']} "
              f"多{w['spurious']}" for w in report.worst_fields]
    return "\n".join(lines)



# --- Real judgments (../shared/data/loan-judgments/): each cause registers an evaluator of its real set. ---------

REAL_FIELDS = ("principal", "interest", "cutoff", "defence_filed", "total", "fee", "cause")
# The record's cause as the loan causes the assistant tells apart (借款合同纠纷 names no lender kind: not scored).
CAUSE_OF = {"民间借贷纠纷": "民间借贷", "金融借款合同纠纷": "金融借款", "信用卡纠纷": "金融借款"}


@dataclass
class RealScore:
    """One field on a real set: labelled records, those right, and the misses (record id, found, label)."""

    name: str
    labelled: int = 0
    correct: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.labelled if self.labelled else 1.0


def real_data_path(name: str = "loan-judgments/loan_cases.jsonl") -> Path:
    """$OMNICOURT_SHARED_DATA/<name>, else ../shared/data beside the checkout."""
    import os

    base = os.environ.get("OMNICOURT_SHARED_DATA")
    if base:
        return Path(base) / name
    for parent in Path(__file__).resolve().parents:
        candidate = parent.parent / "shared" / "data" / name
        if candidate.exists():
            return candidate
    return Path("/work/shared/data") / name


def load_real(split: str, path: Path | None = None) -> list[dict[str, Any]]:
    path = path or real_data_path()
    with path.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    return [r for r in records if split == "all" or r.get("split") == split]


def claimed_fee(total: Decimal) -> Decimal:
    """The 案件受理费 the fee calculator gives for a claimed total: the full fee of a property case, whose scale is
    national (诉讼费用交纳办法 art. 13(1)), so the judgments of any province compare with it."""
    from omnicourt.fees import rules as fee_rules
    from omnicourt.fees import service

    return fee_rules.progressive_fee(total, service.property_scale())[0].quantize(Decimal("0.01"))


def _interest_label(value: Any) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, list):
        return sum((Decimal(str(item["amount"])) for item in value), Decimal(0))
    return Decimal(str(value))


def loan_truth(record: dict[str, Any]) -> dict[str, Any]:
    """The labels of a loan record as the fields scored (None: not labelled, not scored)."""
    labels = record["labels"]
    principal = Decimal(str(labels["principal_claimed"])) if labels.get("principal_claimed") is not None else None
    interest = _interest_label(labels.get("interest_claimed"))
    total = (principal + (interest or 0)).quantize(Decimal("0.01")) if principal is not None else None
    return {"principal": principal, "interest": interest,
            "cutoff": date.fromisoformat(labels["cutoff_date"]) if labels.get("cutoff_date") else None,
            "defence_filed": labels.get("defence_filed"), "total": total,
            "fee": claimed_fee(total) if total is not None else None, "cause": CAUSE_OF.get(record.get("cause", ""))}


def loan_found(record: dict[str, Any]) -> dict[str, Any]:
    from omnicourt.assistant.loans.judgments import read_claim

    claim = read_claim(record["text"])  # the rules alone: the model path is measured only when asked for
    values = claim.values()
    values["total"] = claim.total
    values["fee"] = claimed_fee(claim.total) if claim.total is not None else None
    values["cause"] = claim.cause
    return values


def _equal(found: Any, truth: Any) -> bool:
    if isinstance(truth, Decimal):
        return isinstance(found, Decimal) and found.quantize(Decimal("0.01")) == truth.quantize(Decimal("0.01"))
    return found == truth


def evaluate_real(records: list[dict[str, Any]], truth, found, fields: tuple[str, ...]) -> dict[str, RealScore]:
    """A cause's real set scored field by field: `truth(record)` and `found(record)` give field -> value, a
    label of None is not scored. A second cause plugs in its own truth and found functions (see REAL_SETS)."""
    scores = {name: RealScore(name) for name in fields}
    for record in records:
        labels, values = truth(record), found(record)
        for name in fields:
            if labels.get(name) is None:
                continue
            score = scores[name]
            score.labelled += 1
            if _equal(values.get(name), labels[name]):
                score.correct += 1
            else:
                score.misses.append(f"{record['id']}: 得 {values.get(name)} / 应 {labels[name]}")
    return scores


def fee_differences(records: list[dict[str, Any]]) -> list[str]:
    """Where the judgment's own fee differs from the calculator's fee for the labelled claimed total."""
    lines = []
    for record in records:
        stated, truth = record["labels"].get("fee_stated"), loan_truth(record)
        if stated is not None and truth["fee"] is not None:
            full = truth["fee"]
            if Decimal(str(stated)) not in (full, (full / 2).quantize(Decimal("0.01"))):
                lines.append(f"{record['id']}: 判决书载 {stated} 元，计算器按诉请总额 {truth['total']} 元得 {full} 元"
                             f"（减半 {(full / 2).quantize(Decimal('0.01'))} 元）")
    return lines


# name -> (data file under ../shared/data, truth, found, fields). Another cause adds its line here.
REAL_SETS: dict[str, tuple[str, Any, Any, tuple[str, ...]]] = {
    "loans": ("loan-judgments/loan_cases.jsonl", loan_truth, loan_found, REAL_FIELDS),
}


def _real_table(name: str, split: str, scores: dict[str, RealScore], count: int) -> str:
    lines = [f"[real:{name}:{split}] {count} 件"]
    for score in scores.values():
        lines.append(f"    {score.name:<14} {score.correct}/{score.labelled} = {score.accuracy:.2%}")
        lines += [f"        漏/错 {miss}" for miss in score.misses]
    return "\n".join(lines)


def eval_assistant(set_dir: Path = typer.Option(SET_DIR, help="评测集目录（cases.jsonl、adversarial.jsonl）"),
                   regenerate_set: bool = typer.Option(False, "--regenerate", help="先用固定种子重新生成 cases.jsonl"),
                   refresh: bool = typer.Option(False, "--refresh-amounts",
                                                help="用当前计算器重算 adversarial.jsonl 的金额标注"),
                   split: str = typer.Option("dev", help="真实裁判文书集的划分：dev / heldout / all（heldout 少用）"),
                   ) -> None:
    """Score the loan-element extraction on the evaluation set: a table, then the figures as JSON."""
    if regenerate_set:
        typer.echo(f"已生成 {regenerate(set_dir)}")
    if refresh:
        typer.echo(f"已重算 {refresh_amounts(set_dir / 'adversarial.jsonl')} 件的金额标注")
    results = {}
    for name in ("cases", "adversarial"):
        path = set_dir / f"{name}.jsonl"
        if path.exists():
            report = evaluate(load_set(path))
            typer.echo(_table(name, report))
            results[name] = report.as_dict()
    for name, (relative, truth, found, fields) in REAL_SETS.items():
        path = real_data_path(relative)
        if not path.exists():
            typer.echo(f"[real:{name}] 未找到 {path}，跳过")
            continue
        records = load_real(split, path)
        scores = evaluate_real(records, truth, found, fields)
        typer.echo(_real_table(name, split, scores, len(records)))
        if name == "loans":
            for line in fee_differences(records):
                typer.echo(f"    受理费差异 {line}")
        results[f"real:{name}:{split}"] = {s.name: {"labelled": s.labelled, "correct": s.correct,
                                                     "accuracy": round(s.accuracy, 4)} for s in scores.values()}
    typer.echo(json.dumps(results, ensure_ascii=False, indent=2))


def main() -> None:
    app = typer.Typer(add_completion=False)
    app.command()(eval_assistant)
    app()


if __name__ == "__main__":
    main()
