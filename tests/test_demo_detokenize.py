"""The demo corpus builder's detokenisation rules: every example of every rule."""

import pytest

from newsdesk.demo.detokenize import RULES, STRAIGHT_QUOTE_EXAMPLES, detokenize, straight_quotes

EXAMPLES = [(rule, given, wanted) for rule in RULES for given, wanted in rule.examples]


@pytest.mark.parametrize(
    ("rule", "given", "wanted"),
    EXAMPLES,
    ids=[f"{r.name}-{i}" for i, (r, _g, _w) in enumerate(EXAMPLES)],
)
def test_rule_examples(rule, given, wanted):
    assert rule.pattern.sub(rule.replace, given) == wanted
    assert detokenize(given) == wanted


def test_issue_cases_read_clean():
    text = (
        "Tehran put the magnitude at 5. 9. They stole $300, 000 at 8: 30 p. m. in L. A., "
        "TMZ. com said: \u201c NYPD, KKK \u201d"
    )
    assert detokenize(text) == (
        "Tehran put the magnitude at 5.9. They stole $300,000 at 8:30 p.m. in L.A., "
        "TMZ.com said: \u201cNYPD, KKK\u201d"
    )


@pytest.mark.parametrize(("given", "wanted"), STRAIGHT_QUOTE_EXAMPLES)
def test_straight_quotes_pair_up(given, wanted):
    assert straight_quotes(given) == wanted
