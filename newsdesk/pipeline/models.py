"""Pipeline bookkeeping: small counters shared by every process."""

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
