"""Pipeline bookkeeping shared by every process: counters and the task run log."""

from __future__ import annotations

from django.db import models


class Counter(models.Model):
    """A named integer shared by all processes (e.g. the story index generation)."""

    key = models.CharField(max_length=50, unique=True)
    value = models.BigIntegerField(default=0)

    @classmethod
    def get(cls, key: str) -> int:
        row = cls.objects.filter(key=key).values_list("value", flat=True).first()
        return int(row or 0)

    @classmethod
    def bump(cls, key: str) -> int:
        cls.objects.get_or_create(key=key)
        cls.objects.filter(key=key).update(value=models.F("value") + 1)
        return cls.get(key)


class ClusterCheckpoint(models.Model):
    """Where the cluster stage stands (one row, ``pipeline/cluster_state.py``).

    ``seq`` numbers the articles in the order they were clustered (``Article.cluster_seq``);
    the clusterer's state that the rows cannot give back (pending second chances, story
    sizes at their last split check, the count of articles added) is saved with each
    clustered article in the same transaction, so a restarted worker rebuilds to the
    state of one that never stopped.
    """

    seq = models.BigIntegerField(default=0)
    state = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    @classmethod
    def load(cls) -> ClusterCheckpoint:
        return cls.objects.get_or_create(id=1)[0]


class TaskRun(models.Model):
    """One finished run of a pipeline task, for the desk (pipeline/runlog.py writes it)."""

    class Status(models.TextChoices):
        SUCCESS = "success"
        FAILURE = "failure"
        RETRY = "retry"

    task = models.CharField(max_length=100, db_index=True)
    args = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices)
    started_at = models.DateTimeField(db_index=True)
    duration_s = models.FloatField(default=0.0)
    error = models.TextField(blank=True)
    result = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
