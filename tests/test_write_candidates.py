"""Which source sentences the extractive writer may reuse: quotes need their speaker."""

import pytest

from newsdesk.pipeline.types import SourceDoc
from newsdesk.pipeline.write.candidates import candidates, usable

GLUED = (
    "\"We've been able to prevent it spreading to other areas of the building, so the main "
    'store has only a small amount of smoke damage. " Engineers were called to switch off '
    "the electricity supply to the building."
)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("The council approved the new harbour plan on Monday after a long debate.", "plain"),
        ('"We will rebuild the store," Matt Goodman of the fire service said on Sunday.', "quote"),
        ('In a statement, Waitrose said it "will not comment on rumours" about the fire.', "quote"),
        # a quoted sentence glued to the next one: "Engineers" does not name its speaker
        (GLUED, "speaker"),
        ('"We will rebuild the store," he said after the fire on Sunday morning.', "speaker"),
    ],
)
def test_quotes_are_usable_only_with_a_named_speaker(text, status):
    assert usable(text) == status


@pytest.mark.parametrize(
    "text",
    [
        # a demo piece printed it: only the sentence before it says who else "was"
        "So were the two women she's accused of gunning down, just minutes after she'd been "
        "suspended and escorted from the building.",
        "Were the two women at the plant when the shots were fired that night?",
    ],
)
def test_an_inversion_leaning_on_the_sentence_before_is_not_reused(text):
    assert usable(text) == "no"


def test_a_sentence_opening_with_so_far_is_still_usable():
    assert usable("So far, 46 people have been arrested in East Flatbush this week.") == "plain"


def test_so_far_is_no_connective_to_cut():
    # a Multi-News draft printed "Far, Mr. Berlusconi has proven ..." (branch i16c)
    text = "Markets fell on Monday in Rome. So far, Mr. Berlusconi has proven a tough outlier."
    (_, second) = candidates([SourceDoc(1, "", "", "", text)])
    assert second.text == "So far, Mr. Berlusconi has proven a tough outlier."
