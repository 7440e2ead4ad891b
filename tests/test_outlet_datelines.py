"""Outlets named by an article's own dateline or credit line (``lib.datelines``)."""

import pytest

from newsdesk.pipeline.types import SourceDoc
from newsdesk.pipeline.write import write_story
from newsdesk.pipeline.write.candidates import candidates
from newsdesk.pipeline.write.datelines import outlet_host_in_text
from newsdesk.pipeline.write.outlets import credit_labels, outlet_display_name

BODY = "The Senate voted on Tuesday to approve the budget."


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (f"WASHINGTON (AP) \u2014 {BODY}", "The Associated Press"),
        (f"ANCHORAGE, Alaska (AP) \u2014 {BODY}", "The Associated Press"),
        (f"FORT LAUDERDALE, Fla. (AP) \u2014 {BODY}", "The Associated Press"),
        (f"A caption. (Associated Press)\n\nHOUSTON (AP) \u2014 {BODY}", "The Associated Press"),
        (f"LONDON (Reuters) - {BODY}", "Reuters"),
        (f"(CNN) -- {BODY}", "CNN"),
        (f"(CNN) {BODY}", "CNN"),
        (f"Washington (CNN) {BODY}", "CNN"),
        (f"NEW YORK (CNNMoney) {BODY}", "CNN"),
        (f"PARIS (AFP) - {BODY}", "AFP"),
        (f"{BODY}\n\n\u2014 The Associated Press", "The Associated Press"),
        (
            f"{BODY}\n\nCopyright 2016 The Associated Press. All rights reserved.",
            "The Associated Press",
        ),
        (f"{BODY}\n\nCopyright \u00a9 2012 AFP. All rights reserved. More \u00bb", "AFP"),
    ],
)
def test_datelines_and_credit_lines_name_the_outlet(text, name):
    assert outlet_display_name(outlet_host_in_text(text)) == name


@pytest.mark.parametrize(
    "text",
    [
        BODY,
        f"LONDON (John Smith) \u2014 {BODY}",  # a person in parentheses
        f"GENEVA (WHO) \u2014 {BODY}",  # an acronym that is no outlet
        f"PARIS (France) - {BODY}",
        f"Shoppers at a store. (Brian Snyder/Reuters)\n\n{BODY}",  # photo credits
        f"A senator speaks. (AP Photo/J. Scott Applewhite) (Associated Press)\n\n{BODY}",
        f"Image copyright AFP Image caption A man.\n\n{BODY}",
        f"{BODY}\n\nThe Associated Press contributed to this report.",
        f"{BODY} He told The Associated Press that he would stay.",
        f"{BODY} He said (AP) - nothing.",  # not at the start of a line
        f"{BODY}\n\nCopyright Associated Press / NBC 10 Philadelphia",  # no year
        f"PARIS (Reuters) - {BODY}\n\nTOKYO (AP) \u2014 {BODY}",  # two outlets: neither
    ],
)
def test_places_people_photo_credits_and_mentions_name_no_outlet(text):
    assert outlet_host_in_text(text) == ""


def test_credit_labels_use_the_dateline_only_without_a_name_or_link():
    wire = f"WASHINGTON (AP) \u2014 {BODY}"
    docs = [
        SourceDoc(1, "", "", "", wire),
        SourceDoc(2, "The Guardian", "", "", wire),
        SourceDoc(3, "", "https://www.bbc.co.uk/news/1", "", wire),
        SourceDoc(4, "", "", "", BODY),
    ]
    assert credit_labels(docs) == {
        1: "The Associated Press",
        2: "The Guardian",
        3: "BBC News",
        4: "one report",
    }


def test_wire_copy_without_a_source_is_credited_by_name():
    wire = (
        "WASHINGTON (AP) \u2014 The Senate approved the new budget on Tuesday after a long debate. "
        "The budget includes money for 40 new schools across the country. "
        "Critics said the plan raised taxes too much for families. "
        "The president is expected to sign the bill next week. "
        "A final vote on the tax rate is planned for March. "
        "Opposition members asked for an independent review of the costs."
    )
    draft = write_story([SourceDoc(1, "", "", "", wire)], require_links=False)
    # every gate holds; two sentences of one six-sentence source is too short to publish alone
    assert draft.problems == ["too short: 2 sentences; at least 3 to publish on its own"]
    assert "The Associated Press" in draft.body_text
    assert "(AP)" not in draft.body_text and "WASHINGTON" not in draft.body_text


@pytest.mark.parametrize(
    "dateline",
    [
        "LONDON (Reuters) - ",
        "WASHINGTON (AP) \u2014 ",
        "Washington (CNN) ",
        "(CNN) -- ",
        "LARGO, Fla. \u2014 ",
        "OSAN AIR BASE, South Korea \u2014 ",
        "DAMASCUS \u2014 ",
    ],
)
def test_writer_drops_datelines_from_the_sentences_it_reuses(dateline):
    (first, *_rest) = candidates([SourceDoc(1, "", "", "", dateline + BODY + " " + BODY)])
    assert first.text == BODY
