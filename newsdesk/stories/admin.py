"""Admin for stories and written pieces.

StoryArticle: publish / retract / back-to-draft actions (each needs its permission and
goes through stories.editorial, so versions and webhooks follow), the gate problems, and
the provenance shown sentence by sentence with the supporting source span and links.
"""

from django.contrib import admin, messages
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from newsdesk.articles.models import Article
from newsdesk.infra.urls import http_url
from newsdesk.stories import editorial, pagestamp
from newsdesk.stories.models import (
    Category,
    PieceVersion,
    Story,
    StoryArticle,
    StoryMember,
    Tag,
    Webhook,
)

SPAN_PREVIEW_CHARS = 600


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        pagestamp.bump()  # names show in every page's menu and on the pieces

    def delete_model(self, request, obj) -> None:
        super().delete_model(request, obj)
        pagestamp.bump()


@admin.register(Tag)
class TagAdmin(CategoryAdmin):
    pass


class StoryMemberInline(admin.TabularInline):
    model = StoryMember
    extra = 0
    raw_id_fields = ["article"]
    fields = ["article", "score", "reasons", "joined_at", "moved_by_editor"]
    readonly_fields = ["score", "reasons", "joined_at"]


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "first_seen", "last_updated", "dirty", "do_not_write"]
    list_filter = ["dirty", "do_not_write"]
    search_fields = ["label", "members__article__title"]
    inlines = [StoryMemberInline]


def _sentences(provenance) -> list[tuple[int, dict]]:
    """provenance JSON -> [(paragraph number, sentence dict)].

    Accepts a list of paragraphs (each a list of sentences) or a flat sentence list.
    """
    rows: list[tuple[int, dict]] = []
    for number, para in enumerate(provenance or [], 1):
        items = para if isinstance(para, list) else [para]
        rows.extend((number, s) for s in items if isinstance(s, dict))
    return rows


def _support_html(support: list, articles: dict[int, Article]) -> SafeString:
    parts = []
    for ref in support or []:
        art = articles.get(ref.get("article_id"))
        if art is None:
            parts.append(
                format_html('<p class="errornote">Missing article {}</p>', ref.get("article_id"))
            )
            continue
        start, end = int(ref.get("start") or 0), int(ref.get("end") or 0)
        span = art.text[start:end][:SPAN_PREVIEW_CHARS]
        parts.append(
            format_html(
                '<p><a href="{}">{}: {}</a> (<a href="{}" rel="nofollow noopener" target="_blank">original</a>,'
                " chars {}–{})<br><q>{}</q></p>",
                reverse("admin:articles_article_change", args=[art.pk]),
                art.outlet,
                art.title or art.url,
                # Only an http(s) link: a javascript: URL here would run in the admin.
                http_url(art.url) or "#",
                start,
                end,
                span,
            )
        )
    if not parts:
        return format_html('<strong style="color:#ba2121">{}</strong>', "No supporting source")
    return format_html_join("", "{}", ((p,) for p in parts))


def provenance_table(piece: StoryArticle) -> SafeString:
    """StoryArticle -> HTML table: paragraph, sentence, supporting spans (all escaped)."""
    rows = _sentences(piece.provenance)
    if not rows:
        return format_html("<p>{}</p>", "No provenance recorded.")
    ids = {ref.get("article_id") for _, s in rows for ref in s.get("support") or []}
    articles = Article.objects.select_related("source").in_bulk(
        [i for i in ids if isinstance(i, int)]
    )
    body = format_html_join(
        "",
        "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
        ((num, s.get("text", ""), _support_html(s.get("support"), articles)) for num, s in rows),
    )
    return format_html(
        '<table class="provenance"><thead><tr><th>¶</th><th>Sentence</th><th>Source span</th>'
        "</tr></thead><tbody>{}</tbody></table>",
        body,
    )


def problems_list(piece: StoryArticle) -> SafeString:
    """Gate problems (strings or {"code","message"} dicts) -> escaped <ul>."""
    items = [
        p.get("message") or p.get("code") if isinstance(p, dict) else p
        for p in piece.problems or []
    ]
    if not items:
        return format_html("<p>{}</p>", "None")
    return format_html(
        "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((str(i),) for i in items))
    )


@admin.register(StoryArticle)
class StoryArticleAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["headline", "status", "category", "published_at", "backend", "problem_count"]
    list_filter = ["status", "category", "backend", "edited_by_editor"]
    search_fields = ["headline", "body", "slug"]
    list_select_related = ["category"]
    date_hierarchy = "created_at"
    raw_id_fields = ["story", "sources"]
    filter_horizontal = ["tags"]
    readonly_fields = ["gate_problems", "provenance_view", "backend", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "status", "published_at", "category", "tags"]}),
        ("Text", {"fields": ["body", "image"]}),
        ("Review", {"fields": ["gate_problems", "provenance_view"]}),
        (
            "Story and sources",
            {
                "classes": ["collapse"],
                "fields": [
                    "story",
                    "sources",
                    "backend",
                    "edited_by_editor",
                    "created_at",
                    "updated_at",
                ],
            },
        ),
    ]
    actions = ["publish", "retract", "back_to_draft"]

    @admin.display(description="Problems")
    def problem_count(self, obj: StoryArticle) -> int:
        return len(obj.problems or [])

    @admin.display(description="Gate problems")
    def gate_problems(self, obj: StoryArticle) -> SafeString:
        return problems_list(obj)

    @admin.display(description="Provenance (sentence by sentence)")
    def provenance_view(self, obj: StoryArticle) -> SafeString:
        return provenance_table(obj)

    def get_readonly_fields(self, request, obj=None) -> list[str]:
        # Status changes go through the actions (each checks its permission); the text of
        # a published piece changes only as a correction, in the desk, with a public note.
        fields = [*self.readonly_fields, "status", "published_at", "edited_by_editor"]
        if obj is not None and obj.status != StoryArticle.Status.DRAFT:
            fields += ["headline", "slug", "body", "image", "category", "tags", "story"]
            fields += ["sources"]
        return fields

    def save_model(self, request, obj: StoryArticle, form, change: bool) -> None:
        text_changed = change and {"headline", "body"} & set(form.changed_data)
        if text_changed:
            editorial.ensure_first_version(obj)
            obj.edited_by_editor = True
        if change and "body" in form.changed_data:
            # body_html was rendered from the old body; the page falls back to the
            # plain body until the pipeline re-renders it.
            obj.body_html = ""
        obj.updated_at = timezone.now()
        super().save_model(request, obj, form, change)
        if text_changed:
            editorial.record_version(obj, PieceVersion.Kind.EDITED, request.user, "in the admin")
        editorial.page_changed(obj)

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm("stories.publish_storyarticle")

    def has_retract_permission(self, request) -> bool:
        return request.user.has_perm("stories.retract_storyarticle")

    def _each(self, request, queryset, decide, verb: str) -> None:
        done, refused = 0, []
        for piece in queryset:
            try:
                decide(piece)
                done += 1
            except ValueError as exc:
                refused.append(f"{piece.headline}: {exc}")
        self.message_user(request, f"{verb} {done} article(s).", messages.SUCCESS)
        for line in refused:
            self.message_user(request, line, messages.WARNING)

    @admin.action(description="Publish selected articles", permissions=["publish"])
    def publish(self, request, queryset) -> None:
        self._each(request, queryset, lambda p: editorial.publish(p, request.user), "Published")

    @admin.action(description="Retract selected articles", permissions=["retract"])
    def retract(self, request, queryset) -> None:
        reason = "Withdrawn by the editors."  # the desk's retract form takes a specific one
        self._each(
            request, queryset, lambda p: editorial.retract(p, request.user, reason), "Retracted"
        )

    @admin.action(description="Move selected articles back to draft", permissions=["publish"])
    def back_to_draft(self, request, queryset) -> None:
        self._each(request, queryset, lambda p: editorial.unpublish(p, request.user), "Moved")


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin):
    """The URL is checked against the fetch address policy when saved (Webhook.clean);
    the secret is shown so the receiver can verify X-Newsdesk-Signature."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["url", "enabled", "events", "created_at"]
    readonly_fields = ["secret", "created_at"]
