"""The court's clock: one module reads the time, in the court's zone, whatever the server's zone is."""

import ast
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from omnicourt import clock

SOURCE = Path(clock.__file__).parent
# Calls that read the server's clock or zone, or make a zone of their own: clock.py alone may make them.
SERVER_TIME = {("date", "today"), ("datetime", "today"), ("datetime", "now"), ("datetime", "utcnow"),
               ("date", "fromtimestamp"), ("datetime", "fromtimestamp"), ("time", "localtime"), ("time", "time"),
               ("time", "gmtime"), ("time", "ctime"), ("time", "mktime"), ("time", "strftime")}
ZONE_MAKERS = {"ZoneInfo", "timezone"}


def _server_time_calls(path: Path, root: Path = SOURCE) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            called = (func.value.id, func.attr)
            if called in SERVER_TIME or func.attr in ZONE_MAKERS:
                found.append(f"{path.relative_to(root)}:{node.lineno} {'.'.join(called)}()")
        elif isinstance(func, ast.Name) and func.id in ZONE_MAKERS:
            found.append(f"{path.relative_to(root)}:{node.lineno} {func.id}()")
    return found


def test_only_the_clock_reads_the_time():
    offenders = [hit for path in sorted(SOURCE.rglob("*.py")) if path != Path(clock.__file__)
                 for hit in _server_time_calls(path)]
    assert offenders == [], "read the time through omnicourt.clock: " + ", ".join(offenders)


def test_the_scan_finds_server_clock_calls_and_zones_of_their_own(tmp_path):
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text("from datetime import date, datetime, timedelta, timezone\n\nDUE = date.today()\n"
                      "CHINA = timezone(timedelta(hours=8))\nAT = datetime.now(CHINA)\n", encoding="utf-8")
    assert _server_time_calls(sneaky, tmp_path) == ["sneaky.py:3 date.today()", "sneaky.py:4 timezone()",
                                                    "sneaky.py:5 datetime.now()"]


# Where "today" is read: the one request dependency (web/deps.court_today), and the entry points of jobs and
# commands, which pass it down. Services and routes take it as a parameter, so a test can fix the date.
TODAY_READERS = {"web/deps.py", "jobs.py", "cli.py", "deadlines/cli.py", "assistant/cli.py", "deadlines/sweep.py",
                 "supervision/sweep.py", "demo/loader.py", "demo/generator.py"}


def _clock_names(tree: ast.AST) -> tuple[set[str], set[str]]:
    """The names a module gives the clock module and its today(), however it imports them (aliases, relative)."""
    modules, todays = {"clock", "omnicourt.clock"}, set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {alias.asname for alias in node.names if alias.name == "omnicourt.clock" and alias.asname}
        elif isinstance(node, ast.ImportFrom) and node.module in ("omnicourt", None):
            modules |= {alias.asname or alias.name for alias in node.names if alias.name == "clock"}
        elif isinstance(node, ast.ImportFrom) and node.module in ("omnicourt.clock", "clock"):
            todays |= {alias.asname or alias.name for alias in node.names if alias.name == "today"}
    return modules, todays


def _today_calls(path: Path, root: Path = SOURCE) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules, todays = _clock_names(tree)
    return [f"{path.relative_to(root)}:{node.lineno}" for node in ast.walk(tree) if isinstance(node, ast.Call)
            and ((isinstance(node.func, ast.Attribute) and node.func.attr == "today"
                  and ast.unparse(node.func.value) in modules)
                 or (isinstance(node.func, ast.Name) and node.func.id in todays))]


def test_routes_and_services_take_today_as_a_parameter():
    offenders = [hit for path in sorted(SOURCE.rglob("*.py"))
                 if path != Path(clock.__file__) and str(path.relative_to(SOURCE)) not in TODAY_READERS
                 for hit in _today_calls(path)]
    assert offenders == [], "take today from web.deps.court_today (routes) or from the caller: " + ", ".join(offenders)


def test_the_today_scan_finds_a_route_reading_the_clock(tmp_path):
    route = tmp_path / "pages.py"
    route.write_text("from omnicourt import clock\n\ndef page():\n    return clock.today()\n", encoding="utf-8")
    assert _today_calls(route, tmp_path) == ["pages.py:4"]


def test_the_today_scan_sees_through_aliases_and_imported_functions(tmp_path):
    route = tmp_path / "api.py"
    route.write_text("import omnicourt.clock\nimport omnicourt.clock as oc\nfrom omnicourt import clock as court\n"
                     "from omnicourt.clock import today as court_day\n\n"
                     "DAYS = [omnicourt.clock.today(), oc.today(), court.today(), court_day()]\n"
                     "NOT_THE_CLOCK = calendar.today()\n", encoding="utf-8")
    assert _today_calls(route, tmp_path) == ["api.py:6"] * 4


def test_the_court_day_begins_at_midnight_in_beijing(server_in_utc):
    with clock.freeze(datetime(2026, 3, 7, 15, 59, tzinfo=UTC)):
        assert clock.today() == date(2026, 3, 7)
    with clock.freeze(datetime(2026, 3, 7, 16, 0, tzinfo=UTC)):
        assert clock.today() == date(2026, 3, 8)
        assert clock.now().hour == 0 and clock.now().utcoffset().total_seconds() == 8 * 3600
        assert clock.start_of(date(2026, 3, 8)) == datetime(2026, 3, 7, 16, 0, tzinfo=UTC)


def test_freeze_needs_an_aware_moment_and_ends_with_its_block():
    with pytest.raises(ValueError), clock.freeze(datetime(2026, 3, 7, 23, 30)):
        pass
    before = clock.utcnow()
    with clock.freeze(datetime(2020, 1, 1, tzinfo=UTC)):
        assert clock.utcnow() == datetime(2020, 1, 1, tzinfo=UTC)
    assert clock.utcnow() >= before
