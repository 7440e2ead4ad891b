"""The desk's roles: which Django permissions each group holds.

The data migration 0002_roles creates the groups from this table (a change to it needs a
new migration that calls sync_groups again); tests read it too, so
the table is the one place that says who may do what. Every desk view, admin action and
API endpoint checks one of these permissions on the server, never just ``is_staff``.
"""

ADMINISTRATOR = "administrator"
EDITOR = "editor"
CONTRIBUTOR = "contributor"
MODERATOR = "moderator"

_READ_DESK = [
    "stories.view_storyarticle",
    "stories.view_story",
    "stories.view_category",
    "stories.view_tag",
    "sources.view_source",
    "articles.view_article",
]

ROLES: dict[str, list[str]] = {
    # Publishes, corrects and retracts; steers stories and sources.
    EDITOR: _READ_DESK
    + [
        "stories.change_storyarticle",
        "stories.publish_storyarticle",
        "stories.correct_storyarticle",
        "stories.retract_storyarticle",
        "stories.change_story",
        "stories.add_category",
        "stories.change_category",
        "stories.add_tag",
        "stories.change_tag",
        "sources.add_source",
        "sources.change_source",
        "stories.view_webhookdelivery",
        "pipeline.view_taskrun",
    ],
    # Edits drafts and sends them for review; publishing is an editor's call.
    CONTRIBUTOR: _READ_DESK + ["stories.change_storyarticle"],
    # Comments only.
    MODERATOR: ["comments.view_comment", "comments.change_comment", "stories.view_storyarticle"],
}

# Administrators get every permission of these apps (plus users and groups).
ADMIN_APPS = ["accounts", "sources", "articles", "stories", "comments", "pipeline", "desk", "auth"]


def sync_groups(group_model=None, permission_model=None) -> None:
    """Create or complete the role groups. The migration passes its historical models;
    tests call it bare (live models) after a transactional test's flush emptied them."""
    if group_model is None:
        from django.contrib.auth.models import Group as group_model
        from django.contrib.auth.models import Permission as permission_model

    for role, codes in ROLES.items():
        group, _ = group_model.objects.get_or_create(name=role)
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.add(
                permission_model.objects.get(content_type__app_label=app_label, codename=codename)
            )
    admin, _ = group_model.objects.get_or_create(name=ADMINISTRATOR)
    admin.permissions.add(*permission_model.objects.filter(content_type__app_label__in=ADMIN_APPS))
