"""Source titles cleaned of time stamps (issue 15): every rule's examples, and the
demo corpus's "Updated 11/27/2005 3:41 PM" page gets a real title."""

import pytest

from newsdesk.pipeline.extract import extract
from newsdesk.pipeline.extract.titles import KEPT, RULES, clean_title, lead_title

EXAMPLES = [(rule.name, title, cleaned) for rule in RULES for title, cleaned in rule.examples]


@pytest.mark.parametrize("rule, title, cleaned", EXAMPLES, ids=[e[1] for e in EXAMPLES])
def test_each_rule_example(rule, title, cleaned):
    assert clean_title(title) == cleaned


@pytest.mark.parametrize("title", KEPT)
def test_titles_that_only_mention_a_time_are_kept(title):
    assert clean_title(title) == title


def test_lead_title_is_the_first_sentence_cut_at_a_word():
    assert lead_title("Rain fell. Then it stopped.") == "Rain fell"
    long = "Strong earthquake jolts southern Iran, felt in Oman An earthquake measuring at least"
    assert lead_title(long + " magnitude-5.9 shook.") == (
        "Strong earthquake jolts southern Iran, felt in Oman An earthquake measuring at…"
    )


BODY = " ".join(
    ["An earthquake measuring at least magnitude-5.9 shook a sparsely populated area of"]
    + ["southern Iran on Sunday, flattening seven villages and killing 10 people."] * 3
)


def _page(title: str, h1: str = "") -> str:
    return (
        f"<html><head><title>{title}</title><meta property='og:title' content='{title}'>"
        f"</head><body><article>{f'<h1>{h1}</h1>' if h1 else ''}<p>{BODY}</p>"
        f"<p>{BODY}</p></article></body></html>"
    )


def test_a_page_titled_only_by_a_stamp_takes_its_h1():
    page = extract(
        _page("Updated 11/27/2005 3:41 PM", h1="Quake flattens seven villages"),
        "https://x.example/a",
    )
    assert page.meta.title == "Quake flattens seven villages"


def test_a_page_whose_every_title_is_a_stamp_takes_its_lead():
    page = extract(_page("Updated 11/27/2005 3:41 PM"), "https://x.example/a")
    assert page.meta.title.startswith("An earthquake measuring at least magnitude-5.9")
    assert "Updated" not in page.meta.title and "3:41" not in page.meta.title


def test_a_stamp_beside_a_headline_is_removed():
    page = extract(_page("Quake in Iran - Updated 3:41 PM ET"), "https://x.example/a")
    assert page.meta.title == "Quake in Iran"
