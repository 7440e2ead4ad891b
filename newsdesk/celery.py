"""The Celery application shared by the embedded default and scale-out workers.

Embedded default: the broker is kombu's filesystem transport under the data folder, so
one machine needs no Redis; a solo worker with an embedded beat runs the tasks.
Scale-out: set NEWSDESK_BROKER_URL=redis://... and run ordinary workers; the task code
is the same.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")

app = Celery("newsdesk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["newsdesk.pipeline"])
