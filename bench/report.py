"""The results table: printed, written to bench/results/<date>.json and added to bench/RESULTS.md."""

import json
from datetime import datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench.figures import Figure

HERE = Path(__file__).resolve().parent


def _row(figure: Figure) -> list[str]:
    ceiling = f"{figure.ceiling:,.1f} ({figure.ceiling_name})" if figure.ceiling is not None else "—"
    ratio = f"{figure.ratio:.2f}" if figure.ratio is not None else "—"
    details = {k: v for k, v in figure.details.items() if k not in ("runs", "ping_runs")}
    return [figure.name, f"{figure.value:,.1f} {figure.unit}", ceiling, ratio, json.dumps(details, ensure_ascii=False)]


def show(figures: list[Figure]) -> None:
    table = Table("figure", "value", "ceiling (same run)", "ratio", "details")
    for figure in figures:
        table.add_row(*_row(figure))
    Console(width=180).print(table)


def save(figures: list[Figure], *, command: str, when: datetime) -> Path:
    """Write the JSON of this run and prepend its table to RESULTS.md under the command that produced it."""
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    path = results / f"{when:%Y-%m-%d}.json"
    runs = json.loads(path.read_text()) if path.exists() else []
    runs.append({"at": when.isoformat(timespec="seconds"), "command": command,
                 "figures": [f.as_dict() for f in figures]})
    path.write_text(json.dumps(runs, ensure_ascii=False, indent=2) + "\n")
    lines = [f"### {when:%Y-%m-%d %H:%M} — `{command}`", "",
             "| figure | value | ceiling (same run) | ratio | details |", "|---|---|---|---|---|"]
    lines += ["| " + " | ".join(cell.replace("|", "/") for cell in _row(f)) + " |" for f in figures]
    _insert_run(HERE / "RESULTS.md", "\n".join(lines) + "\n")
    return path


RUNS_MARKER = "<!-- runs: newest first, added by python -m bench -->"


def _insert_run(path: Path, section: str) -> None:
    text = path.read_text() if path.exists() else f"# Benchmark results\n\n{RUNS_MARKER}\n"
    if RUNS_MARKER not in text:
        text += f"\n{RUNS_MARKER}\n"
    path.write_text(text.replace(RUNS_MARKER, f"{RUNS_MARKER}\n\n{section}", 1))
