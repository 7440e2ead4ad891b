"""A source's rules that reach the writer: its feed categories mapped to ours choose the
piece's category, and "may be quoted at length" widens the copy allowance for it alone."""

import json
from dataclasses import replace
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from newsdesk.articles.models import Article
from newsdesk.pipeline import flows
from newsdesk.pipeline.parse import parse
from newsdesk.pipeline.types import FeedItem, SourceDoc
from newsdesk.pipeline.write import write_story
from newsdesk.pipeline.write.categories import chosen
from newsdesk.pipeline.write.copying import copied_indexes, copy_allowance
from newsdesk.sources.ingest import store_items
from newsdesk.sources.rules import category_for
from newsdesk.stories.models import Story, StoryArticle, StoryMember
from tests.factories import make_article, make_source

FIRE = Path(__file__).parent.parent / "testdata" / "write" / "fire_story.json"


def fire_docs() -> list[SourceDoc]:
    return [SourceDoc(**d) for d in json.loads(FIRE.read_text())["sources"]]


@pytest.mark.parametrize(
    ("category_map", "feed_categories", "ours"),
    [
        ({"Sport": "Sports"}, ["Sport"], "Sports"),
        ({"Sport": "Sports"}, ["  SPORT "], "Sports"),  # case and spacing aside
        ({"Sport": "Sports", "UK": "World"}, ["UK", "Sport"], "World"),  # the feed's order
        ({"Sport": "Sports"}, ["Football"], ""),  # unmapped: the writer decides
        ({"Sport": "  "}, ["Sport"], ""),  # mapped to nothing is no mapping
        ({}, ["Sport"], ""),
        (["Sport"], ["Sport"], ""),  # a map of the wrong shape maps nothing
        ({"Sport": "Sports"}, "Sport", ""),
    ],
)
def test_category_for_maps_the_first_known_feed_category(category_map, feed_categories, ours):
    assert category_for(category_map, feed_categories) == ours


@pytest.mark.parametrize(
    ("mapped", "own", "result"),
    [
        (["", ""], "Politics", "Politics"),  # no source mapped: the writer's own
        (["Sports", ""], "Politics", "Sports"),  # one editor-made map beats the lexicon
        (["Sports", "Business", "Business"], "Sports", "Business"),  # most sources
        (["Sports", "Business"], "Business", "Business"),  # a tie goes to the writer's
        (["Sports", "Business"], "World", "Sports"),  # ... else to the first source
    ],
)
def test_chosen_category(mapped, own, result):
    assert chosen(mapped, own) == result


def test_feed_categories_are_parsed_from_rss_atom_and_json_feed():
    rss = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item>'
        b"<link>https://a.example/1</link><title>One</title><category>Sport</category>"
        b"<category>sport</category><category>UK &amp; Ireland\x00</category>"
        b"</item></channel></rss>"
    )
    atom = (
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
        b'<entry><id>1</id><title>One</title><link href="https://a.example/1"/>'
        b'<category term="tech" label="Technology"/><category term="ai"/></entry></feed>'
    )
    items = [
        {"id": "1", "url": "https://a.example/1", "tags": ["Politics", 7, "<b>Vote</b>"]},
        {"id": "2", "url": "https://a.example/2", "tags": "not a list"},
        {"id": "3", "url": "https://a.example/3", "tags": [f"t{n}" for n in range(40)]},
    ]
    jsonfeed = json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": items})
    (rss_item,) = parse("feed", rss, "https://a.example/feed").items
    (atom_item,) = parse("feed", atom, "https://a.example/feed").items
    json_items = parse("feed", jsonfeed.encode(), "https://a.example/feed").items
    assert rss_item.categories == ("Sport", "UK & Ireland")  # repeats and NUL gone
    assert atom_item.categories == ("Technology", "ai")  # the label when there is one
    assert json_items[0].categories == ("Politics", "7", "Vote")
    assert json_items[1].categories == ()
    assert len(json_items[2].categories) == 10  # keyword stuffing is capped


@pytest.mark.django_db
def test_ingest_keeps_the_feed_categories_and_the_doc_carries_the_sources_rules():
    source = make_source(category_map={"Sport": "Sports"}, quote_at_length=True)
    item = FeedItem(url="https://a.example/1", guid="1", title="Cup final", categories=("Sport",))
    assert store_items(source.id, [item]) == (1, 0)
    article = Article.objects.get()
    assert article.feed_categories == ["Sport"]
    doc = article.as_doc()
    assert doc.category == "Sports" and doc.quote_at_length
    # the feed re-files the item: the stored categories follow; an empty list keeps them
    assert store_items(source.id, [replace(item, categories=("Football",))]) == (0, 1)
    assert store_items(source.id, [replace(item, categories=())]) == (0, 0)
    article.refresh_from_db()
    assert article.feed_categories == ["Football"] and article.as_doc().category == ""


@pytest.mark.django_db
def test_the_sources_mapped_category_files_the_written_piece():
    docs = fire_docs()
    unmapped = write_story(docs).category
    ours = "Local" if unmapped != "Local" else "Regional"
    story = Story.objects.create(label="fire", dirty=True)
    for n, doc in enumerate(docs):
        rules = {"category_map": {"Brigade news": ours}} if n == 0 else {}
        source = make_source(name=doc.outlet, **rules)
        article = make_article(
            source=source, title=doc.title, text=doc.text, feed_categories=["Brigade news"]
        )
        StoryMember.objects.create(story=story, article=article)
    flows.refresh_story(story.id)
    piece = StoryArticle.objects.get(story=story)
    assert piece.category.name == ours != unmapped


def test_quoted_at_length_widens_that_sources_allowance_only():
    docs = fire_docs()
    normal = [copy_allowance(d.text) for d in docs]
    assert all(
        copy_allowance(d.text, at_length=True) > n for d, n in zip(docs, normal, strict=True)
    )
    flagged = [replace(docs[0], quote_at_length=True), *docs[1:]]
    written = [s.text for s in write_story(flagged).sentences]
    copied = [len(copied_indexes(written, d.text)) for d in flagged]
    assert normal[0] < copied[0] <= copy_allowance(docs[0].text, at_length=True)
    assert all(c <= n for c, n in zip(copied[1:], normal[1:], strict=True))
    written = [s.text for s in write_story(docs).sentences]
    assert len(copied_indexes(written, docs[0].text)) <= normal[0]


@pytest.mark.django_db
def test_rules_of_the_wrong_shape_are_refused_by_the_admin_form():
    source = make_source(category_map=["Sport"], keep_keywords="vote")
    with pytest.raises(ValidationError) as refused:
        source.full_clean()
    assert {"category_map", "keep_keywords"} <= set(refused.value.message_dict)
    make_source(category_map={"Sport": "Sports"}, keep_keywords=["vote"]).full_clean()


@pytest.mark.django_db
def test_the_admin_form_saves_a_map_and_refuses_one_of_the_wrong_shape(rf):
    import json as jsonlib

    from django.contrib.admin.sites import site
    from django.forms.models import model_to_dict

    from newsdesk.sources.models import Source
    from tests.factories import make_user

    source = make_source()
    request = rf.get("/")
    request.user = make_user("editor")
    form_class = site._registry[Source].get_form(request, source)
    fields = {k: v for k, v in model_to_dict(source).items() if k in form_class.base_fields}
    del fields["next_check_at"]  # the admin splits a date-time in two inputs
    fields["next_check_at_0"] = source.next_check_at.strftime("%Y-%m-%d")
    fields["next_check_at_1"] = source.next_check_at.strftime("%H:%M:%S")
    for name in ("category_map", "keep_keywords", "block_keywords"):
        fields[name] = jsonlib.dumps(fields[name])
    bad = form_class(data={**fields, "category_map": '["Sport"]'}, instance=source)
    assert not bad.is_valid() and "category_map" in bad.errors
    good = form_class(data={**fields, "category_map": '{"Sport": "Sports"}'}, instance=source)
    assert good.is_valid(), good.errors
    good.save()
    assert Source.objects.get(id=source.id).category_map == {"Sport": "Sports"}
