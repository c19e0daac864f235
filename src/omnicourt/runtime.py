"""What a process fixes from its settings once, at its root, before any use case runs: the court's time zone
(clock.py), the directory of the data tables (reference/tables.py) and the audit key file (audit/keys.py).

Code everywhere reads these (every "today", every table, every audit record), so they are set here rather than
passed down; every other setting is passed to the code that needs it. The roots that call `configure`: create_app,
the `omnicourt` command, the test session.
"""

from omnicourt import clock
from omnicourt.audit import keys
from omnicourt.reference import tables
from omnicourt.settings import Settings


def configure(settings: Settings) -> None:
    clock.use_zone(settings.court_timezone)
    tables.use_data_dir(settings.data_dir)
    keys.use_key_file(settings.audit_key_file)
