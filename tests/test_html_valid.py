"""The Nu HTML Checker (vnu) finds no error on the public pages (issue 15).

vnu is the W3C's checker, a Java program: `npm install vnu-jar` fetches it. Point
VNU_JAR at vnu.jar (or put a `vnu` command on PATH); without it, and without Java, this
test skips. The pages are rendered by Django's test client and checked as files, offline.
"""

import json
import os
import shutil
import subprocess

import pytest

from newsdesk.comments.models import Comment
from tests.factories import make_article, make_category, make_comment, make_story_article, make_tag

VNU_JAR = os.environ.get("VNU_JAR", "")


def _command() -> list[str] | None:
    if VNU_JAR and os.path.exists(VNU_JAR) and shutil.which("java"):
        return ["java", "-jar", VNU_JAR]
    return [shutil.which("vnu")] if shutil.which("vnu") else None


pytestmark = [
    pytest.mark.skipif(_command() is None, reason="no Nu HTML Checker (set VNU_JAR)"),
    pytest.mark.django_db,
]


def test_public_pages_have_no_html_errors(client, tmp_path):
    piece = make_story_article(
        "Storm warning for the northern coast",
        category=make_category("World"),
        tags=[make_tag("Weather")],
        sources=[make_article(), make_article()],
        image="https://img.example/storm.jpg",
    )
    make_story_article("Ferries stay in port", category=make_category("World"))
    top = make_comment(piece, body="Stay safe, everyone.", status=Comment.Status.APPROVED)
    make_comment(piece, parent=top, body="Thanks!", status=Comment.Status.APPROVED)
    year = piece.published_at.strftime("%Y")
    pages = {
        "home": client.get("/"),
        "article": client.get(piece.get_absolute_url()),
        "reply-form": client.get(f"{piece.get_absolute_url()}?replytocom={top.pk}"),
        "category": client.get("/category/world/"),
        "tag": client.get("/tag/weather/"),
        "archive": client.get(f"/{year}/"),
        "search": client.get("/search/?q=storm"),
        "failed-comment": client.post(piece.get_absolute_url(), {"name": "", "body": "x"}),
        "not-found": client.get("/no/such/page/"),
    }
    files = []
    for name, response in pages.items():
        assert response.status_code in (200, 404), name
        files.append(tmp_path / f"{name}.html")
        files[-1].write_bytes(response.content)
    run = subprocess.run(
        [*_command(), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=240,
    )
    messages = json.loads(run.stderr or run.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{m['url'].rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages
    ]
    assert errors == [], "\n".join(errors)
