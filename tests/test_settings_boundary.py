"""Settings are read from the environment only at the process's roots and passed in everywhere else: a module that
called get_settings() (or built a Settings()) itself would ignore the settings the app was given."""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "omnicourt"
# The roots: where settings come from (settings.py), the app factory (create_app), the `omnicourt` command and its
# sub-commands. Routes get the app's settings through web/deps.get_settings(request), which reads no environment.
ROOTS = ("settings.py", "app.py", "cli.py", "*/cli.py")


def global_reads(source: str) -> list[int]:
    """Lines that read the settings of the environment: get_settings() of omnicourt.settings, or a Settings() built."""
    tree = ast.parse(source)
    names, modules = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "omnicourt.settings":
            names |= {alias.asname or alias.name for alias in node.names if alias.name in ("get_settings", "Settings")}
        elif isinstance(node, ast.ImportFrom) and node.module == "omnicourt":
            modules |= {alias.asname or alias.name for alias in node.names if alias.name == "settings"}
        elif isinstance(node, ast.Import):
            modules |= {alias.asname or alias.name for alias in node.names if alias.name == "omnicourt.settings"}
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        called = node.func
        if isinstance(called, ast.Name) and called.id in names:
            lines.append(node.lineno)
        elif isinstance(called, ast.Attribute) and called.attr in ("get_settings", "Settings") and \
                ast.unparse(called.value) in modules:
            lines.append(node.lineno)
    return lines


def is_root(path: Path) -> bool:
    return any(path.relative_to(SRC).match(pattern) for pattern in ROOTS)


def test_only_the_roots_read_the_settings_of_the_environment():
    readers = {str(path.relative_to(SRC)): lines for path in sorted(SRC.rglob("*.py"))
               if not is_root(path) and (lines := global_reads(path.read_text(encoding="utf-8")))}
    assert readers == {}, "pass the settings (or the values needed) in from the caller instead"


def test_every_root_named_exists():
    for pattern in ROOTS:
        assert list(SRC.glob(pattern)), pattern


@pytest.mark.parametrize("source,lines", [
    ("from omnicourt.settings import get_settings\n\ndef f():\n    return get_settings().province\n", [4]),
    ("from omnicourt.settings import Settings\n\nSETTINGS = Settings()\n", [3]),
    ("from omnicourt import settings as s\nx = s.get_settings()\n", [2]),
    ("import omnicourt.settings\nx = omnicourt.settings.Settings(province='x')\n", [2]),
    ("from omnicourt.settings import Settings\n\ndef f(settings: Settings):\n    return settings.province\n", []),
    ("from omnicourt.web.deps import get_settings\n\ndef route(request):\n    return get_settings(request)\n", []),
])
def test_the_scan_finds_global_reads(source, lines):
    assert global_reads(source) == lines
