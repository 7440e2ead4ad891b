"""Outlets that disagree: a figure or a name, noted and credited to each outlet."""

from dataclasses import replace

import pytest

from newsdesk.pipeline.types import SourceDoc
from newsdesk.pipeline.write import write_story
from newsdesk.pipeline.write.differences import differing_names, note, numbers

VICTIM = "Police named the man who died in the fire as {name}, a 34-year-old baker from Dover."
A_REST = (
    "The fire broke out in a bakery on Harbour Road early on Friday. "
    "Firefighters needed four hours to bring the flames under control. "
    "Neighbours were moved to a school hall for the night. "
    "The cause of the fire is being investigated. "
    "The bakery had opened in the town two years ago."
)
B_REST = (
    "Smoke could be seen across the harbour until the afternoon. "
    "The fire service sent six engines to the scene. "
    "A road along the seafront was closed to traffic. "
    "The town council offered help to the families nearby. "
    "An inquest is expected to open next week."
)


def _docs(name_a: str, name_b: str) -> list[SourceDoc]:
    return [
        SourceDoc(
            1,
            "Daily Courier",
            "https://courier.example/a",
            "",
            VICTIM.format(name=name_a) + " " + A_REST,
        ),
        SourceDoc(
            2,
            "Evening Post",
            "https://post.example/b",
            "",
            VICTIM.format(name=name_b) + " " + B_REST,
        ),
    ]


@pytest.mark.parametrize(
    ("mine", "theirs", "expected"),
    [
        (
            VICTIM.format(name="John Smith"),
            VICTIM.format(name="Jon Smyth"),
            ("John Smith", "Jon Smyth"),
        ),
        (
            "Officer Mary Jones, 41, arrested the suspect on Main Street.",
            "Officer Maria Gonzalez, 41, arrested the suspect on Main Street.",
            ("Officer Mary Jones", "Officer Maria Gonzalez"),
        ),
        # the same name, or the other names fewer or more people: no disagreement
        (VICTIM.format(name="John Smith"), VICTIM.format(name="John Smith"), None),
        (VICTIM.format(name="John Smith"), VICTIM.format(name="Smith"), None),
        (VICTIM.format(name="John Smith"), VICTIM.format(name="John Smith and Ann Lee"), None),
        # a title against a first name, a nickname, one-word places: no disagreement
        (
            "President Trump signed the bill on Friday.",
            "Donald Trump signed the bill on Friday.",
            None,
        ),
        (
            "The bodies of Kathryn Jenkin were found.",
            "The bodies of Katie Jenkin were found.",
            None,
        ),
        (
            "A man was charged with murder in Millom.",
            "A man was charged with murder in Cumbria.",
            None,
        ),
        # different teams in different slots ("against the" / "for the")
        (
            "Shy Ely put up 23 points against the Tar Heels.",
            "Shy Ely scored 23 points for the Purple Aces.",
            None,
        ),
        # two differing names on one side: not one slot
        (
            "John Smith met Ann Lee in Dover on Friday.",
            "Jon Smyth met Ann Lee and Bob Ray in Dover on Friday.",
            None,
        ),
    ],
)
def test_differing_names(mine, theirs, expected):
    assert differing_names(mine, theirs) == expected


def test_notes_say_who_has_which_version():
    assert note(VICTIM.format(name="John Smith"), VICTIM.format(name="Jon Smyth"), "A", "B") == (
        "The outlets differ on the name: A has John Smith, B has Jon Smyth."
    )
    assert note("It killed 12 people.", "It killed 15 people.", "A", "B") == (
        "The outlets differ on the figure: A has 12 people, B has 15 people."
    )
    assert note("It killed 12 people.", "It killed 15 people.", "A", "A") == (
        "The two reports from A differ on the figure: 12 people and 15 people."
    )
    assert note("It killed 12 people.", "It hurt nobody at all.", "A", "B") is None
    # one value in two spellings (ECB+ 20_ecbplus: "magnitude 6 quake", "magnitude-6.0 quake")
    assert note("A magnitude 6 quake hit.", "A magnitude-6.0 quake hit.", "A", "B") is None
    assert numbers("A magnitude-6.0 quake, 1,200 homes") == {"6", "1200"}


def test_outlets_that_name_different_people_are_both_credited():
    draft = write_story(_docs("John Smith", "Jon Smyth"))
    assert draft.problems == []
    (noted,) = [s for s in draft.sentences if "differ on the name" in s.text]
    assert "Daily Courier has John Smith" in noted.text
    assert "Evening Post has Jon Smyth" in noted.text
    assert {span.article_id for span in noted.support} == {1, 2}


@pytest.mark.parametrize(("a", "b"), [("John Smith", "John Smith"), ("John Smith", "Smith")])
def test_same_or_shorter_names_are_not_a_disagreement(a, b):
    draft = write_story(_docs(a, b))
    assert draft.problems == []
    assert "differ" not in draft.body_text
    pair = ("Daily Courier and Evening Post", "Evening Post and Daily Courier")
    assert any(p in draft.body_text for p in pair)  # they corroborate each other


def test_name_notes_for_unnamed_reports_and_for_one_outlet_pass_the_gates():
    unnamed = [replace(d, outlet="", url="") for d in _docs("John Smith", "Jon Smyth")]
    draft = write_story(unnamed, require_links=False)
    assert draft.problems == []
    assert (
        "The reports differ on the name: the first report has John Smith, another report has Jon Smyth."
        in draft.body_text
    )
    wire = [replace(d, text="WASHINGTON (AP) \u2014 " + d.text) for d in unnamed]
    draft = write_story(wire, require_links=False)
    assert draft.problems == []
    assert (
        "The two reports from The Associated Press differ on the name: John Smith and Jon Smyth."
        in draft.body_text
    )


def test_outlets_that_give_different_figures_are_both_credited_in_one_sentence():
    docs = _docs("John Smith", "John Smith")
    toll_a = "The fire destroyed 12 homes along Harbour Road, the council said."
    toll_b = "The fire destroyed 15 homes along Harbour Road, the council said."
    docs = [
        replace(docs[0], text=toll_a + " " + A_REST),
        replace(docs[1], text=toll_b + " " + B_REST),
    ]
    draft = write_story(docs)
    assert draft.problems == []
    (noted,) = [s for s in draft.sentences if "differ on the figure" in s.text]
    assert noted.text in (
        "The outlets differ on the figure: Daily Courier has 12 homes, Evening Post has 15 homes.",
        "The outlets differ on the figure: Evening Post has 15 homes, Daily Courier has 12 homes.",
    )
    assert {span.article_id for span in noted.support} == {1, 2}
