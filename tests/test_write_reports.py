"""Reports without an outlet name: grouped credits, back-references, and the credit gate."""

from newsdesk.pipeline.types import Draft, SourceDoc, Span, WrittenSentence
from newsdesk.pipeline.write import write_story
from newsdesk.pipeline.write.attribution import attribute, credit_names
from newsdesk.pipeline.write.gates import check_draft
from newsdesk.pipeline.write.reports import back_reference, group_phrase, group_sizes, strip_phrases

TEXT = (
    "The council approved the new budget on Monday after a long debate. "
    "The budget includes 40 new teachers for the town's schools. "
    "Critics said the plan raised taxes too much for families. "
    "The mayor said the vote was a victory for the town. "
    "A final vote on the tax rate is planned for March. "
    "Opposition members asked for an independent review of the costs."
)
LEAD = "The council approved the new budget on Monday after a long debate."


def _unnamed(n: int) -> list[SourceDoc]:
    return [SourceDoc(i, "", "", "", TEXT) for i in range(1, n + 1)]


def _cites(docs: list[SourceDoc], text: str) -> WrittenSentence:
    return WrittenSentence(text, [Span(d.article_id, 0, len(LEAD)) for d in docs])


def _check(docs, sentences, listed=None) -> list[str]:
    draft = Draft("Council approved the new budget", [sentences], listed or docs, backend="t")
    # these drafts restate one fact on purpose: only credit is under test here
    return [p for p in check_draft(draft, docs, require_links=False) if "repeated fact" not in p]


def test_group_phrases_and_back_references():
    assert [group_phrase(2, 2), group_phrase(3, 3), group_phrase(2, 4)] == [
        "both reports",
        "all three reports",
        "two reports",
    ]
    assert group_phrase(2, 2, others=True) == "two other reports"
    assert back_reference("another report") == "the second report"
    assert back_reference("an 11th report") == "the 11th report"
    assert back_reference("Reuters") == "Reuters"
    assert group_sizes("Both reports say so, all three reports and two other reports") == [2, 3, 2]
    assert "second" not in strip_phrases("According to the second report, it rained.")


def test_credit_names_group_and_refer_back():
    mentioned: list[str] = []
    assert credit_names(["one report", "another report"], mentioned, 2) == ["both reports"]
    assert credit_names(["one report"], mentioned, 2) == ["one report"]
    assert credit_names(["one report"], mentioned, 2) == ["the same report"]
    assert credit_names(["another report"], mentioned, 2) == ["another report"]
    assert credit_names(["one report"], mentioned, 2) == ["the first report"]
    assert credit_names(["another report", "Reuters"], mentioned, 2) == [
        "Reuters",
        "the second report",
    ]
    assert credit_names(["another report"], mentioned, 2) == ["the second report"]
    assert credit_names(["Reuters", "one report", "a third report"], [], 3) == [
        "Reuters",
        "two other reports",
    ]
    text = "The mayor said the vote was a victory."
    assert (
        attribute(text, ["both reports"], 1)
        == "Both reports say the mayor said the vote was a victory."
    )
    # a clause opening on a subordinator keeps "that": no "say when the door went up"
    assert attribute("When the door went up, she fell.", ["both reports"], 1) == (
        "Both reports say that when the door went up, she fell."
    )
    assert (
        attribute(text, ["both reports"], 0)
        == "According to both reports, the mayor said the vote was a victory."
    )


def test_grouped_credit_covers_exactly_the_reports_it_cites():
    docs = _unnamed(3)
    assert (
        _check(docs, [_cites(docs, f"All three reports say that {LEAD[0].lower()}{LEAD[1:]}")])
        == []
    )
    assert _check(docs[:2], [_cites(docs[:2], f"According to both reports, {LEAD.lower()}")]) == []
    # three reports cited, "two reports" credited: none of them counts as credited
    problems = _check(docs, [_cites(docs, f"According to two reports, {LEAD.lower()}")])
    assert len([p for p in problems if p.startswith("uncredited outlet")]) == 3
    # a group phrase in one sentence does not credit a report another sentence cites
    problems = _check(
        docs,
        [
            _cites(docs[:2], f"According to both reports, {LEAD.lower()}"),
            _cites(docs[2:], LEAD),
        ],
    )
    assert problems == ["uncredited outlet: a third report is used but not named in the text"]


def test_unnamed_reports_are_numbered_by_the_sources_list():
    docs = _unnamed(2)
    first_listed_second = [docs[1], docs[0]]
    sentences = [
        _cites(docs[1:], f"According to one report, {LEAD.lower()}"),
        _cites(docs[:1], f"Another report says that {LEAD.lower()}"),
    ]
    assert _check(docs, sentences, listed=first_listed_second) == []
    assert _check(docs, sentences[:1], listed=first_listed_second[:1]) == []
    problems = _check(docs, sentences[1:], listed=[docs[0]])
    assert problems == ["uncredited outlet: one report is used but not named in the text"]
    # numbered as the writer was given them (the LLM backend's prompt), also accepted
    by_source_order = [
        _cites(docs[:1], f"According to one report, {LEAD.lower()}"),
        _cites(docs[1:], f"Another report says that {LEAD.lower()}"),
    ]
    assert _check(docs, by_source_order, listed=first_listed_second) == []


def test_writer_introduces_unnamed_reports_in_order():
    # listed after the farm report, the bridge report leads the article (its lead shares
    # the most words with the other reports): it is "one report", not "another"
    docs = [SourceDoc(i, "", "", "", t) for i, t in enumerate(STORIES, 1)][::-1]
    draft = write_story(docs, require_links=False)
    assert draft.problems == []
    body = draft.body_text
    assert body.startswith("According to one report, a bridge over the Mill River")
    assert draft.sources[0].article_id == 2 == draft.sentences[0].support[0].article_id
    assert body.index("Another report") < body.index("a third report")
    # the lead's report goes on in the next paragraph, without a second credit
    assert draft.paragraphs[1][0].text == "Engineers will inspect it this week."
    assert body.count("one report") == 1 and "the first report" not in body


STORIES = [
    "Storms cut power to 20,000 homes in the valley on Sunday night. Crews worked through the night on fallen lines. "
    "Schools in three towns stayed closed on Monday. The utility said most homes would have power by Tuesday. "
    "A shelter opened at the community centre. Roads near the river were flooded.",
    "A bridge over the Mill River was closed after the storm damaged its supports. Engineers will inspect it this week. "
    "Drivers were told to use the northern road. The county asked residents to avoid the area. "
    "Traffic was heavy through the morning. The bridge carries 9,000 cars a day.",
    "Farmers in the valley reported losses after hail flattened crops. The harvest was due to start next week. "
    "The state agriculture office promised to assess the damage. Insurance claims are expected to rise. "
    "Some orchards lost most of their fruit. Growers met in the town hall on Monday.",
]
