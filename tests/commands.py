"""The `omnicourt` command run in this process, as a user would run it: its arguments, the environment the test
gives it, its exit status, standard output and standard error. An interpreter started per command costs seconds;
tests/cli/test_cli.py keeps one run of the real entry point in a process of its own."""

from dataclasses import dataclass

from typer.testing import CliRunner

from omnicourt import runtime
from omnicourt.cli import app
from omnicourt.settings import Settings, get_settings


@dataclass(frozen=True)
class Completed:
    """What subprocess.run would report: the exit status and the two streams."""

    returncode: int
    stdout: str
    stderr: str


def run(*args: str, env: dict[str, str] | None = None) -> Completed:
    """Run `omnicourt *args` with `env` added to the environment, then give the process back its own settings and
    runtime (the command's callback configured them from `env`)."""
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, list(args), env=env)
    finally:
        get_settings.cache_clear()
        runtime.configure(Settings())
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a traceback the command would have printed: the test shows it whole
    return Completed(result.exit_code, result.stdout, result.stderr)
