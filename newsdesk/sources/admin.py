"""Admin for sources: health at a glance, re-enable/disable actions, the event log."""

from django.contrib import admin, messages
from django.db import models
from django.utils import timezone

from newsdesk.sources.models import HostState, Source, SourceEvent


class SourceEventInline(admin.TabularInline):
    model = SourceEvent
    extra = 0
    can_delete = False
    fields = ["at", "level", "message", "url"]
    readonly_fields = fields
    ordering = ["-at"]
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        # The log can be long; the admin shows a source's latest lines.
        qs = super().get_queryset(request)
        return qs.filter(pk__in=qs.order_by("-at").values("pk")[:50])


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = [
        "__str__",
        "kind",
        "host",
        "enabled",
        "error_score",
        "last_success_at",
        "last_checked_at",
        "item_count",
    ]
    list_filter = ["enabled", "kind"]
    search_fields = ["name", "url", "host", "last_error"]
    readonly_fields = [
        "host",
        "created_at",
        "last_checked_at",
        "last_success_at",
        "etag",
        "last_modified",
        "content_hash",
        "error_count",
        "error_score",
        "last_error",
        "item_count",
        "claimed_until",
    ]
    actions = ["reenable", "disable"]
    inlines = [SourceEventInline]

    @admin.action(
        description="Re-enable selected sources (reset errors, check now)", permissions=["change"]
    )
    def reenable(self, request, queryset) -> None:
        count = queryset.update(
            enabled=True,
            disabled_reason="",
            error_count=0,
            error_score=0.0,
            next_check_at=timezone.now(),
            claimed_until=None,
        )
        self.message_user(request, f"Re-enabled {count} source(s).", messages.SUCCESS)

    @admin.action(description="Disable selected sources", permissions=["change"])
    def disable(self, request, queryset) -> None:
        count = queryset.update(enabled=False, disabled_reason=f"Disabled by {request.user}")
        self.message_user(request, f"Disabled {count} source(s).", messages.SUCCESS)


@admin.register(SourceEvent)
class SourceEventAdmin(admin.ModelAdmin):
    list_display = ["at", "level", "source", "message", "url"]
    list_filter = ["level"]
    search_fields = ["message", "url", "source__name", "source__url"]
    list_select_related = ["source"]
    date_hierarchy = "at"


@admin.register(HostState)
class HostStateAdmin(admin.ModelAdmin):
    list_display = ["host", "active", "last_start_at", "blocked_until", "robots_fetched_at"]
    search_fields = ["host"]
