"""The task run log: every finished Celery task as a TaskRun row (status, duration, error).

connect(app) hooks Celery's task_prerun / task_postrun / task_failure signals; this is
bookkeeping beside the tasks, not a pipeline step, so the tasks stay one-line wrappers.
Periodic ticks that found nothing to do (result 0) are not logged, so the log shows work;
rows older than KEEP are pruned now and then.
"""

import time
from datetime import timedelta

from celery import signals
from django.utils import timezone

from newsdesk.pipeline.models import TaskRun

KEEP = timedelta(days=3)
PRUNE_EVERY = 200
_started: dict[str, tuple[float, object]] = {}
_errors: dict[str, str] = {}


def connect() -> None:
    """Log every task run in this process (Celery's signals are process-wide)."""
    signals.task_prerun.connect(_prerun, weak=False)
    signals.task_failure.connect(_failure, weak=False)
    signals.task_postrun.connect(_postrun, weak=False)


def _prerun(task_id=None, **_kw) -> None:
    _started[task_id] = (time.monotonic(), timezone.now())


def _failure(task_id=None, exception=None, **_kw) -> None:
    _errors[task_id] = f"{type(exception).__name__}: {exception}"[:5000]


def _postrun(task_id=None, task=None, args=None, retval=None, state=None, **_kw) -> None:
    began, at = _started.pop(task_id, (time.monotonic(), timezone.now()))
    error = _errors.pop(task_id, "")
    if state == "SUCCESS" and retval in (0, None) and not args:
        return  # a periodic tick with nothing to do
    status = {"SUCCESS": "success", "RETRY": "retry"}.get(state, "failure")
    try:
        row = TaskRun.objects.create(
            task=task.name.rsplit(".", 1)[-1],
            args=[a for a in (args or []) if isinstance(a, int | str)][:5],
            status=status,
            started_at=at,
            duration_s=round(time.monotonic() - began, 3),
            error=error if status != "success" else "",
            result=str(retval)[:200] if status == "success" else "",
        )
    except Exception:  # noqa: BLE001  the log must never fail the task it describes
        return
    if row.id % PRUNE_EVERY == 0:
        TaskRun.objects.filter(started_at__lt=timezone.now() - KEEP).delete()
