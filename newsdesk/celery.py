"""The Celery application shared by the embedded default and scale-out workers.

Embedded default: the broker is our SQLite transport (newsdesk/infra/sqlqueue.py, one
file in the data folder), so one machine needs no Redis; `run_desk` supervises the worker
and beat.
Scale-out: set NEWSDESK_BROKER_URL=redis://... and run ordinary workers; the task code
is the same.
"""

import os

from celery import Celery

from newsdesk.infra import sqlqueue

sqlqueue.register()

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")

app = Celery("newsdesk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["newsdesk.pipeline"])
