"""Browser tests: a reader opens an article in Chromium, leaves a comment and a reply,
finds their way by category, tag, date archive and previous/next, reaches the comment
form by keyboard alone, and scrolls back to the top; axe-core finds no violation.

Skips cleanly when the ``playwright`` package or a Chromium binary is missing (browsers
are never downloaded; Debian's /usr/bin/chromium is used). Set SCREENSHOT_DIR to also
keep the home, article, category and search screenshots (docs/screenshots/ was made this
way); CHROMIUM_PATH picks another Chromium binary. axe-core is vendored in testdata/axe/.
"""

import json
import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from newsdesk.comments.models import Comment
from tests.factories import make_article, make_category, make_source, make_story_article, make_tag

playwright_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
pytestmark = [
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason=f"no Chromium at {CHROMIUM}"),
    pytest.mark.django_db(transaction=True),
]

# Invented stories, so the screenshots look like a news site without shipping real texts.
DEMO = [
    (
        "Harbour city opens its first tidal power plant",
        "Energy",
        ["Renewables", "Harbour City"],
        "The tidal plant at the mouth of the river began feeding the grid on Monday, officials said.\n\n"
        "Engineers expect the turbines to cover the needs of about 40,000 homes once all twelve units run.\n\n"
        "Residents had debated the project for almost a decade before the council approved it.",
    ),
    (
        "Regional rail strike ends after overnight talks",
        "Business",
        ["Transport", "Labour"],
        "Train drivers returned to work on Tuesday after the union and the operator agreed on a new pay scale.\n\n"
        "Both sides said the deal runs for three years and includes limits on weekend shifts.",
    ),
    (
        "Museum returns carved panels to their village of origin",
        "Culture",
        ["Heritage"],
        "The wooden panels, taken in the nineteenth century, were handed back in a ceremony on Sunday.\n\n"
        "Village elders said the panels will hang again in the meeting house they were made for.",
    ),
    (
        "Storm warning issued for the northern coast",
        "World",
        ["Weather"],
        "Forecasters warned of gusts up to 120 km/h and asked ferries to stay in port.\n\n"
        "Schools in three districts will close early on Thursday.",
    ),
    (
        "City council approves budget for new cycle lanes",
        "Politics",
        ["Harbour City", "Transport"],
        "The council voted 31 to 12 for the plan, which adds 45 kilometres of protected lanes.\n\n"
        "Work on the first section along the harbour is due to start in spring.",
    ),
]


def _seed() -> str:
    """Create demo pieces with sources; return the URL path of the newest one."""
    outlets = [make_source(name=n) for n in ("Coastal Herald", "Daily Ledger", "Northern Wire")]
    newest = None
    for i, (headline, cat, tags, body) in enumerate(DEMO):
        sources = [
            make_article(src, title=f"{headline} ({src.name})") for src in outlets[: 2 + i % 2]
        ]
        piece = make_story_article(
            headline,
            category=make_category(cat),
            tags=[make_tag(t) for t in tags],
            body=body,
            sources=sources,
            age=timedelta(hours=i * 5 + 1),
        )
        newest = newest or piece
    return newest.get_absolute_url()


def test_reader_leaves_a_comment(live_server, tmp_path):
    path = _seed()
    shots = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    # ORM calls stay outside the Playwright block: its event loop makes Django refuse them.
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(live_server.url + "/")
        page.get_by_role("link", name=DEMO[0][0]).first.click()
        assert page.locator("h1").inner_text() == DEMO[0][0]
        assert page.get_by_text("Posted in").is_visible()
        page.get_by_role("textbox", name="Name", exact=True).fill("Ada Reader")
        page.get_by_role("textbox", name="Email", exact=True).fill("ada@private.example")
        page.get_by_role("textbox", name="Comment", exact=True).fill(
            "Good to see the tides put to work."
        )
        # The opt-in box sits on its label's line, to its left (a full-width rule once
        # stretched it and centred it on a line of its own).
        box, label = page.evaluate(
            "['.comment-remember input', '.comment-remember label'].map(s => {"
            " const r = document.querySelector(s).getBoundingClientRect();"
            " return {x: r.x, y: r.y, width: r.width, height: r.height}; })"
        )  # one read: site.js may add the character counter above them meanwhile
        assert box["width"] < 40 and box["x"] + box["width"] <= label["x"]
        assert label["y"] <= box["y"] + box["height"] / 2 <= label["y"] + label["height"]
        page.get_by_role("button", name="Post Comment").click()
        message = page.get_by_role("status")
        message.wait_for()
        text = message.inner_text()
        assert page.url.split("#")[0] == live_server.url + path
        page.screenshot(path=str(tmp_path / "comment-submitted.png"))
        mobile = browser.new_page(viewport={"width": 390, "height": 844})
        mobile.goto(live_server.url + path)
        mobile.screenshot(path=str(shots / "article-mobile.png"))
        browser.close()
    assert "Your comment is awaiting moderation" in text
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING and comment.name == "Ada Reader"
    assert (shots / "article-mobile.png").stat().st_size > 0


AXE = Path(__file__).parent.parent / "testdata" / "axe" / "axe.min.js"


def _launch(pw):
    return pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def test_reader_finds_the_way_by_category_tag_archive_and_neighbours(live_server):
    _seed()
    with playwright_api.sync_playwright() as pw:
        browser = _launch(pw)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(live_server.url + "/")
        page.get_by_role("link", name=DEMO[1][0]).first.click()
        assert page.locator("h1").inner_text() == DEMO[1][0]
        page.locator(".posted-in").get_by_role("link", name="Business").click()
        assert page.locator("h1").inner_text() == "Category: Business"
        page.get_by_role("link", name=DEMO[1][0]).first.click()
        page.get_by_role("link", name="Transport", exact=True).click()
        assert page.locator("h1").inner_text() == "Tag: Transport"
        titles = page.locator("main .card-title").all_inner_texts()
        assert sorted(titles) == sorted([DEMO[1][0], DEMO[4][0]])  # both Transport pieces
        page.locator(".archive-list a").first.click()
        assert page.locator("h1").inner_text().startswith("Archive:")
        assert page.locator("main .card-title").count() == len(DEMO)
        page.get_by_role("link", name=DEMO[2][0]).first.click()
        page.locator(".nav-next").get_by_role("link").click()
        assert page.locator("h1").inner_text() == DEMO[1][0]  # one step newer
        page.locator(".nav-previous").get_by_role("link").click()
        assert page.locator("h1").inner_text() == DEMO[2][0]
        # Search from the header, two words in either order.
        found = []
        for words in ("harbour council", "council harbour"):
            page.get_by_role("searchbox", name="Search news").first.fill(words)
            page.get_by_role("search").get_by_role("button", name="Search").click()
            found.append(sorted(page.locator("main .card-title").all_inner_texts()))
        assert found[0] == found[1] == sorted([DEMO[0][0], DEMO[4][0]])
        page.get_by_role("link", name=DEMO[2][0]).first.click()
        # Scroll to Top: a plain link to #top, so it works with or without the script.
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        assert page.evaluate("window.scrollY") > 0
        page.get_by_role("link", name="Scroll to Top").click()
        for _ in range(50):  # smooth scrolling takes a moment (no eval: the CSP forbids it)
            if page.evaluate("window.scrollY") == 0:
                break
            page.wait_for_timeout(50)
        assert page.evaluate("window.scrollY") == 0
        browser.close()


def _tab_until(page, element_id: str, limit: int = 80) -> list[str]:
    """Press Tab until ``element_id`` has focus; the ids/texts focused on the way."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "(() => { const e = document.activeElement;"
            " return e.id || (e.textContent || '').trim().slice(0, 40); })()"
        )
        seen.append(focused)
        if focused == element_id:
            return seen
    raise AssertionError(f"never reached #{element_id} by Tab: {seen}")


def test_keyboard_reaches_the_comment_form_and_a_reply_shows_after_approval(live_server, tmp_path):
    path = _seed()
    bea = Comment.objects.create(
        article_id=_piece_id(path),
        name="Bea",
        email="bea@mail.example",
        body="The tides are a good idea.",
        status=Comment.Status.APPROVED,
    )
    state = tmp_path / "state.json"
    with playwright_api.sync_playwright() as pw:
        browser = _launch(pw)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(live_server.url + path)
        seen = _tab_until(page, "id_name")
        assert seen[0] == "Skip to content"  # the first stop skips the header
        page.keyboard.type("Ada Reader")
        page.keyboard.press("Tab")
        page.keyboard.type("ada@private.example")
        page.get_by_role("link", name="Reply to Bea").click()
        assert page.locator("#reply-title").inner_text().startswith("Reply to Bea")
        page.get_by_role("textbox", name="Name", exact=True).fill("Ada Reader")
        page.get_by_role("textbox", name="Email", exact=True).fill("ada@private.example")
        box = page.get_by_role("textbox", name="Comment", exact=True)
        box.fill("Agreed, and quieter than wind.")
        assert page.locator("#id_body_count").inner_text() == "30 of 5,000 characters."
        page.get_by_label("Save my name, email, and website").check()
        page.get_by_role("button", name="Post Comment").click()
        page.get_by_role("status").wait_for()
        assert "Agreed, and quieter" not in page.content()  # pending: not shown yet
        context.storage_state(path=str(state))
        browser.close()
    reply = Comment.objects.get(body="Agreed, and quieter than wind.")
    assert reply.parent_id == bea.pk and reply.status == Comment.Status.PENDING
    reply.status = Comment.Status.APPROVED
    reply.save()
    with playwright_api.sync_playwright() as pw:
        browser = _launch(pw)
        page = browser.new_context(storage_state=str(state)).new_page()
        page.goto(live_server.url + path)
        nested = page.locator(f"#comment-{bea.pk} .children #comment-{reply.pk}")
        assert "Agreed, and quieter than wind." in nested.inner_text()
        # The cookie, not the (cacheable) page, brought the reader's details back.
        assert page.get_by_role("textbox", name="Name", exact=True).input_value() == "Ada Reader"
        assert page.get_by_label("Save my name, email, and website").is_checked()
        # The thread, previous/next and the archive list still fit a 390 px phone.
        page.set_viewport_size({"width": 390, "height": 844})
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        browser.close()


def _piece_id(path: str) -> int:
    from newsdesk.stories.models import StoryArticle

    return StoryArticle.objects.get(slug=path.strip("/").split("/")[-1]).pk


def _axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
    ]


def test_axe_finds_no_violation_and_screenshots(live_server, tmp_path):
    path = _seed()
    shots = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    pages = {
        "home": "/",
        "article": path,
        "category": "/category/energy/",
        "search": "/search/?q=harbour+council",
    }
    found = {}
    with playwright_api.sync_playwright() as pw:
        browser = _launch(pw)
        # axe is injected as a script: the test's context may bypass the site's CSP.
        page = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
        page = page.new_page()
        for name, url in pages.items():
            page.goto(live_server.url + url)
            found[name] = _axe(page)
            page.screenshot(path=str(shots / f"{name}.png"))
        page.goto(live_server.url + path)
        page.get_by_role("button", name="Post Comment").click()  # everything left empty
        page.locator(".field-error").first.wait_for()
        found["comment form after a failed submit"] = _axe(page)
        browser.close()
    assert found == {name: [] for name in found}, json.dumps(found, indent=1)
