"""Admin for reader comments: moderate (approve, spam, reject) in bulk.

The list says why each comment was held (``held_reason``) and which comment a reply
answers, so the moderator sees what to look at first.
"""

from django.contrib import admin, messages
from django.db import models
from django.utils.text import Truncator

from newsdesk.comments.models import Comment
from newsdesk.stories import pagestamp


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = [
        "name",
        "email",
        "short_body",
        "held_reason",
        "in_reply_to",
        "article",
        "status",
        "created_at",
    ]
    list_filter = ["status", "created_at"]
    search_fields = ["name", "email", "body", "article__headline"]
    list_select_related = ["article"]
    raw_id_fields = ["article", "parent"]
    readonly_fields = ["ip_hash", "created_at", "held_reason"]
    actions = ["approve", "mark_spam", "reject"]

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        pagestamp.bump()

    @admin.display(description="Comment")
    def short_body(self, obj: Comment) -> str:
        return Truncator(obj.body).chars(80)

    @admin.display(description="In reply to")
    def in_reply_to(self, obj: Comment) -> str:
        return f"#{obj.parent_id}" if obj.parent_id else ""

    def _set_status(self, request, queryset, status: str, verb: str) -> None:
        count = queryset.update(status=status)
        pagestamp.bump()  # an approved (or withdrawn) comment changes its article's page
        self.message_user(request, f"{verb} {count} comment(s).", messages.SUCCESS)

    @admin.action(description="Approve selected comments", permissions=["change"])
    def approve(self, request, queryset) -> None:
        self._set_status(request, queryset, Comment.Status.APPROVED, "Approved")

    @admin.action(description="Mark selected comments as spam", permissions=["change"])
    def mark_spam(self, request, queryset) -> None:
        self._set_status(request, queryset, Comment.Status.SPAM, "Marked as spam")

    @admin.action(description="Reject selected comments", permissions=["change"])
    def reject(self, request, queryset) -> None:
        self._set_status(request, queryset, Comment.Status.REJECTED, "Rejected")
