"""A published site of synthetic pieces for ``newsdesk bench site``.

``build(pieces)`` fills the configured database (call it in a process whose
``NEWSDESK_DATA_DIR`` is the bench's own folder): 10 categories, 50 tags, ``pieces``
published pieces of 400-800 words (made-up words from ``_synthetic.ArticleMaker``'s
vocabulary) each citing one source article whose raw HTML is ``raw_kb`` KB (the rows a
careless page query would read through), 2 to 4 tags each, and ``comments`` approved
comments spread over the 100 newest pieces. Deterministic (seeded).
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from newsdesk.bench._synthetic import ArticleMaker
from newsdesk.infra.sanitize import paragraphs_to_html

CATEGORIES = 10
TAGS = 50
BATCH = 500
ARTICLE_URLS = 200  # the article pages the bench rotates through


def build(pieces: int, comments: int = 2000, raw_kb: int = 32, seed: int = 11) -> dict:
    """Fill the database; returns the slugs the bench requests and the search words."""
    from newsdesk.stories.models import Category, StoryArticle, Tag

    rng = random.Random(seed)
    maker = ArticleMaker(seed=seed)
    cats = Category.objects.bulk_create(
        [Category(name=f"Section {i}", slug=f"section-{i}") for i in range(CATEGORIES)]
    )
    tags = Tag.objects.bulk_create([Tag(name=f"Topic {i}", slug=f"topic-{i}") for i in range(TAGS)])
    source = _source()
    now = timezone.now()
    for start in range(0, pieces, BATCH):
        count = min(BATCH, pieces - start)
        _batch(rng, maker, start, count, now, cats, tags, source, raw_kb)
    _comments(rng, comments)
    newest = StoryArticle.objects.order_by("-published_at").values_list("slug", flat=True)
    return {
        "categories": [c.slug for c in cats],
        "articles": list(newest[:ARTICLE_URLS]),
        # Two mid-frequency words each: a few hundred matches in 10,000 pieces.
        "searches": [f"{maker.vocab[300 + 7 * i]} {maker.vocab[700 + 11 * i]}" for i in range(20)],
    }


def _source():
    from newsdesk.sources.models import Source

    return Source.objects.create(name="Bench Outlet", url="https://outlet.example/feed.xml")


def _batch(rng, maker, start, count, now, cats, tags, source, raw_kb) -> None:
    from newsdesk.articles.models import Article
    from newsdesk.stories.models import Story, StoryArticle

    raw = "<html><body>" + "<p>raw source markup</p>" * (raw_kb * 1024 // 24) + "</body></html>"
    with transaction.atomic():
        stories = Story.objects.bulk_create(
            [Story(label=f"story {start + i}", dirty=False) for i in range(count)]
        )
        sources = Article.objects.bulk_create(
            [
                Article(
                    source=source,
                    url=f"https://outlet.example/news/{start + i}",
                    canonical_url=f"https://outlet.example/news/{start + i}",
                    guid_hash=f"{start + i:064d}",
                    state=Article.State.CLUSTERED,
                    title=f"Original report {start + i}",
                    raw_html=raw,
                    clean_html=raw[: len(raw) // 4],
                    text="Original report text.",
                )
                for i in range(count)
            ]
        )
        rows = []
        for i, story in enumerate(stories):
            n = start + i
            maker.length = rng.randrange(400, 801)
            doc = maker.article(n)
            paragraphs = [" ".join(doc.text.split("\n")[k : k + 4]) for k in range(0, 50, 4)]
            paragraphs = [p for p in paragraphs if p]
            when = now - timedelta(minutes=7 * n)
            rows.append(
                StoryArticle(
                    story=story,
                    headline=doc.title.capitalize()[:300],
                    slug=f"{doc.title.lower().replace(' ', '-')[:90]}-{story.pk}",
                    body="\n\n".join(paragraphs),
                    body_html=paragraphs_to_html(paragraphs),
                    category=cats[n % len(cats)],
                    status=StoryArticle.Status.PUBLISHED,
                    backend="extractive",
                    created_at=when,
                    updated_at=when,
                    published_at=when,
                )
            )
        made = StoryArticle.objects.bulk_create(rows)
        cited = StoryArticle.sources.through
        cited.objects.bulk_create(
            [
                cited(storyarticle_id=p.pk, article_id=a.pk)
                for p, a in zip(made, sources, strict=True)
            ]
        )
        tagged = StoryArticle.tags.through
        tagged.objects.bulk_create(
            [
                tagged(storyarticle_id=p.pk, tag_id=t.pk)
                for p in made
                for t in rng.sample(tags, rng.randrange(2, 5))
            ]
        )


def _comments(rng, total: int) -> None:
    """``total`` approved comments over the 100 newest pieces."""
    from newsdesk.comments.models import Comment
    from newsdesk.stories.models import StoryArticle

    newest = list(StoryArticle.objects.order_by("-published_at").values_list("id", flat=True)[:100])
    Comment.objects.bulk_create(
        [
            Comment(
                article_id=newest[i % len(newest)],
                name=f"Reader {i}",
                email=f"reader{i}@mail.example",
                body=f"Comment {i}: " + " ".join(rng.sample(["good", "fair", "late", "true"], 3)),
                status=Comment.Status.APPROVED,
            )
            for i in range(total if newest else 0)
        ]
    )
