"""Browser walk: an editor opens every desk screen from the desk's own links and uses the
actions there (bulk-disable a source, queue a re-run, pin a piece, save the settings);
no screen fails, logs a script error or breaks the Content-Security-Policy.

Uses Debian's Chromium like tests/test_browser.py (skips when it is missing). Set
SCREENSHOT_DIR to keep the screenshots (docs/screenshots/desk-*.png were made so).
"""

import os
from datetime import timedelta
from pathlib import Path

from django.utils import timezone

from newsdesk.pipeline.models import TaskRun
from newsdesk.sources.models import Source, SourceEvent
from newsdesk.stories.models import StoryArticle, StoryMember, Webhook, WebhookDelivery
from newsdesk.stories.webhooks import payload
from tests.factories import make_article, make_source, make_story_article, make_user
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, playwright_api, pytestmark  # noqa: F401

TEXT = (
    "The harbour council voted on Monday to rebuild the sea wall before winter, its "
    "chairwoman said. Work starts in October and should take five months."
)


def _seed():
    herald = make_source(name="Coastal Herald", item_count=14)
    gazette = make_source(name="Valley Gazette", error_score=4.5, last_error="HTTP 503 from feed")
    SourceEvent.objects.create(source=gazette, level="error", message="HTTP 503 from feed")
    members = [
        make_article(s, title=f"Sea wall vote ({s.name})", text=TEXT) for s in (herald, gazette)
    ]
    live = make_story_article("Council votes to rebuild the sea wall", sources=members)
    for article in members:
        StoryMember.objects.create(story=live.story, article=article, reasons=["shared names"])
    make_story_article(
        "Ferry timetable changes from May",
        status="draft",
        problems=["sentence 2 has no supporting source span"],
    )
    now = timezone.now()
    TaskRun.objects.create(
        task="process_article", args=[members[0].id], status="success",
        started_at=now - timedelta(minutes=3), duration_s=1.25, result="extracted",
    )  # fmt: skip
    TaskRun.objects.create(
        task="ingest_source", args=[gazette.id], status="failure",
        started_at=now - timedelta(minutes=2), duration_s=0.4, error="HTTP 503 from feed",
    )  # fmt: skip
    hook = Webhook.objects.create(url="https://hooks.example/newsdesk")
    WebhookDelivery.objects.create(
        webhook=hook, event="piece.published", payload=payload("piece.published", live.id),
        state="failed", attempts=5, last_status=500, last_error="HTTP 500",
        log=[{"at": now.isoformat(), "status": 500, "error": "HTTP 500"}],
    )  # fmt: skip
    make_user("administrator", username="ada")
    return live, gazette


def _watch(page, problems: list[str]) -> None:
    """Collect what a person would call broken: script errors, CSP refusals, failed
    requests. /favicon.ico is left out: the admin's pages name no icon, so the browser
    asks for one the public site may not serve."""
    page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    page.on(
        "console",
        lambda m: (
            m.type == "error"
            and "Failed to load resource" not in m.text
            and problems.append(f"console: {m.text}")
        ),
    )
    page.on(
        "response",
        lambda r: (
            r.status >= 400
            and not r.url.endswith("/favicon.ico")
            and problems.append(f"{r.status} {r.url}")
        ),
    )


def test_an_editor_walks_every_desk_screen(live_server, tmp_path):
    live, gazette = _seed()
    shots = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        _watch(page, problems)
        page.goto(live_server.url + "/desk/")
        page.get_by_label("Username").fill("ada")
        page.get_by_label("Password").fill("pw")
        page.get_by_role("button", name="Log in").click()
        # Source health: the failing source is disabled in bulk, then shown as off.
        page.get_by_role("checkbox", name="Valley Gazette").check()
        page.get_by_role("button", name="Disable selected").click()
        assert page.get_by_text("Disabled 1 source(s).").is_visible()
        page.screenshot(path=str(shots / "desk-sources.png"), full_page=True)
        # Stories: from the list to the story, pinned to the home page.
        page.get_by_role("link", name="Stories: why articles were grouped").click()
        page.get_by_role("link", name=f"{live.story_id}: {live.headline}").click()
        assert page.get_by_text("shared names").first.is_visible()
        page.get_by_role("button", name="Pin to the home page").click()
        assert page.get_by_role("button", name="Unpin from the home page").is_visible()
        page.screenshot(path=str(shots / "desk-story.png"), full_page=True)
        # The pipeline log, then a re-run queued for the story.
        page.goto(live_server.url + "/desk/")
        page.get_by_role("link", name="Pipeline runs").click()
        assert page.get_by_text("HTTP 503 from feed").is_visible()
        page.get_by_label("Re-run").select_option("story")
        page.get_by_label("number (article or story id)").fill(str(live.story_id))
        page.get_by_role("button", name="Queue").click()
        assert page.get_by_text(f"Story {live.story_id} queued to be written again.").is_visible()
        page.screenshot(path=str(shots / "desk-runs.png"), full_page=True)
        # Webhook deliveries: the failed one, its attempts and the piece it was about.
        page.goto(live_server.url + "/desk/")
        page.get_by_role("link", name="Webhook deliveries").click()
        assert page.get_by_role("cell", name=live.headline).is_visible()
        assert page.get_by_text("Gave up").is_visible()
        page.screenshot(path=str(shots / "desk-webhooks.png"), full_page=True)
        # Site settings: a new name shows on the public site.
        page.goto(live_server.url + "/desk/")
        page.get_by_role("link", name="Site settings").click()
        page.get_by_label("Name").fill("Harbour Daily")
        page.get_by_role("button", name="Save").click()
        assert page.get_by_text("Site settings saved.").is_visible()
        page.screenshot(path=str(shots / "desk-settings.png"), full_page=True)
        page.goto(live_server.url + "/")
        assert "Harbour Daily" in page.title()
        # The API as the desk links it: the browsable root and the schema it points to.
        page.goto(live_server.url + "/desk/")
        page.get_by_role("link", name="API", exact=True).click()
        assert page.get_by_text("openapi.json").first.is_visible()
        browser.close()
    assert not problems, problems
    assert not Source.objects.get(id=gazette.id).enabled
    assert StoryArticle.objects.get(id=live.id).pinned
