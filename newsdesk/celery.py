"""The Celery application shared by the embedded default and scale-out workers.

Embedded default: the broker is our SQLite transport (newsdesk/infra/sqlqueue.py, one
file in the data folder), so one machine needs no Redis; `run_desk` supervises the worker
and beat.
Scale-out: set NEWSDESK_BROKER_URL=redis://... and run ordinary workers; the task code
is the same.

`celery -A newsdesk worker|beat` never runs Django's system checks, so the two start-up
rules that `newsdesk <command>` applies are applied here too: an unusable setting stops
the process with one line (not a 40-line traceback from inside click), and a NEWSDESK_*
variable that nothing reads is logged with the closest real name.
"""

import logging
import os
import sys

from celery import Celery, signals

from newsdesk.infra import sqlqueue

sqlqueue.register()

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")

app = Celery("newsdesk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["newsdesk.pipeline"])


@app.on_configure.connect
def _stop_on_configuration_error(sender=None, **kwargs) -> None:
    """Read the settings before Celery does, so a ConfigError ends the process in one line."""
    from django.conf import settings

    from newsdesk.infra.config import ConfigError

    try:
        settings.INSTALLED_APPS  # noqa: B018 (runs newsdesk/settings.py, which checks values)
    except ConfigError as exc:
        sys.stderr.write(f"newsdesk: configuration error: {exc}\n")
        sys.exit(2)


@signals.worker_init.connect
@signals.beat_init.connect
def warn_unknown_variables(sender=None, **kwargs) -> list[str]:
    """Log each NEWSDESK_* variable set but never read (a typo), naming the closest one."""
    from newsdesk.infra.config import unknown_variables

    lines = [
        f"{name} is set but newsdesk has no such setting"
        + (f"; did you mean {close}?" if close else "; see docs/configuration.md")
        for name, close in unknown_variables(os.environ)
    ]
    for line in lines:
        logging.getLogger("newsdesk.config").warning(line)
    return lines


@signals.worker_init.connect
def bring_the_tables_up_to_date(sender=None, **kwargs) -> None:
    """The same rule as every `newsdesk` command, for a worker started on its own.

    SQLite (the embedded default, one machine): migrate first, so a worker restarted
    after the code was updated under a running run_desk finds its tables. PostgreSQL:
    stop with one line naming `newsdesk migrate` (run once, from one host) instead of
    failing every task with "relation does not exist". A database that cannot be reached
    right now is left to the tasks' own retries: a worker must not refuse to start
    because PostgreSQL is restarting.
    """
    from django.db import DatabaseError, connections

    from newsdesk.cli import ensure_tables

    try:
        ensure_tables()
    except DatabaseError:
        return
    finally:
        connections.close_all()  # a prefork pool must not inherit this connection
