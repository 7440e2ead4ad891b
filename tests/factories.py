"""Plain factory helpers: create Source/Article/Story/StoryArticle/Category/Tag/Comment rows.

Each helper takes keyword overrides and fills the rest with deterministic values
(a module counter keeps URLs and slugs unique). Call them inside a db-enabled test.
"""

import itertools
from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify

from newsdesk.articles.models import Article
from newsdesk.comments.models import Comment
from newsdesk.sources.models import Source
from newsdesk.stories.models import Category, Story, StoryArticle, Tag

_seq = itertools.count(1)


def make_source(**kw) -> Source:
    n = next(_seq)
    kw.setdefault("name", f"Outlet {n}")
    kw.setdefault("url", f"https://outlet{n}.example/feed.xml")
    return Source.objects.create(**kw)


def make_article(source: Source | None = None, **kw) -> Article:
    n = next(_seq)
    source = source or make_source()
    kw.setdefault("url", f"https://{source.host}/news/item-{n}")
    kw.setdefault("canonical_url", kw["url"])
    kw.setdefault("guid_hash", f"guid{n:060d}")
    kw.setdefault("title", f"Original report {n}")
    kw.setdefault("text", f"First sentence of report {n}. Second sentence of report {n}.")
    kw.setdefault("state", Article.State.CLUSTERED)
    kw.setdefault("published_at", timezone.now() - timedelta(hours=3))
    return Article.objects.create(source=source, **kw)


def make_category(name: str = "World", **kw) -> Category:
    kw.setdefault("slug", slugify(name))
    return Category.objects.get_or_create(name=name, defaults=kw)[0]


def make_tag(name: str, **kw) -> Tag:
    kw.setdefault("slug", slugify(name))
    return Tag.objects.get_or_create(name=name, defaults=kw)[0]


def make_story_article(
    headline: str | None = None,
    *,
    status: str = StoryArticle.Status.PUBLISHED,
    sources: list[Article] | None = None,
    tags: list[Tag] | None = None,
    age: timedelta = timedelta(hours=1),
    **kw,
) -> StoryArticle:
    """A written piece with its Story; published ``age`` ago unless it is a draft."""
    n = next(_seq)
    headline = headline or f"Headline number {n}"
    story = Story.objects.create(label=headline)
    when = timezone.now() - age
    kw.setdefault("slug", StoryArticle.make_slug(headline, story.pk))
    kw.setdefault("body", f"Lead paragraph of story {n}.\n\nSecond paragraph of story {n}.")
    kw.setdefault("published_at", None if status == StoryArticle.Status.DRAFT else when)
    kw.setdefault("created_at", when)
    kw.setdefault("updated_at", when)
    kw.setdefault("backend", "extractive")
    piece = StoryArticle.objects.create(story=story, headline=headline, status=status, **kw)
    if sources:
        piece.sources.set(sources)
    if tags:
        piece.tags.set(tags)
    return piece


def make_comment(article: StoryArticle, **kw) -> Comment:
    n = next(_seq)
    kw.setdefault("name", f"Reader {n}")
    kw.setdefault("email", f"reader{n}@mail.example")
    kw.setdefault("body", f"Comment body {n}")
    return Comment.objects.create(article=article, **kw)


def make_user(role: str | None, username: str | None = None):
    """A staff user in the named role group (accounts.roles), or a staff user with no
    role at all when ``role`` is None; "administrator" is not a superuser on purpose."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    n = next(_seq)
    user = get_user_model().objects.create_user(
        username or f"{role or 'staff'}{n}", f"user{n}@desk.example", "pw", is_staff=True
    )
    if role:
        if not Group.objects.filter(name=role).exists():
            from newsdesk.accounts.roles import sync_groups

            sync_groups()  # a transactional test's flush emptied the migration's groups
        user.groups.add(Group.objects.get(name=role))
    return user


def make_token(user) -> str:
    from newsdesk.accounts.models import ApiToken

    return ApiToken.issue(user, "test")[1]


def comment_form(piece: StoryArticle, age_s: float = 30.0, **fields) -> dict:
    """A reader's filled comment form for ``piece``, as shown ``age_s`` seconds ago
    (its signed stamp included, web/formstamp.py); ``fields`` override the defaults."""
    import time

    from newsdesk.web import formstamp

    data = {"name": "Ada", "email": "ada@example.org", "website": "", "body": "Fine words"}
    data[formstamp.FIELD] = formstamp.stamp(piece.id, at=time.time() - age_s)
    return {**data, **fields}
