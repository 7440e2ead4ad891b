"""Pipeline bookkeeping: a run log the desk can read, and small shared counters."""

from django.db import models
from django.utils import timezone


class PipelineRun(models.Model):
    """One flow invocation, for the desk's "what did the pipeline do" view."""

    flow = models.CharField(max_length=50, db_index=True)
    subject_id = models.BigIntegerField(null=True, blank=True)
    started_at = models.DateTimeField(default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    ok = models.BooleanField(default=True)
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]


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
