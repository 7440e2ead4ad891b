"""Headlines: compression of a body sentence to a whole clause, and the form checks."""

import pytest

from newsdesk.bench._headline import checks
from newsdesk.demo.corpus import load_corpus
from newsdesk.pipeline.types import SourceDoc
from newsdesk.pipeline.write import write_story
from newsdesk.pipeline.write.headline import compress, well_formed
from newsdesk.pipeline.write.headline_choice import ends_mid_phrase, main_names, make_headline
from newsdesk.pipeline.write.wordclass import looks_adjective, verb_index


@pytest.mark.parametrize(
    ("sentence", "headline"),
    [
        (
            "Esther Williams, the swimming champion turned actress who starred in glittering and aquatic "
            "Technicolor musicals of the 1940s and 1950s, has died.",
            "Esther Williams has died",
        ),
        (
            "Wladimir Klitschko stopped Hasim Rahman in the seventh round to retain his IBF, IBO and WBO "
            "heavyweight titles at the SAP-Arena in Mannheim, Germany.",
            "Wladimir Klitschko stopped Hasim Rahman in the seventh round",
        ),
        (
            "It seems Lindsay Lohan has fired her lawyer Mark Heller.",
            "Lindsay Lohan has fired her lawyer Mark Heller",
        ),
        (
            "Four men rammed their car into an upmarket jewelry store in central Paris on Monday.",
            "Four men rammed their car into an upmarket jewelry store in central Paris",
        ),
        (
            "The Atlanta judge sentenced Brian Nichols to life in prison Saturday morning.",
            "Atlanta judge sentenced Brian Nichols to life in prison",
        ),
        (
            "After a chase through three counties, police arrested the driver near Dover, officials said.",
            "Police arrested the driver near Dover",
        ),
        (
            'The self-described "Million Dollar Mermaid, " whose beauty and skills launched a genre of movies '
            '\u2013 the Technicolor "aqua musicals" \u2013 died Thursday at 91.',
            'Self-described "Million Dollar Mermaid" died at 91',
        ),
    ],
)
def test_compress_keeps_subject_and_verb(sentence, headline):
    assert compress(sentence) == headline
    assert well_formed(headline)


@pytest.mark.parametrize(
    "line",
    [
        "About 10 minutes after the Yvonne Hiller was escorted",  # opens on a function word
        "In a move that will subject a number of projects to enhanced environmental",
        "The bodies of Alice McMeekin on Saturday",  # no verb
        "U. S. Marshals have added",  # a transitive verb left dangling
        "Egypt's communications ministry says Internet cables",
        "Speculation about his successor for Catching Fire has begun",  # whose successor?
        "Mother of a 10-year-old girl killed by a stray bullet",  # a noun phrase
        "Alleged mafia boss who was arrested in a massive sweep",  # only the relative's verb
        "Here's how the Arizona Republic ended up at that number",  # points at its own page
    ],
)
def test_fragments_are_not_well_formed(line):
    assert not well_formed(line)


def test_appositives_go_but_listed_facts_stay():
    assert (
        compress(
            'W. Mark Felt, the FBI official who, better known as "Deep Throat," helped two '
            "reporters, has died."
        )
        == "W. Mark Felt has died"
    )
    assert (
        compress(
            "A powerful earthquake has hit southern Iran, killing at least 10 people, injuring "
            "dozens more and damaging several villages, officials say."
        )
        == "Powerful earthquake has hit southern Iran"
    )
    assert (
        compress(
            "The defending champion Saints will have to try to repeat without their top two "
            "power running backs this season."
        )
        == ""
    )


def test_cut_never_leaves_a_clause_half_said():
    line = compress(
        "Zurana Horton was killed when the accused thugs Andrew Lopez, 20 and Jonathan "
        "Carrasquillo opened fire on a rival gang from a rooftop in Brownsville."
    )
    assert line == "Zurana Horton was killed"
    # a saying verb is cut only after the reported clause's own verb: the news is there
    assert (
        compress(
            "Egypt's communications ministry says Internet cables were cut off the coast of "
            "Alexandria by a ship that dropped anchor in the wrong place overnight."
        )
        == "Egypt's communications ministry says Internet cables were cut off the coast of Alexandria"
    )


def _docs(*texts: str) -> list[SourceDoc]:
    return [SourceDoc(i, f"Outlet {i}", "", "", t) for i, t in enumerate(texts, 1)]


def test_make_headline_prefers_a_clause_naming_the_main_actor():
    sentences = [
        "Speculation about his successor for the sequel has already begun among the studio's fans.",
        "Officials at the studio declined to comment on the schedule of the production.",
        "Director Gary Ross will not return for the second film of the series, the studio said.",
    ]
    docs = _docs(" ".join(sentences), "The studio confirmed that Gary Ross is leaving the series.")
    assert (
        make_headline(sentences, docs)[0]
        == "Director Gary Ross will not return for the second film of the series"
    )


def test_make_headline_takes_a_source_sentence_naming_the_main_actor_the_body_supports():
    # the body never names Nichols in a sentence that makes a headline; a source's lead does
    body = [
        "The man was sentenced to life in prison without parole for the courthouse killings.",
        "Jurors deadlocked on the death penalty after 12 hours of deliberations.",
        "Jurors in Atlanta deliberated for 12 hours, a lawyer for Brian Nichols said.",
    ]
    pool = [
        "An Atlanta judge sentenced Brian Nichols to life in prison on Saturday.",
        "An Atlanta judge sentenced Brian Nichols to four life terms.",  # "four": not in the body
    ]
    docs = _docs(" ".join(body), pool[0], "Brian Nichols did not speak to reporters.")
    assert (
        make_headline(body, docs, pool)[0]
        == "Atlanta judge sentenced Brian Nichols to life in prison"
    )
    assert "four" not in make_headline(body, docs, pool[1:])[0]


def test_headline_actors_leave_out_outlets_and_page_words():
    docs = _docs(
        "PHOTOS: Getty Images shows machines made by Keurig in a shop.",
        "PHOTOS: Getty Images. Investors sold stock in Keurig on Monday.",
    )
    shared, main = main_names(docs)
    assert main == ["Keurig"] and "PHOTOS" not in shared and "Getty Images" not in shared


def test_a_time_phrase_or_a_dash_after_a_headline_is_a_phrase_boundary():
    text = "North Korea again tested ballistic missiles this week, firing four of them."
    assert not ends_mid_phrase("North Korea again tested ballistic missiles", [text])
    text = "Sanders lauded Pope Francis for highlighting Dorothy Day -- a Catholic socialist."
    assert not ends_mid_phrase("Sanders lauded Pope Francis for highlighting Dorothy Day", [text])
    text = "Police said a man serving a life sentence escaped."
    assert ends_mid_phrase("Police hunt a man serving", [text])


def test_word_classes():
    assert verb_index("Bomb explodes at Woodburn bank".split()) == 1
    assert verb_index("The attack on the bank".split()) == -1
    assert looks_adjective("environmental") and not looks_adjective("trial")


def test_checks_flag_each_fault():
    docs = [
        SourceDoc(
            1, "A", "", "t", "Lindsay Lohan left rehab in Malibu on Monday, her lawyer said."
        ),
        SourceDoc(
            2, "B", "", "t", "Lindsay Lohan thanked the clinic staff in Malibu and returned home."
        ),
    ]
    good = checks("Lindsay Lohan left rehab in Malibu", docs)
    assert good["headline_ok"], good
    assert not checks("Lindsay Lohan left rehab in Malibu on Monday", docs)["style"]
    assert not checks("The actress left rehab in", docs)["ends_ok"]
    assert not checks("The actress left rehab", docs)["main_actor"]
    assert not checks("Lindsay Lohan in Malibu", docs)["has_verb"]
    assert not checks("Lindsay Lohan thanked the clinic", docs)["whole_phrase"]


def test_demo_corpus_headlines_are_clauses_that_pass_the_gate():
    corpus = load_corpus()
    ok = 0
    for articles in corpus.stories.values():
        docs = [
            SourceDoc(i, a.outlet_name, a.original_url, a.title, a.text)
            for i, a in enumerate(articles, 1)
        ]
        draft = write_story(docs)
        assert not [p for p in draft.problems if p.startswith("headline")], draft.headline
        c = checks(draft.headline, docs)
        assert c["short"] and c["clean"] and c["ends_ok"] and c["style"], draft.headline
        ok += c["has_verb"]
    assert ok >= len(corpus.stories) - 1


def test_a_source_lead_naming_the_main_actor_may_become_the_article_lead():
    # with lead_ok the writer may add the sentence as the lead: the body need not hold it
    body = [
        "The man was sentenced to life in prison without parole for the courthouse killings.",
        "Jurors deadlocked on the death penalty after 12 hours of deliberations.",
    ]
    pool = ["An Atlanta judge sentenced Brian Nichols to four life terms."]
    docs = _docs(" ".join(body) + " Brian Nichols was led away.", pool[0])
    line, text = make_headline(body, docs, pool, lead_ok=True)
    assert (line, text) == ("Atlanta judge sentenced Brian Nichols to four life terms", pool[0])


@pytest.mark.parametrize(
    "line",
    [
        # Multi-News DEV headlines cut before the words they need
        "Two former employees of Stacey Plaskett have been indicted in connection",
        "Largest dinosaur foot ever found, belonging",
        "Read on for the backstage reactions of Jon Cryer, Claire Danes and others",
        "Class-action lawsuit against the maker was filed earlier",
        "Bodies of two renowned U.S. climbers were found in Tibet 16 years",
        "Whoever makes a play wins the prize",
    ],
)
def test_lines_that_need_what_follows_are_not_headlines(line):
    assert not well_formed(line)


def test_a_leading_time_word_is_dropped():
    assert (
        compress("Yesterday Josh checked himself into a long-term treatment center.")
        == "Josh checked himself into a long-term treatment center"
    )
