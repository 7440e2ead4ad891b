"""Gates on hand-made drafts: each rule catches its fault and passes a correct draft."""

import json
from dataclasses import replace
from pathlib import Path

import pytest

from newsdesk.pipeline.types import Draft, SourceDoc, Span, WrittenSentence
from newsdesk.pipeline.write.gates import check_draft

FIXTURE = Path(__file__).parent.parent / "testdata" / "write" / "fire_story.json"


@pytest.fixture
def sources() -> list[SourceDoc]:
    return [SourceDoc(**d) for d in json.loads(FIXTURE.read_text())["sources"]]


def _span(doc: SourceDoc, fragment: str) -> Span:
    start = doc.text.index(fragment)
    return Span(doc.article_id, start, start + len(fragment))


def _draft(sources, sentences, headline="Fire at Dunmore warehouse injured 12 people") -> Draft:
    return Draft(headline=headline, paragraphs=[sentences], sources=sources, backend="test")


def _lead(bbc: SourceDoc, text: str | None = None) -> WrittenSentence:
    fact = "A fire at a warehouse in the town of Dunmore injured 12 people on Tuesday"
    return WrittenSentence(
        text
        or "According to BBC News, a fire at a warehouse in the town of Dunmore injured 12 people on Tuesday.",
        [_span(bbc, fact)],
    )


def test_correct_draft_passes(sources):
    bbc, reuters, post = sources
    sentences = [
        _lead(bbc),
        WrittenSentence(
            "Reuters reported that firefighters needed six hours to bring the flames under control.",
            [_span(reuters, "Firefighters needed six hours to bring the flames under control.")],
        ),
        WrittenSentence(
            "\u201cIt spread very fast through the packaging,\u201d Maria Lopez told Smalltownpost.",
            [
                _span(post, '"It spread very fast through the packaging," Lopez said.'),
                _span(post, "Fire chief Maria Lopez said"),
            ],
        ),
    ]
    assert check_draft(_draft(sources, sentences), sources) == []


@pytest.mark.parametrize(
    ("text", "fragment", "expected"),
    [
        (
            "BBC News reported that the cause of the fire is known.",
            "The cause of the fire is not yet known.",
            "a dropped negation",
        ),
        (
            "BBC News reported that the building had not been inspected since 2017.",
            "The fire service said the building had not been inspected since 2019.",
            "number 2017",
        ),
        (
            "BBC News reported that the blaze started in a unit owned by Berg Transport.",
            "The blaze started shortly after 3am in a storage unit owned by Carrow Logistics.",
            "name berg",
        ),
        (
            "BBC News reported that local schools were never closed.",
            "Local schools stayed open.",
            "negation",
        ),
        (
            "BBC News reported that the town voted for a new stadium.",
            "Local schools stayed open.",
            "too few words",
        ),
    ],
)
def test_unsupported_sentence_is_caught(sources, text, fragment, expected):
    bbc = sources[0]
    draft = _draft(sources, [_lead(bbc), WrittenSentence(text, [_span(bbc, fragment)])])
    problems = check_draft(draft, sources)
    assert any(p.startswith("unsupported: sentence 2") and expected in p for p in problems), (
        problems
    )


def test_missing_or_broken_support(sources):
    bbc = sources[0]
    draft = _draft(
        sources,
        [
            _lead(bbc),
            WrittenSentence("BBC News reported more.", []),
            WrittenSentence("BBC News said so.", [Span(bbc.article_id, 0, 10**6)]),
        ],
    )
    problems = check_draft(draft, sources)
    assert any(p.startswith("no support: sentence 2") for p in problems)
    assert any(p.startswith("no support: sentence 3") for p in problems)


def test_quotes_must_be_verbatim_and_keep_their_speaker(sources):
    bbc = sources[0]
    quote = _span(
        bbc, '"We were lucky that the night shift was small," said fire chief Maria Lopez.'
    )
    typographic = WrittenSentence(
        "\u201cWe were lucky that the night  shift was small,\u201d said fire chief Maria Lopez, BBC News reported.",
        [quote],
    )
    assert check_draft(_draft(sources, [_lead(bbc), typographic]), sources) == []
    altered = WrittenSentence(
        '"We were lucky the night shift was small," said fire chief Maria Lopez, BBC News reported.',
        [quote],
    )
    wrong_speaker = WrittenSentence(
        '"We were lucky that the night shift was small," said Anna Berg, BBC News reported.',
        [quote],
    )
    unbalanced = WrittenSentence(
        '"We were lucky that the night shift was small, said Maria Lopez, BBC News reported.',
        [quote],
    )
    problems = check_draft(
        _draft(sources, [_lead(bbc), altered, wrong_speaker, unbalanced]), sources
    )
    assert any(p.startswith("quote not verbatim: sentence 2") for p in problems)
    assert any(p.startswith("speaker mismatch: sentence 3") and "Anna Berg" in p for p in problems)
    assert any(
        p.startswith("quote not verbatim: sentence 4") and "unbalanced" in p for p in problems
    )


def test_every_outlet_used_is_credited_listed_and_linked(sources):
    bbc, reuters, _post = sources
    silent = WrittenSentence(
        "Firefighters needed six hours to bring the flames under control.",
        [_span(reuters, "Firefighters needed six hours to bring the flames under control.")],
    )
    problems = check_draft(_draft(sources, [_lead(bbc), silent]), sources)
    assert problems == ["uncredited outlet: Reuters is used but not named in the text"]
    unlisted = replace(_draft(sources, [_lead(bbc)]), sources=[])
    assert check_draft(unlisted, sources) == [
        "uncredited outlet: BBC News is used but missing from the sources list"
    ]
    no_link = [replace(bbc, url="")] + sources[1:]
    assert check_draft(_draft(no_link, [_lead(no_link[0])]), no_link) == [
        "unlinked outlet: BBC News has no http(s) link"
    ]
    assert check_draft(_draft(no_link, [_lead(no_link[0])]), no_link, require_links=False) == []


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("Fire at Dunmore warehouse kills 40 people", "number 40"),
        ("Mayor Hale resigns after Dunmore warehouse fire", "name hale"),
        ("Fire at Dunmore warehouse was arson, investigators say", "not in the body"),
        ("", "empty"),
        ("Fire " * 30, "over 100"),
    ],
)
def test_headline_claims_only_what_the_body_says(sources, headline, expected):
    draft = _draft(sources, [_lead(sources[0])], headline=headline)
    problems = check_draft(draft, sources)
    assert any(p.startswith("headline unsupported") and expected in p for p in problems), problems


def test_outlet_names_are_removed_as_whole_words_only():
    source = SourceDoc(1, "RT", "https://rt.example/a", "", "Ray resigned on Monday.")
    claim = WrittenSentence(
        "Bert Ray resigned on Monday, RT reported.", [_span(source, "Ray resigned on Monday.")]
    )
    problems = check_draft(_draft([source], [claim], headline="Ray resigned"), [source])
    assert problems == ["unsupported: sentence 1 has name bert not in its cited support"]


def test_a_claim_the_sentence_does_not_say_is_unsupported(sources):
    bbc = sources[0]
    fact = "A fire at a warehouse in the town of Dunmore injured 12 people on Tuesday"
    honest = WrittenSentence(f"According to BBC News, a{fact[1:]}.", [_span(bbc, fact)], f"{fact}.")
    assert not [p for p in check_draft(_draft(sources, [honest]), sources) if "claim" in p]
    # the gates check the claim, so a claim must be the sentence's own words
    wrong = replace(honest, text="According to BBC News, a fire injured 40 people.")
    problems = check_draft(_draft(sources, [wrong]), sources)
    assert "unsupported: sentence 1 does not say the claim it carries" in problems
