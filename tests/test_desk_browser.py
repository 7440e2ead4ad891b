"""Browser test: an editor finds a held draft, reads its provenance, fixes a sentence,
approves it, sees it live, corrects it and sees the correction note on the site.

Uses Debian's Chromium like tests/test_browser.py (skips when it is missing). Set
SCREENSHOT_DIR to keep the desk screenshots (docs/screenshots/desk-*.png were made so).
"""

import os
from pathlib import Path

from newsdesk.stories.models import StoryArticle
from tests.factories import make_article, make_source, make_story_article, make_user
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, playwright_api, pytestmark  # noqa: F401

WIRE = (
    "Harbour City, Monday. The tidal plant at the mouth of the river began feeding the grid "
    "on Monday, officials said. Engineers expect the turbines to cover about 40,000 homes. "
    "The council approved the project after almost a decade of debate."
)


def _seed():
    wire = make_article(make_source(name="Coastal Herald"), title="Tidal plant opens", text=WIRE)
    first = "The tidal plant at the mouth of the river began feeding the grid on Monday"
    second = "Engineers expect the turbines to cover about 40,000 homes."
    start, end = WIRE.index(first), WIRE.index(first) + len(first) + len(", officials said.")
    piece = make_story_article(
        "Tidal plant starts feeding the grid",
        status=StoryArticle.Status.DRAFT,
        body=f"{first}, officials said. Engineers expect 400,000 homes.",
        provenance=[
            [
                {
                    "text": f"{first}, officials said.",
                    "support": [{"article_id": wire.id, "start": start, "end": end}],
                },
                {"text": "Engineers expect 400,000 homes.", "support": []},
            ]
        ],
        problems=["sentence 2 has no supporting source span"],
        sources=[wire],
    )
    make_user("editor", username="eve")
    return piece, second


def test_editor_reviews_approves_and_corrects(live_server, tmp_path):
    piece, fixed = _seed()
    shots = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(live_server.url + "/desk/")
        page.get_by_label("Username").fill("eve")
        page.get_by_label("Password").fill("pw")
        page.get_by_role("button", name="Log in").click()
        # 1. Find the held draft in the queue.
        page.screenshot(path=str(shots / "desk-queue.png"), full_page=True)
        page.get_by_role("link", name=piece.headline).click()
        # 2. Its provenance: the supporting span is highlighted, the unsupported one says so.
        assert "officials said." in page.locator("mark").first.inner_text()
        assert page.get_by_text("No supporting source", exact=True).is_visible()
        assert page.get_by_text("sentence 2 has no supporting source span").is_visible()
        page.screenshot(path=str(shots / "desk-review.png"), full_page=True)
        # 3. Fix the unsupported sentence.
        row = page.locator("tr.sentence").nth(1)
        row.get_by_text("Edit this sentence").click()
        row.get_by_role("textbox", name="sentence text").fill(fixed)
        row.get_by_role("button", name="Save sentence").click()
        assert page.get_by_text("Sentence changed.").is_visible()
        # 4. Approve, 5. see it live.
        page.get_by_role("button", name="Approve and publish").click()
        assert page.get_by_text("Approved: the piece is live.").is_visible()
        page.get_by_role("link", name="on the site").click()
        assert page.locator("h1").inner_text() == piece.headline
        assert page.get_by_text("40,000 homes").is_visible()
        # 6. Correct it in the open, 7. see the correction note on the site.
        page.go_back()
        page.get_by_label("Headline").fill("Tidal plant starts feeding the grid in Harbour City")
        page.get_by_label("Correction note shown to readers (required)").fill(
            "An earlier version did not name the city."
        )
        page.screenshot(path=str(shots / "desk-correct.png"), full_page=True)
        page.get_by_role("button", name="Publish the correction").click()
        assert page.get_by_text("Corrected: the note is on the page.").is_visible()
        page.get_by_role("link", name="history").click()
        page.screenshot(path=str(shots / "desk-history.png"), full_page=True)
        page.goto(live_server.url + piece.get_absolute_url())
        note = page.locator(".correction-note").inner_text()
        page.screenshot(path=str(shots / "article-corrected.png"))
        browser.close()
    assert "An earlier version did not name the city." in note
    after = StoryArticle.objects.get(id=piece.id)
    assert after.status == "published" and fixed in after.body
    assert [v.kind for v in after.versions.order_by("number")] == [
        "written", "edited", "published", "corrected",
    ]  # fmt: skip
