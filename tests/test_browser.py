"""Browser test: a reader opens an article in Chromium and leaves a comment.

Skips cleanly when the ``playwright`` package or a Chromium binary is missing (browsers
are never downloaded; Debian's /usr/bin/chromium is used). Set SCREENSHOT_DIR to also
keep the home and article screenshots (docs/screenshots/ was made this way);
CHROMIUM_PATH picks another Chromium binary.
"""

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
        page.screenshot(path=str(shots / "home.png"), full_page=True)
        page.get_by_role("link", name=DEMO[0][0]).first.click()
        assert page.locator("h1").inner_text() == DEMO[0][0]
        assert page.get_by_text("Posted in").is_visible()
        page.get_by_role("textbox", name="Name", exact=True).fill("Ada Reader")
        page.get_by_role("textbox", name="Email", exact=True).fill("ada@private.example")
        page.get_by_role("textbox", name="Comment", exact=True).fill(
            "Good to see the tides put to work."
        )
        page.screenshot(path=str(shots / "article.png"), full_page=True)
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
    assert (shots / "article.png").stat().st_size > 0
